/** All database access for consents, campaigns and call attempts (Kysely). */
import { type Kysely, sql } from 'kysely';
import { liveCustomerInScope } from '../customers/queries.js';
import type { CustomerScope } from '../customers/scope.js';
import type { Database } from '../platform/db/schema.js';
import type { PhoneConsent } from './rules.js';
import {
  type CallBasis,
  type CallOutcome,
  type CampaignPurpose,
  type ConsentPurpose,
  type ConsentSource,
  type ConsentStatus,
  refusalOutcomes,
} from './tables.js';

type Db = Kysely<Database>;

export async function findCustomerInScope(db: Db, customerId: string, scope: CustomerScope) {
  return liveCustomerInScope(db, customerId, scope)
    .select(['id', 'first_name', 'last_name', 'phone', 'email', 'preferred_channel'])
    .executeTakeFirst();
}

export function currentConsents(db: Db, customerId: string) {
  return db
    .selectFrom('customer_consents')
    .leftJoin('users', 'users.id', 'customer_consents.recorded_by_user_id')
    .select([
      'customer_consents.purpose',
      'customer_consents.status',
      'customer_consents.source',
      'customer_consents.recorded_at',
      'customer_consents.evidence',
      'users.display_name as recorded_by',
    ])
    .where('customer_consents.customer_id', '=', customerId)
    .execute();
}

export function consentHistory(db: Db, customerId: string, limit: number) {
  return db
    .selectFrom('customer_consent_events')
    .leftJoin('users', 'users.id', 'customer_consent_events.recorded_by_user_id')
    .select([
      'customer_consent_events.id',
      'customer_consent_events.purpose',
      'customer_consent_events.status',
      'customer_consent_events.source',
      'customer_consent_events.recorded_at',
      'customer_consent_events.evidence',
      'users.display_name as recorded_by',
    ])
    .where('customer_consent_events.customer_id', '=', customerId)
    .orderBy('customer_consent_events.id', 'desc')
    .limit(limit)
    .execute();
}

export interface ConsentChange {
  customerId: string;
  purpose: ConsentPurpose;
  status: ConsentStatus;
  source: ConsentSource;
  at: Date;
  userId: string | null;
  evidence: string | null;
}

/** Current state and history in one go (call inside a transaction). */
export async function recordConsent(trx: Db, change: ConsentChange): Promise<void> {
  const row = {
    customer_id: change.customerId,
    purpose: change.purpose,
    status: change.status,
    source: change.source,
    recorded_at: change.at,
    recorded_by_user_id: change.userId,
    evidence: change.evidence,
  };
  await trx
    .insertInto('customer_consents')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['customer_id', 'purpose']).doUpdateSet({
        status: change.status,
        source: change.source,
        recorded_at: change.at,
        recorded_by_user_id: change.userId,
        evidence: change.evidence,
      }),
    )
    .execute();
  await trx.insertInto('customer_consent_events').values(row).execute();
}

/** Serialises writes about one customer's calls (the cap must hold under concurrent diallers). */
export async function lockCustomer(trx: Db, customerId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('customers')
    .select('id')
    .where('id', '=', customerId)
    .where('merged_into_customer_id', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

export interface CallFacts {
  timeZone: string | null;
  consent: PhoneConsent;
  hasContractInProgress: boolean;
  attempts: Date[];
  lastRefusalAt: Date | null;
}

/** What the rules need to decide one call, from `since` (the older of the cap window and cooldown). */
export async function callFacts(db: Db, customerId: string, since: Date): Promise<CallFacts> {
  const [zone, consent, contract, attempts] = await Promise.all([
    db.selectFrom('customer_time_zones').select('time_zone').where('customer_id', '=', customerId).executeTakeFirst(),
    db
      .selectFrom('customer_consents')
      .select('status')
      .where('customer_id', '=', customerId)
      .where('purpose', '=', 'marketing_phone')
      .executeTakeFirst(),
    db
      .selectFrom('subscriptions')
      .select('id')
      .where('customer_id', '=', customerId)
      .where('status', '=', 'active')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('outreach_attempts')
      .select(['attempted_at', 'outcome'])
      .where('customer_id', '=', customerId)
      .where('status', '=', 'placed')
      .where('attempted_at', '>', since)
      .orderBy('attempted_at', 'desc')
      .execute(),
  ]);
  const refusal = attempts.find((a) => a.outcome !== null && refusalOutcomes.includes(a.outcome));
  return {
    timeZone: zone?.time_zone ?? null,
    consent: consent?.status ?? 'none',
    hasContractInProgress: contract !== undefined,
    attempts: attempts.map((a) => a.attempted_at),
    lastRefusalAt: refusal?.attempted_at ?? null,
  };
}

export async function createCampaign(
  db: Db,
  campaign: { name: string; purpose: CampaignPurpose; userId: string; at: Date },
) {
  return db
    .insertInto('outreach_campaigns')
    .values({
      name: campaign.name,
      purpose: campaign.purpose,
      created_by_user_id: campaign.userId,
      created_at: campaign.at,
      closed_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findCampaign(db: Db, id: string) {
  return db.selectFrom('outreach_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listCampaigns(db: Db, limit: number) {
  return db.selectFrom('outreach_campaigns').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
}

/** Time zones customers have on file (few); with the default, the zones the window is decided for. */
export async function knownTimeZones(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('customer_time_zones').select('time_zone').distinct().execute();
  return rows.map((row) => row.time_zone);
}

export interface Screening {
  purpose: CampaignPurpose;
  /** Zones whose calling window is open now (decided by the rules engine). */
  openZones: string[];
  defaultZone: string;
  now: Date;
  capFrom: Date;
  maxAttempts: number;
  cooldownFrom: Date;
  /** Before the consent law: customers who never answered may be called. */
  consentRequired: boolean;
  afterCustomerId: string | null;
  /** Last customer id of the window to screen (inclusive); null = to the end. */
  throughCustomerId: string | null;
  /** Screen only these customers (the reservation re-checks the ones it locked). */
  onlyCustomerIds?: readonly string[];
  limit: number;
}

/**
 * The id `size` customers after `after` in id order: the end of the next screening window, or null
 * when fewer remain. Bounding each screening query to a window of the primary key keeps its cost
 * proportional to the window, whatever the planner guesses about how many rows pass the rules.
 */
export async function windowEnd(db: Db, after: string | null, size: number): Promise<string | null> {
  let query = db
    .selectFrom('customers')
    .select('id')
    .orderBy('id')
    .offset(size - 1)
    .limit(1);
  if (after) query = query.where('id', '>', after);
  const row = await query.executeTakeFirst();
  return row?.id ?? null;
}

/**
 * The dialler's set-based screening: one query applies consent, contract, cap and cooldown to every
 * customer in an open time zone, in customer-id order (keyset pagination). A customer held by a
 * dialler agent (a live reservation) is left out, and a held reservation counts against the cap.
 */
export async function screenCallable(db: Db, s: Screening) {
  if (s.openZones.length === 0) return [];
  const refusals = sql.join(refusalOutcomes.map((outcome) => sql`${outcome}`));
  const contractOffer = s.purpose === 'contract_offer';
  // A plain key range (not "$1 is null or …") so that every scan starts at the cursor and stops at
  // the window's end: the per-customer checks (index probes) then run on that window only.
  const range = (column: string) =>
    sql.join(
      [
        s.afterCustomerId ? sql`${sql.ref(column)} > ${s.afterCustomerId}::uuid` : sql`true`,
        s.throughCustomerId ? sql`${sql.ref(column)} <= ${s.throughCustomerId}::uuid` : sql`true`,
      ],
      sql` and `,
    );
  const result = await sql<{
    id: string;
    reference: string;
    first_name: string;
    last_name: string;
    phone: string;
    time_zone: string;
    basis: 'consent' | 'contract_in_progress' | 'before_consent_law';
  }>`
    select c.id, c.reference, c.first_name, c.last_name, c.phone,
           coalesce(z.time_zone, ${s.defaultZone}) as time_zone,
           case when k.status = 'granted' then 'consent'
                when ${contractOffer} then 'contract_in_progress'
                else 'before_consent_law' end as basis
    from customers c
    left join customer_time_zones z on z.customer_id = c.id
    left join customer_consents k on k.customer_id = c.id and k.purpose = 'marketing_phone'
    where c.merged_into_customer_id is null
      and c.phone is not null
      and ${range('c.id')}
      and ${s.onlyCustomerIds ? sql`c.id = any(${[...s.onlyCustomerIds]}::uuid[])` : sql`true`}
      and coalesce(z.time_zone, ${s.defaultZone}) = any(${s.openZones}::text[])
      and (
        k.status = 'granted'
        or (k.status is null and ${contractOffer}
            and exists (select 1 from subscriptions sub where sub.customer_id = c.id and sub.status = 'active'))
        or (k.status is null and not ${s.consentRequired})
      )
      and (select count(*) from outreach_attempts a
           where a.customer_id = c.id and a.status = 'placed'
             and a.attempted_at > ${s.capFrom} and a.attempted_at <= ${s.now})
          + (select count(*) from outreach_reservations h
             where h.customer_id = c.id and h.released_at is null and h.lease_expires_at > ${s.now}) < ${s.maxAttempts}
      and not exists (select 1 from outreach_reservations held
           where held.customer_id = c.id and held.released_at is null and held.lease_expires_at > ${s.now})
      and not exists (select 1 from outreach_attempts r
           where r.customer_id = c.id and r.status = 'placed' and r.outcome in (${refusals})
             and r.attempted_at > ${s.cooldownFrom} and r.attempted_at <= ${s.now})
    order by c.id
    limit ${s.limit}
  `.execute(db);
  return result.rows;
}

export function findAttemptByKey(db: Db, userId: string, key: string) {
  return db
    .selectFrom('outreach_attempts')
    .selectAll()
    .where('recorded_by_user_id', '=', userId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export function insertAttempt(
  db: Db,
  attempt: {
    campaignId: string;
    customerId: string;
    at: Date;
    outcome: CallOutcome | null;
    blockedRule: string | null;
    blockedReason: string | null;
    userId: string;
    idempotencyKey: string | null;
    requestHash: string | null;
  },
) {
  return db
    .insertInto('outreach_attempts')
    .values({
      campaign_id: attempt.campaignId,
      customer_id: attempt.customerId,
      attempted_at: attempt.at,
      status: attempt.blockedRule ? 'blocked' : 'placed',
      outcome: attempt.blockedRule ? null : attempt.outcome,
      blocked_rule: attempt.blockedRule,
      blocked_reason: attempt.blockedReason,
      recorded_by_user_id: attempt.userId,
      idempotency_key: attempt.idempotencyKey,
      request_hash: attempt.requestHash,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Calls (placed and blocked) to a customer since `since`, newest first, with campaign names. */
export function callHistory(db: Db, customerId: string, since: Date, limit: number) {
  return db
    .selectFrom('outreach_attempts')
    .innerJoin('outreach_campaigns', 'outreach_campaigns.id', 'outreach_attempts.campaign_id')
    .select([
      'outreach_attempts.id',
      'outreach_attempts.attempted_at',
      'outreach_attempts.status',
      'outreach_attempts.outcome',
      'outreach_attempts.blocked_rule',
      'outreach_campaigns.name as campaign',
      'outreach_campaigns.purpose as campaign_purpose',
    ])
    .where('outreach_attempts.customer_id', '=', customerId)
    .where('outreach_attempts.attempted_at', '>', since)
    .orderBy('outreach_attempts.attempted_at', 'desc')
    .limit(limit)
    .execute();
}

/** Other contacts on the customer's cases (calls, e-mails, visits) since `since`, newest first. */
export function caseContacts(db: Db, customerId: string, since: Date, limit: number) {
  return db
    .selectFrom('case_interactions')
    .innerJoin('cases', 'cases.id', 'case_interactions.case_id')
    .select([
      'case_interactions.id',
      'case_interactions.occurred_at',
      'case_interactions.channel',
      'case_interactions.direction',
      'case_interactions.summary',
      'cases.reference as case_reference',
    ])
    .where('case_interactions.customer_id', '=', customerId)
    .where('case_interactions.occurred_at', '>', since)
    .orderBy('case_interactions.occurred_at', 'desc')
    .limit(limit)
    .execute();
}

/** A reservation request; with an Idempotency-Key already used by this agent, nothing (the caller replays). */
export function insertReservationBatch(
  db: Db,
  batch: {
    campaignId: string;
    userId: string;
    count: number;
    leaseSeconds: number;
    at: Date;
    leaseExpiresAt: Date;
    idempotencyKey: string | null;
    requestHash: string;
  },
) {
  return db
    .insertInto('outreach_reservation_batches')
    .values({
      campaign_id: batch.campaignId,
      reserved_by_user_id: batch.userId,
      requested_count: batch.count,
      lease_seconds: batch.leaseSeconds,
      reserved_at: batch.at,
      lease_expires_at: batch.leaseExpiresAt,
      resume_after_customer_id: null,
      idempotency_key: batch.idempotencyKey,
      request_hash: batch.requestHash,
    })
    .onConflict((oc) =>
      oc.columns(['reserved_by_user_id', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Where the agent's next reservation request goes on (after the last customer screened). */
export function setReservationResume(db: Db, batchId: string, afterCustomerId: string | null) {
  return db
    .updateTable('outreach_reservation_batches')
    .set({ resume_after_customer_id: afterCustomerId })
    .where('id', '=', batchId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findReservationBatchByKey(db: Db, userId: string, key: string) {
  return db
    .selectFrom('outreach_reservation_batches')
    .selectAll()
    .where('reserved_by_user_id', '=', userId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

/**
 * Locks these customers (id order) for the transaction, skipping those another transaction holds
 * (a concurrent reservation or attempt): returns the ids locked. Never waits, so never deadlocks.
 */
export async function lockCustomersSkipLocked(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('customers')
    .select('id')
    .where('id', 'in', [...ids])
    .where('merged_into_customer_id', 'is', null)
    .orderBy('id')
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((row) => row.id);
}

/** Marks the reservations whose lease ran out by `now` (customers locked by the caller) as expired. */
export async function expireReservations(db: Db, customerIds: readonly string[], now: Date): Promise<void> {
  if (customerIds.length === 0) return;
  await db
    .updateTable('outreach_reservations')
    .set((eb) => ({ released_at: eb.ref('lease_expires_at'), release_reason: 'expired' }))
    .where('customer_id', 'in', [...customerIds])
    .where('released_at', 'is', null)
    .where('lease_expires_at', '<=', now)
    .execute();
}

/** Inserts reservations; a customer who already has an unreleased one is skipped (unique index). */
export function insertReservations(
  db: Db,
  rows: ReadonlyArray<{
    batchId: string;
    campaignId: string;
    customerId: string;
    userId: string;
    basis: CallBasis;
    at: Date;
    leaseExpiresAt: Date;
  }>,
) {
  if (rows.length === 0) return Promise.resolve([]);
  return db
    .insertInto('outreach_reservations')
    .values(
      rows.map((row) => ({
        batch_id: row.batchId,
        campaign_id: row.campaignId,
        customer_id: row.customerId,
        reserved_by_user_id: row.userId,
        basis: row.basis,
        reserved_at: row.at,
        lease_expires_at: row.leaseExpiresAt,
      })),
    )
    .onConflict((oc) => oc.column('customer_id').where('released_at', 'is', null).doNothing())
    .returning(['id', 'customer_id'])
    .execute();
}

/** The reservations of one request with the customers' details, in customer-id order. */
export function reservationsOfBatch(db: Db, batchId: string, defaultZone: string) {
  return db
    .selectFrom('outreach_reservations as r')
    .innerJoin('customers as c', 'c.id', 'r.customer_id')
    .leftJoin('customer_time_zones as z', 'z.customer_id', 'r.customer_id')
    .select([
      'r.id',
      'r.customer_id',
      'r.basis',
      'r.lease_expires_at',
      'r.released_at',
      'r.release_reason',
      'c.reference',
      'c.first_name',
      'c.last_name',
      'c.phone',
    ])
    .select(sql<string>`coalesce(z.time_zone, ${defaultZone})`.as('time_zone'))
    .where('r.batch_id', '=', batchId)
    .orderBy('r.customer_id')
    .execute();
}

/** The customer's live reservation at `now` (at most one), if any. */
export function heldReservation(db: Db, customerId: string, now: Date) {
  return db
    .selectFrom('outreach_reservations')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('released_at', 'is', null)
    .where('lease_expires_at', '>', now)
    .executeTakeFirst();
}

/** The attempt was recorded: the customer's reservation ends (as 'attempt' if still live, else 'expired'). */
export async function releaseForAttempt(db: Db, customerId: string, attemptId: string, now: Date): Promise<void> {
  await db
    .updateTable('outreach_reservations')
    .set({
      released_at: sql`least(${now}::timestamptz, lease_expires_at)`,
      release_reason: sql`case when lease_expires_at > ${now}::timestamptz then 'attempt' else 'expired' end`,
      attempt_id: sql`case when lease_expires_at > ${now}::timestamptz then ${attemptId}::uuid end`,
    })
    .where('customer_id', '=', customerId)
    .where('released_at', 'is', null)
    .execute();
}

/**
 * The agent gives back live reservations of a campaign: one (by id) or all of theirs. Returns the
 * ids released; a reservation already ended is left as it is.
 */
export async function releaseReservations(
  db: Db,
  input: { campaignId: string; userId: string; reservationId?: string; now: Date },
): Promise<string[]> {
  let query = db
    .updateTable('outreach_reservations')
    .set({ released_at: input.now, release_reason: 'released' })
    .where('campaign_id', '=', input.campaignId)
    .where('reserved_by_user_id', '=', input.userId)
    .where('released_at', 'is', null)
    .where('lease_expires_at', '>', input.now);
  if (input.reservationId) query = query.where('id', '=', input.reservationId);
  const rows = await query.returning('id').execute();
  return rows.map((row) => row.id);
}

export function findReservation(db: Db, id: string) {
  return db.selectFrom('outreach_reservations').selectAll().where('id', '=', id).executeTakeFirst();
}
