/**
 * Planning API: queues and sites, history import and forecasts, versioned scenarios computed
 * in worker threads (jobs polled and cancellable), schedules, achieved vs planned.
 * Planners write; planners and directors read; staff of a vendor site see only their site.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireAccess } from '../identity/auth.js';
import type { Permission } from '../identity/roles.js';
import type { AppContext } from '../platform/http/context.js';
import { decodeCursor, encodeCursor } from '../platform/http/cursor.js';
import { HttpProblem, badRequest, conflict, forbidden, notFound } from '../platform/http/problem.js';
import { defineRoute } from '../platform/http/route.js';
import { backtest, dayNumber, fitHoltWinters, forecastDaily, isoDate } from '../wfm/index.js';
import { INTERVALS_PER_DAY, type ComputeResult, effectiveSites } from './compute.js';
import { parseHistoryCsv } from './history-csv.js';
import { dailySeries, holidaysBetween, loadComputeInput, toComputeSites } from './inputs.js';
import { PlanningJobs } from './jobs.js';
import {
  type JobRow,
  type PlanningSiteRow,
  achievedBySiteDay,
  addScenarioVersion,
  caseContactsBySiteDay,
  createScenario,
  dailyHistory,
  findActiveJob,
  findSiteByCode,
  getJob,
  getSchedule,
  getScenario,
  hasResults,
  historySummary,
  importHistory,
  insertJob,
  insertSchedule,
  latestJob,
  listImports,
  listPlanningSites,
  listQueues,
  listScenarios,
  listSchedules,
  listVersions,
  loadQueueResults,
  loadSiteResults,
  referenceScenarioId,
  saveResults,
  saveSiteSettings,
  setReferenceScenario,
  updateJob,
  upsertQueue,
} from './queries.js';
import {
  achievedVsPlanned,
  compareSummaries,
  intervalWindow,
  resultCsv,
  resultSummary,
  type SiteInfo,
} from './present.js';
import { coverageGaps, type SiteSchedule } from './schedule.js';
import {
  type ScenarioDefinition,
  achievedQuery,
  compareQuery,
  forecastQuery,
  historyQuery,
  listQuery,
  queueBody,
  queueParams,
  resultQuery,
  scenarioBody,
  scenarioUpdateBody,
  scheduleBody,
  siteParams,
  siteSettingsBody,
  uuidParams,
  versionQuery,
} from './schema.js';
import { z } from 'zod';

const jobsByApp = new WeakMap<FastifyInstance, PlanningJobs>();

/** A year of 15-minute history for a dozen queues and sites is well under this. */
const CSV_LIMIT = 32 * 1024 * 1024;

/** A year computes in seconds: a job still "running" after this long was left by a stopped server. */
const STALE_JOB_MS = 15 * 60_000;

/** The job runner of an app (tests wait for it). */
export function planningJobsOf(app: FastifyInstance): PlanningJobs | undefined {
  return jobsByApp.get(app);
}

const invalid = (field: string, message: string) => badRequest(`${field}: ${message}`, [{ field, message }]);

/** The one access check: the permission, and the site the caller is limited to (vendor staff). */
function planningAccess(request: FastifyRequest, permission: Permission): { userId: string; siteId?: string } {
  const user = requireAccess(request, permission);
  if (user.site?.kind === 'vendor') {
    if (permission === 'planning:write') throw forbidden('Vendor sites read their own planning figures only.');
    return { userId: user.id, siteId: user.site.id };
  }
  return { userId: user.id };
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

function presentSite(site: PlanningSiteRow) {
  return {
    ...site,
    opensAt: site.opensMinute === null ? null : hhmm(site.opensMinute),
    closesAt: site.closesMinute === null ? null : hhmm(site.closesMinute),
  };
}

/** 409 for a save based on settings someone else has saved since (optimistic concurrency). */
function staleSettings(what: string, updatedAt: Date | null) {
  return new HttpProblem(
    409,
    'Conflict',
    updatedAt
      ? `Someone else saved ${what} at ${updatedAt.toISOString()}, after you read it. Nothing was changed: reload and apply your change again.`
      : `${what[0]?.toUpperCase()}${what.slice(1)} does not exist as you read it. Nothing was changed: reload and apply your change again.`,
    undefined,
    { updatedAt },
  );
}

function presentJob(job: JobRow) {
  return {
    id: job.id,
    kind: job.kind,
    scenarioId: job.scenarioId,
    version: job.version,
    siteId: job.siteId,
    weekStart: job.weekStart,
    status: job.status,
    progress: Math.round(job.progress * 1000) / 1000,
    error: job.error,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}

export function registerPlanningRoutes(app: FastifyInstance, ctx: AppContext): void {
  const jobs = new PlanningJobs(ctx.db, ctx.clock);
  jobsByApp.set(app, jobs);
  app.addHook('onClose', async () => jobs.close());

  async function siteInfos(definition: ScenarioDefinition | null, onlySiteId?: string): Promise<SiteInfo[]> {
    const sites = await listPlanningSites(ctx.db, onlySiteId);
    const effective = definition ? effectiveSites(toComputeSites(sites), definition) : toComputeSites(sites);
    return sites.map((s) => ({
      id: s.id,
      code: s.code,
      name: s.name,
      kind: s.kind,
      vendorName: s.vendorName,
      costPerProductiveHour:
        effective.find((e) => e.id === s.id)?.costPerProductiveHour ?? s.costPerProductiveHour ?? 0,
    }));
  }

  async function checkDefinition(definition: ScenarioDefinition, prefix: string) {
    const [queues, sites] = await Promise.all([listQueues(ctx.db), listPlanningSites(ctx.db)]);
    const queueCodes = new Set(queues.map((q) => q.code));
    const siteCodes = new Set(sites.filter((s) => s.configured).map((s) => s.code));
    definition.queues.forEach((q, i) => {
      if (!queueCodes.has(q.queue)) throw invalid(`${prefix}.queues.${i}.queue`, `"${q.queue}" is not a queue`);
    });
    definition.launch?.queueShares.forEach((q, i) => {
      if (!queueCodes.has(q.queue))
        throw invalid(`${prefix}.launch.queueShares.${i}.queue`, `"${q.queue}" is not a queue`);
    });
    definition.sites.forEach((s, i) => {
      if (!siteCodes.has(s.site)) throw invalid(`${prefix}.sites.${i}.site`, `"${s.site}" is not a planned site`);
    });
  }

  async function loadScenario(id: string, version?: number) {
    const found = await getScenario(ctx.db, id, version);
    if (!found) throw notFound('The scenario');
    if (!found.version) throw notFound(`Version ${version} of the scenario`);
    return { ...found.scenario, ...found.version, definition: found.version.definition as ScenarioDefinition };
  }

  /**
   * The job already doing this, if any. A job left queued or running by a server that stopped
   * (not running here, older than any real computation) is marked failed so that it can be redone.
   */
  async function activeJob(job: Parameters<typeof findActiveJob>[1]): Promise<JobRow | undefined> {
    const active = await findActiveJob(ctx.db, job);
    if (!active || jobs.isRunningHere(active.id)) return active;
    if (ctx.clock.now().getTime() - active.createdAt.getTime() < STALE_JOB_MS) return active;
    await updateJob(ctx.db, active.id, {
      status: 'failed',
      error: 'Interrupted: the server running it stopped.',
      finishedAt: ctx.clock.now(),
    });
    return undefined;
  }

  /** Starts (or finds) the computation of a scenario version. */
  async function startCompute(scenarioId: string, version: number, userId: string | null): Promise<JobRow> {
    const active = await activeJob({ kind: 'scenario', scenarioId, version });
    if (active) return active;
    const scenario = await loadScenario(scenarioId, version);
    const loaded = await loadComputeInput(ctx.db, scenario.definition);
    const job = await insertJob(ctx.db, { kind: 'scenario', scenarioId, version }, userId, ctx.clock.now());
    jobs.start<ComputeResult>(job.id, { kind: 'scenario', input: loaded.input }, async (result) => {
      await saveResults(
        ctx.db,
        scenarioId,
        version,
        result.startDate,
        result.intervals,
        result.siteQueues,
        result.queues,
      );
    });
    return job;
  }

  async function computedResult(scenarioId: string, version: number, onlySiteId?: string) {
    if (!(await hasResults(ctx.db, scenarioId, version))) {
      const job = await latestJob(ctx.db, scenarioId, version, 'scenario');
      throw new HttpProblem(
        409,
        'Not computed',
        'This scenario version has no result yet: compute it (POST …/compute) and poll the job.',
        undefined,
        { job: job ? presentJob(job) : null },
      );
    }
    const [siteQueues, queueSeries] = await Promise.all([
      loadSiteResults(ctx.db, scenarioId, version, onlySiteId),
      onlySiteId ? Promise.resolve([]) : loadQueueResults(ctx.db, scenarioId, version),
    ]);
    return { siteQueues, queueSeries };
  }

  // ------------------------------------------------------------ queues and sites

  defineRoute(app, {
    method: 'GET',
    url: '/api/planning/queues',
    summary: 'Queues with their service-level targets and handle times (planner, director)',
    tags: ['planning'],
    handler: async ({ request }) => {
      planningAccess(request, 'planning:read');
      return { items: await listQueues(ctx.db) };
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/planning/queues/:code',
    summary: 'Create or change a queue (planner)',
    tags: ['planning'],
    params: queueParams,
    body: queueBody,
    responses: {
      200: 'Changed',
      201: 'Created',
      400: 'Invalid field (named)',
      403: 'Not a planner',
      409: 'Saved by someone else since `expectedUpdatedAt`: nothing changed',
    },
    handler: async ({ request, params, body, reply }) => {
      const access = planningAccess(request, 'planning:write');
      if (body.code !== params.code) throw invalid('body.code', 'must match the code in the URL');
      const { expectedUpdatedAt, ...queue } = body;
      const saved = await upsertQueue(
        ctx.db,
        { ...queue, patienceSeconds: queue.patienceSeconds ?? null, priority: queue.priority },
        { expectedUpdatedAt, actorUserId: access.userId, now: ctx.clock.now() },
      );
      if (saved.outcome === 'stale') throw staleSettings(`the queue ${params.code}`, saved.updatedAt);
      reply.code(saved.outcome === 'created' ? 201 : 200);
      return (await listQueues(ctx.db)).find((q) => q.id === saved.id);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/planning/sites',
    summary: 'Call-centre sites and vendors with seats, hours, cost, shrinkage and the queues they serve',
    tags: ['planning'],
    handler: async ({ request }) => {
      const access = planningAccess(request, 'planning:read');
      const sites = await listPlanningSites(ctx.db, access.siteId);
      return { items: sites.map(presentSite) };
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/planning/sites/:code',
    summary: 'Planning settings of a site: cost, shrinkage, hours, queues served with seats and minimums (planner)',
    tags: ['planning'],
    params: siteParams,
    body: siteSettingsBody,
    responses: {
      200: 'Saved',
      400: 'Invalid field (named)',
      403: 'Not a planner',
      404: 'Unknown site',
      409: 'Saved by someone else since `expectedUpdatedAt`: nothing changed',
    },
    handler: async ({ request, params, body }) => {
      const access = planningAccess(request, 'planning:write');
      const site = await findSiteByCode(ctx.db, params.code);
      if (!site || site.kind === 'shop') throw notFound(`The call-centre site ${params.code}`);
      const queues = await listQueues(ctx.db);
      const links = body.queues.map((q, i) => {
        const queue = queues.find((x) => x.code === q.queue);
        if (!queue) throw invalid(`body.queues.${i}.queue`, `"${q.queue}" is not a queue`);
        return {
          queueId: queue.id,
          seats: q.seats,
          minimumCallsPerHour: q.minimumCallsPerHour ?? 0,
          ahtSeconds: q.ahtSeconds ?? null,
        };
      });
      if (new Set(links.map((l) => l.queueId)).size !== links.length)
        throw invalid('body.queues', 'lists a queue twice');
      const seats = links.reduce((n, l) => n + l.seats, 0);
      if (body.seats !== undefined && seats > body.seats)
        throw invalid('body.seats', `must be at least the ${seats} seats dedicated to the queues`);
      if (seats > site.seats && body.seats === undefined)
        throw invalid('body.queues', `dedicate ${seats} seats but the site has ${site.seats}`);
      const saved = await saveSiteSettings(
        ctx.db,
        site.id,
        {
          seats: body.seats,
          costPerProductiveHour: body.costPerProductiveHour,
          shrinkage: body.shrinkage,
          opensMinute: minutes(body.opensAt),
          closesMinute: minutes(body.closesAt),
          openWeekdays: [...new Set(body.openWeekdays)].sort().join(''),
          languages: body.languages.join(','),
        },
        links,
        { expectedUpdatedAt: body.expectedUpdatedAt, actorUserId: access.userId, now: ctx.clock.now() },
      );
      if (saved.outcome === 'stale') throw staleSettings(`the planning settings of ${params.code}`, saved.updatedAt);
      const [fresh] = await listPlanningSites(ctx.db, site.id);
      return fresh && presentSite(fresh);
    },
  });

  // ------------------------------------------------------------ history and forecast

  defineRoute(app, {
    method: 'GET',
    url: '/api/planning/history',
    summary: 'Contact history: per queue its span, and offered/answered/abandoned/AHT per Paris day',
    tags: ['planning'],
    query: historyQuery,
    handler: async ({ request, query }) => {
      const access = planningAccess(request, 'planning:read');
      // Queue volumes are what vendors are sized on; who imported what stays with the operator.
      const [summary, imports] = await Promise.all([
        historySummary(ctx.db),
        access.siteId ? Promise.resolve([]) : listImports(ctx.db, 20),
      ]);
      const lastDay = summary.reduce<string | null>(
        (max, q) => (q.lastDay && (!max || q.lastDay > max) ? q.lastDay : max),
        null,
      );
      const to = query.to ?? lastDay ?? isoDate(dayNumber('now', ctx.clock.now().toISOString().slice(0, 10)));
      const from = query.from ?? isoDate(dayNumber('to', to) - 55);
      if (from > to) throw invalid('query.from', 'must be on or before to');
      if (dayNumber('to', to) - dayNumber('from', from) > 400) throw invalid('query.from', 'at most 400 days');
      return { queues: summary, imports, from, to, days: await dailyHistory(ctx.db, { from, to }) };
    },
  });

  // CSV bodies only here: the parser lives in this plugin's scope, not the whole API's.
  void app.register(async (scoped) => {
    scoped.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: CSV_LIMIT }, (_request, body, done) =>
      done(null, body),
    );
    defineRoute(scoped, {
      method: 'POST',
      url: '/api/planning/history',
      summary:
        'Import contact history as CSV (text/csv): queue, interval_start, offered, answered, abandoned, aht_seconds [, site, answered_in_sl]',
      tags: ['planning'],
      bodyLimit: CSV_LIMIT,
      query: z.strictObject({
        /** Name of the imported file, kept with the import */
        fileName: z.string().trim().min(1).max(200).default('history.csv'),
      }),
      body: z.string({ error: 'must be a CSV file sent as text/csv' }),
      responses: {
        201: 'Imported (all rows, in one transaction)',
        400: 'Bad rows, each named by line number and column in `errors`; nothing was imported',
        403: 'Not a planner',
      },
      handler: async ({ request, query, body, reply }) => {
        const access = planningAccess(request, 'planning:write');
        const [queues, sites] = await Promise.all([listQueues(ctx.db), listPlanningSites(ctx.db)]);
        const parsed = parseHistoryCsv(
          body,
          new Map(queues.map((q) => [q.code, q.id])),
          new Map(sites.map((s) => [s.code, s.id])),
        );
        if (!parsed.ok) {
          throw new HttpProblem(
            400,
            'Invalid CSV',
            `${parsed.errorCount} error(s); nothing was imported. First: line ${parsed.errors[0]?.line}, ${parsed.errors[0]?.column}: ${parsed.errors[0]?.message}`,
            parsed.errors.map((e) => ({ field: `line ${e.line}.${e.column}`, message: e.message })),
            { lines: parsed.errors, errorCount: parsed.errorCount },
          );
        }
        const id = await importHistory(ctx.db, query.fileName, access.userId, parsed.rows, ctx.clock.now());
        reply.code(201);
        return { id, rows: parsed.rows.length };
      },
    });
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/planning/queues/:code/forecast',
    summary: 'Daily forecast of a queue (Holt-Winters) with its backtest accuracy (WAPE on held-out days)',
    tags: ['planning'],
    params: queueParams,
    query: forecastQuery,
    responses: { 200: 'Actual, backtest and forecast per day', 404: 'Unknown queue', 409: 'Not enough history' },
    handler: async ({ request, params, query }) => {
      planningAccess(request, 'planning:read');
      const queue = (await listQueues(ctx.db)).find((q) => q.code === params.code);
      if (!queue) throw notFound(`The queue ${params.code}`);
      const series = (await dailySeries(ctx.db)).get(queue.id);
      if (!series || series.values.length < query.holdoutDays + 28)
        throw conflict(`The queue needs at least ${query.holdoutDays + 28} days of history for this backtest.`);
      const first = dayNumber('startDate', series.startDate);
      const lastYear = Number(isoDate(first + series.values.length + query.days).slice(0, 4));
      const holidays = new Set(holidaysBetween(Number(series.startDate.slice(0, 4)), lastYear));
      const specialDays = series.values.map((_, d) => isoDate(first + d)).filter((d) => holidays.has(d));
      // Closed days (0 calls) would divide by zero in multiplicative seasonality: shift by one call.
      const shifted = { startDate: series.startDate, values: series.values.map((v) => v + 1) };
      const test = backtest(shifted, query.holdoutDays, { specialDays });
      const model = fitHoltWinters(shifted, { specialDays });
      const overrides = [];
      for (let h = 1; h <= query.days; h++) {
        const date = isoDate(first + series.values.length - 1 + h);
        if (holidays.has(date)) overrides.push({ date, multiplier: 0.35 });
      }
      const ahead = forecastDaily(model, query.days, overrides);
      const holdoutStart = series.values.length - query.holdoutDays;
      const shown = Math.max(0, series.values.length - 2 * query.holdoutDays);
      return {
        queue: { id: queue.id, code: queue.code },
        wape: Math.round(test.wape * 10000) / 10000,
        holdoutDays: query.holdoutDays,
        days: [
          ...series.values.slice(shown).map((actual, i) => {
            const d = shown + i;
            return {
              date: isoDate(first + d),
              actual,
              backtest:
                d >= holdoutStart
                  ? Math.max(0, Math.round(((test.forecast.values[d - holdoutStart] as number) - 1) * 10) / 10)
                  : null,
              forecast: null,
            };
          }),
          ...Array.from(ahead.values).map((v, h) => ({
            date: isoDate(first + series.values.length + h),
            actual: null,
            backtest: null,
            forecast: Math.max(0, Math.round((v - 1) * 10) / 10),
          })),
        ],
      };
    },
  });

  // ------------------------------------------------------------ scenarios

  defineRoute(app, {
    method: 'GET',
    url: '/api/planning/scenarios',
    summary: 'Saved scenarios, most recently changed first (paginated)',
    tags: ['planning'],
    query: listQuery,
    handler: async ({ request, query }) => {
      planningAccess(request, 'planning:read');
      const cursor = decodeCursor(query.cursor, 2);
      const rows = await listScenarios(
        ctx.db,
        query.limit,
        cursor ? { updatedAt: String(cursor[0]), id: String(cursor[1]) } : null,
      );
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => ({ ...r, computed: Boolean(r.computed) })),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.updatedAt.toISOString(), last.id]) : null,
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/planning/scenarios',
    summary: 'Save a new scenario (version 1) (planner)',
    tags: ['planning'],
    body: scenarioBody,
    responses: { 201: 'Created', 400: 'Invalid field (named)', 403: 'Not a planner' },
    handler: async ({ request, body, reply }) => {
      const access = planningAccess(request, 'planning:write');
      await checkDefinition(body.definition, 'body.definition');
      const id = await createScenario(ctx.db, body.name, body.definition, access.userId, ctx.clock.now());
      reply.code(201);
      return { id, version: 1, name: body.name, definition: body.definition };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/planning/scenarios/:id',
    summary: 'A scenario version (default: current), its versions and its computation status',
    tags: ['planning'],
    params: uuidParams,
    query: versionQuery,
    handler: async ({ request, params, query }) => {
      planningAccess(request, 'planning:read');
      const scenario = await loadScenario(params.id, query.version);
      const [versions, computed, job] = await Promise.all([
        listVersions(ctx.db, params.id),
        hasResults(ctx.db, params.id, scenario.version),
        latestJob(ctx.db, params.id, scenario.version, 'scenario'),
      ]);
      return {
        id: scenario.id,
        name: scenario.name,
        version: scenario.version,
        currentVersion: scenario.currentVersion,
        isReference: scenario.isReference,
        definition: scenario.definition,
        createdAt: scenario.createdAt,
        createdBy: scenario.createdBy,
        versions,
        computed,
        job: job ? presentJob(job) : null,
      };
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/planning/scenarios/:id',
    summary: 'Edit a scenario: saves a new version (planner)',
    tags: ['planning'],
    params: uuidParams,
    body: scenarioUpdateBody,
    responses: { 200: 'New version saved', 400: 'Invalid field', 404: 'Unknown scenario', 409: 'Edited meanwhile' },
    handler: async ({ request, params, body }) => {
      const access = planningAccess(request, 'planning:write');
      await loadScenario(params.id);
      await checkDefinition(body.definition, 'body.definition');
      const version = await addScenarioVersion(
        ctx.db,
        params.id,
        body.expectedVersion,
        body.name,
        body.definition,
        access.userId,
        ctx.clock.now(),
      );
      if (version === null) throw conflict('Someone saved a newer version meanwhile: reload it before editing.');
      return { id: params.id, version, name: body.name, definition: body.definition };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/planning/scenarios/:id/reference',
    summary: 'Make this scenario the plan of record that achieved figures are compared with (planner)',
    tags: ['planning'],
    params: uuidParams,
    handler: async ({ request, params }) => {
      planningAccess(request, 'planning:write');
      await loadScenario(params.id);
      await setReferenceScenario(ctx.db, params.id);
      return { id: params.id, isReference: true };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/planning/scenarios/:id/compute',
    summary: 'Compute a scenario version in a worker thread; returns the job to poll (planner)',
    tags: ['planning'],
    params: uuidParams,
    body: z.strictObject({ /** Version (default: current) */ version: z.int().min(1).optional() }).optional(),
    responses: { 202: 'Job started (or the one already running)', 404: 'Unknown scenario or version' },
    handler: async ({ request, params, body, reply }) => {
      const access = planningAccess(request, 'planning:write');
      const scenario = await loadScenario(params.id, body?.version);
      const job = await startCompute(params.id, scenario.version, access.userId);
      reply.code(202);
      return presentJob(job);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/planning/jobs/:id',
    summary: 'A planning job: status (queued, running, succeeded, failed, cancelled) and progress 0..1',
    tags: ['planning'],
    params: uuidParams,
    handler: async ({ request, params }) => {
      planningAccess(request, 'planning:read');
      const job = await getJob(ctx.db, params.id);
      if (!job) throw notFound('The job');
      return presentJob(job);
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/planning/jobs/:id',
    summary: 'Cancel a queued or running job (planner); nothing of its result is kept',
    tags: ['planning'],
    params: uuidParams,
    responses: { 200: 'Cancelled', 404: 'Unknown job', 409: 'Already finished' },
    handler: async ({ request, params }) => {
      planningAccess(request, 'planning:write');
      const job = await getJob(ctx.db, params.id);
      if (!job) throw notFound('The job');
      if (!(await jobs.cancel(params.id))) throw conflict(`The job has already ended (${job.status}).`);
      return presentJob((await getJob(ctx.db, params.id)) as JobRow);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/planning/scenarios/:id/result',
    summary:
      'A computed scenario: cost per site and week, pooling loss, calls left over, and required agents per interval and site over a window',
    tags: ['planning'],
    params: uuidParams,
    query: resultQuery,
    responses: { 200: 'Result', 404: 'Unknown scenario', 409: 'Not computed yet (job in `job`)' },
    handler: async ({ request, params, query }) => {
      const access = planningAccess(request, 'planning:read');
      const scenario = await loadScenario(params.id, query.version);
      const { siteQueues, queueSeries } = await computedResult(params.id, scenario.version, access.siteId);
      const [sites, queues] = await Promise.all([siteInfos(scenario.definition, access.siteId), listQueues(ctx.db)]);
      const from = query.from ?? scenario.definition.startDate;
      const horizonEnd = dayNumber('startDate', scenario.definition.startDate) + scenario.definition.weeks * 7;
      if (
        dayNumber('from', from) < dayNumber('startDate', scenario.definition.startDate) ||
        dayNumber('from', from) >= horizonEnd
      )
        throw invalid('query.from', 'must be inside the scenario horizon');
      return {
        id: scenario.id,
        name: scenario.name,
        version: scenario.version,
        summary: resultSummary(scenario.definition.startDate, sites, queues, siteQueues, queueSeries),
        window: {
          from,
          days: query.days,
          intervals: intervalWindow(scenario.definition.startDate, from, query.days, siteQueues, queueSeries),
        },
        sites: sites.filter((s) => siteQueues.some((r) => r.siteId === s.id)),
        queues,
      };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/planning/scenarios/:id/export.csv',
    summary: 'A computed scenario as CSV: one line per interval, site and queue (calls, agents, scheduled, cost)',
    tags: ['planning'],
    params: uuidParams,
    query: versionQuery,
    responses: { 200: 'text/csv', 409: 'Not computed yet' },
    handler: async ({ request, params, query, reply }) => {
      const access = planningAccess(request, 'planning:read');
      const scenario = await loadScenario(params.id, query.version);
      const { siteQueues } = await computedResult(params.id, scenario.version, access.siteId);
      const [sites, queues] = await Promise.all([siteInfos(scenario.definition, access.siteId), listQueues(ctx.db)]);
      const safeName = scenario.name
        .normalize('NFD')
        .replace(/[^\w-]+/g, '_')
        .slice(0, 60);
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${safeName}-v${scenario.version}.csv"`);
      return resultCsv(scenario.definition.startDate, sites, queues, siteQueues);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/planning/compare',
    summary: 'Two computed scenarios side by side (current versions): cost, calls, pooling loss, per site',
    tags: ['planning'],
    query: compareQuery,
    responses: { 200: 'Comparison', 404: 'Unknown scenario', 409: 'One of them is not computed' },
    handler: async ({ request, query }) => {
      const access = planningAccess(request, 'planning:read');
      const queues = await listQueues(ctx.db);
      const side = async (id: string) => {
        const scenario = await loadScenario(id);
        const { siteQueues, queueSeries } = await computedResult(id, scenario.version, access.siteId);
        const sites = await siteInfos(scenario.definition, access.siteId);
        return {
          id,
          name: scenario.name,
          version: scenario.version,
          summary: resultSummary(scenario.definition.startDate, sites, queues, siteQueues, queueSeries),
        };
      };
      const [a, b] = [await side(query.a), await side(query.b)];
      return compareSummaries(a, b);
    },
  });

  // ------------------------------------------------------------ schedules

  defineRoute(app, {
    method: 'POST',
    url: '/api/planning/scenarios/:id/schedules',
    summary: 'Generate a week of shifts for a site from a computed scenario, in a worker thread (planner)',
    tags: ['planning'],
    params: uuidParams,
    body: scheduleBody,
    responses: { 202: 'Job started', 400: 'Invalid field', 404: 'Unknown scenario or site', 409: 'Not computed' },
    handler: async ({ request, params, body, reply }) => {
      const access = planningAccess(request, 'planning:write');
      const scenario = await loadScenario(params.id, body.version);
      const site = (await listPlanningSites(ctx.db)).find((s) => s.code === body.site && s.configured);
      if (!site) throw invalid('body.site', `"${body.site}" is not a planned site`);
      const start = dayNumber('startDate', scenario.definition.startDate);
      const week = dayNumber('weekStart', body.weekStart);
      if (week < start || week + 7 > start + scenario.definition.weeks * 7)
        throw invalid('body.weekStart', 'the week must lie inside the scenario horizon');
      const { siteQueues } = await computedResult(params.id, scenario.version, site.id);
      const offset = (week - start) * INTERVALS_PER_DAY;
      const required = new Array<number>(7 * INTERVALS_PER_DAY).fill(0);
      for (const row of siteQueues)
        for (let t = 0; t < required.length; t++)
          required[t] = (required[t] as number) + (row.scheduled[offset + t] ?? 0);
      const existing = await activeJob({
        kind: 'schedule',
        scenarioId: params.id,
        version: scenario.version,
        siteId: site.id,
        weekStart: body.weekStart,
      });
      if (existing) {
        reply.code(202);
        return presentJob(existing);
      }
      const job = await insertJob(
        ctx.db,
        {
          kind: 'schedule',
          scenarioId: params.id,
          version: scenario.version,
          siteId: site.id,
          weekStart: body.weekStart,
        },
        access.userId,
        ctx.clock.now(),
      );
      const cost = effectiveSites(toComputeSites([site]), scenario.definition)[0]?.costPerProductiveHour ?? 0;
      jobs.start<SiteSchedule>(
        job.id,
        {
          kind: 'schedule',
          input: {
            required,
            opensMinute: site.opensMinute ?? 0,
            closesMinute: site.closesMinute ?? 1440,
            costPerProductiveHour: Math.max(1, cost),
          },
        },
        async (schedule) => {
          await insertSchedule(
            ctx.db,
            {
              scenarioId: params.id,
              version: scenario.version,
              siteId: site.id,
              weekStart: body.weekStart,
              method: schedule.method,
              tours: schedule.tours,
              required,
              coverage: schedule.coverage,
              agents: schedule.agents,
            },
            access.userId,
            ctx.clock.now(),
          );
        },
      );
      reply.code(202);
      return presentJob(job);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/planning/scenarios/:id/schedules',
    summary: 'Schedules generated from a scenario, newest first',
    tags: ['planning'],
    params: uuidParams,
    handler: async ({ request, params }) => {
      const access = planningAccess(request, 'planning:read');
      await loadScenario(params.id);
      return { items: await listSchedules(ctx.db, params.id, access.siteId) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/planning/schedules/:id',
    summary: 'A week of shifts: tours per team, and coverage against requirement per interval (gap < 0 = short)',
    tags: ['planning'],
    params: uuidParams,
    handler: async ({ request, params }) => {
      const access = planningAccess(request, 'planning:read');
      const schedule = await getSchedule(ctx.db, params.id);
      if (!schedule || (access.siteId && schedule.siteId !== access.siteId)) throw notFound('The schedule');
      const gaps = coverageGaps(schedule.required, schedule.coverage);
      return {
        ...schedule,
        gaps,
        underStaffedIntervals: gaps.filter((g) => g < 0).length,
        overStaffedIntervals: gaps.filter((g) => g > 0).length,
        missingAgentIntervals: gaps.reduce((s, g) => s + (g < 0 ? -g : 0), 0),
      };
    },
  });

  // ------------------------------------------------------------ achieved vs planned

  defineRoute(app, {
    method: 'GET',
    url: '/api/planning/achieved',
    summary:
      'Achieved vs planned per site, vendor and Paris day: service level, abandonment, AHT (imported history), contacts recorded in case files, planned calls and hours (plan of record), days a site missed its target',
    tags: ['planning'],
    query: achievedQuery,
    handler: async ({ request, query }) => {
      const access = planningAccess(request, 'planning:read');
      const summary = await historySummary(ctx.db);
      const lastDay =
        summary.reduce<string | null>((max, q) => (q.lastDay && (!max || q.lastDay > max) ? q.lastDay : max), null) ??
        ctx.clock.now().toISOString().slice(0, 10);
      const to = query.to ?? lastDay;
      const from = query.from ?? isoDate(dayNumber('to', to) - 27);
      if (from > to) throw invalid('query.from', 'must be on or before to');
      if (dayNumber('to', to) - dayNumber('from', from) > 92) throw invalid('query.from', 'at most 93 days');
      const scenarioId = query.scenarioId ?? (await referenceScenarioId(ctx.db));
      let planned: { startDate: string; siteQueues: Awaited<ReturnType<typeof loadSiteResults>> } | null = null;
      let plan: Record<string, unknown> | null = null;
      let definition: ScenarioDefinition | null = null;
      if (scenarioId) {
        const scenario = await loadScenario(scenarioId);
        definition = scenario.definition;
        plan = { scenarioId, name: scenario.name, version: scenario.version, status: 'computed' };
        if (await hasResults(ctx.db, scenarioId, scenario.version)) {
          planned = {
            startDate: scenario.definition.startDate,
            siteQueues: await loadSiteResults(ctx.db, scenarioId, scenario.version, access.siteId),
          };
        } else {
          // The plan of record is derived data: the first read computes it.
          const job = await startCompute(scenarioId, scenario.version, null);
          plan = { ...plan, status: 'computing', job: presentJob(job) };
        }
      }
      const [sites, queues, achieved, caseContacts] = await Promise.all([
        siteInfos(definition, access.siteId),
        listQueues(ctx.db),
        achievedBySiteDay(ctx.db, from, to, access.siteId),
        caseContactsBySiteDay(ctx.db, from, to, access.siteId),
      ]);
      return {
        plan,
        ...achievedVsPlanned({ from, to, sites, queues, achieved, caseContacts, planned }),
      };
    },
  });
}
