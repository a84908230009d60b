/** All database access for cases (Kysely). Functions take a `Kysely` so they run in or out of a transaction. */
import { type ExpressionBuilder, type Kysely, type Transaction, sql } from 'kysely';
import { liveCustomerInScope } from '../customers/queries.js';
import type { CustomerScope } from '../customers/scope.js';
import type { Database } from '../platform/db/schema.js';
import { type StaffMember, customerFacingRoleList } from './owner.js';
import type { PromiseKind } from './policy.js';
import type { CaseHistoryTable, CasePromiseEventsTable, CasesTable } from './tables.js';
import type { Insertable, Updateable } from 'kysely';

type Db = Kysely<Database>;

/** Runs `work` in a transaction, joining the caller's when there is one (e.g. the demo seed). */
export function inTransaction<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  return db.transaction().execute(work);
}

/** Cases whose customer the user may see (same rule as customer files). */
export function caseInScope(eb: ExpressionBuilder<Database, 'cases'>, scope: CustomerScope) {
  if (scope.kind === 'customer') return eb('cases.customer_id', '=', scope.customerId);
  if (scope.kind === 'site') {
    return eb(
      'cases.customer_id',
      'in',
      eb.selectFrom('customers').select('customers.id').where('customers.serving_site_id', '=', scope.siteId),
    );
  }
  return eb.lit(true);
}

export async function findCustomerInScope(db: Db, customerId: string, scope: CustomerScope) {
  return liveCustomerInScope(db, customerId, scope)
    .select(['customers.id', 'customers.serving_site_id'])
    .executeTakeFirst();
}

export async function findSubscriptionCustomer(db: Db, subscriptionId: string) {
  const row = await db
    .selectFrom('subscriptions')
    .select('customer_id')
    .where('id', '=', subscriptionId)
    .executeTakeFirst();
  return row?.customer_id ?? null;
}

function staffColumns(db: Db) {
  return db
    .selectFrom('users')
    .leftJoin('sites', 'sites.id', 'users.site_id')
    .select([
      'users.id',
      'users.display_name',
      'users.advisor_code',
      'users.role',
      'users.site_id',
      'sites.kind as site_kind',
      'users.disabled_at',
    ]);
}

type StaffRow = Awaited<ReturnType<ReturnType<typeof staffColumns>['executeTakeFirstOrThrow']>>;

const toStaffMember = (row: StaffRow): StaffMember => ({
  id: row.id,
  displayName: row.display_name,
  advisorCode: row.advisor_code,
  role: row.role,
  siteId: row.site_id,
  siteKind: row.site_kind,
  disabled: row.disabled_at !== null,
});

export async function findStaff(db: Db, userId: string): Promise<StaffMember | null> {
  const row = await staffColumns(db)
    .where('users.id', '=', userId)
    .where('users.role', '!=', 'subscriber')
    .executeTakeFirst();
  return row ? toStaffMember(row) : null;
}

/** Active staff with an advisor code (a name the customer can ask for), with their open cases. */
function activeNamedStaffWithLoad(db: Db) {
  return staffColumns(db)
    .select((eb) =>
      eb
        .selectFrom('cases')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('cases.owner_user_id', '=', 'users.id')
        .where('cases.status', 'not in', ['resolved', 'closed', 'merged'])
        .as('open_cases'),
    )
    .where('users.disabled_at', 'is', null)
    .where('users.advisor_code', 'is not', null);
}

/** Active advisors of the given roles at a site, the fewest open cases owned first. */
export async function staffAtSite(db: Db, siteId: string, roles: Array<'advisor' | 'senior_advisor'>, limit: number) {
  const rows = await activeNamedStaffWithLoad(db)
    .where('users.site_id', '=', siteId)
    .where('users.role', 'in', roles)
    .orderBy('open_cases')
    .orderBy('users.advisor_code')
    .limit(limit)
    .execute();
  return rows.map(toStaffMember);
}

/**
 * Who may take a case over: active customer-facing staff with an advisor code, in-house or at
 * the vendor site serving the customer (only one's own site for vendor staff), least loaded first.
 */
export async function ownerCandidates(db: Db, options: { servingSiteId: string | null; onlySiteId: string | null }) {
  let query = activeNamedStaffWithLoad(db)
    .select(['sites.name as site_name', 'sites.code as site_code'])
    .where('users.role', 'in', [...customerFacingRoleList])
    .where((eb) =>
      options.servingSiteId
        ? eb.or([eb('sites.kind', '=', 'inhouse'), eb('users.site_id', '=', options.servingSiteId)])
        : eb('sites.kind', '=', 'inhouse'),
    );
  if (options.onlySiteId) query = query.where('users.site_id', '=', options.onlySiteId);
  return query.orderBy('sites.code').orderBy('open_cases').orderBy('users.advisor_code').limit(200).execute();
}

/** The first in-house site, for customers no site serves. */
export async function defaultInhouseSiteId(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('sites')
    .select('id')
    .where('kind', '=', 'inhouse')
    .orderBy('code')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function nextCaseNumber(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`select nextval('case_reference_seq') as n`.execute(db);
  return Number(rows[0]?.n);
}

export async function insertCase(db: Db, values: Insertable<CasesTable>) {
  return db.insertInto('cases').values(values).returning(['id', 'version']).executeTakeFirstOrThrow();
}

export async function insertHistory(db: Db, rows: Array<Insertable<CaseHistoryTable>>) {
  if (rows.length > 0) await db.insertInto('case_history').values(rows).execute();
}

export async function insertPromise(
  db: Db,
  promise: {
    caseId: string;
    customerId: string;
    kind: PromiseKind;
    promisedBy: string;
    startsAt: Date;
    dueAt: Date;
    dueDate: string;
  },
) {
  return db
    .insertInto('case_promises')
    .values({
      case_id: promise.caseId,
      customer_id: promise.customerId,
      kind: promise.kind,
      promised_by_user_id: promise.promisedBy,
      starts_at: promise.startsAt,
      due_at: promise.dueAt,
      due_date: promise.dueDate,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function insertPromiseEvent(db: Db, event: Insertable<CasePromiseEventsTable>) {
  await db.insertInto('case_promise_events').values(event).execute();
}

export async function openPromises(db: Db, caseId: string) {
  return db
    .selectFrom('case_promises')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('status', '=', 'open')
    .orderBy('due_at')
    .execute();
}

export async function settlePromise(
  db: Db,
  promiseId: string,
  settlement: { status: 'kept' | 'broken' | 'superseded'; at: Date; supersededBy?: string },
) {
  await db
    .updateTable('case_promises')
    .set({ status: settlement.status, settled_at: settlement.at, superseded_by: settlement.supersededBy ?? null })
    .where('id', '=', promiseId)
    .where('status', '=', 'open')
    .execute();
}

/** Locks the case row until the transaction ends: changes to one case are serialised. */
export async function lockCase(db: Db, caseId: string, scope: CustomerScope) {
  return db
    .selectFrom('cases')
    .selectAll()
    .where('cases.id', '=', caseId)
    .where((eb) => caseInScope(eb, scope))
    .forUpdate()
    .executeTakeFirst();
}

export type CaseRow = NonNullable<Awaited<ReturnType<typeof lockCase>>>;

/** Updates the case if it is still at `version`; undefined when someone changed it first. */
export async function updateCaseAtVersion(db: Db, caseId: string, version: number, changes: Updateable<CasesTable>) {
  return db
    .updateTable('cases')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', caseId)
    .where('version', '=', version)
    .returning(['id', 'version'])
    .executeTakeFirst();
}

export async function linkSupersededPromise(db: Db, promiseId: string, supersededBy: string) {
  await db.updateTable('case_promises').set({ superseded_by: supersededBy }).where('id', '=', promiseId).execute();
}
