/** Database access for subscribing at the counter (Kysely; run inside the sign-up's transaction). */
import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database } from '../platform/db/schema.js';

type Db = Kysely<Database>;

/** Serialises two requests with the same Idempotency-Key from one staff member. */
export async function lockSignUpKey(trx: Db, userId: string, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`sign-up:${userId}:${key}`}))`.execute(trx);
}

export function findSignUpByKey(db: Db, userId: string, key: string) {
  return db
    .selectFrom('shop_sign_ups')
    .select(['id', 'request_hash'])
    .where('identity_checked_by_user_id', '=', userId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

/** Live customers who may be the same person: same e-mail, same mobile, or same name at the same postcode. */
export function possibleDuplicates(
  db: Db,
  candidate: { email: string | null; phone: string | null; searchName: string; postcode: string },
) {
  return db
    .selectFrom('customers')
    .select(['id', 'reference', 'first_name', 'last_name', 'postcode', 'city'])
    .where('merged_into_customer_id', 'is', null)
    .where((eb) => {
      const same = [eb.and([eb('search_name', '=', candidate.searchName), eb('postcode', '=', candidate.postcode)])];
      if (candidate.email) same.push(eb(eb.fn('lower', ['email']), '=', candidate.email.toLowerCase()));
      if (candidate.phone) same.push(eb('phone', '=', candidate.phone));
      return eb.or(same);
    })
    .orderBy('reference')
    .limit(5)
    .execute();
}

/** The in-house centre serving the fewest customers: a new customer's calls go there. */
export async function leastLoadedInhouseSite(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('sites')
    .leftJoin('customers', 'customers.serving_site_id', 'sites.id')
    .select(['sites.id', (eb) => eb.fn.count<number>('customers.id').as('served')])
    .where('sites.kind', '=', 'inhouse')
    .groupBy(['sites.id', 'sites.code'])
    .orderBy('served')
    .orderBy('sites.code')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function nextCustomerNumber(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`select nextval('customer_reference_seq') as n`.execute(db);
  return Number(rows[0]?.n);
}

export async function lockLiveCustomer(db: Db, customerId: string) {
  return db
    .selectFrom('customers')
    .select(['id', 'reference', 'postcode', 'address_line1', 'city'])
    .where('id', '=', customerId)
    .where('merged_into_customer_id', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertCustomer(db: Db, values: Insertable<Database['customers']>) {
  return db.insertInto('customers').values(values).returning('id').executeTakeFirstOrThrow();
}

/** The customer's open account, if any. */
export function activeAccountOf(db: Db, customerId: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'reference'])
    .where('customer_id', '=', customerId)
    .where('status', '=', 'active')
    .orderBy('created_at')
    .executeTakeFirst();
}

export async function countAccounts(db: Db, customerId: string): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customer_id', '=', customerId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertAccount(db: Db, values: Insertable<Database['accounts']>) {
  return db.insertInto('accounts').values(values).returning(['id', 'reference']).executeTakeFirstOrThrow();
}

/** References already given to this customer's lines ("AB-0000031-2"), to number the next one. */
export async function lineReferences(db: Db, customerNumber: string): Promise<string[]> {
  const rows = await db
    .selectFrom('subscriptions')
    .select('reference')
    .where('reference', 'like', `AB-${customerNumber}-%`)
    .execute();
  return rows.map((row) => row.reference);
}

/** Serialises sign-ups of one mobile number until the transaction ends. */
export async function lockMsisdn(trx: Db, msisdn: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`msisdn:${msisdn}`}))`.execute(trx);
}

/** A line that is not terminated already uses this mobile number. */
export function msisdnInUse(db: Db, msisdn: string) {
  return db
    .selectFrom('subscriptions')
    .select(['id', 'reference'])
    .where('msisdn', '=', msisdn)
    .where('status', '!=', 'terminated')
    .executeTakeFirst();
}

export async function insertSubscription(db: Db, values: Insertable<Database['subscriptions']>) {
  return db.insertInto('subscriptions').values(values).returning(['id', 'reference']).executeTakeFirstOrThrow();
}

export async function setTimeZoneIfNone(db: Db, customerId: string, timeZone: string) {
  await db
    .insertInto('customer_time_zones')
    .values({ customer_id: customerId, time_zone: timeZone })
    .onConflict((oc) => oc.column('customer_id').doNothing())
    .execute();
}

export async function insertSignUp(db: Db, values: Insertable<Database['shop_sign_ups']>) {
  return db.insertInto('shop_sign_ups').values(values).returning('id').executeTakeFirstOrThrow();
}

/** What the shop shows of a sign-up: the customer, the line, the offer and who checked the identity. */
export function signUpViews(db: Db) {
  return db
    .selectFrom('shop_sign_ups')
    .innerJoin('customers', 'customers.id', 'shop_sign_ups.customer_id')
    .innerJoin('subscriptions', 'subscriptions.id', 'shop_sign_ups.subscription_id')
    .innerJoin('accounts', 'accounts.id', 'shop_sign_ups.account_id')
    .innerJoin('users as staff', 'staff.id', 'shop_sign_ups.identity_checked_by_user_id')
    .leftJoin('shop_devices', 'shop_devices.id', 'shop_sign_ups.device_id')
    .select([
      'shop_sign_ups.id',
      'shop_sign_ups.site_id',
      'shop_sign_ups.customer_id',
      'shop_sign_ups.new_customer',
      'shop_sign_ups.identity_document',
      'shop_sign_ups.identity_number_end',
      'shop_sign_ups.identity_expires_on',
      'shop_sign_ups.identity_checked_at',
      'shop_sign_ups.monthly_price_cents',
      'shop_sign_ups.created_at',
      'customers.reference as customer_reference',
      'customers.first_name',
      'customers.last_name',
      'accounts.reference as account_reference',
      'subscriptions.id as subscription_id',
      'subscriptions.reference as subscription_reference',
      'subscriptions.kind',
      'subscriptions.plan',
      'subscriptions.status as subscription_status',
      'subscriptions.msisdn',
      'shop_devices.serial as device_serial',
      'shop_devices.model as device_model',
      'staff.display_name as staff_name',
      'staff.advisor_code as staff_code',
    ]);
}

export type SignUpView = Awaited<ReturnType<ReturnType<typeof signUpViews>['executeTakeFirstOrThrow']>>;
