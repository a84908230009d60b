import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, type TestApp, createTestApp, login } from '../../test/test-app.js';
import { fixedClock } from '../platform/clock.js';
import { customerIdOf } from '../seed/customers.js';

// Friday 18 December 2026, 10:00 in Paris.
const clock = fixedClock(new Date('2026-12-18T09:00:00Z'));
let t: TestApp;
let advisor: LoggedIn;
let subscriber: LoggedIn;
let vendorAdvisor: LoggedIn;
let vendorCustomer = '';
let otherCustomer = '';
const claire = customerIdOf(0);

type Body = Record<string, unknown>;
const send = (session: LoggedIn, method: 'POST' | 'PATCH' | 'GET', url: string, payload?: Body, headers = {}) =>
  t.app.inject({
    method,
    url,
    payload,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...headers },
  });
const openCase = (session: LoggedIn, payload: Body) => send(session, 'POST', '/api/cases', payload);
const lineMove = (customerId = claire): Body => ({
  customerId,
  type: 'line_move',
  channel: 'phone_in',
  summary: 'Déménagement de la ligne fixe au 12 rue des Tiercelins, Nancy',
});

beforeAll(async () => {
  t = await createTestApp({ customers: 60, clock, config: { sessionTtlHours: 24 * 400 } });
  [advisor, subscriber, vendorAdvisor] = await Promise.all([
    login(t.app, 'advisor@demo.suivi'),
    login(t.app, 'subscriber@demo.suivi'),
    login(t.app, 'vendor.advisor@demo.suivi'),
  ]);
  const customers = await t.database.db.selectFrom('customers').select(['id', 'serving_site_id']).execute();
  vendorCustomer = customers.find((c) => c.serving_site_id === vendorAdvisor.user.site?.id)?.id ?? '';
  otherCustomer = customers.find((c) => c.id !== claire && c.serving_site_id === advisor.user.site?.id)?.id ?? '';
});
afterAll(() => t.close());

describe('opening a case', () => {
  it('gives a reference, a named owner and the policy promise (line move: 10 business days over Christmas)', async () => {
    const response = await openCase(advisor, lineMove());
    expect(response.statusCode).toBe(201);
    const opened = response.json();
    expect(opened.reference).toMatch(/^DOS-2026-\d{6}$/);
    expect(opened).toMatchObject({
      status: 'open',
      statusLabel: { fr: 'Ouvert', en: 'Open' },
      owner: { id: advisor.user.id, displayName: 'Stéphane B. (VIT-0001)' },
      site: { name: 'Vitry' },
    });
    // Opened Friday 18/12: 25/12 and 1/1 are holidays, so the 10th business day is Tuesday 5 January.
    expect(opened.currentPromise).toMatchObject({
      kind: 'resolution',
      status: 'open',
      dueDate: '2027-01-05',
      dueAt: '2027-01-05T22:59:59.999Z',
      risk: 'on_track',
    });
    expect(opened.timeline).toEqual([
      expect.objectContaining({ channel: 'phone_in', direction: 'inbound', handledBy: opened.owner }),
    ]);
    expect(opened.promiseHistory).toEqual([
      expect.objectContaining({ event: 'made', reason: expect.stringContaining('10 jours ouvrés') }),
    ]);
    const second = (await openCase(advisor, lineMove())).json();
    expect(second.id).not.toBe(opened.id);
    expect(Number(second.reference.slice(-6))).toBeGreaterThan(Number(opened.reference.slice(-6)));
  });

  it('counts deadlines from a past openedAt (a letter) and uses hours for a fault repair', async () => {
    const letter = await openCase(advisor, {
      customerId: claire,
      type: 'written_complaint',
      channel: 'letter',
      summary: 'Courrier de réclamation : déménagement non effectué',
      openedAt: '2026-12-10T08:00:00Z',
    });
    expect(letter.statusCode).toBe(201);
    expect(letter.json()).toMatchObject({
      openedAt: '2026-12-10T08:00:00.000Z',
      currentPromise: { kind: 'written_reply', dueDate: '2026-12-14', risk: 'broken' },
      mediation: {
        complaintDate: '2026-12-10',
        secondLevelFrom: '2027-01-10',
        mediatorFrom: '2027-02-10',
        mediatorUntil: '2027-12-10',
      },
    });
    const fault = (await openCase(advisor, { ...lineMove(), type: 'fault_repair' })).json();
    expect(fault.currentPromise).toMatchObject({ dueAt: '2026-12-20T09:00:00.000Z', dueDate: '2026-12-20' });
    expect(fault.mediation).toBeNull();
  });

  it('answers 400 naming the field for bad input', async () => {
    const cases: Array<[Body, string]> = [
      [{ ...lineMove(), type: 'moving_house' }, 'body.type'],
      [{ ...lineMove(), channel: 'pigeon' }, 'body.channel'],
      [{ ...lineMove(), customerId: '00000000-0000-4000-8000-000000000000' }, 'body.customerId'],
      [{ ...lineMove(), openedAt: '2026-12-18T09:00:01Z' }, 'body.openedAt'],
      [{ ...lineMove(), summary: 'x'.repeat(4001) }, 'body.summary'],
      [{ ...lineMove(), subscriptionId: '00000000-0000-4000-8000-000000000000' }, 'body.subscriptionId'],
      [{ ...lineMove(), type: 'written_complaint' }, 'body.channel'],
      [{ ...lineMove(), colour: 'blue' }, 'body.colour'],
    ];
    for (const [payload, field] of cases) {
      const response = await openCase(advisor, payload);
      expect(response.statusCode, field).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors[0].field).toBe(field);
    }
  });

  it('links a subscription only if it belongs to the customer', async () => {
    const claireFile = (await send(advisor, 'GET', `/api/customers/${claire}`)).json();
    const otherFile = (await send(advisor, 'GET', `/api/customers/${otherCustomer}`)).json();
    const own = await openCase(advisor, { ...lineMove(), subscriptionId: claireFile.subscriptions[0].id });
    expect(own.json().subscriptionId).toBe(claireFile.subscriptions[0].id);
    const foreign = await openCase(advisor, { ...lineMove(), subscriptionId: otherFile.subscriptions[0]?.id });
    expect(foreign.statusCode).toBe(400);
  });

  it('offers the unfinished case on the same line instead of silently opening a second one', async () => {
    const file = (await send(advisor, 'GET', `/api/customers/${otherCustomer}`)).json();
    const subscriptionId = file.subscriptions[0].id;
    const first = (await openCase(advisor, { ...lineMove(otherCustomer), subscriptionId })).json();
    const again = await openCase(advisor, { ...lineMove(otherCustomer), type: 'fault_repair', subscriptionId });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].field).toBe('body.subscriptionId');
    expect(again.json().openCases).toEqual([
      expect.objectContaining({ id: first.id, reference: first.reference, type: 'line_move', status: 'open' }),
    ]);
    expect(again.json().openCases[0].owner.displayName).toBe('Stéphane B. (VIT-0001)');
    // Nothing was written by the refused attempt.
    const listed = (await send(advisor, 'GET', `/api/customers/${otherCustomer}/cases`)).json();
    expect(listed.items.filter((item: Body) => item.subscriptionId === subscriptionId)).toHaveLength(1);

    const confirmed = await openCase(advisor, {
      ...lineMove(otherCustomer),
      type: 'fault_repair',
      subscriptionId,
      confirmNewCase: true,
    });
    expect(confirmed.statusCode).toBe(201);
    // Once the first case is closed, a contact on the line only competes with the unfinished one.
    const closed = await send(advisor, 'PATCH', `/api/cases/${first.id}`, { version: first.version, status: 'closed' });
    expect(closed.statusCode).toBe(200);
    const third = await openCase(advisor, { ...lineMove(otherCustomer), subscriptionId });
    expect(third.json().openCases.map((item: Body) => item.id)).toEqual([confirmed.json().id]);
  });
});

describe('API document', () => {
  it('documents the case routes and their fields in OpenAPI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/cases',
        '/api/cases/{id}',
        '/api/cases/{id}/interactions',
        '/api/customers/{id}/cases',
      ]),
    );
    const openBody = doc.paths['/api/cases'].post.requestBody.content['application/json'].schema;
    expect(openBody.required).toEqual(expect.arrayContaining(['customerId', 'type', 'channel', 'summary']));
    expect(openBody.properties.type.enum).toContain('line_move');
  });
});

describe('who sees which case', () => {
  it('lets a subscriber open and read their own case, owned by an advisor of their serving site', async () => {
    const response = await openCase(subscriber, { ...lineMove(), channel: 'portal' });
    expect(response.statusCode).toBe(201);
    const opened = response.json();
    expect(opened.owner.displayName).toMatch(/^\S+ [A-Z]\. \(VIT-\d{4}\)$/);
    expect(opened.site.name).toBe('Vitry');
    expect((await send(subscriber, 'GET', `/api/cases/${opened.id}`)).statusCode).toBe(200);
    // A subscriber cannot open a case for someone else, nor on a staff channel.
    expect((await openCase(subscriber, { ...lineMove(otherCustomer), channel: 'portal' })).statusCode).toBe(400);
    expect((await openCase(subscriber, lineMove())).json().errors[0].field).toBe('body.channel');
  });

  it("answers 404 to a subscriber for another customer's case and its list", async () => {
    const other = (await openCase(advisor, lineMove(otherCustomer))).json();
    expect((await send(subscriber, 'GET', `/api/cases/${other.id}`)).statusCode).toBe(404);
    expect((await send(subscriber, 'GET', `/api/customers/${otherCustomer}/cases`)).statusCode).toBe(404);
    const interaction = { channel: 'portal', direction: 'inbound', summary: 'Bonjour' };
    expect((await send(subscriber, 'POST', `/api/cases/${other.id}/interactions`, interaction)).statusCode).toBe(404);
  });

  it('limits a vendor advisor to customers their site serves, and logs staff reads', async () => {
    const inhouse = (await openCase(advisor, lineMove())).json();
    expect((await send(vendorAdvisor, 'GET', `/api/cases/${inhouse.id}`)).statusCode).toBe(404);
    expect((await openCase(vendorAdvisor, lineMove())).json().errors[0].field).toBe('body.customerId');
    const own = await openCase(vendorAdvisor, lineMove(vendorCustomer));
    expect(own.statusCode).toBe(201);
    expect(own.json().owner.displayName).toMatch(/^Youssef A\. \(CAS-\d{4}\)$/);
    expect((await send(vendorAdvisor, 'GET', `/api/cases/${own.json().id}`)).statusCode).toBe(200);
    const log = await t.database.db
      .selectFrom('customer_access_log')
      .selectAll()
      .where('customer_id', '=', vendorCustomer)
      .execute();
    expect(log.at(-1)).toMatchObject({ staff_user_id: vendorAdvisor.user.id, route: 'GET /api/cases/:id' });
  });

  it("lists a customer's cases newest first, open and closed, page by page", async () => {
    const customer = otherCustomer;
    for (const openedAt of ['2026-11-02T10:00:00Z', '2026-12-01T10:00:00Z', '2026-10-05T10:00:00Z']) {
      await openCase(advisor, { ...lineMove(customer), openedAt });
    }
    const all = (await send(advisor, 'GET', `/api/customers/${customer}/cases?limit=100`)).json().items;
    const dates = all.map((item: { openedAt: string }) => item.openedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    const first = (await send(advisor, 'GET', `/api/customers/${customer}/cases?limit=2`)).json();
    const second = (
      await send(advisor, 'GET', `/api/customers/${customer}/cases?limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect([...first.items, ...second.items].map((item: { id: string }) => item.id)).toEqual(
      all.slice(0, 4).map((item: { id: string }) => item.id),
    );
  });
});

describe("the operator's own promise delays", () => {
  it('sets the first promise from CASE_PROMISE_DELAYS when the operator configured one', async () => {
    const own = await createTestApp({
      customers: 5,
      clock,
      config: { casePromiseDelays: { line_move: { businessDays: 3 } } },
    });
    try {
      const session = await login(own.app, 'advisor@demo.suivi');
      const response = await own.app.inject({
        method: 'POST',
        url: '/api/cases',
        payload: lineMove(),
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
      });
      // Friday 18 December + 3 business days: 21, 22, 23 December.
      expect(response.json().currentPromise).toMatchObject({ dueDate: '2026-12-23' });
    } finally {
      await own.close();
    }
  });
});
