/** All database access for shops, appointments and device swaps (Kysely). */
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { ShopDeviceMovementsTable, ShopDevicesTable } from './tables.js';

type Db = Kysely<Database>;

const addresseeColumns = [
  'customers.first_name',
  'customers.last_name',
  'customers.email',
  'customers.phone',
  'customers.preferred_channel',
  'customers.preferred_language',
  'customers.address_line1',
  'customers.address_line2',
  'customers.postcode',
  'customers.city',
] as const;

export async function findAddressee(db: Db, customerId: string) {
  return db
    .selectFrom('customers')
    .select(['customers.id', ...addresseeColumns])
    .where('customers.id', '=', customerId)
    .where('customers.merged_into_customer_id', 'is', null)
    .executeTakeFirst();
}

function shopQuery(db: Db) {
  return db
    .selectFrom('shop_locations')
    .innerJoin('sites', 'sites.id', 'shop_locations.site_id')
    .select([
      'sites.id',
      'sites.code',
      'sites.name',
      'sites.city',
      'sites.timezone',
      'shop_locations.address',
      'shop_locations.weekly_hours',
      'shop_locations.exceptions',
      'shop_locations.slot_minutes',
      'shop_locations.booking_horizon_days',
    ]);
}

export async function listShops(db: Db) {
  return shopQuery(db).orderBy('sites.name').execute();
}

export async function findShopByCode(db: Db, code: string) {
  return shopQuery(db).where('sites.code', '=', code).executeTakeFirst();
}

export async function findShopById(db: Db, siteId: string) {
  return shopQuery(db).where('sites.id', '=', siteId).executeTakeFirst();
}
export type ShopRow = NonNullable<Awaited<ReturnType<typeof findShopById>>>;

export async function shopStaff(db: Db, siteId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name as displayName', 'advisor_code as advisorCode', 'role'])
    .where('site_id', '=', siteId)
    .where('disabled_at', 'is', null)
    .where('role', '=', 'shop_staff')
    .orderBy('display_name')
    .execute();
}

export async function stockByModel(db: Db, siteId: string) {
  return db
    .selectFrom('shop_devices')
    .select(['model', 'status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('site_id', '=', siteId)
    .groupBy(['model', 'status'])
    .orderBy('model')
    .orderBy('status')
    .execute();
}

export async function listDevicesAtShop(db: Db, siteId: string, status: ShopDevicesTable['status'] | null) {
  let query = db
    .selectFrom('shop_devices')
    .select(['id', 'model', 'serial', 'status', 'updated_at'])
    .where('site_id', '=', siteId);
  if (status) query = query.where('status', '=', status);
  return query.orderBy('model').orderBy('serial').limit(500).execute();
}

export async function insertDevices(db: Db, rows: Array<Insertable<ShopDevicesTable>>) {
  return db
    .insertInto('shop_devices')
    .values(rows)
    .onConflict((conflict) => conflict.column('serial').doNothing())
    .returning(['id', 'serial', 'status', 'site_id'])
    .execute();
}

export async function lockDeviceBySerial(db: Db, serial: string) {
  return db.selectFrom('shop_devices').selectAll().where('serial', '=', serial).forUpdate().executeTakeFirst();
}

export async function updateDevice(
  db: Db,
  deviceId: string,
  changes: Pick<ShopDevicesTable, 'status' | 'site_id' | 'subscription_id'> & { updated_at: Date },
) {
  await db.updateTable('shop_devices').set(changes).where('id', '=', deviceId).execute();
}

export async function insertMovements(db: Db, rows: Array<Insertable<ShopDeviceMovementsTable>>) {
  if (rows.length > 0) await db.insertInto('shop_device_movements').values(rows).execute();
}

export async function deviceHistory(db: Db, serial: string) {
  return db
    .selectFrom('shop_device_movements as m')
    .innerJoin('shop_devices as d', 'd.id', 'm.device_id')
    .leftJoin('sites', 'sites.id', 'm.site_id')
    .leftJoin('subscriptions', 'subscriptions.id', 'm.subscription_id')
    .select([
      'm.at',
      'm.from_status',
      'm.to_status',
      'm.note',
      'm.swap_id',
      'sites.code as site_code',
      'subscriptions.reference as subscription_reference',
    ])
    .where('d.serial', '=', serial)
    .orderBy('m.at')
    .orderBy('m.id')
    .execute();
}

export async function findSubscriptionOf(db: Db, subscriptionId: string) {
  return db
    .selectFrom('subscriptions')
    .select(['id', 'customer_id', 'reference', 'kind', 'status'])
    .where('id', '=', subscriptionId)
    .executeTakeFirst();
}

// Appointments

export async function insertAppointment(db: Db, values: Insertable<Database['shop_appointments']>) {
  // The partial unique index (site, start) where not cancelled is the arbiter of double booking.
  return db
    .insertInto('shop_appointments')
    .values(values)
    .onConflict((conflict) => conflict.columns(['site_id', 'starts_at']).where('status', '<>', 'cancelled').doNothing())
    .returning('id')
    .executeTakeFirst();
}

function appointmentQuery(db: Db) {
  return db
    .selectFrom('shop_appointments as a')
    .innerJoin('sites', 'sites.id', 'a.site_id')
    .innerJoin('customers', 'customers.id', 'a.customer_id')
    .leftJoin('subscriptions', 'subscriptions.id', 'a.subscription_id')
    .leftJoin('shop_devices as device', (join) =>
      join.onRef('device.subscription_id', '=', 'a.subscription_id').on('device.status', '=', 'installed'),
    )
    .select([
      'device.serial as device_serial',
      'device.model as device_model',
      'a.id',
      'a.site_id',
      'a.customer_id',
      'a.subscription_id',
      'a.purpose',
      'a.starts_at',
      'a.ends_at',
      'a.status',
      'a.note',
      'a.created_at',
      'a.cancelled_at',
      'sites.code as shop_code',
      'sites.name as shop_name',
      'customers.reference as customer_reference',
      'customers.civility',
      'customers.first_name',
      'customers.last_name',
      'customers.phone',
      'subscriptions.reference as subscription_reference',
    ]);
}

export async function findAppointment(db: Db, id: string) {
  return appointmentQuery(db).where('a.id', '=', id).executeTakeFirst();
}
export type AppointmentView = NonNullable<Awaited<ReturnType<typeof findAppointment>>>;

export async function lockAppointment(db: Db, id: string) {
  return db.selectFrom('shop_appointments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function agendaOf(db: Db, siteId: string, from: Date, to: Date) {
  return appointmentQuery(db)
    .where('a.site_id', '=', siteId)
    .where('a.starts_at', '>=', from)
    .where('a.starts_at', '<', to)
    .where('a.status', '<>', 'cancelled')
    .orderBy('a.starts_at')
    .execute();
}

export async function takenStarts(db: Db, siteId: string, from: Date, to: Date) {
  const rows = await db
    .selectFrom('shop_appointments')
    .select('starts_at')
    .where('site_id', '=', siteId)
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .where('status', '<>', 'cancelled')
    .execute();
  return new Set(rows.map((row) => row.starts_at.getTime()));
}

export async function customerAppointments(db: Db, customerId: string) {
  return appointmentQuery(db)
    .where('a.customer_id', '=', customerId)
    .orderBy('a.starts_at', 'desc')
    .limit(50)
    .execute();
}

export async function setAppointmentStatus(
  db: Db,
  id: string,
  changes: { status: 'cancelled' | 'done' | 'no_show'; cancelled_at?: Date },
) {
  await db.updateTable('shop_appointments').set(changes).where('id', '=', id).execute();
}

/** A reminder not yet sent is withdrawn with the appointment; one already sent stays in the log. */
export async function withdrawPendingMessage(db: Db, dedupeKey: string) {
  await db.deleteFrom('outbox_messages').where('dedupe_key', '=', dedupeKey).where('status', '=', 'pending').execute();
}

// Swaps

export async function findSwapByKey(db: Db, userId: string, key: string) {
  return db
    .selectFrom('shop_device_swaps')
    .selectAll()
    .where('performed_by_user_id', '=', userId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export async function insertSwap(db: Db, values: Insertable<Database['shop_device_swaps']>) {
  return db.insertInto('shop_device_swaps').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function findSwapView(db: Db, id: string) {
  return db
    .selectFrom('shop_device_swaps as s')
    .innerJoin('shop_devices as faulty', 'faulty.id', 's.faulty_device_id')
    .innerJoin('shop_devices as replacement', 'replacement.id', 's.replacement_device_id')
    .innerJoin('cases', 'cases.id', 's.case_id')
    .innerJoin('subscriptions', 'subscriptions.id', 's.subscription_id')
    .select([
      's.id',
      's.customer_id',
      's.subscription_id',
      's.case_id',
      's.fault',
      's.performed_at',
      'faulty.serial as faulty_serial',
      'faulty.model as faulty_model',
      'faulty.status as faulty_status',
      'replacement.serial as replacement_serial',
      'replacement.model as replacement_model',
      'replacement.status as replacement_status',
      'cases.reference as case_reference',
      'cases.status as case_status',
      'subscriptions.reference as subscription_reference',
    ])
    .where('s.id', '=', id)
    .executeTakeFirstOrThrow();
}

export async function openDeviceSwapCase(db: Db, subscriptionId: string) {
  return db
    .selectFrom('cases')
    .select(['id'])
    .where('subscription_id', '=', subscriptionId)
    .where('type', '=', 'device_swap')
    .where('status', 'in', ['open', 'in_progress', 'waiting_on_customer'])
    .orderBy('opened_at')
    .executeTakeFirst();
}
