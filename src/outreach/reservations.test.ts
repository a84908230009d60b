/**
 * Dialler reservations: agents take the next compliant customers for a lease; simultaneous requests
 * never get the same customer, a lease that ran out frees them, recording the attempt releases them,
 * and the cap holds whatever runs in parallel. Runs on PGlite and on PostgreSQL (DATABASE_URL).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LoggedIn, type TestApp, createTestApp, login } from '../../test/test-app.js';
import { fixedClock } from '../platform/clock.js';
import { customerIdOf } from '../seed/customers.js';

// Tuesday 8 December 2026, 11:00 in Paris.
const tuesday = new Date('2026-12-08T10:00:00Z');
const clock = fixedClock(tuesday);
let t: TestApp;
let supervisor: LoggedIn;
let admin: LoggedIn;
let advisor: LoggedIn;
let subscriber: LoggedIn;
let shop: LoggedIn;

// The pool: customers 10 to 29 have marketing-phone consent, nobody else.
const pool = Array.from({ length: 20 }, (_, i) => customerIdOf(10 + i));

type Body = Record<string, unknown>;
type Method = 'POST' | 'GET' | 'PUT' | 'DELETE';
const send = (session: LoggedIn, method: Method, url: string, payload?: Body, headers = {}) =>
  t.app.inject({ method, url, payload, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...headers } });
const campaign = async (purpose: 'marketing' | 'contract_offer' = 'marketing') =>
  (await send(supervisor, 'POST', '/api/outreach/campaigns', { name: 'Offre fibre', purpose })).json().id as string;
const reserve = (session: LoggedIn, campaignId: string, body: Body, headers = {}) =>
  send(session, 'POST', `/api/outreach/campaigns/${campaignId}/reservations`, body, headers);
const attempt = (session: LoggedIn, campaignId: string, customerId: string, outcome = 'no_answer') =>
  send(session, 'POST', `/api/outreach/campaigns/${campaignId}/attempts`, { customerId, outcome });
const customersOf = (response: { json(): { items: Array<{ customerId: string }> } }) =>
  response.json().items.map((item) => item.customerId);
const callable = async (campaignId: string) =>
  customersOf(await send(supervisor, 'GET', `/api/outreach/campaigns/${campaignId}/callable?limit=500`));
const releaseAll = async () => {
  for (const session of [supervisor, admin]) {
    const campaigns = (await send(session, 'GET', '/api/outreach/campaigns')).json().items as Array<{ id: string }>;
    for (const { id } of campaigns) await send(session, 'DELETE', `/api/outreach/campaigns/${id}/reservations`);
  }
};
const placedAttempts = async (customerId: string) =>
  Number(
    (
      await t.database.db
        .selectFrom('outreach_attempts')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('customer_id', '=', customerId)
        .where('status', '=', 'placed')
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp({ customers: 40, clock, config: { sessionTtlHours: 24 * 400 } });
  [supervisor, admin, advisor, subscriber, shop] = await Promise.all([
    login(t.app, 'supervisor@demo.suivi'),
    login(t.app, 'admin@demo.suivi'),
    login(t.app, 'advisor@demo.suivi'),
    login(t.app, 'subscriber@demo.suivi'),
    login(t.app, 'shop@demo.suivi'),
  ]);
  // A known pool: no seeded consents, calls or overseas zones; consent for the 20 customers of the pool.
  const db = t.database.db;
  await db.deleteFrom('customer_consents').where('purpose', '=', 'marketing_phone').execute();
  await db.deleteFrom('outreach_attempts').execute();
  await db.deleteFrom('customer_time_zones').execute();
  await db
    .insertInto('customer_consents')
    .values(
      pool.map((customerId) => ({
        customer_id: customerId,
        purpose: 'marketing_phone' as const,
        status: 'granted' as const,
        source: 'call' as const,
        recorded_at: new Date('2026-11-01T10:00:00Z'),
        recorded_by_user_id: null,
        evidence: 'Enregistrement #42',
      })),
    )
    .execute();
});
afterAll(() => t.close());
beforeEach(async () => {
  clock.set(tuesday);
  await releaseAll();
});

describe('dialler reservations', () => {
  it('never gives one customer to two simultaneous requests (8 requests of 5 from a pool of 20)', async () => {
    const id = await campaign();
    expect(new Set(await callable(id))).toEqual(new Set(pool));
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => reserve(i % 2 === 0 ? supervisor : admin, id, { count: 5 })),
    );
    for (const response of responses) expect(response.statusCode).toBe(201);
    const taken = responses.flatMap(customersOf);
    expect(taken).toHaveLength(20);
    expect(new Set(taken)).toEqual(new Set(pool));
    for (const response of responses) {
      const body = response.json();
      expect(body.items.length).toBeLessThanOrEqual(5);
      expect(body.leaseExpiresAt).toBe('2026-12-08T10:05:00.000Z');
      for (const item of body.items) expect(item).toMatchObject({ status: 'held', basis: 'consent' });
    }
    // Held customers are skipped by everyone's screening, and nobody is left to reserve.
    expect(await callable(id)).toEqual([]);
    const more = await reserve(admin, id, { count: 5 });
    expect(more.statusCode).toBe(201);
    expect(more.json().items).toEqual([]);
    // Another campaign does not get them either: one live reservation per customer.
    expect(customersOf(await reserve(admin, await campaign(), { count: 5 }))).toEqual([]);
  });

  it('frees the customers when the lease runs out (configurable lease)', async () => {
    const id = await campaign();
    const first = await reserve(supervisor, id, { count: 3, leaseSeconds: 60 });
    expect(first.json()).toMatchObject({ leaseSeconds: 60, leaseExpiresAt: '2026-12-08T10:01:00.000Z' });
    const held = customersOf(first);
    expect(held).toHaveLength(3);
    clock.advance(59_000);
    expect(await callable(id)).not.toContain(held[0]);
    expect(customersOf(await reserve(admin, id, { count: 20 }))).not.toContain(held[0]);
    await send(admin, 'DELETE', `/api/outreach/campaigns/${id}/reservations`);
    clock.advance(1_000); // the lease ends at 10:01:00
    expect(await callable(id)).toEqual(expect.arrayContaining(held));
    const again = await reserve(admin, id, { count: 20 });
    expect(customersOf(again)).toEqual(expect.arrayContaining(held));
    const rows = await t.database.db
      .selectFrom('outreach_reservations')
      .select(['customer_id', 'release_reason', 'released_at'])
      .where('batch_id', '=', first.json().id)
      .execute();
    expect(rows.map((row) => row.release_reason)).toEqual(['expired', 'expired', 'expired']);
    expect(rows[0]?.released_at?.toISOString()).toBe('2026-12-08T10:01:00.000Z');
  });

  it('is released by recording the attempt; another agent cannot record a call on a customer they do not hold', async () => {
    const id = await campaign();
    const mine = await reserve(supervisor, id, { count: 1 });
    const [customer] = customersOf(mine);
    if (!customer) throw new Error('nothing reserved');
    const other = await attempt(admin, id, customer);
    expect(other.statusCode).toBe(409);
    expect(other.json().errors[0].field).toBe('body.customerId');
    expect(await placedAttempts(customer)).toBe(0);
    const recorded = await attempt(supervisor, id, customer);
    expect(recorded.statusCode).toBe(201);
    const row = await t.database.db
      .selectFrom('outreach_reservations')
      .select(['release_reason', 'attempt_id'])
      .where('id', '=', mine.json().items[0].reservationId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ release_reason: 'attempt', attempt_id: recorded.json().id });
    // Free again for the rules (one attempt of four): the other agent may take it now.
    expect(customersOf(await reserve(admin, id, { count: 20 }))).toContain(customer);
  });

  it('lets an agent give back one customer or all, and only their own', async () => {
    const id = await campaign();
    const mine = (await reserve(supervisor, id, { count: 4 })).json();
    const [first, ...rest] = mine.items as Array<{ reservationId: string; customerId: string }>;
    if (!first) throw new Error('nothing reserved');
    const url = `/api/outreach/campaigns/${id}/reservations`;
    expect((await send(admin, 'DELETE', `${url}/${first.reservationId}`)).statusCode).toBe(404);
    expect((await send(supervisor, 'DELETE', `${url}/${first.reservationId}`)).statusCode).toBe(204);
    expect((await send(supervisor, 'DELETE', `${url}/${first.reservationId}`)).statusCode).toBe(204);
    expect(await callable(id)).toContain(first.customerId);
    expect(await callable(id)).not.toContain(rest[0]?.customerId);
    expect((await send(supervisor, 'DELETE', url)).json()).toEqual({ released: 3 });
    expect(new Set(await callable(id))).toEqual(new Set(pool));
  });

  it('applies every rule at reservation time: calling hours, consent, cooldown', async () => {
    const id = await campaign();
    clock.set(new Date('2026-12-12T10:00:00Z')); // Saturday
    expect((await reserve(supervisor, id, { count: 5 })).json()).toMatchObject({ items: [], openTimeZones: [] });
    clock.set(new Date('2026-12-08T12:15:00Z')); // 13:15, lunch
    expect((await reserve(supervisor, id, { count: 5 })).json().items).toEqual([]);
    clock.set(tuesday);
    const declined = pool[0] as string;
    const withdrew = pool[1] as string;
    expect((await attempt(supervisor, id, declined, 'declined')).statusCode).toBe(201);
    expect(
      (
        await send(advisor, 'PUT', `/api/customers/${withdrew}/consents/marketing_phone`, {
          status: 'withdrawn',
          source: 'call',
        })
      ).statusCode,
    ).toBe(204);
    const taken = customersOf(await reserve(supervisor, id, { count: 20 }));
    expect(taken).toHaveLength(18);
    expect(taken).not.toContain(declined);
    expect(taken).not.toContain(withdrew);
    // Contract offers go to customers with a contract in progress who did not refuse, consent or not.
    const offer = await campaign('contract_offer');
    const offered = customersOf(await reserve(admin, offer, { count: 100 }));
    expect(offered).not.toContain(withdrew);
    expect(offered).not.toContain(declined);
    expect(offered.some((customer) => !pool.includes(customer))).toBe(true);
  });

  it('never lets parallel reservations and calls exceed the cap of 4 attempts per 30 days', async () => {
    const id = await campaign();
    const customer = pool[5] as string;
    for (let i = 0; i < 3; i++) expect((await attempt(supervisor, id, customer)).statusCode).toBe(201);
    // One attempt left: one agent's dialler reserves while another agent calls the customer directly.
    const [reservations, calls] = await Promise.all([
      Promise.all(Array.from({ length: 6 }, () => reserve(admin, id, { count: 20 }))),
      Promise.all(Array.from({ length: 4 }, () => attempt(supervisor, id, customer))),
    ]);
    const holders = reservations.filter((r) => customersOf(r).includes(customer));
    expect(holders.length).toBeLessThanOrEqual(1);
    const placedNow = await placedAttempts(customer);
    expect(placedNow + holders.length).toBeLessThanOrEqual(4);
    for (const call of calls) expect([201, 409, 422]).toContain(call.statusCode);
    // The holder (if any) places the last call; after that the customer is out, for reserving and listing.
    if (holders.length === 1) {
      expect(calls.every((call) => call.statusCode === 409)).toBe(true);
      expect((await attempt(admin, id, customer)).statusCode).toBe(201);
    } else {
      expect(calls.filter((call) => call.statusCode === 201)).toHaveLength(1);
    }
    expect(await placedAttempts(customer)).toBe(4);
    await releaseAll();
    expect(customersOf(await reserve(admin, id, { count: 20 }))).not.toContain(customer);
    expect(await callable(id)).not.toContain(customer);
  });

  it('replays a request with the same Idempotency-Key and refuses the key for another request', async () => {
    const id = await campaign();
    const headers = { 'idempotency-key': 'dialler-7-batch-1' };
    const first = await reserve(supervisor, id, { count: 2 }, headers);
    clock.advance(10_000);
    const replay = await reserve(supervisor, id, { count: 2 }, headers);
    expect(first.statusCode).toBe(201);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().id).toBe(first.json().id);
    expect(customersOf(replay)).toEqual(customersOf(first));
    const reused = await reserve(supervisor, id, { count: 3 }, headers);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().errors[0].field).toBe('headers.idempotency-key');
    // The same key from another agent is another request.
    expect(customersOf(await reserve(admin, id, { count: 2 }, headers))).toHaveLength(2);
  });

  it('goes on through the campaign with the cursor, and starts over at the end', async () => {
    const id = await campaign();
    const inOrder = [...(await callable(id))];
    expect(inOrder.length).toBeGreaterThan(6);
    const first = (await reserve(supervisor, id, { count: 3 })).json();
    expect(first.items.map((item: { customerId: string }) => item.customerId)).toEqual(inOrder.slice(0, 3));
    await send(supervisor, 'DELETE', `/api/outreach/campaigns/${id}/reservations`);
    // Released, the first three are callable again, but the cursor goes on after them.
    const next = (await reserve(supervisor, id, { count: 3, cursor: first.nextCursor })).json();
    expect(next.items.map((item: { customerId: string }) => item.customerId)).toEqual(inOrder.slice(3, 6));
    const rest = (await reserve(supervisor, id, { count: 100, cursor: next.nextCursor })).json();
    expect(rest.items.map((item: { customerId: string }) => item.customerId)).toEqual(inOrder.slice(6));
    expect(rest.nextCursor).toBeNull();
    const bad = await reserve(supervisor, id, { count: 1, cursor: 'nonsense' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body.cursor');
  });

  it('is documented in the OpenAPI document', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const post = document.paths['/api/outreach/campaigns/{id}/reservations'].post;
    expect(post.requestBody.content['application/json'].schema.required).toEqual(['count']);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '409', '422']));
    expect(document.paths['/api/outreach/campaigns/{id}/reservations/{reservationId}'].delete).toBeDefined();
  });

  it('names the field of an invalid request and refuses other roles', async () => {
    const id = await campaign();
    const zero = await reserve(supervisor, id, { count: 0 });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().errors[0].field).toBe('body.count');
    const short = await reserve(supervisor, id, { count: 1, leaseSeconds: 5 });
    expect(short.json().errors[0].field).toBe('body.leaseSeconds');
    expect((await reserve(supervisor, '00000000-0000-4000-8000-000000000000', { count: 1 })).statusCode).toBe(404);
    for (const session of [advisor, subscriber, shop]) {
      expect((await reserve(session, id, { count: 1 })).statusCode).toBe(403);
      expect((await send(session, 'DELETE', `/api/outreach/campaigns/${id}/reservations`)).statusCode).toBe(403);
    }
    const anonymous = await t.app.inject({
      method: 'POST',
      url: `/api/outreach/campaigns/${id}/reservations`,
      payload: { count: 1 },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
