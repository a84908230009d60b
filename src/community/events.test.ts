import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, type TestApp, createTestApp, login } from '../../test/test-app.js';
import { fixedClock } from '../platform/clock.js';
import { customerIdOf } from '../seed/customers.js';

const clock = fixedClock(new Date('2026-12-18T09:00:00Z'));
let t: TestApp;
let subscriber: LoggedIn;
let shop: LoggedIn;
let advisor: LoggedIn;
const claire = customerIdOf(0);

type Body = Record<string, unknown>;
const send = (session: LoggedIn | null, method: 'POST' | 'GET', url: string, payload?: Body) =>
  t.app.inject({
    method,
    url,
    payload,
    headers: session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {},
  });
const createEvent = async (payload: Body = {}) => {
  const response = await send(shop, 'POST', '/api/events', {
    title: 'Atelier soudure',
    category: 'technical',
    startsAt: '2027-01-09T14:00:00+01:00',
    endsAt: '2027-01-09T17:00:00+01:00',
    capacity: 2,
    shopCode: 'NCY',
    ...payload,
  });
  expect(response.statusCode).toBe(201);
  return response.json();
};

beforeAll(async () => {
  t = await createTestApp({ customers: 40, clock, config: { sessionTtlHours: 24 * 400 } });
  [subscriber, shop, advisor] = await Promise.all([
    login(t.app, 'subscriber@demo.suivi'),
    login(t.app, 'shop@demo.suivi'),
    login(t.app, 'advisor@demo.suivi'),
  ]);
});
afterAll(() => t.close());

describe('events', () => {
  it('lists upcoming events publicly, without a login, with seats left', async () => {
    const event = await createEvent({ title: 'Conférence publique' });
    const response = await send(null, 'GET', '/api/public/events?limit=100');
    expect(response.statusCode).toBe(200);
    const listed = response.json().items.find((item: Body) => item.id === event.id);
    expect(listed).toMatchObject({
      title: 'Conférence publique',
      capacity: 2,
      seatsLeft: 2,
      place: { shopCode: 'NCY' },
    });
    // Registering needs a login; creating needs community staff.
    expect((await send(null, 'POST', `/api/events/${event.id}/registrations`, {})).statusCode).toBe(401);
    const byAdvisor = await send(advisor, 'POST', '/api/events', {
      title: 'x',
      category: 'leisure',
      startsAt: '2027-01-09T14:00:00Z',
      endsAt: '2027-01-09T15:00:00Z',
      capacity: 3,
    });
    expect(byAdvisor.statusCode).toBe(403);
    const backwards = await send(shop, 'POST', '/api/events', {
      title: 'x',
      category: 'leisure',
      startsAt: '2027-01-09T14:00:00Z',
      endsAt: '2027-01-09T13:00:00Z',
      capacity: 3,
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0].field).toBe('body.endsAt');
  });

  it('pages through the public list with a cursor', async () => {
    const first = (await send(null, 'GET', '/api/public/events?limit=1')).json();
    expect(first.items).toHaveLength(1);
    const second = (await send(null, 'GET', `/api/public/events?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.items[0].id).not.toBe(first.items[0].id);
    expect((await send(null, 'GET', '/api/public/events?cursor=nope')).statusCode).toBe(400);
  });

  it('fills up, puts the next on the waiting list and promotes them when someone cancels, telling them', async () => {
    const event = await createEvent();
    const register = (customerId: string) =>
      send(shop, 'POST', `/api/events/${event.id}/registrations`, { customerId });
    const mine = await send(subscriber, 'POST', `/api/events/${event.id}/registrations`, {});
    expect(mine.statusCode).toBe(201);
    expect(mine.json()).toMatchObject({ customerId: claire, status: 'registered' });
    expect((await send(subscriber, 'POST', `/api/events/${event.id}/registrations`, {})).statusCode).toBe(200);
    expect((await register(customerIdOf(1))).json().status).toBe('registered');
    const third = (await register(customerIdOf(2))).json();
    expect(third).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect((await register(customerIdOf(3))).json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    expect((await send(null, 'GET', `/api/public/events/${event.id}`)).json()).toMatchObject({
      seatsLeft: 0,
      waitlisted: 2,
    });

    clock.advance(60_000);
    const cancelled = await send(subscriber, 'POST', `/api/events/${event.id}/registrations/cancel`, {});
    expect(cancelled.statusCode).toBe(200);
    const door = (await send(shop, 'GET', `/api/events/${event.id}/registrations`)).json();
    expect(door.registered.map((row: Body) => (row.customer as Body).id)).toEqual([customerIdOf(1), customerIdOf(2)]);
    expect(door.waitingList.map((row: Body) => (row.customer as Body).id)).toEqual([customerIdOf(3)]);
    expect(door.event).toMatchObject({ registered: 2, seatsLeft: 0 });
    const told = await t.database.db
      .selectFrom('outbox_messages')
      .select(['kind', 'subject'])
      .where('customer_id', '=', customerIdOf(2))
      .where('kind', '=', 'event_waitlist_promoted')
      .execute();
    expect(told).toHaveLength(1);
    expect(told[0]?.subject).toMatch(/Atelier soudure/);

    // A waitlisted member leaving frees nothing; a registered one leaving with nobody waiting frees a seat.
    await send(shop, 'POST', `/api/events/${event.id}/registrations/cancel`, { customerId: customerIdOf(3) });
    await send(shop, 'POST', `/api/events/${event.id}/registrations/cancel`, { customerId: customerIdOf(1) });
    expect((await send(null, 'GET', `/api/public/events/${event.id}`)).json()).toMatchObject({
      seatsLeft: 1,
      waitlisted: 0,
    });
  });

  it('checks in a registered member at the door, once, and refuses someone not registered', async () => {
    const event = await createEvent({ capacity: 1 });
    await send(shop, 'POST', `/api/events/${event.id}/registrations`, { customerId: customerIdOf(4) });
    await send(shop, 'POST', `/api/events/${event.id}/registrations`, { customerId: customerIdOf(5) });
    const first = await send(shop, 'POST', `/api/events/${event.id}/check-in`, { customerId: customerIdOf(4) });
    expect(first.statusCode).toBe(200);
    clock.advance(60_000);
    const again = await send(shop, 'POST', `/api/events/${event.id}/check-in`, { customerId: customerIdOf(4) });
    expect(again.json().checkedInAt).toBe(first.json().checkedInAt);
    const waiting = await send(shop, 'POST', `/api/events/${event.id}/check-in`, { customerId: customerIdOf(5) });
    expect(waiting.statusCode).toBe(400);
    expect(waiting.json().errors[0].field).toBe('body.customerId');
    expect(
      (await send(subscriber, 'POST', `/api/events/${event.id}/check-in`, { customerId: claire })).statusCode,
    ).toBe(403);
  });

  it('never exceeds capacity under simultaneous registrations', async () => {
    const event = await createEvent({ capacity: 5 });
    const customers = Array.from({ length: 16 }, (_, index) => customerIdOf(index + 10));
    const responses = await Promise.all(
      customers.map((customerId) => send(shop, 'POST', `/api/events/${event.id}/registrations`, { customerId })),
    );
    expect(responses.every((response) => response.statusCode === 201)).toBe(true);
    const statuses = responses.map((response) => response.json().status);
    expect(statuses.filter((status) => status === 'registered')).toHaveLength(5);
    expect(statuses.filter((status) => status === 'waitlisted')).toHaveLength(11);
    const positions = responses
      .map((response) => response.json().waitlistPosition)
      .filter((p) => p !== null)
      .sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 11 }, (_, index) => index + 1));
    const rows = await t.database.db
      .selectFrom('event_registrations')
      .select('id')
      .where('event_id', '=', event.id)
      .where('status', '=', 'registered')
      .execute();
    expect(rows).toHaveLength(5);
    // The database refuses an overbooked counter, whatever the code.
    await expect(
      t.database.db.updateTable('community_events').set({ registered_count: 6 }).where('id', '=', event.id).execute(),
    ).rejects.toThrow();
  });
});
