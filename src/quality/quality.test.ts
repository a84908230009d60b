/**
 * The quality report over cases built through the real API: opened, contacted, re-dated and
 * resolved while the clock moves, then read back by site, by vendor and by day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, type TestApp, createTestApp, login } from '../../test/test-app.js';
import { fixedClock } from '../platform/clock.js';
import { customerIdOf } from '../seed/customers.js';

// Tuesday 1 December 2026, 10:00 in Paris.
const clock = fixedClock(new Date('2026-12-01T09:00:00Z'));
const at = (iso: string) => clock.set(new Date(iso));
let t: TestApp;
let advisor: LoggedIn;
let vendorAdvisor: LoggedIn;
let director: LoggedIn;
let vendorCustomer = '';
const claire = customerIdOf(0);

type Body = Record<string, unknown>;
const send = (session: LoggedIn | null, method: 'POST' | 'PATCH' | 'GET', url: string, payload?: Body) =>
  t.app.inject({
    method,
    url,
    payload,
    headers: session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {},
  });

async function open(session: LoggedIn, customerId: string, type: string, channel = 'phone_in') {
  const response = await send(session, 'POST', '/api/cases', { customerId, type, channel, summary: `${type} test` });
  if (response.statusCode !== 201) throw new Error(`open: ${response.body}`);
  return response.json() as { id: string; version: number };
}

async function patch(session: LoggedIn, caseId: string, change: Body) {
  const current = (await send(session, 'GET', `/api/cases/${caseId}`)).json();
  const response = await send(session, 'PATCH', `/api/cases/${caseId}`, { version: current.version, ...change });
  if (response.statusCode !== 200) throw new Error(`patch: ${response.body}`);
  return response.json();
}
const resolve = (session: LoggedIn, caseId: string) => patch(session, caseId, { status: 'resolved' });

async function contact(session: LoggedIn, caseId: string, channel: string, direction: string) {
  const response = await send(session, 'POST', `/api/cases/${caseId}/interactions`, {
    channel,
    direction,
    summary: 'Le client rappelle',
  });
  if (response.statusCode !== 201) throw new Error(`contact: ${response.body}`);
}

const report = async (query = 'from=2026-12-01&to=2026-12-10') => {
  const response = await send(director, 'GET', `/api/quality?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

let activeByServingSite = new Map<string | null, number>();

beforeAll(async () => {
  t = await createTestApp({ customers: 60, clock, config: { sessionTtlHours: 24 * 400 } });
  [advisor, vendorAdvisor, director] = await Promise.all([
    login(t.app, 'advisor@demo.suivi'),
    login(t.app, 'vendor.advisor@demo.suivi'),
    login(t.app, 'director@demo.suivi'),
  ]);
  const db = t.database.db;
  const customers = await db.selectFrom('customers').select(['id', 'serving_site_id']).execute();
  vendorCustomer = customers.find((c) => c.serving_site_id === vendorAdvisor.user.site?.id)?.id ?? '';
  // Active customers, counted here independently: a subscription in service at some time in December.
  const subscriptions = await db.selectFrom('subscriptions').selectAll().execute();
  const inService = new Set(
    subscriptions
      .filter(
        (s) =>
          s.status !== 'pending' &&
          s.started_at.getTime() <= Date.parse('2026-12-10T22:59:59.999Z') &&
          (s.terminated_at === null || s.terminated_at.getTime() >= Date.parse('2026-11-30T23:00:00Z')),
      )
      .map((s) => s.customer_id),
  );
  activeByServingSite = new Map();
  for (const customer of customers.filter((c) => inService.has(c.id))) {
    activeByServingSite.set(customer.serving_site_id, (activeByServingSite.get(customer.serving_site_id) ?? 0) + 1);
  }

  // Tuesday 1 December, Vitry: four cases; fault repairs are due 48 hours later (Thursday 3rd).
  const kept = await open(advisor, claire, 'fault_repair');
  const lateResolved = await open(advisor, claire, 'fault_repair');
  const redated = await open(advisor, claire, 'fault_repair');
  const complaint = await open(advisor, claire, 'written_complaint', 'letter');
  // An outbound call is not a contact from the customer.
  await contact(advisor, kept.id, 'phone_out', 'outbound');

  // Wednesday 2nd: two resolved in time; one re-dated to Friday 4th (the first date no longer counts).
  at('2026-12-02T09:00:00Z');
  await resolve(advisor, kept.id);
  await resolve(advisor, complaint.id);
  await patch(advisor, redated.id, { promise: { dueDate: '2026-12-04', reason: 'Pièce à commander' } });
  // Casablanca (vendor): three cases due Friday 4th; the customer calls back about one of them.
  const vendorKept = await open(vendorAdvisor, vendorCustomer, 'fault_repair');
  const vendorRepeat = await open(vendorAdvisor, vendorCustomer, 'fault_repair');
  await open(vendorAdvisor, vendorCustomer, 'written_complaint', 'email');
  at('2026-12-02T11:00:00Z');
  await contact(vendorAdvisor, vendorRepeat.id, 'phone_in', 'inbound');

  at('2026-12-03T09:00:00Z');
  await resolve(vendorAdvisor, vendorKept.id);

  // Friday 4th: a new case, due Sunday 6th, still pending at report time; one resolved a day late.
  at('2026-12-04T09:00:00Z');
  await open(advisor, claire, 'fault_repair');
  at('2026-12-04T10:00:00Z');
  await resolve(advisor, lateResolved.id);

  // Saturday 5 December, 10:00 Paris: the director reads the report.
  at('2026-12-05T09:00:00Z');
});
afterAll(() => t.close());

describe('GET /api/quality', () => {
  it('gives promises kept, complaints answered in time and repeat contacts per site', async () => {
    const body = await report();
    const vitry = body.bySite.find((site: { code: string }) => site.code === 'VIT');
    const casablanca = body.bySite.find((site: { code: string }) => site.code === 'CAS');
    // Vitry: kept, complaint reply kept | resolved late, re-dated and still open past its new date | one pending.
    expect(vitry).toMatchObject({
      kind: 'inhouse',
      vendorName: null,
      promisesKept: 2,
      promisesBroken: 2,
      promisesPending: 1,
      promisesKeptPercent: 50,
      complaintRepliesKept: 1,
      complaintRepliesBroken: 0,
      complaintsAnsweredInTimePercent: 100,
      casesWithInboundContact: 5,
      repeatContactCases: 0,
      repeatContactPercent: 0,
      inboundContacts: 5,
      contactsPerCase: 1,
    });
    // Casablanca: one kept; one open past due; the e-mailed complaint unanswered past its deadline.
    expect(casablanca).toMatchObject({
      kind: 'vendor',
      vendorName: 'Atlas Relation Client',
      promisesKept: 1,
      promisesBroken: 2,
      promisesKeptPercent: 33.3,
      complaintRepliesKept: 0,
      complaintRepliesBroken: 1,
      complaintsAnsweredInTimePercent: 0,
      casesWithInboundContact: 3,
      repeatContactCases: 1,
      repeatContactPercent: 33.3,
      inboundContacts: 4,
      contactsPerCase: 1.33,
    });
    const colombes = body.bySite.find((site: { code: string }) => site.code === 'COL');
    expect(colombes).toMatchObject({ promisesKeptPercent: null, casesWithInboundContact: 0 });
    expect(
      body.byVendor.find((vendor: { vendorName: string }) => vendor.vendorName === 'Atlas Relation Client'),
    ).toMatchObject({ siteIds: [casablanca.siteId], promisesKeptPercent: 33.3, repeatContactPercent: 33.3 });
    expect(body.overall).toMatchObject({
      promisesKept: 3,
      promisesBroken: 4,
      promisesKeptPercent: 42.9,
      complaintsAnsweredInTimePercent: 50,
      repeatContactPercent: 12.5,
      contactsPerCase: 1.13,
    });
  });

  it('counts written complaints per 100,000 active customers of the serving site', async () => {
    const body = await report();
    const vitry = body.bySite.find((site: { code: string }) => site.code === 'VIT');
    const casablanca = body.bySite.find((site: { code: string }) => site.code === 'CAS');
    const vitryCustomers = activeByServingSite.get(vitry.siteId) ?? 0;
    const casablancaCustomers = activeByServingSite.get(casablanca.siteId) ?? 0;
    expect(vitryCustomers).toBeGreaterThan(0);
    expect(casablancaCustomers).toBeGreaterThan(0);
    expect(vitry).toMatchObject({ complaintsOpened: 1, activeCustomers: vitryCustomers });
    expect(vitry.complaintsPer100kCustomers).toBeCloseTo(100_000 / vitryCustomers, 1);
    expect(casablanca.complaintsPer100kCustomers).toBeCloseTo(100_000 / casablancaCustomers, 1);
    const total = [...activeByServingSite.values()].reduce((a, b) => a + b, 0);
    expect(body.overall).toMatchObject({ complaintsOpened: 2, activeCustomers: total });
    expect(body.overall.complaintsPer100kCustomers).toBeCloseTo(200_000 / total, 1);
  });

  it('gives kept and broken promises per Paris due day, the re-dated one on its new date', async () => {
    const body = await report();
    expect(body.period).toEqual({ from: '2026-12-01', to: '2026-12-10', timeZone: 'Europe/Paris' });
    expect(body.byDay).toHaveLength(10);
    const day = (date: string) => body.byDay.find((entry: { date: string }) => entry.date === date);
    expect(day('2026-12-03')).toEqual({ date: '2026-12-03', promisesKept: 2, promisesBroken: 1 });
    expect(day('2026-12-04')).toEqual({ date: '2026-12-04', promisesKept: 1, promisesBroken: 3 });
    expect(day('2026-12-06')).toEqual({ date: '2026-12-06', promisesKept: 0, promisesBroken: 0 });
  });

  it('counts only what falls in the period', async () => {
    const friday = await report('from=2026-12-04&to=2026-12-04');
    expect(friday.overall).toMatchObject({
      promisesKept: 1,
      promisesBroken: 3,
      // Friday's only inbound contact opened the pending case: no repeat without an earlier one.
      casesWithInboundContact: 1,
      repeatContactCases: 0,
      complaintsOpened: 0,
      complaintsPer100kCustomers: 0,
    });
    const before = await report('from=2026-11-01&to=2026-11-30');
    expect(before.overall).toMatchObject({ promisesKeptPercent: null, complaintsOpened: 0 });
  });

  it('defaults to the last 30 days and refuses a bad period naming the field', async () => {
    expect((await report('')).period).toMatchObject({ from: '2026-11-06', to: '2026-12-05' });
    const cases: Array<[string, string]> = [
      ['from=2026-12-10&to=2026-12-01', 'query.from'],
      ['from=2025-01-01&to=2026-12-01', 'query.to'],
      ['from=2026-02-30', 'query.from'],
      ['to=tomorrow', 'query.to'],
      ['site=VIT', 'query.site'],
    ];
    for (const [query, field] of cases) {
      const response = await send(director, 'GET', `/api/quality?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().errors[0].field, query).toBe(field);
    }
  });

  it('is for supervisors, directors and admins only', async () => {
    const [planner, supervisor, admin] = await Promise.all([
      login(t.app, 'planner@demo.suivi'),
      login(t.app, 'supervisor@demo.suivi'),
      login(t.app, 'admin@demo.suivi'),
    ]);
    expect((await send(null, 'GET', '/api/quality')).statusCode).toBe(401);
    // Anonymous callers learn nothing from validation either.
    expect((await send(null, 'GET', '/api/quality?from=nope')).statusCode).toBe(401);
    for (const session of [advisor, vendorAdvisor, planner]) {
      const response = await send(session, 'GET', '/api/quality');
      expect(response.statusCode).toBe(403);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    for (const session of [supervisor, admin])
      expect((await send(session, 'GET', '/api/quality')).statusCode).toBe(200);
  });

  it('refuses a supervisor working at a vendor site', async () => {
    const admin = await login(t.app, 'admin@demo.suivi');
    const created = await send(admin, 'POST', '/api/users', {
      email: 'superviseur.casablanca@demo.suivi',
      displayName: 'Superviseur Casablanca',
      role: 'supervisor',
      siteId: vendorAdvisor.user.site?.id,
      password: 'un mot de passe assez long',
    });
    expect(created.statusCode, created.body).toBe(201);
    const vendorSupervisor = await login(t.app, 'superviseur.casablanca@demo.suivi', 'un mot de passe assez long');
    expect((await send(vendorSupervisor, 'GET', '/api/quality')).statusCode).toBe(403);
  });
});
