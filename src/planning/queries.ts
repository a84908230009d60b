/** Every Kysely query of the planning module. */
import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../audit/queries.js';
import type { Database } from '../platform/db/schema.js';
import type { HistoryRow } from './history-csv.js';
import type { JobStatus, ScheduledTour } from './tables.js';

type Db = Kysely<Database>;

// ---------------------------------------------------------------- queues and sites

export interface QueueRow {
  id: string;
  code: string;
  nameFr: string;
  nameEn: string;
  serviceLevelTarget: number;
  serviceLevelSeconds: number;
  ahtSeconds: number;
  patienceSeconds: number | null;
  priority: number;
  /** When the queue was last saved: sent back as `expectedUpdatedAt` to guard against lost updates. */
  updatedAt: Date;
}

/**
 * Settings rows carry no version number: `updated_at`, to the millisecond as the API shows it, is the
 * version. A save always moves it forward, even when the clock has not (a fixed clock in tests).
 */
function nextUpdatedAt(previous: Date | null | undefined, now: Date): Date {
  return previous && previous.getTime() >= now.getTime() ? new Date(previous.getTime() + 1) : now;
}

/** The fields whose value changed, as { field: [before, after] }, for the audit trail. */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [field, value] of Object.entries(after)) {
    const previous = before[field];
    if (JSON.stringify(previous) !== JSON.stringify(value)) changes[field] = [previous ?? null, value];
  }
  return changes;
}

export async function listQueues(db: Db): Promise<QueueRow[]> {
  const rows = await db
    .selectFrom('planning_queues')
    .select([
      'id',
      'code',
      'name_fr as nameFr',
      'name_en as nameEn',
      'service_level_target as serviceLevelTarget',
      'service_level_seconds as serviceLevelSeconds',
      'aht_seconds as ahtSeconds',
      'patience_seconds as patienceSeconds',
      'priority',
      'updated_at as updatedAt',
    ])
    .orderBy('priority')
    .orderBy('code')
    .execute();
  return rows.map((row) => ({ ...row, serviceLevelTarget: Number(row.serviceLevelTarget) }));
}

export type SaveOutcome =
  | { outcome: 'created' | 'changed'; id: string }
  /** `expectedUpdatedAt` was sent and someone saved since (or the row is gone): nothing changed. */
  | { outcome: 'stale'; updatedAt: Date | null };

/**
 * Creates or changes a queue in one transaction, audited. With `expectedUpdatedAt`, only if the queue
 * was not saved since it was read.
 */
export async function upsertQueue(
  db: Db,
  queue: Omit<QueueRow, 'id' | 'priority' | 'updatedAt'> & { priority: number | undefined },
  options: { expectedUpdatedAt?: Date; actorUserId: string | null; now: Date },
): Promise<SaveOutcome> {
  const values = {
    code: queue.code,
    name_fr: queue.nameFr,
    name_en: queue.nameEn,
    service_level_target: queue.serviceLevelTarget,
    service_level_seconds: queue.serviceLevelSeconds,
    aht_seconds: queue.ahtSeconds,
    patience_seconds: queue.patienceSeconds,
    ...(queue.priority !== undefined ? { priority: queue.priority } : {}),
  };
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('planning_queues')
      .selectAll()
      .where('code', '=', queue.code)
      .forUpdate()
      .executeTakeFirst();
    if (
      options.expectedUpdatedAt !== undefined &&
      current?.updated_at.getTime() !== options.expectedUpdatedAt.getTime()
    ) {
      return { outcome: 'stale', updatedAt: current?.updated_at ?? null };
    }
    const updatedAt = nextUpdatedAt(current?.updated_at, options.now);
    const row = await trx
      .insertInto('planning_queues')
      .values({ ...values, created_at: options.now, updated_at: updatedAt })
      .onConflict((oc) => oc.column('code').doUpdateSet({ ...values, updated_at: updatedAt }))
      .returning('id')
      .executeTakeFirstOrThrow();
    const before = current
      ? { ...current, service_level_target: Number(current.service_level_target) }
      : ({} as Record<string, unknown>);
    await recordAudit(trx, {
      actorUserId: options.actorUserId,
      action: current ? 'planning.queue_changed' : 'planning.queue_created',
      subjectType: 'planning_queue',
      subjectId: row.id,
      details: { code: queue.code, changes: changedFields(before, values) },
    });
    return { outcome: current ? 'changed' : 'created', id: row.id };
  });
}

export interface PlanningSiteRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  vendorName: string | null;
  country: string;
  seats: number;
  configured: boolean;
  costPerProductiveHour: number | null;
  shrinkage: number | null;
  opensMinute: number | null;
  closesMinute: number | null;
  openWeekdays: number[];
  languages: string[];
  queues: Array<{ queueId: string; seats: number; minimumCallsPerHour: number; ahtSeconds: number | null }>;
  /** When the planning settings were last saved (null: not planned yet); the version sent back on a save. */
  updatedAt: Date | null;
}

/** Call-centre sites (not shops) with their planning settings; `onlySiteId` for vendor staff. */
export async function listPlanningSites(db: Db, onlySiteId?: string): Promise<PlanningSiteRow[]> {
  let query = db
    .selectFrom('sites')
    .leftJoin('planning_sites', 'planning_sites.site_id', 'sites.id')
    .select([
      'sites.id',
      'sites.code',
      'sites.name',
      'sites.kind',
      'sites.vendor_name as vendorName',
      'sites.country',
      'sites.seats',
      'planning_sites.site_id as configuredId',
      'planning_sites.cost_per_productive_hour as cost',
      'planning_sites.shrinkage',
      'planning_sites.opens_minute as opensMinute',
      'planning_sites.closes_minute as closesMinute',
      'planning_sites.open_weekdays as openWeekdays',
      'planning_sites.languages',
      'planning_sites.updated_at as updatedAt',
    ])
    .where('sites.kind', '!=', 'shop');
  if (onlySiteId) query = query.where('sites.id', '=', onlySiteId);
  const sites = await query.orderBy('sites.kind').orderBy('sites.name').execute();
  const links = await db
    .selectFrom('planning_site_queues')
    .select(['site_id', 'queue_id', 'seats', 'minimum_calls_per_hour', 'aht_seconds'])
    .execute();
  return sites.map((site) => ({
    id: site.id,
    code: site.code,
    name: site.name,
    kind: site.kind,
    vendorName: site.vendorName,
    country: site.country,
    seats: site.seats,
    configured: site.configuredId !== null,
    costPerProductiveHour: site.cost === null ? null : Number(site.cost),
    shrinkage: site.shrinkage === null ? null : Number(site.shrinkage),
    opensMinute: site.opensMinute,
    closesMinute: site.closesMinute,
    openWeekdays: site.openWeekdays ? [...site.openWeekdays].map(Number) : [],
    languages: site.languages ? site.languages.split(',') : [],
    queues: links
      .filter((l) => l.site_id === site.id)
      .map((l) => ({
        queueId: l.queue_id,
        seats: l.seats,
        minimumCallsPerHour: Number(l.minimum_calls_per_hour),
        ahtSeconds: l.aht_seconds,
      })),
    updatedAt: site.updatedAt,
  }));
}

export async function findSiteByCode(db: Db, code: string) {
  return db
    .selectFrom('sites')
    .select(['id', 'code', 'name', 'kind', 'seats'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/**
 * Saves a site's planning settings (and its seat count, when given) in one transaction, audited.
 * With `expectedUpdatedAt` (null: not planned yet), only if nobody saved them since they were read.
 */
export async function saveSiteSettings(
  db: Db,
  siteId: string,
  settings: {
    seats?: number;
    costPerProductiveHour: number;
    shrinkage: number;
    opensMinute: number;
    closesMinute: number;
    openWeekdays: string;
    languages: string;
  },
  queues: Array<{ queueId: string; seats: number; minimumCallsPerHour: number; ahtSeconds: number | null }>,
  options: { expectedUpdatedAt?: Date | null; actorUserId: string | null; now: Date },
): Promise<SaveOutcome> {
  const values = {
    cost_per_productive_hour: settings.costPerProductiveHour,
    shrinkage: settings.shrinkage,
    opens_minute: settings.opensMinute,
    closes_minute: settings.closesMinute,
    open_weekdays: settings.openWeekdays,
    languages: settings.languages,
  };
  return db.transaction().execute(async (trx) => {
    const site = await trx
      .selectFrom('sites')
      .select(['seats'])
      .where('id', '=', siteId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const current = await trx
      .selectFrom('planning_sites')
      .selectAll()
      .where('site_id', '=', siteId)
      .forUpdate()
      .executeTakeFirst();
    if (
      options.expectedUpdatedAt !== undefined &&
      (current?.updated_at.getTime() ?? null) !== (options.expectedUpdatedAt?.getTime() ?? null)
    ) {
      return { outcome: 'stale', updatedAt: current?.updated_at ?? null };
    }
    const previousQueues = await trx
      .selectFrom('planning_site_queues')
      .select([
        'queue_id as queueId',
        'seats',
        'minimum_calls_per_hour as minimumCallsPerHour',
        'aht_seconds as ahtSeconds',
      ])
      .where('site_id', '=', siteId)
      .execute();
    const updatedAt = nextUpdatedAt(current?.updated_at, options.now);
    await trx
      .insertInto('planning_sites')
      .values({ site_id: siteId, ...values, updated_at: updatedAt })
      .onConflict((oc) => oc.column('site_id').doUpdateSet({ ...values, updated_at: updatedAt }))
      .execute();
    if (settings.seats !== undefined && settings.seats !== site.seats) {
      await trx.updateTable('sites').set({ seats: settings.seats }).where('id', '=', siteId).execute();
    }
    await trx.deleteFrom('planning_site_queues').where('site_id', '=', siteId).execute();
    if (queues.length > 0) {
      await trx
        .insertInto('planning_site_queues')
        .values(
          queues.map((q) => ({
            site_id: siteId,
            queue_id: q.queueId,
            seats: q.seats,
            minimum_calls_per_hour: q.minimumCallsPerHour,
            aht_seconds: q.ahtSeconds,
          })),
        )
        .execute();
    }
    const before = {
      seats: site.seats,
      ...(current
        ? {
            ...current,
            cost_per_productive_hour: Number(current.cost_per_productive_hour),
            shrinkage: Number(current.shrinkage),
          }
        : {}),
      queues: previousQueues.map((q) => ({ ...q, minimumCallsPerHour: Number(q.minimumCallsPerHour) })),
    };
    await recordAudit(trx, {
      actorUserId: options.actorUserId,
      action: 'planning.site_settings_saved',
      subjectType: 'site',
      subjectId: siteId,
      details: {
        changes: changedFields(before, { seats: settings.seats ?? site.seats, ...values, queues }),
      },
    });
    return { outcome: current ? 'changed' : 'created', id: siteId };
  });
}

// ---------------------------------------------------------------- history

const CHUNK = 20_000;

/** One transaction: the import record and every row (a row for an existing interval replaces it). */
export async function importHistory(
  db: Db,
  fileName: string,
  userId: string,
  rows: HistoryRow[],
  now: Date,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('planning_imports')
      .values({ file_name: fileName, rows: rows.length, imported_by_user_id: userId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const withSite of [false, true]) {
      const group = rows.filter((r) => (r.siteId !== null) === withSite);
      for (let start = 0; start < group.length; start += CHUNK) {
        const chunk = group.slice(start, start + CHUNK);
        const conflict = withSite
          ? sql`(queue_id, site_id, interval_start) where site_id is not null`
          : sql`(queue_id, interval_start) where site_id is null`;
        await sql`
          insert into planning_history
            (queue_id, site_id, interval_start, offered, answered, abandoned, answered_in_sl, aht_seconds, import_id)
          select q, s, t, o, a, ab, sl, aht, ${id}::uuid from unnest(
            ${chunk.map((r) => r.queueId)}::uuid[], ${chunk.map((r) => r.siteId)}::uuid[],
            ${chunk.map((r) => r.intervalStart.toISOString())}::timestamptz[], ${chunk.map((r) => r.offered)}::int[],
            ${chunk.map((r) => r.answered)}::int[], ${chunk.map((r) => r.abandoned)}::int[],
            ${chunk.map((r) => r.answeredInSl)}::int[], ${chunk.map((r) => r.ahtSeconds)}::real[]
          ) as u(q, s, t, o, a, ab, sl, aht)
          on conflict ${conflict} do update set offered = excluded.offered, answered = excluded.answered,
            abandoned = excluded.abandoned, answered_in_sl = excluded.answered_in_sl,
            aht_seconds = excluded.aht_seconds, import_id = excluded.import_id`.execute(trx);
      }
    }
    return id;
  });
}

export interface DailyHistoryRow {
  queueId: string;
  date: string;
  offered: number;
  answered: number;
  abandoned: number;
  ahtSeconds: number | null;
}

/** Offered, answered, abandoned and mean handle time per queue and Paris day. */
export async function dailyHistory(
  db: Db,
  filter: { queueId?: string; from?: string; to?: string } = {},
): Promise<DailyHistoryRow[]> {
  const day = sql<string>`((interval_start at time zone 'Europe/Paris')::date)`;
  let query = db
    .selectFrom('planning_history')
    .select([
      'queue_id as queueId',
      sql<string>`${day}::text`.as('date'),
      sql<number>`sum(offered)::int`.as('offered'),
      sql<number>`sum(answered)::int`.as('answered'),
      sql<number>`sum(abandoned)::int`.as('abandoned'),
      sql<number | null>`(sum(aht_seconds * answered) / nullif(sum(answered), 0))::float8`.as('ahtSeconds'),
    ])
    .groupBy(['queue_id', day])
    .orderBy('queue_id')
    .orderBy(day);
  if (filter.queueId) query = query.where('queue_id', '=', filter.queueId);
  if (filter.from) query = query.where(day, '>=', sql<string>`${filter.from}::date`);
  if (filter.to) query = query.where(day, '<=', sql<string>`${filter.to}::date`);
  return query.execute();
}

/** Offered per queue, ISO weekday (1..7) and quarter-hour slot (0..95) over `weeks` weeks before `before`. */
export async function intradayShares(
  db: Db,
  before: string,
  weeks: number,
): Promise<Array<{ queueId: string; weekday: number; slot: number; offered: number }>> {
  const local = sql`(interval_start at time zone 'Europe/Paris')`;
  return db
    .selectFrom('planning_history')
    .select([
      'queue_id as queueId',
      sql<number>`extract(isodow from ${local})::int`.as('weekday'),
      sql<number>`(extract(hour from ${local}) * 4 + extract(minute from ${local}) / 15)::int`.as('slot'),
      sql<number>`sum(offered)::int`.as('offered'),
    ])
    .where(sql<boolean>`${local} < ${before}::date`)
    .where(sql<boolean>`${local} >= ${before}::date - ${weeks * 7}::int`)
    .groupBy(['queue_id', sql`2`, sql`3`])
    .execute();
}

export async function historySummary(db: Db) {
  return db
    .selectFrom('planning_history')
    .select([
      'queue_id as queueId',
      sql<string | null>`(min(interval_start) at time zone 'Europe/Paris')::date::text`.as('firstDay'),
      sql<string | null>`(max(interval_start) at time zone 'Europe/Paris')::date::text`.as('lastDay'),
      sql<number>`count(*)::int`.as('intervals'),
      sql<number>`sum(offered)::int`.as('offered'),
    ])
    .groupBy('queue_id')
    .execute();
}

export async function listImports(db: Db, limit: number) {
  return db
    .selectFrom('planning_imports')
    .leftJoin('users', 'users.id', 'planning_imports.imported_by_user_id')
    .select([
      'planning_imports.id',
      'planning_imports.file_name as fileName',
      'planning_imports.rows',
      'planning_imports.created_at as createdAt',
      'users.display_name as importedBy',
    ])
    .orderBy('planning_imports.created_at', 'desc')
    .limit(limit)
    .execute();
}

// ---------------------------------------------------------------- scenarios

export async function listScenarios(db: Db, limit: number, after: { updatedAt: string; id: string } | null) {
  let query = db
    .selectFrom('planning_scenarios as s')
    .leftJoin('users', 'users.id', 's.created_by_user_id')
    .select([
      's.id',
      's.name',
      's.current_version as version',
      's.is_reference as isReference',
      's.created_at as createdAt',
      's.updated_at as updatedAt',
      'users.display_name as createdBy',
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('planning_result_queues as r')
              .select('r.queue_id')
              .whereRef('r.scenario_id', '=', 's.id')
              .whereRef('r.version', '=', 's.current_version'),
          )
          .as('computed'),
    ]);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('s.updated_at', '<', new Date(after.updatedAt)),
        eb.and([eb('s.updated_at', '=', new Date(after.updatedAt)), eb('s.id', '<', after.id)]),
      ]),
    );
  }
  return query
    .orderBy('s.updated_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(limit + 1)
    .execute();
}

export async function getScenario(db: Db, id: string, version?: number) {
  const scenario = await db
    .selectFrom('planning_scenarios')
    .select([
      'id',
      'name',
      'current_version as currentVersion',
      'is_reference as isReference',
      'created_at as createdAt',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!scenario) return undefined;
  const row = await db
    .selectFrom('planning_scenario_versions as v')
    .leftJoin('users', 'users.id', 'v.created_by_user_id')
    .select(['v.version', 'v.name', 'v.definition', 'v.created_at as createdAt', 'users.display_name as createdBy'])
    .where('v.scenario_id', '=', id)
    .where('v.version', '=', version ?? scenario.currentVersion)
    .executeTakeFirst();
  if (!row) return { scenario, version: undefined };
  return { scenario, version: row };
}

export async function listVersions(db: Db, id: string) {
  return db
    .selectFrom('planning_scenario_versions as v')
    .leftJoin('users', 'users.id', 'v.created_by_user_id')
    .select(['v.version', 'v.name', 'v.created_at as createdAt', 'users.display_name as createdBy'])
    .where('v.scenario_id', '=', id)
    .orderBy('v.version', 'desc')
    .execute();
}

export async function createScenario(
  db: Db,
  name: string,
  definition: unknown,
  userId: string,
  now: Date,
  isReference = false,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('planning_scenarios')
      .values({ name, created_by_user_id: userId, created_at: now, updated_at: now, is_reference: isReference })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('planning_scenario_versions')
      .values({
        scenario_id: id,
        version: 1,
        name,
        definition: JSON.stringify(definition),
        created_by_user_id: userId,
        created_at: now,
      })
      .execute();
    return id;
  });
}

/** A new version if nobody saved one since `expectedVersion`; null otherwise (or unknown scenario). */
export async function addScenarioVersion(
  db: Db,
  id: string,
  expectedVersion: number,
  name: string,
  definition: unknown,
  userId: string,
  now: Date,
): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable('planning_scenarios')
      .set({ current_version: expectedVersion + 1, name, updated_at: now })
      .where('id', '=', id)
      .where('current_version', '=', expectedVersion)
      .returning('current_version')
      .executeTakeFirst();
    if (!moved) return null;
    await trx
      .insertInto('planning_scenario_versions')
      .values({
        scenario_id: id,
        version: moved.current_version,
        name,
        definition: JSON.stringify(definition),
        created_by_user_id: userId,
        created_at: now,
      })
      .execute();
    return moved.current_version;
  });
}

export async function setReferenceScenario(db: Db, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('planning_scenarios').set({ is_reference: false }).where('is_reference', '=', true).execute();
    await trx.updateTable('planning_scenarios').set({ is_reference: true }).where('id', '=', id).execute();
  });
}

export async function referenceScenarioId(db: Db): Promise<string | undefined> {
  const row = await db
    .selectFrom('planning_scenarios')
    .select('id')
    .where('is_reference', '=', true)
    .executeTakeFirst();
  return row?.id;
}

// ---------------------------------------------------------------- jobs

export interface JobRow {
  id: string;
  kind: 'scenario' | 'schedule';
  scenarioId: string;
  version: number;
  siteId: string | null;
  weekStart: string | null;
  status: JobStatus;
  progress: number;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const jobColumns = [
  'id',
  'kind',
  'scenario_id as scenarioId',
  'version',
  'site_id as siteId',
  'week_start as weekStart',
  'status',
  'progress',
  'error',
  'created_at as createdAt',
  'started_at as startedAt',
  'finished_at as finishedAt',
] as const;

export async function insertJob(
  db: Db,
  job: { kind: 'scenario' | 'schedule'; scenarioId: string; version: number; siteId?: string; weekStart?: string },
  userId: string | null,
  now: Date,
): Promise<JobRow> {
  return db
    .insertInto('planning_jobs')
    .values({
      kind: job.kind,
      scenario_id: job.scenarioId,
      version: job.version,
      site_id: job.siteId ?? null,
      week_start: job.weekStart ?? null,
      created_by_user_id: userId,
      created_at: now,
      error: null,
      started_at: null,
      finished_at: null,
    })
    .returning(jobColumns)
    .executeTakeFirstOrThrow();
}

export async function getJob(db: Db, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('planning_jobs').select(jobColumns).where('id', '=', id).executeTakeFirst();
}

/** The queued or running job doing the same thing, to start it only once. */
export async function findActiveJob(
  db: Db,
  job: { kind: 'scenario' | 'schedule'; scenarioId: string; version: number; siteId?: string; weekStart?: string },
): Promise<JobRow | undefined> {
  let query = db
    .selectFrom('planning_jobs')
    .select(jobColumns)
    .where('kind', '=', job.kind)
    .where('scenario_id', '=', job.scenarioId)
    .where('version', '=', job.version)
    .where('status', 'in', ['queued', 'running']);
  if (job.siteId) query = query.where('site_id', '=', job.siteId);
  if (job.weekStart) query = query.where('week_start', '=', job.weekStart);
  return query.orderBy('created_at', 'desc').executeTakeFirst();
}

export async function latestJob(db: Db, scenarioId: string, version: number, kind: 'scenario' | 'schedule') {
  return db
    .selectFrom('planning_jobs')
    .select(jobColumns)
    .where('scenario_id', '=', scenarioId)
    .where('version', '=', version)
    .where('kind', '=', kind)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Moves a job on, only from a status that allows it; false when it had already ended (e.g. cancelled). */
export async function updateJob(
  db: Db,
  id: string,
  change: { status?: JobStatus; progress?: number; error?: string | null; startedAt?: Date; finishedAt?: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('planning_jobs')
    .set({
      ...(change.status ? { status: change.status } : {}),
      ...(change.progress !== undefined ? { progress: change.progress } : {}),
      ...(change.error !== undefined ? { error: change.error } : {}),
      ...(change.startedAt ? { started_at: change.startedAt } : {}),
      ...(change.finishedAt ? { finished_at: change.finishedAt } : {}),
    })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// ---------------------------------------------------------------- results

export interface StoredSiteQueue {
  siteId: string;
  queueId: string;
  calls: number[];
  agents: number[];
  scheduled: number[];
  cost: number;
}

export async function saveResults(
  db: Db,
  scenarioId: string,
  version: number,
  startDate: string,
  intervals: number,
  siteQueues: StoredSiteQueue[],
  queues: Array<{ queueId: string; calls: number[]; pooledAgents: number[]; unallocated: number[] }>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('planning_results')
      .where('scenario_id', '=', scenarioId)
      .where('version', '=', version)
      .execute();
    await trx
      .deleteFrom('planning_result_queues')
      .where('scenario_id', '=', scenarioId)
      .where('version', '=', version)
      .execute();
    for (const row of siteQueues) {
      await trx
        .insertInto('planning_results')
        .values({
          scenario_id: scenarioId,
          version,
          site_id: row.siteId,
          queue_id: row.queueId,
          start_date: startDate,
          intervals,
          calls: JSON.stringify(row.calls),
          agents: JSON.stringify(row.agents),
          scheduled: JSON.stringify(row.scheduled),
          cost: row.cost.toFixed(2),
        })
        .execute();
    }
    for (const row of queues) {
      await trx
        .insertInto('planning_result_queues')
        .values({
          scenario_id: scenarioId,
          version,
          queue_id: row.queueId,
          calls: JSON.stringify(row.calls),
          pooled_agents: JSON.stringify(row.pooledAgents),
          unallocated: JSON.stringify(row.unallocated),
        })
        .execute();
    }
  });
}

export async function loadSiteResults(db: Db, scenarioId: string, version: number, onlySiteId?: string) {
  let query = db
    .selectFrom('planning_results')
    .select([
      'site_id as siteId',
      'queue_id as queueId',
      'start_date as startDate',
      'intervals',
      'calls',
      'agents',
      'scheduled',
      'cost',
    ])
    .where('scenario_id', '=', scenarioId)
    .where('version', '=', version);
  if (onlySiteId) query = query.where('site_id', '=', onlySiteId);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, cost: Number(r.cost) }));
}

export async function loadQueueResults(db: Db, scenarioId: string, version: number) {
  return db
    .selectFrom('planning_result_queues')
    .select(['queue_id as queueId', 'calls', 'pooled_agents as pooledAgents', 'unallocated'])
    .where('scenario_id', '=', scenarioId)
    .where('version', '=', version)
    .execute();
}

export async function hasResults(db: Db, scenarioId: string, version: number): Promise<boolean> {
  const row = await db
    .selectFrom('planning_result_queues')
    .select('queue_id')
    .where('scenario_id', '=', scenarioId)
    .where('version', '=', version)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

// ---------------------------------------------------------------- schedules

export async function insertSchedule(
  db: Db,
  schedule: {
    scenarioId: string;
    version: number;
    siteId: string;
    weekStart: string;
    method: string;
    tours: ScheduledTour[];
    required: number[];
    coverage: number[];
    agents: number;
  },
  userId: string | null,
  now: Date,
): Promise<string> {
  const row = await db
    .insertInto('planning_schedules')
    .values({
      scenario_id: schedule.scenarioId,
      version: schedule.version,
      site_id: schedule.siteId,
      week_start: schedule.weekStart,
      method: schedule.method,
      tours: JSON.stringify(schedule.tours),
      required: JSON.stringify(schedule.required),
      coverage: JSON.stringify(schedule.coverage),
      agents: schedule.agents,
      created_by_user_id: userId,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listSchedules(db: Db, scenarioId: string, onlySiteId?: string) {
  let query = db
    .selectFrom('planning_schedules as p')
    .innerJoin('sites', 'sites.id', 'p.site_id')
    .select([
      'p.id',
      'p.version',
      'p.site_id as siteId',
      'sites.code as siteCode',
      'sites.name as siteName',
      'p.week_start as weekStart',
      'p.method',
      'p.agents',
      'p.created_at as createdAt',
    ])
    .where('p.scenario_id', '=', scenarioId);
  if (onlySiteId) query = query.where('p.site_id', '=', onlySiteId);
  return query.orderBy('p.created_at', 'desc').limit(100).execute();
}

export async function getSchedule(db: Db, id: string) {
  return db
    .selectFrom('planning_schedules as p')
    .innerJoin('sites', 'sites.id', 'p.site_id')
    .select([
      'p.id',
      'p.scenario_id as scenarioId',
      'p.version',
      'p.site_id as siteId',
      'sites.code as siteCode',
      'sites.name as siteName',
      'p.week_start as weekStart',
      'p.method',
      'p.tours',
      'p.required',
      'p.coverage',
      'p.agents',
      'p.created_at as createdAt',
    ])
    .where('p.id', '=', id)
    .executeTakeFirst();
}

// ---------------------------------------------------------------- achieved

/** History per Paris day, site and queue (rows that name a site). */
export async function achievedBySiteDay(db: Db, from: string, to: string, onlySiteId?: string) {
  const day = sql<string>`((interval_start at time zone 'Europe/Paris')::date)`;
  let query = db
    .selectFrom('planning_history')
    .select([
      sql<string>`${day}::text`.as('date'),
      'site_id as siteId',
      'queue_id as queueId',
      sql<number>`sum(offered)::int`.as('offered'),
      sql<number>`sum(answered)::int`.as('answered'),
      sql<number>`sum(abandoned)::int`.as('abandoned'),
      sql<number | null>`sum(answered_in_sl)::int`.as('answeredInSl'),
      sql<number>`coalesce(sum(aht_seconds * answered), 0)::float8`.as('handleSeconds'),
    ])
    .where('site_id', 'is not', null)
    .where(day, '>=', sql<string>`${from}::date`)
    .where(day, '<=', sql<string>`${to}::date`)
    .groupBy([day, 'site_id', 'queue_id']);
  if (onlySiteId) query = query.where('site_id', '=', onlySiteId);
  return query.execute() as Promise<
    Array<{
      date: string;
      siteId: string;
      queueId: string;
      offered: number;
      answered: number;
      abandoned: number;
      answeredInSl: number | null;
      handleSeconds: number;
    }>
  >;
}

/** Contacts recorded in case files (phone and chat, inbound) per Paris day and the handling advisor's site. */
export async function caseContactsBySiteDay(db: Db, from: string, to: string, onlySiteId?: string) {
  const day = sql<string>`((ci.occurred_at at time zone 'Europe/Paris')::date)`;
  let query = db
    .selectFrom('case_interactions as ci')
    .innerJoin('users as u', (join) =>
      join.on(sql<boolean>`u.id = coalesce(ci.handled_by_user_id, ci.recorded_by_user_id)`),
    )
    .select([sql<string>`${day}::text`.as('date'), 'u.site_id as siteId', sql<number>`count(*)::int`.as('contacts')])
    .where('ci.direction', '=', 'inbound')
    .where('ci.channel', 'in', ['phone_in', 'chat'])
    .where('u.site_id', 'is not', null)
    .where(day, '>=', sql<string>`${from}::date`)
    .where(day, '<=', sql<string>`${to}::date`)
    .groupBy([day, 'u.site_id']);
  if (onlySiteId) query = query.where('u.site_id', '=', onlySiteId);
  return query.execute() as Promise<Array<{ date: string; siteId: string; contacts: number }>>;
}
