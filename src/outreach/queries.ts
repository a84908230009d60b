/** All database access for consents, campaigns and call attempts (Kysely). */
import { type Kysely, sql } from 'kysely';
import { liveCustomerInScope } from '../customers/queries.js';
import type { CustomerScope } from '../customers/scope.js';
import type { Database } from '../platform/db/schema.js';
import type { PhoneConsent } from './rules.js';
import {
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
 * customer in an open time zone, in customer-id order (keyset pagination).
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
      and coalesce(z.time_zone, ${s.defaultZone}) = any(${s.openZones}::text[])
      and (
        k.status = 'granted'
        or (k.status is null and ${contractOffer}
            and exists (select 1 from subscriptions sub where sub.customer_id = c.id and sub.status = 'active'))
        or (k.status is null and not ${s.consentRequired})
      )
      and (select count(*) from outreach_attempts a
           where a.customer_id = c.id and a.status = 'placed'
             and a.attempted_at > ${s.capFrom} and a.attempted_at <= ${s.now}) < ${s.maxAttempts}
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
