/** All database access for loyalty (Kysely). Functions take a Kysely so they run in or out of a transaction. */
import { type Kysely, sql } from 'kysely';
import { liveCustomerInScope } from '../customers/queries.js';
import type { CustomerScope } from '../customers/scope.js';
import type { Database } from '../platform/db/schema.js';
import type { Lot } from './ledger.js';
import type { OfferAudience, Tier, TransactionKind } from './tables.js';

type Db = Kysely<Database>;

export async function findCustomerInScope(db: Db, customerId: string, scope: CustomerScope) {
  return liveCustomerInScope(db, customerId, scope)
    .select(['id', 'first_name', 'last_name', 'created_at'])
    .executeTakeFirst();
}

/** Every customer is a member; the account is opened on first use. */
export async function ensureMember(db: Db, customerId: string) {
  await db
    .insertInto('loyalty_accounts')
    .values({ kind: 'member', customer_id: customerId, tier: 'essentiel' })
    .onConflict((oc) => oc.column('customer_id').doNothing())
    .execute();
}

export function memberAccount(db: Db, customerId: string, lock = false) {
  let query = db
    .selectFrom('loyalty_accounts')
    .select(['id', 'customer_id', 'household_id', 'tier', 'balance', 'joined_at'])
    .where('customer_id', '=', customerId);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export interface NewTransaction {
  kind: TransactionKind;
  customerId: string;
  occurredAt: Date;
  description: string;
  reason?: string | null;
  authorUserId: string | null;
  rewardId?: string | null;
  thresholdPoints?: number | null;
  protectedThreshold?: boolean | null;
  idempotencyKey?: string | null;
  requestHash?: string | null;
}

export interface NewPosting {
  accountId: string;
  amount: number;
  expiresOn?: string | null;
}

/** One transaction and all its postings (one INSERT: the database checks they balance). */
export async function insertTransaction(trx: Db, tx: NewTransaction, postings: readonly NewPosting[]): Promise<string> {
  const row = await trx
    .insertInto('loyalty_transactions')
    .values({
      kind: tx.kind,
      customer_id: tx.customerId,
      occurred_at: tx.occurredAt,
      description: tx.description,
      reason: tx.reason ?? null,
      author_user_id: tx.authorUserId,
      reward_id: tx.rewardId ?? null,
      threshold_points: tx.thresholdPoints ?? null,
      protected_threshold: tx.protectedThreshold ?? null,
      idempotency_key: tx.idempotencyKey ?? null,
      request_hash: tx.requestHash ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('loyalty_postings')
    .values(
      postings.map((p) => ({
        transaction_id: row.id,
        account_id: p.accountId,
        amount: p.amount,
        expires_on: p.expiresOn ?? null,
      })),
    )
    .execute();
  return row.id;
}

export function findTransactionByKey(db: Db, authorUserId: string, key: string) {
  return db
    .selectFrom('loyalty_transactions')
    .select(['id', 'request_hash', 'customer_id'])
    .where('author_user_id', '=', authorUserId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

/** A member's movements, newest first: each transaction with the amount on this member's account. */
export function movements(db: Db, accountId: string, limit: number, after: [string, string] | null) {
  let query = db
    .selectFrom('loyalty_postings as p')
    .innerJoin('loyalty_transactions as t', 't.id', 'p.transaction_id')
    .leftJoin('users as u', 'u.id', 't.author_user_id')
    .leftJoin('loyalty_rewards as r', 'r.id', 't.reward_id')
    .select([
      't.id',
      't.kind',
      't.occurred_at',
      't.description',
      't.reason',
      't.threshold_points',
      't.protected_threshold',
      'u.display_name as author',
      'r.name_fr as reward_fr',
      'r.name_en as reward_en',
      'p.amount',
      'p.expires_on',
    ])
    .where('p.account_id', '=', accountId);
  if (after) {
    const [at, id] = after;
    query = query.where((eb) =>
      eb.or([
        eb('t.occurred_at', '<', new Date(at)),
        eb.and([eb('t.occurred_at', '=', new Date(at)), eb('t.id', '<', id)]),
      ]),
    );
  }
  return query.orderBy('t.occurred_at', 'desc').orderBy('t.id', 'desc').limit(limit).execute();
}

/** The member's credit lots and everything debited so far (for expiry, oldest first). */
export async function lotsOf(db: Db, accountId: string): Promise<{ lots: Lot[]; debited: number }> {
  const rows = await db
    .selectFrom('loyalty_postings')
    .select(['amount', 'expires_on'])
    .where('account_id', '=', accountId)
    .execute();
  const lots: Lot[] = [];
  let debited = 0;
  for (const row of rows) {
    if (row.amount < 0) debited -= row.amount;
    else if (row.expires_on) lots.push({ amount: row.amount, expiresOn: row.expires_on });
  }
  return { lots, debited };
}

/** Members with points to expire on `today`: lots past their last day beyond all they have spent. */
export async function membersWithExpiredLots(db: Db, today: string, limit: number) {
  const result = await sql<{ customer_id: string }>`
    select a.customer_id
    from loyalty_accounts a
    cross join lateral (
      select coalesce(sum(p.amount) filter (where p.amount > 0 and p.expires_on < ${today}::date), 0) as expired,
             coalesce(-sum(p.amount) filter (where p.amount < 0), 0) as debited
      from loyalty_postings p where p.account_id = a.id
    ) x
    where a.kind = 'member' and a.balance > 0 and x.expired > x.debited
    order by a.customer_id
    limit ${limit}
  `.execute(db);
  return result.rows.map((row) => row.customer_id);
}

export function rewards(db: Db) {
  return db.selectFrom('loyalty_rewards').selectAll().where('active', '=', true).orderBy('code').execute();
}

export function findReward(db: Db, id: string) {
  return db.selectFrom('loyalty_rewards').selectAll().where('id', '=', id).executeTakeFirst();
}

export function thresholds(db: Db, rewardIds: readonly string[], tier?: Tier) {
  if (rewardIds.length === 0) return Promise.resolve([]);
  let query = db.selectFrom('loyalty_reward_thresholds').selectAll().where('reward_id', 'in', rewardIds);
  if (tier) query = query.where('tier', '=', tier);
  return query.orderBy('effective_from').execute();
}

/** How many members keep the old threshold, per announced change. */
export async function protectedCounts(db: Db, thresholdIds: readonly string[]): Promise<Map<string, number>> {
  if (thresholdIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('loyalty_threshold_protections')
    .select((eb) => ['threshold_id', eb.fn.countAll<number>().as('n')])
    .where('threshold_id', 'in', thresholdIds)
    .groupBy('threshold_id')
    .execute();
  return new Map(rows.map((row) => [row.threshold_id, Number(row.n)]));
}

export function protectionsOf(db: Db, customerId: string) {
  return db.selectFrom('loyalty_threshold_protections').selectAll().where('customer_id', '=', customerId).execute();
}

export function goalsOf(db: Db, customerId: string) {
  return db.selectFrom('loyalty_goals').selectAll().where('customer_id', '=', customerId).execute();
}

export async function setGoal(db: Db, customerId: string, rewardId: string, at: Date) {
  await db
    .insertInto('loyalty_goals')
    .values({ customer_id: customerId, reward_id: rewardId, announced_at: at })
    .onConflict((oc) => oc.columns(['customer_id', 'reward_id']).doNothing())
    .execute();
}

export async function dropGoal(db: Db, customerId: string, rewardId: string) {
  await db
    .deleteFrom('loyalty_goals')
    .where('customer_id', '=', customerId)
    .where('reward_id', '=', rewardId)
    .execute();
}

export async function insertReward(db: Db, reward: { code: string; nameFr: string; nameEn: string }) {
  return db
    .insertInto('loyalty_rewards')
    .values({ code: reward.code, name_fr: reward.nameFr, name_en: reward.nameEn })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertThreshold(
  db: Db,
  row: {
    rewardId: string;
    tier: Tier;
    points: number;
    effectiveFrom: Date;
    announcedAt: Date;
    userId: string | null;
    previousPoints: number | null;
    protectionUntil: Date | null;
    reason: string | null;
  },
) {
  return db
    .insertInto('loyalty_reward_thresholds')
    .values({
      reward_id: row.rewardId,
      tier: row.tier,
      points: row.points,
      effective_from: row.effectiveFrom,
      announced_at: row.announcedAt,
      announced_by_user_id: row.userId,
      previous_points: row.previousPoints,
      protection_until: row.protectionUntil,
      reason: row.reason,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Set-based: protect every member of `tier` within `distance` of the old threshold, or with a goal on
 * the reward announced before the change. Returns how many were protected.
 */
export async function protectMembers(
  db: Db,
  change: {
    thresholdId: string;
    rewardId: string;
    tier: Tier;
    oldPoints: number;
    distance: number;
    until: Date;
    at: Date;
  },
): Promise<number> {
  const result = await sql`
    insert into loyalty_threshold_protections (threshold_id, customer_id, reward_id, points, protected_until, reason)
    select ${change.thresholdId}::uuid, a.customer_id, ${change.rewardId}::uuid, ${change.oldPoints}, ${change.until},
           case when g.customer_id is not null then 'goal' else 'near_threshold' end
    from loyalty_accounts a
    left join loyalty_goals g on g.customer_id = a.customer_id and g.reward_id = ${change.rewardId}::uuid
                              and g.announced_at <= ${change.at}
    where a.kind = 'member' and a.tier = ${change.tier}
      and (g.customer_id is not null or a.balance >= ${change.oldPoints - change.distance})
  `.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Set-based notice of a threshold change to every member of the tier, on their preferred channel
 * (a durable medium: e-mail, SMS, or letter when there is neither). One outbox row per member.
 */
export async function enqueueThresholdNotices(
  db: Db,
  change: {
    thresholdId: string;
    rewardId: string;
    tier: Tier;
    subjectFr: string;
    subjectEn: string;
    bodyFr: string;
    bodyEn: string;
    protectedFr: string;
    protectedEn: string;
    at: Date;
  },
): Promise<number> {
  const result = await sql`
    insert into outbox_messages (customer_id, channel, recipient, subject, body, kind, dedupe_key, next_attempt_at, created_at)
    select c.id, m.channel,
           case m.channel when 'email' then c.email when 'sms' then c.phone
                else c.first_name || ' ' || c.last_name || ', ' || c.address_line1 || ', ' || c.postcode || ' ' || c.city end,
           case when c.preferred_language = 'en' then ${change.subjectEn} else ${change.subjectFr} end,
           (case when c.preferred_language = 'en' then ${change.bodyEn} else ${change.bodyFr} end)
             || case when p.customer_id is null then ''
                     when c.preferred_language = 'en' then ${change.protectedEn} else ${change.protectedFr} end,
           'loyalty_threshold_change',
           'loyalty-threshold:' || ${change.thresholdId} || ':' || c.id,
           ${change.at}, ${change.at}
    from loyalty_accounts a
    join customers c on c.id = a.customer_id
    left join loyalty_threshold_protections p on p.threshold_id = ${change.thresholdId}::uuid and p.customer_id = c.id
    cross join lateral (
      select case
        when c.preferred_channel = 'email' and c.email is not null then 'email'
        when c.preferred_channel in ('sms', 'phone') and c.phone is not null then 'sms'
        when c.preferred_channel = 'letter' then 'letter'
        when c.email is not null then 'email'
        else 'letter' end as channel
    ) m
    where a.kind = 'member' and a.tier = ${change.tier} and c.merged_into_customer_id is null
    on conflict (dedupe_key) do nothing
  `.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export async function countMembers(db: Db, tier: Tier) {
  const row = await db
    .selectFrom('loyalty_accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'member')
    .where('tier', '=', tier)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function activeOffers(db: Db, now: Date, product?: string) {
  let query = db
    .selectFrom('offers')
    .selectAll()
    .where('valid_from', '<=', now)
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', now)]));
  if (product) query = query.where('product', '=', product);
  return query.orderBy('product').orderBy('monthly_price_cents').execute();
}

export async function insertOffer(
  db: Db,
  offer: {
    product: string;
    name: string;
    audience: OfferAudience;
    segment: Tier | null;
    monthlyPriceCents: number;
    validFrom: Date;
    validUntil: Date | null;
    at: Date;
    userId: string;
  },
) {
  return db
    .insertInto('offers')
    .values({
      product: offer.product,
      name: offer.name,
      audience: offer.audience,
      segment: offer.segment,
      monthly_price_cents: offer.monthlyPriceCents,
      valid_from: offer.validFrom,
      valid_until: offer.validUntil,
      published_at: offer.at,
      published_by_user_id: offer.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertRetentionAlert(
  db: Db,
  alert: { offerId: string; product: string; prospectPrice: number; existingPrice: number; at: Date; userId: string },
) {
  return db
    .insertInto('offer_retention_alerts')
    .values({
      offer_id: alert.offerId,
      product: alert.product,
      prospect_price_cents: alert.prospectPrice,
      existing_price_cents: alert.existingPrice,
      raised_at: alert.at,
      raised_by_user_id: alert.userId,
      resolved_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function openRetentionAlerts(db: Db) {
  return db
    .selectFrom('offer_retention_alerts')
    .selectAll()
    .where('resolved_at', 'is', null)
    .orderBy('raised_at', 'desc')
    .limit(100)
    .execute();
}

/** Marks an open alert resolved; null when it is unknown, 'already' when it was resolved before. */
export async function resolveRetentionAlert(db: Db, id: string, at: Date) {
  const updated = await db
    .updateTable('offer_retention_alerts')
    .set({ resolved_at: at })
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (updated) return updated;
  const existing = await db.selectFrom('offer_retention_alerts').select('id').where('id', '=', id).executeTakeFirst();
  return existing ? ('already' as const) : null;
}

export async function customerIsExisting(db: Db, customerId: string) {
  const row = await db
    .selectFrom('subscriptions')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('status', 'in', ['active', 'suspended'])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
