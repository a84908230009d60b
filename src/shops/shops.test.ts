import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, type TestApp, createTestApp, login } from '../../test/test-app.js';
import { fixedClock } from '../platform/clock.js';
import { customerIdOf } from '../seed/customers.js';

// Friday 18 December 2026, 10:00 in Paris; the shop is open Tuesday to Saturday.
const clock = fixedClock(new Date('2026-12-18T09:00:00Z'));
let t: TestApp;
let subscriber: LoggedIn;
let shop: LoggedIn;
let advisor: LoggedIn;
const claire = customerIdOf(0);
let claireBox = { subscriptionId: '', serial: '' };

type Body = Record<string, unknown>;
const send = (session: LoggedIn, method: 'POST' | 'GET', url: string, payload?: Body, headers = {}) =>
  t.app.inject({ method, url, payload, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...headers } });

/** A fixed-line subscription with its installed box, for a customer other than Claire. */
async function boxOf(customerId: string) {
  return t.database.db
    .selectFrom('shop_devices')
    .innerJoin('subscriptions', 'subscriptions.id', 'shop_devices.subscription_id')
    .select(['subscriptions.id as subscriptionId', 'shop_devices.serial', 'subscriptions.customer_id as customerId'])
    .where('subscriptions.customer_id', '=', customerId)
    .where('shop_devices.status', '=', 'installed')
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  t = await createTestApp({ customers: 40, clock, config: { sessionTtlHours: 24 * 400 } });
  [subscriber, shop, advisor] = await Promise.all([
    login(t.app, 'subscriber@demo.suivi'),
    login(t.app, 'shop@demo.suivi'),
    login(t.app, 'advisor@demo.suivi'),
  ]);
  claireBox = await boxOf(claire);
});
afterAll(() => t.close());

describe('shops and slots', () => {
  it('lists the Nancy shop-laboratory with its opening hours', async () => {
    const response = await send(subscriber, 'GET', '/api/shops');
    expect(response.statusCode).toBe(200);
    const nancy = response.json().items.find((item: Body) => item.code === 'NCY');
    expect(nancy).toMatchObject({ name: 'Boutique-laboratoire de Nancy', timeZone: 'Europe/Paris', slotMinutes: 30 });
    expect(nancy.openingHours.mon).toBeUndefined();
    // Staff see the team and the shelf; a subscriber does not.
    expect((await send(subscriber, 'GET', '/api/shops/NCY')).json().staff).toBeUndefined();
    const forStaff = (await send(shop, 'GET', '/api/shops/NCY')).json();
    expect(forStaff.staff.map((member: Body) => member.displayName)).toContain('Camille Henry');
    expect(forStaff.stock.reduce((sum: number, row: Body) => sum + Number(row.count), 0)).toBe(24);
  });

  it('offers slots inside opening hours only, none on a closed day or a holiday', async () => {
    const tuesday = (await send(subscriber, 'GET', '/api/shops/NCY/slots?date=2026-12-22')).json();
    expect(tuesday.items).toHaveLength(15);
    expect(tuesday.items[0]).toEqual({
      startsAt: '2026-12-22T09:00:00.000Z',
      endsAt: '2026-12-22T09:30:00.000Z',
      free: true,
    });
    expect((await send(subscriber, 'GET', '/api/shops/NCY/slots?date=2026-12-21')).json().items).toEqual([]);
    expect((await send(subscriber, 'GET', '/api/shops/NCY/slots?date=2026-12-25')).json().items).toEqual([]);
    const bad = await send(subscriber, 'GET', '/api/shops/NCY/slots?date=22/12/2026');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('query.date');
    expect((await send(subscriber, 'GET', '/api/shops/XXX/slots?date=2026-12-22')).statusCode).toBe(404);
  });
});

describe('booking an appointment', () => {
  it('books a free slot for the subscriber and writes the reminder by the preferred channel, due the day before', async () => {
    const response = await send(subscriber, 'POST', '/api/appointments', {
      shopCode: 'NCY',
      startsAt: '2026-12-22T10:00:00+01:00',
      purpose: 'device_swap',
      subscriptionId: claireBox.subscriptionId,
      note: 'La box redémarre sans arrêt',
    });
    expect(response.statusCode).toBe(201);
    const booked = response.json();
    expect(booked).toMatchObject({
      shop: { code: 'NCY' },
      customer: { id: claire },
      purpose: 'device_swap',
      status: 'booked',
      startsAt: '2026-12-22T09:00:00.000Z',
      endsAt: '2026-12-22T09:30:00.000Z',
      subscription: { id: claireBox.subscriptionId, device: { serial: claireBox.serial } },
    });
    const reminder = await t.database.db
      .selectFrom('outbox_messages')
      .innerJoin('customers', 'customers.id', 'outbox_messages.customer_id')
      .select([
        'outbox_messages.channel',
        'outbox_messages.next_attempt_at',
        'outbox_messages.body',
        'customers.preferred_channel',
        'customers.email',
      ])
      .where('dedupe_key', '=', `shop-appointment-reminder:${booked.id}`)
      .executeTakeFirstOrThrow();
    expect(reminder.next_attempt_at.toISOString()).toBe('2026-12-21T09:00:00.000Z');
    expect(reminder.channel).toBe(
      reminder.preferred_channel === 'sms' ? 'sms' : reminder.preferred_channel === 'letter' ? 'letter' : 'email',
    );
    expect(reminder.body).toContain('mardi 22 décembre 2026 à 10:00');
    const slots = (await send(subscriber, 'GET', '/api/shops/NCY/slots?date=2026-12-22')).json().items;
    expect(slots.find((slot: Body) => slot.startsAt === '2026-12-22T09:00:00.000Z').free).toBe(false);
    const mine = (await send(subscriber, 'GET', '/api/appointments')).json().items;
    expect(mine.map((item: Body) => item.id)).toContain(booked.id);
  });

  it('refuses a slot off the grid, during lunch, in the past, or someone else’s line, naming the field', async () => {
    const book = (payload: Body) =>
      send(subscriber, 'POST', '/api/appointments', { shopCode: 'NCY', purpose: 'help', ...payload });
    for (const startsAt of [
      '2026-12-22T09:10:00Z',
      '2026-12-22T11:30:00Z',
      '2026-12-17T09:00:00Z',
      '2026-12-21T09:00:00Z',
    ]) {
      const response = await book({ startsAt });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].field).toBe('body.startsAt');
    }
    const other = await boxOf(customerIdOf(1)).catch(() => boxOf(customerIdOf(2)));
    const foreign = await book({ startsAt: '2026-12-23T09:00:00Z', subscriptionId: other.subscriptionId });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0].field).toBe('body.subscriptionId');
    const unknown = await book({ startsAt: '2026-12-23T09:00:00Z', customerId: customerIdOf(3) });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('body.customerId');
    const extra = await book({ startsAt: '2026-12-23T09:00:00Z', colour: 'blue' });
    expect(extra.statusCode).toBe(400);
  });

  it('never double-books: of many simultaneous requests for one slot exactly one succeeds', async () => {
    const customers = Array.from({ length: 12 }, (_, index) => customerIdOf(index + 5));
    const responses = await Promise.all(
      customers.map((customerId) =>
        send(advisor, 'POST', '/api/appointments', {
          shopCode: 'NCY',
          startsAt: '2026-12-23T13:00:00Z',
          purpose: 'subscription',
          customerId,
        }),
      ),
    );
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(11);
    expect(responses.find((response) => response.statusCode === 409)?.json().errors[0].field).toBe('body.startsAt');
    const rows = await t.database.db
      .selectFrom('shop_appointments')
      .select('id')
      .where('starts_at', '=', new Date('2026-12-23T13:00:00Z'))
      .execute();
    expect(rows).toHaveLength(1);
    // The constraint, not only the code: a direct second insert is refused by the database.
    await expect(
      t.database.db
        .insertInto('shop_appointments')
        .values({
          site_id: (
            await t.database.db.selectFrom('sites').select('id').where('code', '=', 'NCY').executeTakeFirstOrThrow()
          ).id,
          customer_id: claire,
          purpose: 'help',
          starts_at: new Date('2026-12-23T13:00:00Z'),
          ends_at: new Date('2026-12-23T13:30:00Z'),
          booked_by_user_id: advisor.user.id,
          created_at: clock.now(),
        })
        .execute(),
    ).rejects.toThrow();
  });

  it('frees the slot and withdraws the reminder when the customer cancels', async () => {
    const booked = (
      await send(subscriber, 'POST', '/api/appointments', {
        shopCode: 'NCY',
        startsAt: '2026-12-24T09:30:00Z',
        purpose: 'help',
      })
    ).json();
    const cancelled = await send(subscriber, 'POST', `/api/appointments/${booked.id}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelledAt: '2026-12-18T09:00:00.000Z' });
    const reminder = await t.database.db
      .selectFrom('outbox_messages')
      .select('id')
      .where('dedupe_key', '=', `shop-appointment-reminder:${booked.id}`)
      .executeTakeFirst();
    expect(reminder).toBeUndefined();
    const again = await send(advisor, 'POST', '/api/appointments', {
      shopCode: 'NCY',
      startsAt: '2026-12-24T09:30:00Z',
      purpose: 'help',
      customerId: customerIdOf(4),
    });
    expect(again.statusCode).toBe(201);
    // Someone else's appointment is not found for a subscriber.
    expect((await send(subscriber, 'POST', `/api/appointments/${again.json().id}/cancel`)).statusCode).toBe(404);
  });
});

describe('the day’s agenda', () => {
  it('shows shop staff the day’s visits with the box to expect; others are refused', async () => {
    const agenda = await send(shop, 'GET', '/api/shops/NCY/agenda?date=2026-12-22');
    expect(agenda.statusCode).toBe(200);
    expect(agenda.json().items).toEqual([
      expect.objectContaining({
        customer: expect.objectContaining({ id: claire, name: 'Mme Claire Martin' }),
        purpose: 'device_swap',
        subscription: expect.objectContaining({ device: expect.objectContaining({ serial: claireBox.serial }) }),
      }),
    ]);
    expect((await send(shop, 'GET', '/api/shops/NCY/agenda')).json()).toMatchObject({ date: '2026-12-18', items: [] });
    expect((await send(subscriber, 'GET', '/api/shops/NCY/agenda')).statusCode).toBe(403);
    expect((await send(advisor, 'GET', '/api/shops/NCY/agenda')).statusCode).toBe(403);
    const logged = await t.database.db
      .selectFrom('customer_access_log')
      .select('route')
      .where('staff_user_id', '=', shop.user.id)
      .where('customer_id', '=', claire)
      .execute();
    expect(logged.map((row) => row.route)).toContain('GET /api/shops/:code/agenda');
  });
});

describe('device swap', () => {
  it('moves stock, updates the subscription and lands on the case timeline the advisor sees, once', async () => {
    clock.set(new Date('2026-12-22T09:05:00Z'));
    const appointment = (await send(shop, 'GET', '/api/shops/NCY/agenda?date=2026-12-22')).json().items[0];
    const payload = {
      faultySerial: claireBox.serial,
      replacementSerial: 'NCY-STK-0001',
      fault: 'Redémarrages en boucle',
      appointmentId: appointment.id,
    };
    const first = await send(shop, 'POST', '/api/shops/NCY/swaps', payload, { 'idempotency-key': 'swap-claire-1' });
    expect(first.statusCode).toBe(201);
    const swap = first.json();
    expect(swap).toMatchObject({
      customerId: claire,
      subscription: { id: claireBox.subscriptionId },
      faulty: { serial: claireBox.serial, status: 'to_repair' },
      replacement: { serial: 'NCY-STK-0001', status: 'installed' },
      case: { status: 'resolved' },
    });
    // A retry of the same request changes nothing and answers with the same swap.
    const replay = await send(shop, 'POST', '/api/shops/NCY/swaps', payload, { 'idempotency-key': 'swap-claire-1' });
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().id).toBe(swap.id);
    const reused = await send(
      shop,
      'POST',
      '/api/shops/NCY/swaps',
      { ...payload, fault: 'autre' },
      { 'idempotency-key': 'swap-claire-1' },
    );
    expect(reused.statusCode).toBe(422);
    const again = await send(shop, 'POST', '/api/shops/NCY/swaps', { ...payload, replacementSerial: 'NCY-STK-0002' });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].field).toBe('body.faultySerial');
    const swaps = await t.database.db
      .selectFrom('shop_device_swaps')
      .select('id')
      .where('customer_id', '=', claire)
      .execute();
    expect(swaps).toHaveLength(1);

    // The advisor on the phone sees the visit on the customer's case.
    const file = (await send(advisor, 'GET', `/api/cases/${swap.case.id}`)).json();
    expect(file).toMatchObject({ type: 'device_swap', status: 'resolved' });
    expect(file.timeline).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'shop_visit', summary: expect.stringContaining('NCY-STK-0001') }),
      ]),
    );
    // The faulty unit is tracked back to repair; the appointment is done; the shelf has one box fewer.
    const history = (await send(shop, 'GET', `/api/devices/${claireBox.serial}`)).json();
    expect(history.movements.at(-1)).toMatchObject({ from: 'installed', to: 'to_repair', shop: 'NCY' });
    const toRepair = (await send(shop, 'GET', '/api/shops/NCY/devices?status=to_repair')).json().items;
    expect(toRepair.map((device: Body) => device.serial)).toEqual([claireBox.serial]);
    const agenda = (await send(shop, 'GET', '/api/shops/NCY/agenda?date=2026-12-22')).json().items;
    expect(agenda[0]).toMatchObject({ status: 'done', subscription: { device: { serial: 'NCY-STK-0001' } } });
  });

  it('adds the visit to an open device-swap case and keeps its promise', async () => {
    const other = await boxOf(customerIdOf(6)).catch(() => boxOf(customerIdOf(7)));
    const opened = await send(advisor, 'POST', '/api/cases', {
      customerId: other.customerId,
      subscriptionId: other.subscriptionId,
      type: 'device_swap',
      channel: 'phone_in',
      summary: 'Box en panne, le client passera à la boutique de Nancy',
      confirmNewCase: true,
    });
    expect(opened.statusCode).toBe(201);
    const swap = await send(shop, 'POST', '/api/shops/NCY/swaps', {
      faultySerial: other.serial,
      replacementSerial: 'NCY-STK-0002',
      fault: 'Plus de synchronisation',
    });
    expect(swap.statusCode).toBe(201);
    expect(swap.json().case.id).toBe(opened.json().id);
    const file = (await send(advisor, 'GET', `/api/cases/${opened.json().id}`)).json();
    expect(file.timeline.map((entry: Body) => entry.channel)).toEqual(['phone_in', 'shop_visit']);
    expect(file.promiseHistory.map((event: Body) => event.event)).toContain('kept');
  });

  it('stores one swap when the same request arrives twice at once (same Idempotency-Key)', async () => {
    const other = await boxOf(customerIdOf(10)).catch(() => boxOf(customerIdOf(11)));
    const payload = { faultySerial: other.serial, replacementSerial: 'NCY-STK-0004', fault: 'Wi-Fi muet' };
    const [a, b] = await Promise.all([
      send(shop, 'POST', '/api/shops/NCY/swaps', payload, { 'idempotency-key': 'double-click-1' }),
      send(shop, 'POST', '/api/shops/NCY/swaps', payload, { 'idempotency-key': 'double-click-1' }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).toBe(b.json().id);
    expect([a.headers['idempotent-replayed'], b.headers['idempotent-replayed']].filter(Boolean)).toEqual(['true']);
    const interactions = await t.database.db
      .selectFrom('case_interactions')
      .select('id')
      .where('case_id', '=', a.json().case.id)
      .where('channel', '=', 'shop_visit')
      .execute();
    expect(interactions).toHaveLength(1);
  });

  it('refuses an unknown serial, a replacement not on the shelf, and people who are not shop staff', async () => {
    const unknown = await send(shop, 'POST', '/api/shops/NCY/swaps', {
      faultySerial: 'NOPE-000',
      replacementSerial: 'NCY-STK-0003',
      fault: 'x',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('body.faultySerial');
    const other = await boxOf(customerIdOf(8)).catch(() => boxOf(customerIdOf(9)));
    const installed = await send(shop, 'POST', '/api/shops/NCY/swaps', {
      faultySerial: other.serial,
      replacementSerial: 'NCY-STK-0001',
      fault: 'x',
    });
    expect(installed.statusCode).toBe(409);
    expect(installed.json().errors[0].field).toBe('body.replacementSerial');
    const forbidden = await send(subscriber, 'POST', '/api/shops/NCY/swaps', {
      faultySerial: other.serial,
      replacementSerial: 'NCY-STK-0003',
      fault: 'x',
    });
    expect(forbidden.statusCode).toBe(403);
    const advisorSwap = { faultySerial: other.serial, replacementSerial: 'NCY-STK-0003', fault: 'x' };
    expect((await send(advisor, 'POST', '/api/shops/NCY/swaps', advisorSwap)).statusCode).toBe(403);
    // Nothing moved.
    const device = await t.database.db
      .selectFrom('shop_devices')
      .select('status')
      .where('serial', '=', 'NCY-STK-0003')
      .executeTakeFirstOrThrow();
    expect(device.status).toBe('in_stock');
  });
});
