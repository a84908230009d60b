/**
 * Shops and community under contention, through the real use cases on a freshly seeded database
 * (PGlite, and PostgreSQL when reachable): many customers booking the same few slots at once
 * (exactly one booking per slot must win), and many members registering for one event at once
 * (never above capacity). Plus the pure slot computation (a year of a shop's slots).
 */
import pg from 'pg';
import { addDays } from '../src/calendar/index.js';
import { registerForEvent } from '../src/community/events.js';
import type { AuthUser } from '../src/identity/queries.js';
import { fixedClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import { type DatabaseHandle, openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import type { AppContext } from '../src/platform/http/context.js';
import { seedDemo } from '../src/seed/seed.js';
import { bookAppointment } from '../src/shops/appointments.js';
import { nancyHours } from '../src/shops/demo.js';
import { slotsOn } from '../src/shops/hours.js';
import type { Figure } from './startup.js';

const NOW = new Date('2026-12-18T09:00:00Z');
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

function slotFigures(): Figure[] {
  const hours = {
    timeZone: 'Europe/Paris',
    weekly: nancyHours,
    exceptions: {},
    slotMinutes: 30,
    bookingHorizonDays: 30,
  };
  const started = performance.now();
  let slots = 0;
  for (let day = 0; day < 365; day++) slots += slotsOn(hours, addDays('2027-01-01', day)).length;
  const ms = performance.now() - started;
  return [
    { name: 'slots of a year computed (Nancy hours, holidays)', value: round(ms), unit: 'ms', note: `${slots} slots` },
  ];
}

async function contention(handle: DatabaseHandle, label: string): Promise<Figure[]> {
  await migrate(handle);
  await seedDemo(handle.db, { customers: 400, customerModules: false });
  const ctx: AppContext = { db: handle.db, clock: fixedClock(NOW), config: loadConfig({}) };
  const staff = await handle.db
    .selectFrom('users')
    .innerJoin('sites', 'sites.id', 'users.site_id')
    .select([
      'users.id',
      'users.email',
      'users.display_name',
      'users.advisor_code',
      'sites.id as site_id',
      'sites.code',
      'sites.name',
      'sites.city',
      'sites.country',
    ])
    .where('users.email', '=', 'shop@demo.suivi')
    .executeTakeFirstOrThrow();
  const user: AuthUser = {
    id: staff.id,
    email: staff.email,
    displayName: staff.display_name,
    advisorCode: staff.advisor_code,
    role: 'shop_staff',
    site: {
      id: staff.site_id,
      code: staff.code,
      name: staff.name,
      kind: 'shop',
      city: staff.city,
      country: staff.country,
    },
    customerId: null,
  };
  const customers = (
    await handle.db.selectFrom('customers').select('id').orderBy('reference').limit(400).execute()
  ).map((row) => row.id);

  // 400 simultaneous bookings for the 15 slots of Tuesday 22 December: 15 must win.
  const slots = slotsOn(
    { timeZone: 'Europe/Paris', weekly: nancyHours, exceptions: {}, slotMinutes: 30, bookingHorizonDays: 30 },
    '2026-12-22',
  );
  let started = performance.now();
  const outcomes = await Promise.allSettled(
    customers.map((customerId, index) =>
      bookAppointment(ctx, user, {
        shopCode: 'NCY',
        startsAt: (slots[index % slots.length] as { startsAt: Date }).startsAt,
        purpose: 'help',
        customerId,
      }),
    ),
  );
  const bookingMs = performance.now() - started;
  const won = outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
  if (won !== slots.length) throw new Error(`${won} bookings won for ${slots.length} slots`);

  // 400 simultaneous registrations for an event of 50 seats: 50 registered, 350 waitlisted.
  const event = await handle.db
    .insertInto('community_events')
    .values({
      title: 'Bench',
      category: 'technical',
      starts_at: new Date('2027-01-09T13:00:00Z'),
      ends_at: new Date('2027-01-09T16:00:00Z'),
      capacity: 50,
      cancelled_at: null,
      created_by_user_id: null,
      site_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  started = performance.now();
  const registrations = await Promise.all(
    customers.map((customerId) => registerForEvent(ctx, { eventId: event.id, customerId })),
  );
  const registerMs = performance.now() - started;
  const seated = registrations.filter((row) => row.status === 'registered').length;
  if (seated !== 50) throw new Error(`${seated} registered for 50 seats`);
  return [
    {
      name: `${label}: 400 simultaneous bookings on 15 slots`,
      value: round((400 / bookingMs) * 1000),
      unit: 'requests/s',
      note: `${round(bookingMs)} ms, ${won} won, no double booking`,
    },
    {
      name: `${label}: 400 simultaneous registrations, 50 seats`,
      value: round((400 / registerMs) * 1000),
      unit: 'requests/s',
      note: `${round(registerMs)} ms, ${seated} seated`,
    },
  ];
}

/** Drops the database without force: the pool's sockets may still be closing, and a forced drop would kill them mid-close. */
async function dropWhenClosed(admin: pg.Client, name: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await admin.query(`drop database if exists ${name}`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await admin.query(`drop database if exists ${name} with (force)`);
}

export async function runShopsBench(options: { postgresUrl?: string }): Promise<Figure[]> {
  const figures = slotFigures();
  const lite = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    figures.push(...(await contention(lite, 'PGlite')));
  } finally {
    await lite.close();
  }
  if (options.postgresUrl) {
    const name = `suivi_bench_shops_${process.pid}`;
    const admin = new pg.Client({ connectionString: options.postgresUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(options.postgresUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 10 });
    try {
      figures.push(...(await contention(handle, 'PostgreSQL')));
    } finally {
      await handle.close();
      await dropWhenClosed(admin, name);
      await admin.end();
    }
  }
  return figures;
}
