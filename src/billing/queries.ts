/** All database access for billing (Kysely). Functions take a `Kysely` so they run in or out of a transaction. */
import { type Insertable, type Kysely, sql } from 'kysely';
import { liveCustomerInScope } from '../customers/queries.js';
import type { CustomerScope } from '../customers/scope.js';
import type { Database } from '../platform/db/schema.js';
import type {
  BillingDisputesTable,
  BillingLedgerEntriesTable,
  ThirdPartyChargesTable,
  ThirdPartyConsentsTable,
  ThirdPartyRejectionsTable,
  ThirdPartyStatus,
  SettingChannel,
} from './tables.js';

type Db = Kysely<Database>;

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/** What bills, explanations and messages need to know about a customer. */
const customerColumns = [
  'id',
  'first_name',
  'last_name',
  'email',
  'phone',
  'preferred_channel',
  'preferred_language',
  'address_line1',
  'address_line2',
  'postcode',
  'city',
] as const;

/** The customer if the scope may see it (merged tombstones excluded). */
export async function findCustomerInScope(db: Db, customerId: string, scope: CustomerScope) {
  return liveCustomerInScope(db, customerId, scope).select(customerColumns).executeTakeFirst();
}
export type BillingCustomer = NonNullable<Awaited<ReturnType<typeof findCustomerInScope>>>;

export async function findCustomersForMessages(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('customers').select(customerColumns).where('id', 'in', ids).execute();
}

// ---------------------------------------------------------------- bills

export async function listBills(db: Db, input: { customerId: string; limit: number; after: [string, string] | null }) {
  let query = db
    .selectFrom('bills')
    .select([
      'bills.id',
      'bills.reference',
      'bills.account_id',
      'bills.period_start',
      'bills.period_end',
      'bills.issued_at',
      'bills.payment_due_date',
      'bills.total_excl_vat_cents',
      'bills.vat_cents',
      'bills.total_incl_vat_cents',
      (eb) =>
        eb
          .selectFrom('bill_lines')
          .innerJoin('third_party_charges', 'third_party_charges.id', 'bill_lines.third_party_charge_id')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .whereRef('bill_lines.bill_id', '=', 'bills.id')
          .where(sql<boolean>`jsonb_array_length(third_party_charges.flags) > 0`)
          .as('flagged_lines'),
    ])
    .where('bills.customer_id', '=', input.customerId)
    .orderBy('bills.period_start', 'desc')
    .orderBy('bills.id', 'desc')
    .limit(input.limit);
  if (input.after) {
    const [periodStart, id] = input.after;
    query = query.where((eb) =>
      eb.or([
        eb('bills.period_start', '<', periodStart),
        eb.and([eb('bills.period_start', '=', periodStart), eb('bills.id', '<', id)]),
      ]),
    );
  }
  return query.execute();
}

export async function findBill(db: Db, billId: string, scope: CustomerScope) {
  let query = db
    .selectFrom('bills')
    .innerJoin('accounts', 'accounts.id', 'bills.account_id')
    .innerJoin('customers', 'customers.id', 'bills.customer_id')
    .select([
      'bills.id',
      'bills.reference',
      'bills.customer_id',
      'bills.period_start',
      'bills.period_end',
      'bills.issued_at',
      'bills.payment_due_date',
      'bills.total_excl_vat_cents',
      'bills.vat_cents',
      'bills.total_incl_vat_cents',
      'accounts.reference as account_reference',
      'accounts.billing_method',
      'customers.civility',
      'customers.first_name',
      'customers.last_name',
      'customers.address_line1',
      'customers.address_line2',
      'customers.postcode',
      'customers.city',
      'customers.reference as customer_reference',
    ])
    .where('bills.id', '=', billId);
  if (scope.kind === 'customer') query = query.where('bills.customer_id', '=', scope.customerId);
  if (scope.kind === 'site') query = query.where('customers.serving_site_id', '=', scope.siteId);
  return query.executeTakeFirst();
}
export type BillRow = NonNullable<Awaited<ReturnType<typeof findBill>>>;

/** A bill's lines with what their explanation needs: the line, the charge and its consent, the refund's case. */
export async function listBillLines(db: Db, billIds: readonly string[]) {
  if (billIds.length === 0) return [];
  return db
    .selectFrom('bill_lines as l')
    .leftJoin('subscriptions as s', 's.id', 'l.subscription_id')
    .leftJoin('third_party_charges as c', 'c.id', 'l.third_party_charge_id')
    .leftJoin('third_party_consents as k', 'k.id', 'c.consent_id')
    .leftJoin('billing_ledger_entries as e', 'e.id', 'l.ledger_entry_id')
    .leftJoin('third_party_charges as rc', 'rc.id', 'e.third_party_charge_id')
    .leftJoin('billing_disputes as ed', 'ed.id', 'e.dispute_id')
    .leftJoin('cases as ec', 'ec.id', 'ed.case_id')
    .leftJoin('billing_disputes as d', (join) =>
      join.on((eb) =>
        eb.or([
          eb('d.bill_line_id', '=', eb.ref('l.id')),
          eb.and([
            eb('l.third_party_charge_id', 'is not', null),
            eb('d.third_party_charge_id', '=', eb.ref('l.third_party_charge_id')),
          ]),
        ]),
      ),
    )
    .leftJoin('cases as dc', 'dc.id', 'd.case_id')
    .select([
      'l.id',
      'l.bill_id',
      'l.position',
      'l.kind',
      'l.label',
      'l.details',
      'l.amount_excl_vat_cents',
      'l.vat_rate_bp',
      'l.vat_cents',
      'l.amount_incl_vat_cents',
      'l.subscription_id',
      'l.third_party_charge_id',
      's.kind as subscription_kind',
      's.msisdn',
      's.line_number',
      'c.merchant_name',
      'c.service_name',
      'c.charge_type',
      'c.occurred_at',
      'c.flags',
      'c.consent_complete',
      'k.first_step_at',
      'k.second_step_at',
      'k.channel as consent_channel',
      'k.source_ip',
      'k.source_line',
      'e.created_at as entry_created_at',
      'rc.merchant_name as refunded_merchant',
      'rc.occurred_at as refunded_occurred_at',
      'ec.reference as entry_case_reference',
      'd.id as dispute_id',
      'd.outcome as dispute_outcome',
      'd.opened_at as dispute_opened_at',
      'dc.id as dispute_case_id',
      'dc.reference as dispute_case_reference',
    ])
    .where('l.bill_id', 'in', billIds)
    .orderBy('l.bill_id')
    .orderBy('l.position')
    .execute();
}
export type BillLineRow = Awaited<ReturnType<typeof listBillLines>>[number];

/** Third-party charges of a customer, newest first, with consent, bill and dispute. */
export async function listCharges(db: Db, customerId: string, limit: number) {
  return (
    db
      .selectFrom('third_party_charges as c')
      .leftJoin('third_party_consents as k', 'k.id', 'c.consent_id')
      .innerJoin('subscriptions as s', 's.id', 'c.subscription_id')
      .leftJoin('bills as b', 'b.id', 'c.billed_on_bill_id')
      .leftJoin('billing_disputes as d', 'd.third_party_charge_id', 'c.id')
      .leftJoin('cases as dc', 'dc.id', 'd.case_id')
      // A charge may have several refunds (a partial grant, then the rest): the latest, and their sum.
      .leftJoin('billing_ledger_entries as r', (join) =>
        join.on(
          'r.id',
          '=',
          sql<string>`(select e.id from billing_ledger_entries e where e.third_party_charge_id = c.id and e.kind = 'refund' order by e.created_at desc, e.id desc limit 1)`,
        ),
      )
      .leftJoin('bills as rb', 'rb.id', 'r.billed_on_bill_id')
      .select([
        'c.id',
        'c.subscription_id',
        'c.merchant_code',
        'c.merchant_name',
        'c.service_name',
        'c.charge_type',
        'c.occurred_at',
        'c.amount_incl_vat_cents',
        'c.vat_rate_bp',
        'c.flags',
        'c.consent_complete',
        'c.received_at',
        's.kind as subscription_kind',
        's.msisdn',
        's.line_number',
        'k.first_step_at',
        'k.second_step_at',
        'k.channel as consent_channel',
        'k.source_ip',
        'k.source_line',
        'b.id as bill_id',
        'b.reference as bill_reference',
        'd.id as dispute_id',
        'd.outcome as dispute_outcome',
        'dc.id as dispute_case_id',
        'dc.reference as dispute_case_reference',
        'r.id as refund_id',
        sql<number>`(select sum(e.amount_incl_vat_cents)::bigint from billing_ledger_entries e where e.third_party_charge_id = c.id and e.kind = 'refund')`.as(
          'refund_cents',
        ),
        'r.created_at as refunded_at',
        'rb.reference as refund_bill_reference',
      ])
      .where('c.customer_id', '=', customerId)
      .orderBy('c.occurred_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(limit)
      .execute()
  );
}
export type ChargeRow = Awaited<ReturnType<typeof listCharges>>[number];

export async function listRejections(db: Db, customerId: string, limit: number) {
  return db
    .selectFrom('third_party_rejections')
    .select([
      'id',
      'subscription_id',
      'merchant_name',
      'service_name',
      'occurred_at',
      'amount_incl_vat_cents',
      'reason',
      'at',
    ])
    .where('customer_id', '=', customerId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

// ---------------------------------------------------------------- third-party settings

export async function listCustomerLines(db: Db, customerId: string) {
  return db
    .selectFrom('subscriptions as s')
    .leftJoin('third_party_settings as t', 't.subscription_id', 's.id')
    .select([
      's.id',
      's.reference',
      's.kind',
      's.plan',
      's.status',
      's.msisdn',
      's.line_number',
      't.status as third_party_status',
      't.changed_at',
    ])
    .where('s.customer_id', '=', customerId)
    .orderBy('s.reference')
    .execute();
}

export async function listSettingChanges(db: Db, subscriptionIds: readonly string[]) {
  if (subscriptionIds.length === 0) return [];
  return db
    .selectFrom('third_party_setting_changes as h')
    .leftJoin('users as u', 'u.id', 'h.actor_user_id')
    .select([
      'h.id',
      'h.subscription_id',
      'h.status',
      'h.at',
      'h.channel',
      'h.reason',
      'u.display_name as actor_name',
      'u.advisor_code as actor_code',
      'u.role as actor_role',
    ])
    .where('h.subscription_id', 'in', subscriptionIds)
    .orderBy('h.at')
    .orderBy('h.id')
    .execute();
}

/** Locks the subscription row: block/unblock and charge imports on the same line go one at a time. */
export async function lockSubscription(db: Db, subscriptionId: string, scope: CustomerScope) {
  let query = db
    .selectFrom('subscriptions as s')
    .innerJoin('customers as c', 'c.id', 's.customer_id')
    .leftJoin('third_party_settings as t', 't.subscription_id', 's.id')
    .select([
      's.id',
      's.customer_id',
      's.reference',
      's.kind',
      's.msisdn',
      's.line_number',
      't.status as third_party_status',
    ])
    .where('s.id', '=', subscriptionId)
    .where('c.merged_into_customer_id', 'is', null)
    .forUpdate('s');
  if (scope.kind === 'customer') query = query.where('s.customer_id', '=', scope.customerId);
  if (scope.kind === 'site') query = query.where('c.serving_site_id', '=', scope.siteId);
  return query.executeTakeFirst();
}

export async function saveSetting(
  db: Db,
  input: {
    subscriptionId: string;
    customerId: string;
    status: ThirdPartyStatus;
    at: Date;
    actorUserId: string | null;
    channel: SettingChannel;
    reason: string | null;
  },
) {
  await db
    .insertInto('third_party_settings')
    .values({
      subscription_id: input.subscriptionId,
      customer_id: input.customerId,
      status: input.status,
      changed_at: input.at,
      changed_by_user_id: input.actorUserId,
    })
    .onConflict((conflict) =>
      conflict.column('subscription_id').doUpdateSet({
        status: input.status,
        changed_at: input.at,
        changed_by_user_id: input.actorUserId,
      }),
    )
    .execute();
  await db
    .insertInto('third_party_setting_changes')
    .values({
      subscription_id: input.subscriptionId,
      customer_id: input.customerId,
      status: input.status,
      at: input.at,
      actor_user_id: input.actorUserId,
      channel: input.channel,
      reason: input.reason,
    })
    .execute();
}

// ---------------------------------------------------------------- import

export async function findBatch(db: Db, source: string, reference: string) {
  return db
    .selectFrom('billing_charge_batches')
    .select(['id', 'content_sha256', 'result'])
    .where('source', '=', source)
    .where('reference', '=', reference)
    .executeTakeFirst();
}

export async function insertBatch(
  db: Db,
  values: { source: string; reference: string; contentSha256: string; at: Date; userId: string },
) {
  return db
    .insertInto('billing_charge_batches')
    .values({
      source: values.source,
      reference: values.reference,
      content_sha256: values.contentSha256,
      received_at: values.at,
      received_by_user_id: values.userId,
      accepted: 0,
      rejected: 0,
      result: JSON.stringify({}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function completeBatch(
  db: Db,
  id: string,
  values: { accepted: number; rejected: number; result: Record<string, unknown> },
) {
  await db
    .updateTable('billing_charge_batches')
    .set({ accepted: values.accepted, rejected: values.rejected, result: JSON.stringify(values.result) })
    .where('id', '=', id)
    .execute();
}

/** Subscriptions named by number or reference (the `line` of a charge). */
export async function findLines(db: Db, lines: readonly string[]) {
  if (lines.length === 0) return [];
  return db
    .selectFrom('subscriptions as s')
    .innerJoin('customers as c', 'c.id', 's.customer_id')
    .select([
      's.id',
      's.customer_id',
      's.account_id',
      's.reference',
      's.msisdn',
      's.line_number',
      's.status',
      'c.merged_into_customer_id',
    ])
    .where((eb) =>
      eb.or([eb('s.reference', 'in', lines), eb('s.msisdn', 'in', lines), eb('s.line_number', 'in', lines)]),
    )
    .execute();
}

export async function lockLinesForImport(db: Db, subscriptionIds: readonly string[]) {
  if (subscriptionIds.length === 0) return [];
  return db
    .selectFrom('subscriptions as s')
    .leftJoin('third_party_settings as t', 't.subscription_id', 's.id')
    .select(['s.id', 't.status as third_party_status'])
    .where('s.id', 'in', subscriptionIds)
    .orderBy('s.id')
    .forShare('s')
    .execute();
}

export async function existingCharges(db: Db, keys: ReadonlyArray<{ merchantCode: string; externalRef: string }>) {
  if (keys.length === 0) return [];
  return db
    .selectFrom('third_party_charges')
    .select(['merchant_code', 'external_ref'])
    .where('external_ref', 'in', [...new Set(keys.map((key) => key.externalRef))])
    .execute();
}

export async function chargeHistory(db: Db, subscriptionIds: readonly string[]) {
  if (subscriptionIds.length === 0) return [];
  return db
    .selectFrom('third_party_charges')
    .select(['subscription_id', 'merchant_code', 'charge_type', 'occurred_at'])
    .where('subscription_id', 'in', subscriptionIds)
    .execute();
}

export async function insertConsent(db: Db, values: Insertable<ThirdPartyConsentsTable>) {
  return db.insertInto('third_party_consents').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function insertCharge(db: Db, values: Insertable<ThirdPartyChargesTable>) {
  return db.insertInto('third_party_charges').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function insertRejection(db: Db, values: Insertable<ThirdPartyRejectionsTable>) {
  await db.insertInto('third_party_rejections').values(values).execute();
}

// ---------------------------------------------------------------- disputes

export async function findLineForDispute(db: Db, lineId: string, scope: CustomerScope) {
  let query = db
    .selectFrom('bill_lines as l')
    .innerJoin('bills as b', 'b.id', 'l.bill_id')
    .innerJoin('customers as cu', 'cu.id', 'b.customer_id')
    .select([
      'l.id',
      'l.bill_id',
      'l.kind',
      'l.label',
      'l.amount_incl_vat_cents',
      'l.subscription_id',
      'l.third_party_charge_id',
      'b.customer_id',
      'b.reference as bill_reference',
    ])
    .where('l.id', '=', lineId);
  if (scope.kind === 'customer') query = query.where('b.customer_id', '=', scope.customerId);
  if (scope.kind === 'site') query = query.where('cu.serving_site_id', '=', scope.siteId);
  return query.executeTakeFirst();
}

/** The charge, locked: concurrent disputes of one charge go one at a time. */
export async function lockCharge(db: Db, chargeId: string, scope: CustomerScope) {
  let query = db
    .selectFrom('third_party_charges as c')
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .innerJoin('subscriptions as s', 's.id', 'c.subscription_id')
    .leftJoin('third_party_consents as k', 'k.id', 'c.consent_id')
    .leftJoin('billing_charge_batches as bt', 'bt.id', 'c.batch_id')
    .leftJoin('bills as b', 'b.id', 'c.billed_on_bill_id')
    .select([
      'c.id',
      'c.customer_id',
      'c.account_id',
      'c.subscription_id',
      'c.merchant_name',
      'c.service_name',
      'c.charge_type',
      'c.occurred_at',
      'c.received_at',
      'c.amount_incl_vat_cents',
      'c.vat_rate_bp',
      'c.consent_complete',
      'c.flags',
      'c.billed_on_bill_id',
      's.kind as subscription_kind',
      's.msisdn',
      's.line_number',
      'k.first_step_at',
      'k.second_step_at',
      'k.channel as consent_channel',
      'k.source_ip',
      'k.source_line',
      'bt.source as batch_source',
      'bt.reference as batch_reference',
      'b.reference as bill_reference',
    ])
    .where('c.id', '=', chargeId)
    .forUpdate('c');
  if (scope.kind === 'customer') query = query.where('c.customer_id', '=', scope.customerId);
  if (scope.kind === 'site') query = query.where('cu.serving_site_id', '=', scope.siteId);
  return query.executeTakeFirst();
}
export type LockedCharge = NonNullable<Awaited<ReturnType<typeof lockCharge>>>;

export async function lockBillLine(db: Db, lineId: string) {
  await db.selectFrom('bill_lines').select('id').where('id', '=', lineId).forUpdate().execute();
}

export async function findDispute(
  db: Db,
  where: { lineId?: string | null; chargeId?: string | null; customerId?: string; idempotencyKey?: string },
) {
  let query = db
    .selectFrom('billing_disputes as d')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    // The refund posted at the dispute itself (a review's grants are decisions of their own).
    .leftJoin('billing_ledger_entries as r', (join) =>
      join.onRef('r.dispute_id', '=', 'd.id').on('r.decision_id', 'is', null),
    )
    .select([
      'd.id',
      'd.bill_line_id',
      'd.third_party_charge_id',
      'd.outcome',
      'd.opened_at',
      'c.id as case_id',
      'c.reference as case_reference',
      'r.id as refund_id',
      'r.amount_incl_vat_cents as refund_cents',
    ]);
  if (where.idempotencyKey !== undefined && where.customerId !== undefined) {
    query = query.where('d.customer_id', '=', where.customerId).where('d.idempotency_key', '=', where.idempotencyKey);
  } else {
    const lineId = where.lineId ?? null;
    const chargeId = where.chargeId ?? null;
    query = query.where((eb) =>
      eb.or([
        ...(lineId ? [eb('d.bill_line_id', '=', lineId)] : []),
        ...(chargeId ? [eb('d.third_party_charge_id', '=', chargeId)] : []),
      ]),
    );
  }
  return query.executeTakeFirst();
}
export type DisputeRow = NonNullable<Awaited<ReturnType<typeof findDispute>>>;

export async function insertDispute(db: Db, values: Insertable<BillingDisputesTable>) {
  return db.insertInto('billing_disputes').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function insertLedgerEntry(db: Db, values: Insertable<BillingLedgerEntriesTable>) {
  return db.insertInto('billing_ledger_entries').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function settingChangesOf(db: Db, subscriptionId: string) {
  return db
    .selectFrom('third_party_setting_changes')
    .select(['status', 'at', 'channel'])
    .where('subscription_id', '=', subscriptionId)
    .orderBy('at')
    .execute();
}

/** Ledger totals for the property test and reports: charged and refunded per charge. */
export async function refundTotals(db: Db, customerId: string) {
  return db
    .selectFrom('third_party_charges as c')
    .leftJoin('billing_ledger_entries as r', (join) =>
      join.onRef('r.third_party_charge_id', '=', 'c.id').on('r.kind', '=', 'refund'),
    )
    .select(['c.id', 'c.amount_incl_vat_cents as charged'])
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('r.amount_incl_vat_cents'), sql<number>`0`).as('refunded'))
    .where('c.customer_id', '=', customerId)
    .groupBy(['c.id', 'c.amount_incl_vat_cents'])
    .execute();
}

export async function findCaseReference(db: Db, caseId: string): Promise<string> {
  const row = await db.selectFrom('cases').select('reference').where('id', '=', caseId).executeTakeFirstOrThrow();
  return row.reference;
}
