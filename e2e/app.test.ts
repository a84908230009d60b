/**
 * End to end, as a person would use it: the real server started like `npm start`, Debian's
 * Chromium, the demo accounts. Screenshots go to e2e/screenshots/ (ignored by git).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from './browser.js';
import { type Product, logIn, screenshots, startProduct } from './product.js';
import { type RunningServer, startServer } from './server.js';

let product: Product;
let server: RunningServer;
let browser: Browser;
let database: Product['database'];

async function navLinks(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  return (await nav.getByRole('link').allTextContents()).map((text) => text.trim());
}

describe.skipIf(!hasChromium)('the product in a browser', () => {
  beforeAll(async () => {
    product = await startProduct(300);
    ({ server, browser, database } = product);
  }, 180_000);

  afterAll(() => product?.stop());

  it('shows the login page at / and answers health and unknown API routes over real HTTP', async () => {
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { database: { status: string } }).database.status).toBe('ok');
    expect((await fetch(`${server.url}/api/customers`)).status).toBe(401);
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
    const openapi = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/session', '/api/customers', '/api/customers/{id}']),
    );
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.url()).toContain('/login');
    expect(await page.getByRole('heading', { name: 'Connexion' }).isVisible()).toBe(true);
    await page.close();
  });

  it('lets an advisor find a customer and open their file', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page, server.url, 'advisor@demo.suivi');
    await page.getByRole('link', { name: 'Clients' }).click();
    await page.getByLabel('Rechercher un client').fill('Martin');
    await page.getByLabel('Rechercher un client').press('Enter');
    const firstResult = page.getByRole('table').getByRole('link').first();
    await firstResult.waitFor();
    const name = (await firstResult.textContent())?.trim() ?? '';
    expect(name).toMatch(/Martin/);
    await firstResult.click();
    await page.getByRole('heading', { name: 'Lignes et abonnements' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Martin/);
    await page.screenshot({ path: `${screenshots}/advisor-customer.png`, fullPage: true });
    await page.close();
  });

  it("shows a subscriber only their own lines, and not another customer's file", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await logIn(page, server.url, 'subscriber@demo.suivi');
    await page.getByRole('heading', { name: /Bonjour Claire/ }).waitFor();
    expect(await navLinks(page)).toEqual([
      'Mes lignes',
      'Mes factures',
      'Ma fidélité',
      'Mes consentements',
      'Rendez-vous',
      'Événements',
      'Boîte à idées',
      'Groupes de travail',
    ]);
    const me = (await page.evaluate(async () => (await fetch('/api/me')).json())) as { user: { customerId: string } };
    const own = (await page.evaluate(
      async (id: string) => (await fetch(`/api/customers/${id}`)).json(),
      me.user.customerId,
    )) as { subscriptions: Array<{ reference: string }> };
    for (const subscription of own.subscriptions) {
      expect(await page.getByText(subscription.reference).count()).toBeGreaterThan(0);
    }
    await page.screenshot({ path: `${screenshots}/subscriber-home.png`, fullPage: true });
    const someoneElse = await page.evaluate(async () => (await fetch('/api/customers?q=martin')).status);
    expect(someoneElse).toBe(403);
    await page.close();
  });

  it('gives each demo account its own navigation', async () => {
    const expected: Record<string, string[]> = {
      'advisor@demo.suivi': ['Clients', 'Mes dossiers'],
      'vendor.advisor@demo.suivi': ['Clients', 'Mes dossiers'],
      'complaints@demo.suivi': ['Clients', 'Mes dossiers', 'Dossiers à risque'],
      'shop@demo.suivi': [
        'Agenda du jour',
        'Souscription',
        'Prêts',
        'Clients',
        'Mes dossiers',
        'Événements',
        'Boîte à idées',
        'Groupes de travail',
        'Modération',
      ],
      'supervisor@demo.suivi': [
        'Clients',
        'Mes dossiers',
        'Dossiers à risque',
        "Vue d'ensemble",
        'Journal des accès',
        'Qualité de service',
        'Fidélité et offres',
      ],
      'planner@demo.suivi': ["Vue d'ensemble", 'Sites', 'Planification'],
      'director@demo.suivi': ["Vue d'ensemble", 'Sites', 'Qualité de service', 'Planification'],
      'admin@demo.suivi': [
        'Clients',
        'Dossiers à risque',
        'Sites',
        'Utilisateurs',
        'Journal des accès',
        'Qualité de service',
      ],
    };
    for (const [email, links] of Object.entries(expected)) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await logIn(page, server.url, email);
      expect(await navLinks(page), email).toEqual(links);
      await context.close();
    }
  }, 120_000);

  it('switches to English and logs out for good', async () => {
    const page = await browser.newPage();
    await logIn(page, server.url, 'director@demo.suivi');
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.url()).toContain('/login');
    const after = await page.evaluate(async () => (await fetch('/api/me')).status);
    expect(after).toBe(401);
    await page.close();
  });

  // Last: it stops the server.
  it('keeps all data across a restart, without seeding again', async () => {
    const login = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.suivi', password: 'demo-suivi' }),
    });
    const cookies = login.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
    const csrf = cookies.find((cookie) => cookie?.startsWith('csrf-token='))?.split('=')[1] ?? '';
    const sites = (await (
      await fetch(`${server.url}/api/sites`, { headers: { cookie: cookies.join('; ') } })
    ).json()) as { items: Array<{ id: string }> };
    const created = await fetch(`${server.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookies.join('; '), 'x-csrf-token': csrf },
      body: JSON.stringify({
        email: 'nouvelle.recrue@demo.suivi',
        displayName: 'Inès Robert',
        role: 'advisor',
        siteId: sites.items[0]?.id,
        password: 'a-long-password-1',
      }),
    });
    expect(created.status).toBe(201);
    await server.stop();
    server = await startServer(product.env, Number(new URL(server.url).port));
    product.server = server;
    const again = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nouvelle.recrue@demo.suivi', password: 'a-long-password-1' }),
    });
    expect(again.status).toBe(200);
    // PGlite allows one process per data folder: stop the server before looking inside.
    await server.stop();
    const handle = await database.open();
    try {
      const customers = await handle.db
        .selectFrom('customers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(customers.n).toBe(300);
    } finally {
      await handle.close();
    }
  }, 180_000);
});
