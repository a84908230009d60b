import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LoggedIn, type TestApp, createTestApp, login } from '../../test/test-app.js';
import { startOutboxWorker } from '../outbox/worker.js';
import { fixedClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import { customerIdOf } from '../seed/customers.js';
import { loanPolicy } from './loans.js';

const clock = fixedClock(new Date('2026-12-18T09:00:00Z'));
let t: TestApp;
let subscriber: LoggedIn;
let shop: LoggedIn;
let advisor: LoggedIn;
const claire = customerIdOf(0);
let items: Array<{ id: string; assetTag: string; name: string }> = [];

type Body = Record<string, unknown>;
const send = (session: LoggedIn, method: 'POST' | 'GET', url: string, payload?: Body) =>
  t.app.inject({ method, url, payload, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } });

beforeAll(async () => {
  t = await createTestApp({ customers: 20, clock, config: { sessionTtlHours: 24 * 400 } });
  [subscriber, shop, advisor] = await Promise.all([
    login(t.app, 'subscriber@demo.suivi'),
    login(t.app, 'shop@demo.suivi'),
    login(t.app, 'advisor@demo.suivi'),
  ]);
  items = (await send(shop, 'GET', '/api/shops/NCY/loan-items')).json().items;
});
afterAll(() => t.close());

describe('equipment loans', () => {
  it('lends an item with a due date, shows it to the member and marks the item taken', async () => {
    expect(items.length).toBeGreaterThanOrEqual(8);
    const item = items[0] as { id: string };
    const response = await send(shop, 'POST', '/api/loans', {
      itemId: item.id,
      customerId: claire,
      dueDate: '2026-12-22',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      borrower: { id: claire },
      dueDate: '2026-12-22',
      dueAt: '2026-12-22T22:59:59.999Z',
      returnedAt: null,
      overdue: false,
    });
    const mine = (await send(subscriber, 'GET', '/api/loans')).json();
    expect(mine.items).toHaveLength(1);
    const listed = (await send(subscriber, 'GET', '/api/shops/NCY/loan-items')).json().items;
    const taken = listed.find((row: Body) => row.id === item.id);
    // A member sees when it comes back, not who has it.
    expect(taken).toMatchObject({
      available: false,
      loan: { dueDate: '2026-12-22', borrowerId: null, borrower: null },
    });
    // Staff see who has it, and the due dates a loan made today may take (Paris dates).
    const forStaff = (await send(shop, 'GET', '/api/shops/NCY/loan-items')).json();
    expect(forStaff).toMatchObject({ limit: 3, defaultDueDate: '2027-01-01', latestDueDate: '2027-02-16' });
    expect(forStaff.items.find((row: Body) => row.id === item.id).loan).toMatchObject({
      borrowerId: claire,
      borrower: { id: claire, name: 'Claire Martin', reference: expect.stringMatching(/^CL-/) },
    });
    const twice = await send(shop, 'POST', '/api/loans', { itemId: item.id, customerId: customerIdOf(2) });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().errors[0].field).toBe('body.itemId');
    const badDate = await send(shop, 'POST', '/api/loans', {
      itemId: items[1]?.id,
      customerId: claire,
      dueDate: '2026-12-01',
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().errors[0].field).toBe('body.dueDate');
    // Advisors on the phone do not run the developer space.
    expect((await send(advisor, 'GET', '/api/loans/overdue')).statusCode).toBe(403);
  });

  it('reminds an overdue borrower by their channel once a week, and lists the loan as overdue', async () => {
    clock.set(new Date('2026-12-23T09:00:00Z'));
    const overdue = (await send(shop, 'GET', '/api/loans/overdue')).json().items;
    expect(overdue).toEqual([
      expect.objectContaining({ borrower: expect.objectContaining({ id: claire }), overdue: true }),
    ]);
    const first = (await send(shop, 'POST', '/api/loans/overdue-reminders')).json();
    expect(first.reminded).toBe(1);
    expect((await send(shop, 'POST', '/api/loans/overdue-reminders')).json().reminded).toBe(0);
    const messages = await t.database.db
      .selectFrom('outbox_messages')
      .select(['kind', 'subject', 'body', 'status'])
      .where('customer_id', '=', claire)
      .where('kind', '=', 'loan_overdue')
      .execute();
    expect(messages).toHaveLength(1);
    expect(messages[0]?.body).toContain('mardi 22 décembre 2026');
    clock.set(new Date('2026-12-30T09:00:00Z'));
    expect((await send(shop, 'POST', '/api/loans/overdue-reminders')).json().reminded).toBe(1);
  });

  it('takes the item back with its condition; the item is available again', async () => {
    const [loan] = (await send(subscriber, 'GET', '/api/loans')).json().items;
    const returned = await send(shop, 'POST', `/api/loans/${loan.id}/return`, { condition: 'worn' });
    expect(returned.statusCode).toBe(200);
    expect(returned.json()).toMatchObject({
      conditionIn: 'worn',
      overdue: false,
      returnedAt: '2026-12-30T09:00:00.000Z',
    });
    const listed = (await send(shop, 'GET', '/api/shops/NCY/loan-items')).json().items;
    expect(listed.find((row: Body) => row.id === loan.item.id)).toMatchObject({ available: true, condition: 'worn' });
    expect((await send(shop, 'GET', '/api/loans/overdue')).json().items).toEqual([]);
    expect((await send(subscriber, 'POST', `/api/loans/${loan.id}/return`, { condition: 'good' })).statusCode).toBe(
      403,
    );
  });

  it('never lets a member go beyond the limit, even with simultaneous requests', async () => {
    const member = customerIdOf(3);
    const free = (await send(shop, 'GET', '/api/shops/NCY/loan-items'))
      .json()
      .items.filter((row: Body) => row.available);
    expect(free.length).toBeGreaterThan(loanPolicy.maxOpenLoansPerMember);
    const responses = await Promise.all(
      free.map((row: Body) => send(shop, 'POST', '/api/loans', { itemId: row.id, customerId: member })),
    );
    const created = responses.filter((response) => response.statusCode === 201);
    expect(created).toHaveLength(loanPolicy.maxOpenLoansPerMember);
    const refused = responses.filter((response) => response.statusCode === 409);
    expect(refused).toHaveLength(free.length - loanPolicy.maxOpenLoansPerMember);
    expect(refused[0]?.json().errors[0].field).toBe('body.customerId');
    const open = await t.database.db
      .selectFrom('loans')
      .select('id')
      .where('customer_id', '=', member)
      .where('returned_at', 'is', null)
      .execute();
    expect(open).toHaveLength(loanPolicy.maxOpenLoansPerMember);
  });

  it('gets its overdue reminder from the background worker, without anyone asking', async () => {
    const member = customerIdOf(6);
    const free = (await send(shop, 'GET', '/api/shops/NCY/loan-items')).json().items.find((row: Body) => row.available);
    const loan = (
      await send(shop, 'POST', '/api/loans', { itemId: free.id, customerId: member, dueDate: '2027-01-02' })
    ).json();
    clock.set(new Date('2027-01-04T09:00:00Z'));
    const config = loadConfig({});
    const worker = startOutboxWorker({
      db: t.database.db,
      clock,
      config: { outbox: { ...config.outbox, pollMs: 3_600_000, brokenPromiseScanMs: 20 } },
      transports: {},
    });
    try {
      await vi.waitFor(
        async () => {
          const rows = await t.database.db
            .selectFrom('outbox_messages')
            .select('dedupe_key')
            .where('customer_id', '=', member)
            .where('kind', '=', 'loan_overdue')
            .execute();
          expect(rows.map((row) => row.dedupe_key)).toEqual([`loan-overdue:${loan.id}:0`]);
        },
        { timeout: 10_000 },
      );
    } finally {
      await worker.stop();
    }
  });
});
