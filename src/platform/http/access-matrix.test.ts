/**
 * Role × route: every demo login against every route, proving who can and cannot read what.
 * The expected column is written out here by hand, independently of roles.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerIdOf } from '../../seed/customers.js';
import { type LoggedIn, type TestApp, createTestApp, login } from '../../../test/test-app.js';

const logins = {
  subscriber: 'subscriber@demo.suivi',
  advisor: 'advisor@demo.suivi',
  vendor_advisor: 'vendor.advisor@demo.suivi',
  supervisor: 'supervisor@demo.suivi',
  complaints_officer: 'complaints@demo.suivi',
  planner: 'planner@demo.suivi',
  director: 'director@demo.suivi',
  shop_staff: 'shop@demo.suivi',
  admin: 'admin@demo.suivi',
} as const;
type Who = keyof typeof logins | 'anonymous';

// Customer 0 (the subscriber's own file) is served by Vitry; the vendor advisor works at Casablanca.
const ownCustomer = customerIdOf(0);
let otherCustomer = '';
let vendorCustomer = '';
let ownCase = '';
let otherCase = '';
let ownBill = '';

const routes: Array<{ name: string; url: () => string; allowed: Partial<Record<Who, number>> }> = [
  {
    name: 'GET /api/me',
    url: () => '/api/me',
    allowed: {
      subscriber: 200,
      advisor: 200,
      vendor_advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      planner: 200,
      director: 200,
      shop_staff: 200,
      admin: 200,
    },
  },
  {
    name: 'GET /api/customers?q=',
    url: () => '/api/customers?q=martin',
    allowed: {
      advisor: 200,
      vendor_advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
    },
  },
  {
    name: 'GET own customer file',
    url: () => `/api/customers/${ownCustomer}`,
    allowed: {
      subscriber: 200,
      advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
      vendor_advisor: 404,
    },
  },
  {
    name: "GET another in-house customer's file",
    url: () => `/api/customers/${otherCustomer}`,
    allowed: {
      subscriber: 404,
      vendor_advisor: 404,
      advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
    },
  },
  {
    name: 'GET a vendor-served customer file',
    url: () => `/api/customers/${vendorCustomer}`,
    allowed: {
      subscriber: 404,
      vendor_advisor: 200,
      advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
    },
  },
  {
    name: 'GET /api/sites',
    url: () => '/api/sites',
    allowed: {
      advisor: 200,
      vendor_advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      planner: 200,
      director: 200,
      shop_staff: 200,
      admin: 200,
    },
  },
  {
    name: 'GET /api/overview',
    url: () => '/api/overview',
    allowed: { supervisor: 200, planner: 200, director: 200, admin: 200 },
  },
  { name: 'GET /api/users', url: () => '/api/users', allowed: { admin: 200 } },
  {
    name: "GET the subscriber's own case",
    url: () => `/api/cases/${ownCase}`,
    allowed: {
      subscriber: 200,
      advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
      vendor_advisor: 404,
    },
  },
  {
    name: "GET another customer's case",
    url: () => `/api/cases/${otherCase}`,
    allowed: {
      subscriber: 404,
      vendor_advisor: 404,
      advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
    },
  },
  {
    name: "GET the subscriber's case list",
    url: () => `/api/customers/${ownCustomer}/cases`,
    allowed: {
      subscriber: 200,
      advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
      vendor_advisor: 404,
    },
  },
  {
    name: "GET who can take over the subscriber's case",
    url: () => `/api/cases/${ownCase}/owner-candidates`,
    allowed: {
      advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
      vendor_advisor: 404,
    },
  },
  {
    name: 'GET /api/cases/queues/at-risk',
    url: () => '/api/cases/queues/at-risk',
    allowed: { supervisor: 200, complaints_officer: 200, admin: 200 },
  },
  {
    name: 'GET /api/cases/mine',
    url: () => '/api/cases/mine',
    allowed: {
      advisor: 200,
      vendor_advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
    },
  },
  {
    name: 'GET /api/cases/queues/written-complaints',
    url: () => '/api/cases/queues/written-complaints',
    allowed: { supervisor: 200, complaints_officer: 200, admin: 200 },
  },
  {
    name: 'GET /api/audit/customer-reads',
    url: () => '/api/audit/customer-reads',
    allowed: { supervisor: 200, admin: 200 },
  },
  {
    name: 'GET /api/quality',
    url: () => '/api/quality',
    allowed: { supervisor: 200, director: 200, admin: 200 },
  },
  {
    // Planning: planners and directors (no planning demo data here, so unknown ids answer 404).
    name: 'GET /api/planning/queues',
    url: () => '/api/planning/queues',
    allowed: { planner: 200, director: 200 },
  },
  {
    name: 'GET /api/planning/sites',
    url: () => '/api/planning/sites',
    allowed: { planner: 200, director: 200 },
  },
  {
    name: 'GET /api/planning/history',
    url: () => '/api/planning/history',
    allowed: { planner: 200, director: 200 },
  },
  {
    name: 'GET /api/planning/queues/:code/forecast',
    url: () => '/api/planning/queues/billing/forecast',
    allowed: { planner: 404, director: 404 },
  },
  {
    name: 'GET /api/planning/scenarios',
    url: () => '/api/planning/scenarios',
    allowed: { planner: 200, director: 200 },
  },
  {
    name: 'GET /api/planning/scenarios/:id',
    url: () => '/api/planning/scenarios/00000000-0000-4000-8000-000000000000',
    allowed: { planner: 404, director: 404 },
  },
  {
    name: 'GET /api/planning/scenarios/:id/result',
    url: () => '/api/planning/scenarios/00000000-0000-4000-8000-000000000000/result',
    allowed: { planner: 404, director: 404 },
  },
  {
    name: 'GET /api/planning/scenarios/:id/export.csv',
    url: () => '/api/planning/scenarios/00000000-0000-4000-8000-000000000000/export.csv',
    allowed: { planner: 404, director: 404 },
  },
  {
    name: 'GET /api/planning/scenarios/:id/schedules',
    url: () => '/api/planning/scenarios/00000000-0000-4000-8000-000000000000/schedules',
    allowed: { planner: 404, director: 404 },
  },
  {
    name: 'GET /api/planning/schedules/:id',
    url: () => '/api/planning/schedules/00000000-0000-4000-8000-000000000000',
    allowed: { planner: 404, director: 404 },
  },
  {
    name: 'GET /api/planning/jobs/:id',
    url: () => '/api/planning/jobs/00000000-0000-4000-8000-000000000000',
    allowed: { planner: 404, director: 404 },
  },
  {
    name: 'GET /api/planning/compare',
    url: () => '/api/planning/compare?a=00000000-0000-4000-8000-000000000000&b=00000000-0000-4000-8000-000000000000',
    allowed: { planner: 404, director: 404 },
  },
  {
    name: 'GET /api/planning/achieved',
    url: () => '/api/planning/achieved',
    allowed: { planner: 200, director: 200 },
  },
  // Shops and community (seed 000): bookings for customers and customer care; the agenda and
  // stock for the shop's staff; loans and events for members and community staff.
  {
    name: 'GET /api/shops',
    url: () => '/api/shops',
    allowed: {
      subscriber: 200,
      advisor: 200,
      vendor_advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
    },
  },
  {
    name: 'GET /api/shops/:code',
    url: () => '/api/shops/NCY',
    allowed: {
      subscriber: 200,
      advisor: 200,
      vendor_advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
    },
  },
  {
    name: 'GET /api/shops/:code/slots',
    url: () => '/api/shops/NCY/slots?date=2026-12-22',
    allowed: {
      subscriber: 200,
      advisor: 200,
      vendor_advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
    },
  },
  {
    name: 'GET /api/appointments (own customer)',
    url: () => `/api/appointments?customerId=${ownCustomer}`,
    allowed: {
      subscriber: 200,
      advisor: 200,
      vendor_advisor: 400,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
    },
  },
  {
    name: 'GET /api/shops/:code/agenda',
    url: () => '/api/shops/NCY/agenda',
    allowed: { supervisor: 200, shop_staff: 200, admin: 200 },
  },
  {
    name: 'GET /api/shops/:code/sign-up-offers',
    url: () => '/api/shops/NCY/sign-up-offers',
    allowed: { shop_staff: 200, admin: 200 },
  },
  {
    name: "GET /api/shops/:code/sign-up-offers for a customer's file",
    url: () => `/api/shops/NCY/sign-up-offers?customerId=${ownCustomer}`,
    allowed: { shop_staff: 200, admin: 200 },
  },
  {
    name: 'GET /api/shops/:code/sign-ups',
    url: () => '/api/shops/NCY/sign-ups',
    allowed: { shop_staff: 200, admin: 200 },
  },
  {
    name: 'GET /api/shops/:code/devices',
    url: () => '/api/shops/NCY/devices',
    allowed: { supervisor: 200, shop_staff: 200, admin: 200 },
  },
  {
    name: 'GET /api/devices/:serial',
    url: () => '/api/devices/NOPE-000',
    allowed: { supervisor: 404, shop_staff: 404, admin: 404 },
  },
  {
    name: 'GET /api/shops/:code/loan-items',
    url: () => '/api/shops/NCY/loan-items',
    allowed: { subscriber: 200, shop_staff: 200, admin: 200 },
  },
  {
    name: 'GET /api/loans (own customer)',
    url: () => `/api/loans?customerId=${ownCustomer}`,
    allowed: { subscriber: 200, shop_staff: 200, admin: 200 },
  },
  { name: 'GET /api/loans/overdue', url: () => '/api/loans/overdue', allowed: { shop_staff: 200, admin: 200 } },
  {
    name: 'GET /api/public/events',
    url: () => '/api/public/events',
    allowed: {
      anonymous: 200,
      ...{
        subscriber: 200,
        advisor: 200,
        vendor_advisor: 200,
        supervisor: 200,
        complaints_officer: 200,
        planner: 200,
        director: 200,
        shop_staff: 200,
        admin: 200,
      },
    },
  },
  {
    name: 'GET /api/public/events/:id',
    url: () => '/api/public/events/00000000-0000-4000-8000-000000000000',
    allowed: {
      anonymous: 404,
      ...{
        subscriber: 404,
        advisor: 404,
        vendor_advisor: 404,
        supervisor: 404,
        complaints_officer: 404,
        planner: 404,
        director: 404,
        shop_staff: 404,
        admin: 404,
      },
    },
  },
  {
    name: 'GET /api/events/registrations (own customer)',
    url: () => `/api/events/registrations?customerId=${ownCustomer}`,
    allowed: { subscriber: 200, shop_staff: 200, admin: 200 },
  },
  {
    name: 'GET /api/events/:id/registrations',
    url: () => '/api/events/00000000-0000-4000-8000-000000000000/registrations',
    allowed: { shop_staff: 404, admin: 404 },
  },
  {
    name: 'GET /api/ideas',
    url: () => '/api/ideas',
    allowed: {
      subscriber: 200,
      advisor: 200,
      vendor_advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      planner: 200,
      director: 200,
      shop_staff: 200,
      admin: 200,
    },
  },
  {
    name: 'GET /api/ideas/:id',
    url: () => '/api/ideas/00000000-0000-4000-8000-000000000000',
    allowed: {
      subscriber: 404,
      advisor: 404,
      vendor_advisor: 404,
      supervisor: 404,
      complaints_officer: 404,
      planner: 404,
      director: 404,
      shop_staff: 404,
      admin: 404,
    },
  },
  { name: 'GET /api/ideas/reports', url: () => '/api/ideas/reports', allowed: { shop_staff: 200, admin: 200 } },
  {
    name: 'GET /api/working-groups',
    url: () => '/api/working-groups',
    allowed: {
      subscriber: 200,
      advisor: 200,
      vendor_advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      planner: 200,
      director: 200,
      shop_staff: 200,
      admin: 200,
    },
  },
  {
    name: 'GET /api/working-groups/:id',
    url: () => '/api/working-groups/00000000-0000-4000-8000-000000000000',
    allowed: {
      subscriber: 404,
      advisor: 404,
      vendor_advisor: 404,
      supervisor: 404,
      complaints_officer: 404,
      planner: 404,
      director: 404,
      shop_staff: 404,
      admin: 404,
    },
  },
  {
    name: 'GET own bills',
    url: () => `/api/customers/${ownCustomer}/bills`,
    allowed: {
      subscriber: 200,
      advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
      vendor_advisor: 404,
    },
  },
  {
    name: 'GET own bill',
    url: () => `/api/bills/${ownBill}`,
    allowed: {
      subscriber: 200,
      advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
      vendor_advisor: 404,
    },
  },
  {
    name: 'GET own bill as PDF',
    url: () => `/api/bills/${ownBill}/pdf`,
    allowed: {
      subscriber: 200,
      advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
      vendor_advisor: 404,
    },
  },
  {
    // A case without a billing dispute: readable roles get 404 alike; the 200s are in src/billing/refund-review.test.ts.
    name: 'GET /api/cases/:id/billing-dispute',
    url: () => `/api/cases/${ownCase}/billing-dispute`,
    allowed: {
      subscriber: 404,
      advisor: 404,
      supervisor: 404,
      complaints_officer: 404,
      shop_staff: 404,
      admin: 404,
      vendor_advisor: 404,
    },
  },
  {
    name: 'GET own third-party billing',
    url: () => `/api/customers/${ownCustomer}/third-party-billing`,
    allowed: {
      subscriber: 200,
      advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
      vendor_advisor: 404,
    },
  },
  {
    name: "GET another in-house customer's bills",
    url: () => `/api/customers/${otherCustomer}/bills`,
    allowed: {
      subscriber: 404,
      vendor_advisor: 404,
      advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
    },
  },
  {
    name: 'GET own consents',
    url: () => `/api/customers/${ownCustomer}/consents`,
    allowed: {
      subscriber: 200,
      advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
      vendor_advisor: 404,
    },
  },
  {
    name: "GET another in-house customer's consents",
    url: () => `/api/customers/${otherCustomer}/consents`,
    allowed: {
      subscriber: 404,
      vendor_advisor: 404,
      advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
    },
  },
  {
    name: 'GET own contact history',
    url: () => `/api/customers/${ownCustomer}/contact-history`,
    allowed: {
      subscriber: 200,
      advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
      vendor_advisor: 404,
    },
  },
  {
    name: 'GET own loyalty',
    url: () => `/api/customers/${ownCustomer}/loyalty`,
    allowed: {
      subscriber: 200,
      advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
      vendor_advisor: 404,
    },
  },
  {
    name: "GET another in-house customer's loyalty",
    url: () => `/api/customers/${otherCustomer}/loyalty`,
    allowed: {
      subscriber: 404,
      vendor_advisor: 404,
      advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
    },
  },
  {
    name: 'GET own loyalty movements',
    url: () => `/api/customers/${ownCustomer}/loyalty/movements`,
    allowed: {
      subscriber: 200,
      advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
      vendor_advisor: 404,
    },
  },
  {
    name: 'GET own best offers',
    url: () => `/api/customers/${ownCustomer}/offers`,
    allowed: {
      subscriber: 200,
      advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
      vendor_advisor: 404,
    },
  },
  {
    name: 'GET /api/loyalty/rewards',
    url: () => '/api/loyalty/rewards',
    allowed: {
      subscriber: 200,
      advisor: 200,
      vendor_advisor: 200,
      supervisor: 200,
      complaints_officer: 200,
      shop_staff: 200,
      admin: 200,
    },
  },
  { name: 'GET /api/offers', url: () => '/api/offers', allowed: { supervisor: 200, admin: 200 } },
  {
    name: 'GET /api/outreach/campaigns',
    url: () => '/api/outreach/campaigns',
    allowed: { supervisor: 200, admin: 200 },
  },
  {
    name: 'GET /api/outreach/campaigns/:id/callable',
    url: () => '/api/outreach/campaigns/00000000-0000-4000-8000-000000000000/callable',
    allowed: { supervisor: 404, admin: 404 },
  },
];

let t: TestApp;
const sessions = new Map<Who, LoggedIn | null>();

beforeAll(async () => {
  t = await createTestApp({ customers: 40 });
  const sites = await t.database.db.selectFrom('sites').select(['id', 'code']).execute();
  const siteId = (code: string) => sites.find((site) => site.code === code)?.id ?? '';
  const customers = await t.database.db.selectFrom('customers').select(['id', 'serving_site_id']).execute();
  otherCustomer = customers.find((c) => c.id !== ownCustomer && c.serving_site_id === siteId('COL'))?.id ?? '';
  vendorCustomer = customers.find((c) => c.serving_site_id === siteId('CAS'))?.id ?? '';
  sessions.set('anonymous', null);
  for (const [who, email] of Object.entries(logins)) sessions.set(who as Who, await login(t.app, email));
  const advisor = sessions.get('advisor');
  const openCase = async (customerId: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: advisor?.cookie ?? '', 'x-csrf-token': advisor?.csrf ?? '' },
      payload: { customerId, type: 'fault_repair', channel: 'phone_in', summary: 'Plus de synchronisation de la box' },
    });
    if (response.statusCode !== 201) throw new Error(`could not open a case: ${response.body}`);
    return response.json().id as string;
  };
  ownCase = await openCase(ownCustomer);
  otherCase = await openCase(otherCustomer);
  const bill = await t.database.db
    .selectFrom('bills')
    .select('id')
    .where('customer_id', '=', ownCustomer)
    .executeTakeFirst();
  ownBill = bill?.id ?? '';
});
afterAll(() => t.close());

describe('role × route access matrix', () => {
  it('has customers of each kind to test with', () => {
    expect(otherCustomer).not.toBe('');
    expect(vendorCustomer).not.toBe('');
  });

  for (const route of routes) {
    for (const who of ['anonymous', ...Object.keys(logins)] as Who[]) {
      const expected = who === 'anonymous' ? (route.allowed.anonymous ?? 401) : (route.allowed[who] ?? 403);
      it(`${route.name} as ${who} → ${expected}`, async () => {
        const session = sessions.get(who);
        const response = await t.app.inject({
          method: 'GET',
          url: route.url(),
          headers: session ? { cookie: session.cookie } : {},
        });
        expect(response.statusCode).toBe(expected);
        if (expected >= 400) expect(response.headers['content-type']).toContain('application/problem+json');
      });
    }
  }

  it('only lets a vendor advisor find the customers their site serves', async () => {
    const session = sessions.get('vendor_advisor');
    const casablanca = session?.user.site?.id;
    const all = await t.database.db.selectFrom('customers').select(['last_name', 'serving_site_id']).execute();
    const seen = new Set<string>();
    for (const lastName of new Set(all.map((c) => c.last_name))) {
      const found = await t.app.inject({
        method: 'GET',
        url: `/api/customers?q=${encodeURIComponent(lastName)}&limit=100`,
        headers: { cookie: session?.cookie ?? '' },
      });
      for (const item of found.json().items as Array<{ id: string }>) {
        const row = await t.database.db
          .selectFrom('customers')
          .select('serving_site_id')
          .where('id', '=', item.id)
          .executeTakeFirstOrThrow();
        expect(row.serving_site_id).toBe(casablanca);
        seen.add(item.id);
      }
    }
    expect(seen.size).toBe(all.filter((c) => c.serving_site_id === casablanca).length);
    expect(seen.size).toBeGreaterThan(0);
  });

  it('answers unknown API routes with 404 problem+json', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});
