/** Database access for community events and registrations (Kysely). */
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';

type Db = Kysely<Database>;

export async function insertEvent(db: Db, values: Insertable<Database['community_events']>) {
  return db.insertInto('community_events').values(values).returning('id').executeTakeFirstOrThrow();
}

function eventQuery(db: Db) {
  return db
    .selectFrom('community_events as e')
    .leftJoin('sites', 'sites.id', 'e.site_id')
    .select([
      'e.id',
      'e.title',
      'e.description',
      'e.category',
      'e.starts_at',
      'e.ends_at',
      'e.capacity',
      'e.registered_count',
      'e.cancelled_at',
      'sites.code as shop_code',
      'sites.name as shop_name',
      'sites.city as shop_city',
      (eb) =>
        eb
          .selectFrom('event_registrations as r')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .whereRef('r.event_id', '=', 'e.id')
          .where('r.status', '=', 'waitlisted')
          .as('waitlisted_count'),
    ]);
}

export async function findEvent(db: Db, id: string) {
  return eventQuery(db).where('e.id', '=', id).executeTakeFirst();
}
export type EventView = NonNullable<Awaited<ReturnType<typeof findEvent>>>;

export async function upcomingEvents(db: Db, input: { now: Date; limit: number; after: [string, string] | null }) {
  let query = eventQuery(db).where('e.ends_at', '>', input.now).where('e.cancelled_at', 'is', null);
  if (input.after) {
    const [at, id] = input.after;
    query = query.where((eb) =>
      eb.or([
        eb('e.starts_at', '>', new Date(at)),
        eb.and([eb('e.starts_at', '=', new Date(at)), eb('e.id', '>', id)]),
      ]),
    );
  }
  return query.orderBy('e.starts_at').orderBy('e.id').limit(input.limit).execute();
}

export async function lockEvent(db: Db, id: string) {
  return db.selectFrom('community_events').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Takes a seat if one is left; the table's check (count ≤ capacity) is the last word. */
export async function takeSeat(db: Db, eventId: string): Promise<boolean> {
  const row = await db
    .updateTable('community_events')
    .set((eb) => ({ registered_count: eb('registered_count', '+', 1) }))
    .where('id', '=', eventId)
    .whereRef('registered_count', '<', 'capacity')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function releaseSeat(db: Db, eventId: string) {
  await db
    .updateTable('community_events')
    .set((eb) => ({ registered_count: eb('registered_count', '-', 1) }))
    .where('id', '=', eventId)
    .execute();
}

export async function liveRegistration(db: Db, eventId: string, customerId: string) {
  return db
    .selectFrom('event_registrations')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('customer_id', '=', customerId)
    .where('status', '<>', 'cancelled')
    .forUpdate()
    .executeTakeFirst();
}

export async function insertRegistration(db: Db, values: Insertable<Database['event_registrations']>) {
  return db.insertInto('event_registrations').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function firstWaitlisted(db: Db, eventId: string) {
  return db
    .selectFrom('event_registrations')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('status', '=', 'waitlisted')
    .orderBy('queued_at')
    .orderBy('seq')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateRegistration(
  db: Db,
  id: string,
  changes: { status?: 'registered' | 'cancelled'; promoted_at?: Date; cancelled_at?: Date; checked_in_at?: Date },
) {
  await db.updateTable('event_registrations').set(changes).where('id', '=', id).execute();
}

export async function waitlistPosition(db: Db, eventId: string, registration: { queued_at: Date; seq: number }) {
  const row = await db
    .selectFrom('event_registrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', eventId)
    .where('status', '=', 'waitlisted')
    .where((eb) =>
      eb.or([
        eb('queued_at', '<', registration.queued_at),
        eb.and([eb('queued_at', '=', registration.queued_at), eb('seq', '<=', registration.seq)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function registrationsOf(db: Db, eventId: string) {
  return db
    .selectFrom('event_registrations as r')
    .innerJoin('customers', 'customers.id', 'r.customer_id')
    .select([
      'r.id',
      'r.customer_id',
      'r.status',
      'r.queued_at',
      'r.promoted_at',
      'r.checked_in_at',
      'customers.reference',
      'customers.civility',
      'customers.first_name',
      'customers.last_name',
    ])
    .where('r.event_id', '=', eventId)
    .where('r.status', '<>', 'cancelled')
    .orderBy('r.status')
    .orderBy('r.queued_at')
    .orderBy('r.seq')
    .execute();
}

export async function customerRegistrations(db: Db, customerId: string, now: Date) {
  return db
    .selectFrom('event_registrations as r')
    .innerJoin('community_events as e', 'e.id', 'r.event_id')
    .select(['r.id', 'r.event_id', 'r.status', 'r.queued_at', 'r.seq', 'r.checked_in_at', 'e.title', 'e.starts_at'])
    .where('r.customer_id', '=', customerId)
    .where('r.status', '<>', 'cancelled')
    .where('e.ends_at', '>', now)
    .orderBy('e.starts_at')
    .execute();
}
