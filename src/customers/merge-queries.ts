/** Database access for merging duplicate customer records (Kysely). */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { CustomerScope } from './scope.js';

type Db = Kysely<Database>;

/**
 * Every table with a customer_id column, read from the catalogue rather than listed by hand: all
 * customer data carries customer_id (it is the sharding key, see migrations), so a table added
 * later (case documents, loyalty…) moves with the customer without anyone remembering to list it.
 * `users` is among them: subscriber logins are re-linked (only subscribers have a customer_id).
 */
export async function tablesWithCustomerId(db: Db): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select c.table_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and c.column_name = 'customer_id' and t.table_type = 'BASE TABLE'
    order by c.table_name`.execute(db);
  return rows.map((row) => row.table_name);
}

/** Locks the customer rows (in id order) until the transaction ends; those visible to the scope. */
export async function lockCustomers(db: Db, ids: readonly string[], scope: CustomerScope) {
  let query = db
    .selectFrom('customers')
    .select(['id', 'reference', 'merged_into_customer_id'])
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate();
  if (scope.kind === 'customer') query = query.where('id', '=', scope.customerId);
  if (scope.kind === 'site') query = query.where('serving_site_id', '=', scope.siteId);
  return query.execute();
}

/** Re-points every row of `table` from one customer to the other; how many moved. */
export async function moveCustomerRows(db: Db, table: string, from: string, into: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with moved as (
      update ${sql.table(table)} set customer_id = ${into} where customer_id = ${from} returning 1
    )
    select count(*)::int as n from moved`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

export async function markCustomerMerged(db: Db, from: string, into: string, at: Date) {
  await db
    .updateTable('customers')
    .set({ merged_into_customer_id: into, merged_at: at, updated_at: at })
    .where('id', '=', from)
    .execute();
}

/** The counts recorded when `customerId` was merged, for answering a retried merge identically. */
export async function findMergeAudit(db: Db, customerId: string) {
  return db
    .selectFrom('audit_events')
    .select('details')
    .where('subject_type', '=', 'customer')
    .where('subject_id', '=', customerId)
    .where('action', '=', 'customer.merged')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** Where a merged customer's records went, for the pointer answered instead of its file. */
export async function findMergedCustomerTarget(db: Db, customerId: string, scope: CustomerScope) {
  let query = db
    .selectFrom('customers as tombstone')
    .innerJoin('customers as survivor', 'survivor.id', 'tombstone.merged_into_customer_id')
    .select(['survivor.id', 'survivor.reference'])
    .where('tombstone.id', '=', customerId);
  if (scope.kind === 'customer') query = query.where('tombstone.id', '=', scope.customerId);
  if (scope.kind === 'site') query = query.where('tombstone.serving_site_id', '=', scope.siteId);
  return query.executeTakeFirst();
}
