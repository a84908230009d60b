/** Database access for equipment loans (Kysely). */
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { LoanItemsTable } from './tables.js';

type Db = Kysely<Database>;

export async function insertLoanItem(db: Db, values: Insertable<LoanItemsTable>) {
  return db
    .insertInto('loan_items')
    .values(values)
    .onConflict((conflict) => conflict.column('asset_tag').doNothing())
    .returning('id')
    .executeTakeFirst();
}

export async function listLoanItems(db: Db, siteId: string) {
  return db
    .selectFrom('loan_items as item')
    .leftJoin('loans', (join) => join.onRef('loans.item_id', '=', 'item.id').on('loans.returned_at', 'is', null))
    .leftJoin('customers', 'customers.id', 'loans.customer_id')
    .select([
      'item.id',
      'item.asset_tag',
      'item.name',
      'item.category',
      'item.condition',
      'loans.id as loan_id',
      'loans.customer_id as borrower_id',
      'loans.due_at',
      'loans.due_date',
      'customers.reference as borrower_reference',
      'customers.first_name as borrower_first_name',
      'customers.last_name as borrower_last_name',
    ])
    .where('item.site_id', '=', siteId)
    .where('item.retired_at', 'is', null)
    .orderBy('item.category')
    .orderBy('item.name')
    .orderBy('item.asset_tag')
    .execute();
}

/** Serialises one member's borrowing: the limit check and the new loan happen under this lock. */
export async function lockCustomer(db: Db, customerId: string) {
  return db.selectFrom('customers').select('id').where('id', '=', customerId).forUpdate().executeTakeFirst();
}

export async function lockLoanItem(db: Db, itemId: string) {
  return db
    .selectFrom('loan_items')
    .innerJoin('sites', 'sites.id', 'loan_items.site_id')
    .select([
      'loan_items.id',
      'loan_items.name',
      'loan_items.condition',
      'loan_items.retired_at',
      'loan_items.site_id',
      'sites.name as shop_name',
      'sites.timezone',
    ])
    .where('loan_items.id', '=', itemId)
    .forUpdate('loan_items')
    .executeTakeFirst();
}

export async function countOpenLoans(db: Db, customerId: string): Promise<number> {
  const row = await db
    .selectFrom('loans')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('customer_id', '=', customerId)
    .where('returned_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertLoan(db: Db, values: Insertable<Database['loans']>) {
  return db
    .insertInto('loans')
    .values(values)
    .onConflict((conflict) => conflict.column('item_id').where('returned_at', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst();
}

function loanQuery(db: Db) {
  return db
    .selectFrom('loans')
    .innerJoin('loan_items as item', 'item.id', 'loans.item_id')
    .innerJoin('sites', 'sites.id', 'item.site_id')
    .innerJoin('customers', 'customers.id', 'loans.customer_id')
    .select([
      'loans.id',
      'loans.item_id',
      'loans.customer_id',
      'loans.borrowed_at',
      'loans.due_date',
      'loans.due_at',
      'loans.condition_out',
      'loans.returned_at',
      'loans.condition_in',
      'item.name as item_name',
      'item.asset_tag',
      'item.category',
      'sites.code as shop_code',
      'sites.name as shop_name',
      'customers.reference as customer_reference',
      'customers.first_name',
      'customers.last_name',
    ]);
}

export async function findLoan(db: Db, id: string) {
  return loanQuery(db).where('loans.id', '=', id).executeTakeFirst();
}
export type LoanView = NonNullable<Awaited<ReturnType<typeof findLoan>>>;

export async function customerLoans(db: Db, customerId: string) {
  return loanQuery(db)
    .where('loans.customer_id', '=', customerId)
    .orderBy('loans.borrowed_at', 'desc')
    .limit(100)
    .execute();
}

export async function overdueLoans(db: Db, now: Date, limit: number) {
  return loanQuery(db)
    .where('loans.returned_at', 'is', null)
    .where('loans.due_at', '<', now)
    .orderBy('loans.due_at')
    .orderBy('loans.id')
    .limit(limit)
    .execute();
}

export async function lockLoan(db: Db, id: string) {
  return db.selectFrom('loans').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function closeLoan(
  db: Db,
  id: string,
  values: { returned_at: Date; condition_in: LoanItemsTable['condition']; returned_to_user_id: string },
) {
  await db.updateTable('loans').set(values).where('id', '=', id).execute();
}

export async function setItemCondition(db: Db, itemId: string, condition: LoanItemsTable['condition']) {
  await db.updateTable('loan_items').set({ condition }).where('id', '=', itemId).execute();
}
