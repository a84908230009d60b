import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, type TestApp, createTestApp, login } from '../../test/test-app.js';
import { customerIdOf, demoCustomer } from '../seed/customers.js';

let t: TestApp;
let advisor: LoggedIn;
const get = (url: string, session: LoggedIn = advisor) =>
  t.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });

beforeAll(async () => {
  t = await createTestApp({ customers: 120 });
  advisor = await login(t.app, 'advisor@demo.suivi');
});
afterAll(() => t.close());

describe('customer search', () => {
  it('finds a customer by surname prefix regardless of case and accents, in name order', async () => {
    const response = await get('/api/customers?q=MART&limit=100');
    const items = response.json().items as Array<{ lastName: string; firstName: string }>;
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(`${item.lastName} ${item.firstName}`.toLowerCase()).toMatch(/(^mart| mart)/);
    const keys = items.map((item) =>
      `${item.lastName} ${item.firstName}`
        .normalize('NFD')
        .replace(/\p{Diacritic}/gu, '')
        .toLowerCase(),
    );
    expect(keys).toEqual([...keys].sort());
  });

  it('finds by first and last name in either order', async () => {
    const claire = await get('/api/customers?q=claire%20martin');
    const reversed = await get('/api/customers?q=martin%20claire');
    const ids = (r: typeof claire) => (r.json().items as Array<{ id: string }>).map((item) => item.id);
    expect(ids(claire)).toContain(customerIdOf(0));
    expect(ids(reversed)).toEqual(ids(claire));
  });

  it('finds by phone number written the French way, by e-mail and by reference', async () => {
    const someone = demoCustomer(7).customer;
    const national = `0${someone.phone?.slice(3)}`.replace(/(\d{2})(?=\d)/g, '$1 ');
    const byPhone = await get(`/api/customers?q=${encodeURIComponent(national)}`);
    expect(byPhone.json().items.map((item: { id: string }) => item.id)).toContain(someone.id);
    const byReference = await get(`/api/customers?q=${someone.reference?.toLowerCase()}`);
    expect(byReference.json().items).toHaveLength(1);
    const withEmail = demoCustomer(8).customer.email ? demoCustomer(8).customer : demoCustomer(9).customer;
    const byEmail = await get(`/api/customers?q=${encodeURIComponent(withEmail.email ?? '')}`);
    expect(byEmail.json().items[0].id).toBe(withEmail.id);
  });

  it('pages through results with a cursor, without repeats or gaps', async () => {
    const all = (await get('/api/customers?q=ma&limit=100')).json().items as Array<{ id: string }>;
    expect(all.length).toBeGreaterThan(6);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = (await get(`/api/customers?q=ma&limit=5${query}`)).json();
      paged.push(...page.items.map((item: { id: string }) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.map((item) => item.id));
  });

  it('explains a bad query: too short, bad limit, forged cursor', async () => {
    const short = await get('/api/customers?q=a');
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0]).toEqual({ field: 'query.q', message: 'must have at least 2 characters' });
    const limit = await get('/api/customers?q=ab&limit=5000');
    expect(limit.json().errors[0].field).toBe('query.limit');
    const cursor = await get('/api/customers?q=ab&cursor=bm9wZQ');
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().errors[0].field).toBe('query.cursor');
  });

  it('treats LIKE wildcards literally', async () => {
    const response = await get('/api/customers?q=%25%25');
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toEqual([]);
  });
});

describe('customer file', () => {
  it('returns contact details, accounts and subscriptions, and logs the staff read', async () => {
    const id = customerIdOf(0);
    const response = await get(`/api/customers/${id}`);
    expect(response.statusCode).toBe(200);
    const file = response.json();
    expect(file).toMatchObject({
      firstName: 'Claire',
      lastName: 'Martin',
      postalAddress: { city: 'Nancy' },
      servingSite: { name: 'Vitry' },
    });
    expect(file.subscriptions.map((s: { kind: string }) => s.kind)).toEqual(
      expect.arrayContaining(['fixed_box', 'mobile_line']),
    );
    const log = await t.database.db
      .selectFrom('customer_access_log')
      .selectAll()
      .where('customer_id', '=', id)
      .execute();
    expect(log.at(-1)).toMatchObject({ staff_user_id: advisor.user.id, route: 'GET /api/customers/:id' });
  });

  it('does not log a subscriber reading their own file, and shows the audit to a supervisor', async () => {
    const before = await t.database.db.selectFrom('customer_access_log').select('id').execute();
    const subscriber = await login(t.app, 'subscriber@demo.suivi');
    expect((await get(`/api/customers/${customerIdOf(0)}`, subscriber)).statusCode).toBe(200);
    const after = await t.database.db.selectFrom('customer_access_log').select('id').execute();
    expect(after.length).toBe(before.length);
    const supervisor = await login(t.app, 'supervisor@demo.suivi');
    const audit = await get(`/api/audit/customer-reads?customerId=${customerIdOf(0)}`, supervisor);
    expect(audit.json().items[0]).toMatchObject({
      staff: { id: advisor.user.id },
      customer: { reference: 'CL-0000001' },
    });
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await get('/api/customers/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const malformed = await get('/api/customers/123');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].field).toBe('params.id');
  });
});
