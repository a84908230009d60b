/**
 * Queue and site settings in Chromium, on the demo operator: the planner raises the seats of a
 * vendor site and the handle time of a queue and sees them saved; a value refused by the server is
 * shown beside its field; a save made meanwhile by someone else is refused (409) and explained, with
 * a reload; the director reads the same values with no edit button. The test holds the clock.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from './browser.js';
import { type InProcessSuivi, startInProcess, openPageAtTestTime } from './in-process.js';
import { logIn, screenshots } from './product.js';

let product: InProcessSuivi;
let browser: Browser;

const CASABLANCA = 'Atlas Relation Client — Casablanca';

const pageAtTestTime = () => openPageAtTestTime(browser, product);

/** Another planner, over the API: reads a queue and saves it with a new handle time. */
async function anotherPlannerSetsHandleTime(code: string, ahtSeconds: number): Promise<void> {
  const login = await fetch(`${product.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'planner@demo.suivi', password: 'demo-suivi' }),
  });
  expect(login.status).toBe(200);
  const cookies = login.headers.getSetCookie().map((cookie) => cookie.split(';')[0] ?? '');
  const csrf = decodeURIComponent(cookies.find((cookie) => cookie.startsWith('csrf-token='))?.split('=')[1] ?? '');
  const headers = { cookie: cookies.join('; ') };
  const queues = (await (await fetch(`${product.url}/api/planning/queues`, { headers })).json()) as {
    items: Array<Record<string, unknown> & { code: string; updatedAt: string }>;
  };
  const { id: _id, updatedAt, ...queue } = queues.items.find((q) => q.code === code) ?? { id: '', updatedAt: '' };
  const saved = await fetch(`${product.url}/api/planning/queues/${code}`, {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/json', 'x-csrf-token': csrf },
    body: JSON.stringify({ ...queue, ahtSeconds, expectedUpdatedAt: updatedAt }),
  });
  expect(saved.status).toBe(200);
}

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Planification' }).click();
  await page.getByRole('link', { name: 'Réglages des files et sites' }).click();
  await page.getByRole('heading', { level: 1, name: 'Réglages des files et des sites' }).waitFor();
}

describe.skipIf(!hasChromium)('queue and site settings, edited by the planner and read by the director', () => {
  beforeAll(async () => {
    product = await startInProcess({ demoCustomers: 100, start: new Date('2026-11-26T09:00:00Z') });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  }, 60_000);

  it("raises a vendor site's seats and a queue's handle time, and sees them saved", async () => {
    const { context, page } = await pageAtTestTime();
    await logIn(page, product.url, 'planner@demo.suivi');
    await openSettings(page);
    const sites = page.getByRole('table', { name: 'Centres et prestataires' });
    const casablanca = sites.getByRole('row', { name: new RegExp(CASABLANCA) });
    expect(await casablanca.getByRole('cell').first().textContent()).toBe('300');
    expect(await casablanca.textContent()).toContain('Ventes mobile : 150 positions');

    await page.getByRole('button', { name: `Modifier les réglages de ${CASABLANCA}` }).click();
    const siteForm = page.getByRole('form', { name: `Modifier les réglages de ${CASABLANCA}` });
    expect(await siteForm.getByLabel('Positions du site (toutes files)').inputValue()).toBe('300');
    await siteForm.getByLabel('Positions du site (toutes files)').fill('340');
    const sales = siteForm.getByRole('group', { name: 'Ventes mobile' });
    await sales.getByLabel('Positions dédiées').fill('190');
    await siteForm.getByRole('button', { name: 'Enregistrer les réglages du site' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Réglages de ${CASABLANCA} enregistrés.` })
      .waitFor();
    expect(await siteForm.count()).toBe(0);
    // The confirmation comes with the answer; the table follows when it has been read again.
    await expect.poll(() => casablanca.getByRole('cell').first().textContent()).toBe('340');
    await expect.poll(() => casablanca.textContent()).toContain('Ventes mobile : 190 positions');

    const queues = page.getByRole('table', { name: "Files d'appels" });
    await page.getByRole('button', { name: 'Modifier la file Facturation' }).click();
    const queueForm = page.getByRole('form', { name: 'Modifier la file Facturation' });
    expect(await queueForm.getByLabel('Durée moyenne de traitement (secondes)').inputValue()).toBe('480');
    expect(await queueForm.getByLabel('Niveau de service visé (% des appels)').inputValue()).toBe('80');
    await queueForm.getByLabel('Durée moyenne de traitement (secondes)').fill('540');
    await queueForm.getByRole('button', { name: 'Enregistrer la file' }).click();
    await page.getByRole('status').filter({ hasText: 'File « Facturation » enregistrée.' }).waitFor();
    await expect.poll(() => queues.getByRole('row', { name: /Facturation/ }).textContent()).toContain('540 s');

    // Saved on the server, not only on this screen.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Réglages des files et des sites' }).waitFor();
    expect(await casablanca.getByRole('cell').first().textContent()).toBe('340');
    expect(await queues.getByRole('row', { name: /Facturation/ }).textContent()).toContain('540 s');
    await page.screenshot({ path: `${screenshots}/planning-settings-1-saved.png`, fullPage: true });
    await context.close();
  }, 120_000);

  it('refuses negative seats beside the field, and saves nothing', async () => {
    const { context, page } = await pageAtTestTime();
    await logIn(page, product.url, 'planner@demo.suivi');
    await openSettings(page);
    await page.getByRole('button', { name: `Modifier les réglages de ${CASABLANCA}` }).click();
    const siteForm = page.getByRole('form', { name: `Modifier les réglages de ${CASABLANCA}` });
    const seats = siteForm.getByLabel('Positions du site (toutes files)');
    await seats.fill('-5');
    await siteForm.getByRole('button', { name: 'Enregistrer les réglages du site' }).click();
    await siteForm.getByRole('alert').waitFor();
    expect(await seats.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await seats.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe('must be 0 or more');
    // Nothing was saved: the table still shows the seats saved before.
    const casablanca = page.getByRole('table', { name: 'Centres et prestataires' }).getByRole('row', {
      name: new RegExp(CASABLANCA),
    });
    expect(await casablanca.getByRole('cell').first().textContent()).toBe('340');
    await page.screenshot({ path: `${screenshots}/planning-settings-2-invalid.png`, fullPage: true });
    await context.close();
  }, 120_000);

  it('explains a save refused because someone else saved meanwhile, and reloads the current values', async () => {
    const { context, page } = await pageAtTestTime();
    await logIn(page, product.url, 'planner@demo.suivi');
    await openSettings(page);
    await page.getByRole('button', { name: 'Modifier la file Réclamations' }).click();
    const queueForm = page.getByRole('form', { name: 'Modifier la file Réclamations' });
    const aht = queueForm.getByLabel('Durée moyenne de traitement (secondes)');
    expect(await aht.inputValue()).toBe('720');
    await anotherPlannerSetsHandleTime('complaints', 800);

    await aht.fill('750');
    await queueForm.getByRole('button', { name: 'Enregistrer la file' }).click();
    const alert = queueForm.getByRole('alert');
    await alert.getByText("Quelqu'un d'autre a modifié ces réglages entre-temps").waitFor();
    expect(await alert.textContent()).toContain("Votre changement n'a pas été enregistré");
    await alert.getByRole('button', { name: 'Recharger les valeurs actuelles' }).click();
    await alert.waitFor({ state: 'detached' });
    expect(await aht.inputValue()).toBe('800');

    await aht.fill('750');
    await queueForm.getByRole('button', { name: 'Enregistrer la file' }).click();
    await page.getByRole('status').filter({ hasText: 'File « Réclamations » enregistrée.' }).waitFor();
    const row = page.getByRole('table', { name: "Files d'appels" }).getByRole('row', { name: /Réclamations/ });
    await expect.poll(() => row.textContent()).toContain('750 s');
    await context.close();
  }, 120_000);

  it('shows the director the same values, with no edit button', async () => {
    const { context, page } = await pageAtTestTime();
    await logIn(page, product.url, 'director@demo.suivi');
    await openSettings(page);
    await page.getByText('Lecture seule').waitFor();
    const casablanca = page
      .getByRole('table', { name: 'Centres et prestataires' })
      .getByRole('row', { name: new RegExp(CASABLANCA) });
    expect(await casablanca.getByRole('cell').first().textContent()).toBe('340');
    expect(await casablanca.textContent()).toContain('Ventes mobile : 190 positions');
    const billing = page.getByRole('table', { name: "Files d'appels" }).getByRole('row', { name: /Facturation/ });
    expect(await billing.textContent()).toContain('540 s');
    expect(await page.getByRole('button', { name: /Modifier/ }).count()).toBe(0);
    expect(await page.getByRole('form').count()).toBe(0);
    await context.close();
  }, 120_000);
});
