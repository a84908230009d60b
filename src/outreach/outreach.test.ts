import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, type TestApp, createTestApp, login } from '../../test/test-app.js';
import { fixedClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import { customerIdOf } from '../seed/customers.js';
import { nextCallable } from './calls.js';
import { DEFAULT_OUTREACH_POLICY } from './rules.js';

// Tuesday 8 December 2026, 11:00 in Paris.
const tuesday = new Date('2026-12-08T10:00:00Z');
const clock = fixedClock(tuesday);
let t: TestApp;
let advisor: LoggedIn;
let subscriber: LoggedIn;
let supervisor: LoggedIn;
const claire = customerIdOf(0);

type Body = Record<string, unknown>;
const send = (session: LoggedIn, method: 'POST' | 'PUT' | 'GET', url: string, payload?: Body, headers = {}) =>
  t.app.inject({ method, url, payload, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...headers } });

const setConsent = (session: LoggedIn, customerId: string, purpose: string, body: Body) =>
  send(session, 'PUT', `/api/customers/${customerId}/consents/${purpose}`, body);
const grantByAdvisor = (customerId: string) =>
  setConsent(advisor, customerId, 'marketing_phone', {
    status: 'granted',
    source: 'call',
    evidence: 'Enregistrement #42',
  });
const campaign = async (purpose: 'marketing' | 'contract_offer', name = 'Offre fibre') =>
  (await send(supervisor, 'POST', '/api/outreach/campaigns', { name, purpose })).json().id as string;
const attempt = (campaignId: string, customerId: string, outcome: string, headers = {}) =>
  send(supervisor, 'POST', `/api/outreach/campaigns/${campaignId}/attempts`, { customerId, outcome }, headers);

beforeAll(async () => {
  t = await createTestApp({ customers: 60, clock, config: { sessionTtlHours: 24 * 400 } });
  [advisor, subscriber, supervisor] = await Promise.all([
    login(t.app, 'advisor@demo.suivi'),
    login(t.app, 'subscriber@demo.suivi'),
    login(t.app, 'supervisor@demo.suivi'),
  ]);
});
afterAll(() => t.close());

describe('consents', () => {
  it('are granted and withdrawn in one click by the customer, with source, time and history', async () => {
    expect((await setConsent(subscriber, claire, 'marketing_phone', { status: 'granted' })).statusCode).toBe(204);
    clock.advance(60_000);
    expect((await setConsent(subscriber, claire, 'marketing_sms', { status: 'withdrawn' })).statusCode).toBe(204);
    const read = (await send(advisor, 'GET', `/api/customers/${claire}/consents`)).json();
    expect(read.consents).toEqual([
      expect.objectContaining({ purpose: 'marketing_phone', status: 'granted', source: 'portal' }),
      expect.objectContaining({ purpose: 'marketing_sms', status: 'withdrawn', source: 'portal' }),
      expect.objectContaining({ purpose: 'marketing_email', status: expect.any(String) }),
      expect.objectContaining({ purpose: 'service_messages' }),
    ]);
    expect(read.history.slice(0, 2)).toEqual([
      expect.objectContaining({
        purpose: 'marketing_sms',
        status: 'withdrawn',
        recordedAt: '2026-12-08T10:01:00.000Z',
      }),
      expect.objectContaining({
        purpose: 'marketing_phone',
        status: 'granted',
        recordedAt: '2026-12-08T10:00:00.000Z',
      }),
    ]);
    expect(read.salesCalls).toMatchObject({ doNotCallForSales: false });
  });

  it('needs proof when staff record a marketing consent, and names the field', async () => {
    const other = customerIdOf(3);
    const response = await setConsent(advisor, other, 'marketing_phone', { status: 'granted' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'body.evidence' })]);
    const spoof = await setConsent(subscriber, claire, 'marketing_phone', { status: 'granted', source: 'advisor' });
    expect(spoof.statusCode).toBe(400);
    expect(spoof.json().errors[0].field).toBe('body.source');
    const bad = await setConsent(advisor, other, 'telepathy', { status: 'granted' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('params.purpose');
  });

  it('are scoped: a subscriber sees only their own, staff reads are logged', async () => {
    expect((await send(subscriber, 'GET', `/api/customers/${customerIdOf(5)}/consents`)).statusCode).toBe(404);
    expect((await setConsent(subscriber, customerIdOf(5), 'marketing_phone', { status: 'granted' })).statusCode).toBe(
      404,
    );
    const logged = await t.database.db
      .selectFrom('customer_access_log')
      .select('route')
      .where('customer_id', '=', claire)
      .where('route', '=', 'GET /api/customers/:id/consents')
      .execute();
    expect(logged.length).toBeGreaterThan(0);
  });
});

describe('campaign dialler', () => {
  it('is for supervisors and admins only', async () => {
    expect(
      (await send(advisor, 'POST', '/api/outreach/campaigns', { name: 'x', purpose: 'marketing' })).statusCode,
    ).toBe(403);
    expect((await send(subscriber, 'GET', '/api/outreach/campaigns')).statusCode).toBe(403);
  });

  it('lists only customers with provable consent for a marketing campaign, paginated', async () => {
    for (const index of [7, 8, 9]) expect((await grantByAdvisor(customerIdOf(index))).statusCode).toBe(204);
    const id = await campaign('marketing');
    const consented = new Set(
      (
        await t.database.db
          .selectFrom('customer_consents')
          .select('customer_id')
          .where('purpose', '=', 'marketing_phone')
          .where('status', '=', 'granted')
          .execute()
      ).map((row) => row.customer_id),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/outreach/campaigns/${id}/callable?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await send(supervisor, 'GET', url)).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item: { customerId: string }) => item.customerId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen)).toEqual(consented);
    expect(seen).toEqual(expect.arrayContaining([claire, customerIdOf(7), customerIdOf(8), customerIdOf(9)]));
  });

  it('lists customers with a contract in progress for a contract offer, but not those who withdrew', async () => {
    const id = await campaign('contract_offer', 'Option 5G sur votre forfait');
    const withdrawn = customerIdOf(11);
    await setConsent(advisor, withdrawn, 'marketing_phone', { status: 'withdrawn' });
    const page = (await send(supervisor, 'GET', `/api/outreach/campaigns/${id}/callable?limit=500`)).json();
    const ids = page.items.map((item: { customerId: string }) => item.customerId);
    expect(ids).not.toContain(withdrawn);
    expect(ids.length).toBeGreaterThan(10);
    expect(page.items.find((item: { customerId: string }) => item.customerId === customerIdOf(12))?.basis).toBe(
      'contract_in_progress',
    );
    const active = await t.database.db
      .selectFrom('subscriptions')
      .select('customer_id')
      .where('status', '=', 'active')
      .where('customer_id', 'in', ids)
      .distinct()
      .execute();
    expect(active.length).toBe(ids.length);
  });

  it('caps attempts at 4 per 30 days: the fifth is refused with the rule and recorded', async () => {
    const id = await campaign('marketing');
    const customer = customerIdOf(7);
    for (let i = 0; i < 4; i++) {
      const response = await attempt(id, customer, 'no_answer');
      expect(response.statusCode).toBe(201);
      clock.advance(3_600_000 / 4);
    }
    const fifth = await attempt(id, customer, 'no_answer');
    expect(fifth.statusCode).toBe(422);
    expect(fifth.json()).toMatchObject({ rule: 'attempt_cap', attempt: { status: 'blocked', rule: 'attempt_cap' } });
    const page = (await send(supervisor, 'GET', `/api/outreach/campaigns/${id}/callable?limit=500`)).json();
    expect(page.items.map((item: { customerId: string }) => item.customerId)).not.toContain(customer);
    const history = (await send(advisor, 'GET', `/api/customers/${customer}/contact-history`)).json();
    expect(history.calls).toHaveLength(5);
    expect(history.calls[0]).toMatchObject({ status: 'blocked', rule: 'attempt_cap' });
    expect(history.salesCalls).toMatchObject({ doNotCallForSales: true, rule: 'attempt_cap' });
    clock.set(tuesday);
  });

  it('waits 60 days after a refusal; an objection withdraws consent at once, contract offers included', async () => {
    const id = await campaign('marketing');
    const offer = await campaign('contract_offer');
    expect((await attempt(id, customerIdOf(8), 'declined')).statusCode).toBe(201);
    const again = await attempt(id, customerIdOf(8), 'no_answer');
    expect(again.json()).toMatchObject({ status: 422, rule: 'refusal_cooldown' });

    expect((await attempt(id, customerIdOf(9), 'objected')).statusCode).toBe(201);
    const consents = (await send(advisor, 'GET', `/api/customers/${customerIdOf(9)}/consents`)).json();
    expect(consents.consents[0]).toMatchObject({ purpose: 'marketing_phone', status: 'withdrawn', source: 'call' });
    expect(consents.salesCalls).toMatchObject({ doNotCallForSales: true, contractOffersAllowed: false });
    clock.set(new Date(tuesday.getTime() + 61 * 86_400_000)); // 61 days later: cooldown over, still withdrawn
    const later = await attempt(offer, customerIdOf(9), 'no_answer');
    expect(later.json()).toMatchObject({ rule: 'consent_withdrawn' });
    clock.set(tuesday);
  });

  it('refuses calls at weekends, on holidays and out of hours, and lists nobody then', async () => {
    const id = await campaign('marketing');
    clock.set(new Date('2026-12-12T10:00:00Z')); // Saturday
    expect((await attempt(id, claire, 'no_answer')).json()).toMatchObject({ rule: 'weekend' });
    const page = (await send(supervisor, 'GET', `/api/outreach/campaigns/${id}/callable`)).json();
    expect(page).toMatchObject({ items: [], openTimeZones: [] });
    clock.set(new Date('2026-12-25T10:00:00Z')); // Christmas
    expect((await attempt(id, claire, 'no_answer')).json()).toMatchObject({ rule: 'public_holiday' });
    clock.set(new Date('2026-12-08T12:15:00Z')); // 13:15, lunch
    expect((await attempt(id, claire, 'no_answer')).json()).toMatchObject({ rule: 'outside_calling_hours' });
    clock.set(tuesday);
  });

  it('uses the customer’s time zone: a Réunion customer is called in their hours', async () => {
    const reunion = customerIdOf(14);
    await t.database.db
      .insertInto('customer_time_zones')
      .values({ customer_id: reunion, time_zone: 'Indian/Reunion' })
      .execute();
    await grantByAdvisor(reunion);
    const id = await campaign('marketing');
    clock.set(new Date('2026-12-08T16:30:00Z')); // 17:30 in Paris, 20:30 at La Réunion
    const page = (await send(supervisor, 'GET', `/api/outreach/campaigns/${id}/callable?limit=500`)).json();
    expect(page.openTimeZones).toEqual(['Europe/Paris']);
    expect(page.items.map((item: { customerId: string }) => item.customerId)).not.toContain(reunion);
    expect((await attempt(id, reunion, 'no_answer')).json()).toMatchObject({ rule: 'outside_calling_hours' });
    clock.set(new Date('2026-12-08T07:00:00Z')); // 08:00 in Paris, 11:00 at La Réunion
    const morning = (await send(supervisor, 'GET', `/api/outreach/campaigns/${id}/callable?limit=500`)).json();
    expect(morning.items.map((item: { customerId: string }) => item.customerId)).toEqual([reunion]);
    clock.set(tuesday);
  });

  it('records an attempt once per Idempotency-Key and refuses a reused key', async () => {
    const id = await campaign('marketing');
    const customer = customerIdOf(14);
    const first = await attempt(id, customer, 'voicemail', { 'idempotency-key': 'call-1' });
    const replay = await attempt(id, customer, 'voicemail', { 'idempotency-key': 'call-1' });
    expect(first.statusCode).toBe(201);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().id).toBe(first.json().id);
    const reused = await attempt(id, customer, 'accepted', { 'idempotency-key': 'call-1' });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().errors[0].field).toBe('headers.idempotency-key');
  });

  it('holds the cap under concurrent attempts for one customer', async () => {
    const id = await campaign('marketing');
    const customer = customerIdOf(20);
    await grantByAdvisor(customer);
    const responses = await Promise.all(Array.from({ length: 8 }, () => attempt(id, customer, 'no_answer')));
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(4);
    expect(responses.filter((r) => r.statusCode === 422).map((r) => r.json().rule)).toEqual(
      Array(4).fill('attempt_cap'),
    );
  });

  it('screens window after window of customers and finds the same ones whatever the window and page', async () => {
    const id = await campaign('contract_offer');
    const ctx = { db: t.database.db, clock, config: loadConfig({}) };
    const all = async (limit: number, window?: number) => {
      const ids: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page = await nextCallable(ctx, DEFAULT_OUTREACH_POLICY, { campaignId: id, limit, after, window });
        ids.push(...page.rows.map((row) => row.id));
        const last = page.rows.at(-1);
        if (page.rows.length < limit || !last) return ids;
        after = last.id;
      }
    };
    const reference = await all(500);
    expect(reference.length).toBeGreaterThan(10);
    expect(await all(3, 7)).toEqual(reference);
    expect(await all(10, 1)).toEqual(reference);
    expect(await all(1, 50)).toEqual(reference);
  });

  it('a withdrawal in the portal takes effect at once for the dialler', async () => {
    const id = await campaign('marketing');
    expect((await setConsent(subscriber, claire, 'marketing_phone', { status: 'withdrawn' })).statusCode).toBe(204);
    expect((await attempt(id, claire, 'no_answer')).json()).toMatchObject({ rule: 'consent_withdrawn' });
    const page = (await send(supervisor, 'GET', `/api/outreach/campaigns/${id}/callable?limit=500`)).json();
    expect(page.items.map((item: { customerId: string }) => item.customerId)).not.toContain(claire);
  });
});

describe('personal data handed to the dialler', () => {
  it('logs a read of every customer listed, under the supervisor who asked', async () => {
    const id = await campaign('contract_offer', 'Journal des lectures');
    const before = await t.database.db
      .selectFrom('customer_access_log')
      .select((eb) => eb.fn.max('id').as('last'))
      .executeTakeFirstOrThrow();
    const page = (await send(supervisor, 'GET', `/api/outreach/campaigns/${id}/callable?limit=5`)).json();
    expect(page.items.length).toBeGreaterThan(0);
    const reads = await t.database.db
      .selectFrom('customer_access_log')
      .select(['customer_id', 'staff_user_id', 'route'])
      .where('id', '>', Number(before.last ?? 0))
      .orderBy('id')
      .execute();
    expect(reads).toEqual(
      page.items.map((item: Body) => ({
        customer_id: item.customerId,
        staff_user_id: supervisor.user.id,
        route: 'GET /api/outreach/campaigns/:id/callable',
      })),
    );
  });
});
