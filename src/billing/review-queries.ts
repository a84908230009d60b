/** Database access for the review of disputed charges (Kysely); run in or out of a transaction. */
import { type Insertable, type Kysely, sql } from 'kysely';
import { listCasesMergedInto } from '../cases/merge-queries.js';
import type { CustomerScope } from '../customers/scope.js';
import type { Database } from '../platform/db/schema.js';
import type { BillingDisputeDecisionsTable, DisputeOutcome } from './tables.js';

type Db = Kysely<Database>;

const disputeColumns = [
  'd.id',
  'd.customer_id',
  'd.bill_line_id',
  'd.third_party_charge_id',
  'd.case_id',
  'd.reason',
  'd.channel',
  'd.outcome',
  'd.opened_at',
  'c.reference as case_reference',
] as const;

function disputeQuery(db: Db, scope: CustomerScope) {
  let query = db
    .selectFrom('billing_disputes as d')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .innerJoin('customers as cu', 'cu.id', 'd.customer_id')
    .select(disputeColumns);
  if (scope.kind === 'customer') query = query.where('d.customer_id', '=', scope.customerId);
  if (scope.kind === 'site') query = query.where('cu.serving_site_id', '=', scope.siteId);
  return query;
}

/** The dispute, locked: decisions on one dispute go one at a time. */
export async function lockDispute(db: Db, disputeId: string, scope: CustomerScope) {
  return disputeQuery(db, scope).where('d.id', '=', disputeId).forUpdate('d').executeTakeFirst();
}
export type ReviewDispute = NonNullable<Awaited<ReturnType<typeof lockDispute>>>;

/**
 * The dispute of a case: the one it was opened for, or else the dispute of a case merged into it
 * (following every hop: the surviving case carries on with the absorbed case's dispute). The
 * case's own dispute first, then the most recent of the merged ones.
 */
export async function findDisputeOfCase(db: Db, caseId: string, scope: CustomerScope) {
  const merged = await listCasesMergedInto(db, caseId);
  return disputeQuery(db, scope)
    .where('d.case_id', 'in', [caseId, ...merged.map((row) => row.id)])
    .orderBy(sql`case when d.case_id = ${caseId} then 0 else 1 end`)
    .orderBy('d.opened_at', 'desc')
    .orderBy('d.id')
    .executeTakeFirst();
}

/**
 * The case that carries on for `caseId`: the case itself, or the case it was merged into,
 * following merged_into_case_id over every hop (a merged case may have been absorbed by a case
 * that was merged in turn). Not locked: the caller locks it and checks it was not merged since.
 */
export async function survivingCaseOf(db: Db, caseId: string): Promise<{ id: string; reference: string }> {
  const { rows } = await sql<{ id: string; reference: string }>`
    with recursive chain (id, reference, merged_into_case_id, hops) as (
      select id, reference, merged_into_case_id, 0 from cases where id = ${caseId}
      union all
      select c.id, c.reference, c.merged_into_case_id, chain.hops + 1
        from cases c join chain on c.id = chain.merged_into_case_id
        where chain.hops < 100
    )
    select id, reference from chain order by hops desc limit 1`.execute(db);
  const [found] = rows;
  if (!found) throw new Error(`case ${caseId} not found`);
  return found;
}

/** What the charge's refunds add up to so far (automatic and granted). */
export async function refundedSoFar(db: Db, chargeId: string): Promise<number> {
  const row = await db
    .selectFrom('billing_ledger_entries')
    .select(sql<string>`coalesce(sum(amount_incl_vat_cents), 0)::bigint`.as('refunded'))
    .where('third_party_charge_id', '=', chargeId)
    .where('kind', '=', 'refund')
    .executeTakeFirstOrThrow();
  return Number(row.refunded);
}

const decisionColumns = [
  'x.id',
  'x.dispute_id',
  'x.decision',
  'x.amount_cents',
  'x.reason',
  'x.decided_at',
  'x.idempotency_key',
  'u.display_name as decided_by_name',
  'e.id as refund_id',
  'e.amount_incl_vat_cents as refund_cents',
  'rb.reference as refund_bill_reference',
] as const;

function decisionQuery(db: Db) {
  return db
    .selectFrom('billing_dispute_decisions as x')
    .innerJoin('users as u', 'u.id', 'x.decided_by_user_id')
    .leftJoin('billing_ledger_entries as e', 'e.decision_id', 'x.id')
    .leftJoin('bills as rb', 'rb.id', 'e.billed_on_bill_id')
    .select(decisionColumns);
}

export async function findDecision(db: Db, where: { id: string } | { disputeId: string; idempotencyKey: string }) {
  const query = decisionQuery(db);
  return (
    'id' in where
      ? query.where('x.id', '=', where.id)
      : query.where('x.dispute_id', '=', where.disputeId).where('x.idempotency_key', '=', where.idempotencyKey)
  ).executeTakeFirst();
}
export type DecisionRow = NonNullable<Awaited<ReturnType<typeof findDecision>>>;

export async function listDecisions(db: Db, disputeId: string) {
  return decisionQuery(db).where('x.dispute_id', '=', disputeId).orderBy('x.decided_at').orderBy('x.id').execute();
}

export async function insertDecision(db: Db, values: Insertable<BillingDisputeDecisionsTable>) {
  return db.insertInto('billing_dispute_decisions').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function setDisputeOutcome(db: Db, disputeId: string, outcome: DisputeOutcome) {
  await db.updateTable('billing_disputes').set({ outcome }).where('id', '=', disputeId).execute();
}

/** The disputed charge with its consent record, for the reviewer (and the customer). */
export async function findChargeForReview(db: Db, chargeId: string) {
  return db
    .selectFrom('third_party_charges as c')
    .leftJoin('third_party_consents as k', 'k.id', 'c.consent_id')
    .innerJoin('subscriptions as s', 's.id', 'c.subscription_id')
    .leftJoin('bills as b', 'b.id', 'c.billed_on_bill_id')
    .select([
      'c.id',
      'c.merchant_name',
      'c.service_name',
      'c.charge_type',
      'c.occurred_at',
      'c.received_at',
      'c.amount_incl_vat_cents',
      'c.consent_complete',
      'c.flags',
      's.kind as subscription_kind',
      's.msisdn',
      's.line_number',
      'k.first_step_at',
      'k.second_step_at',
      'k.channel as consent_channel',
      'k.source_ip',
      'k.source_line',
      'k.confirmation_page',
      'k.recorded_at as consent_recorded_at',
      'b.id as bill_id',
      'b.reference as bill_reference',
    ])
    .where('c.id', '=', chargeId)
    .executeTakeFirst();
}

/** A disputed bill line without a charge (a plan, an option…): what it was. */
export async function findLineForReview(db: Db, lineId: string) {
  return db
    .selectFrom('bill_lines as l')
    .innerJoin('bills as b', 'b.id', 'l.bill_id')
    .select(['l.id', 'l.label', 'l.amount_incl_vat_cents', 'b.id as bill_id', 'b.reference as bill_reference'])
    .where('l.id', '=', lineId)
    .executeTakeFirst();
}
