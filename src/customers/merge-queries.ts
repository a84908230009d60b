/** Database access for merging duplicate customer records (Kysely). */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { CustomerScope } from './scope.js';

type Db = Kysely<Database>;

/** A column that points at a customer: `customer_id`, or a role such as `author_customer_id`. */
export interface CustomerColumn {
  table: string;
  column: string;
}

/**
 * Every column that points at a customer, read from the catalogue rather than listed by hand: all
 * customer data carries customer_id (it is the sharding key, see migrations), so a table added
 * later moves with the customer without anyone remembering to list it. `users` is among them:
 * subscriber logins are re-linked (only subscribers have a customer_id).
 */
export async function customerColumns(db: Db): Promise<CustomerColumn[]> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      and (c.column_name = 'customer_id' or c.column_name like '%\\_customer\\_id')
      and not (c.table_name = 'customers' and c.column_name = 'merged_into_customer_id')
    order by c.table_name, c.column_name`.execute(db);
  return rows.map((row) => ({ table: row.table_name, column: row.column_name }));
}

/** The other columns of each unique key that includes `column` (a customer's one consent per purpose…). */
async function uniqueKeysWith(db: Db, { table, column }: CustomerColumn): Promise<string[][]> {
  const { rows } = await sql<{ columns: string[] }>`
    select array_agg(a.attname::text order by k.ord) as columns
    from pg_index i
    cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
    where i.indrelid = ${table}::regclass and i.indisunique
    group by i.indexrelid
    having bool_or(a.attname = ${column})`.execute(db);
  return rows.map((row) => row.columns.filter((name) => name !== column));
}

/**
 * Re-points the rows from one customer to the other; how many moved. A row that would collide
 * with one the survivor already has under a unique key (the same consent purpose, the same vote)
 * stays with the duplicate: the survivor's own row wins.
 */
export async function moveCustomerRows(db: Db, target: CustomerColumn, from: string, into: string): Promise<number> {
  const table = sql.table(target.table);
  const column = sql.ref(target.column);
  const collisions = (await uniqueKeysWith(db, target)).map((others) => {
    const same = others.map((other) => sql`kept.${sql.ref(other)} = moving.${sql.ref(other)}`);
    return sql`exists (select 1 from ${table} as kept where kept.${column} = ${into}${
      same.length > 0 ? sql` and ${sql.join(same, sql` and `)}` : sql``
    })`;
  });
  const { rows } = await sql<{ n: number }>`
    with moved as (
      update ${table} as moving set ${column} = ${into}
      where moving.${column} = ${from}${
        collisions.length > 0 ? sql` and not (${sql.join(collisions, sql` or `)})` : sql``
      }
      returning 1
    )
    select count(*)::int as n from moved`.execute(db);
  return Number(rows[0]?.n ?? 0);
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
