/**
 * The Nancy shop-laboratory end to end, with the test holding the clock: a subscriber books a
 * box-swap visit in a free slot, the shop's staff see it in the day's agenda and swap the box at
 * the counter, and an advisor on the phone sees the visit on the customer's case timeline.
 * Screenshots go to e2e/screenshots/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from './browser.js';
import { type InProcessSuivi, apiSession, startInProcess, openPageAtTestTime, DESKTOP, PHONE } from './in-process.js';
import { logIn, screenshots } from './product.js';

let product: InProcessSuivi;
let browser: Browser;
let caseId = '';

const pageAtTestTime = (viewport: typeof DESKTOP) => openPageAtTestTime(browser, product, { viewport });

describe.skipIf(!hasChromium)('the shop-laboratory: booking, swap, timeline', () => {
  beforeAll(async () => {
    // Friday 18 December 2026, 10:00 in Paris; the shop opens Tuesday to Saturday.
    product = await startInProcess({ demoCustomers: 60, start: new Date('2026-12-18T09:00:00Z') });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  }, 60_000);

  it('lets a subscriber book a box-swap visit in a free slot', async () => {
    const { context, page } = await pageAtTestTime(PHONE);
    await logIn(page, product.url, 'subscriber@demo.suivi');
    await page.getByRole('link', { name: 'Rendez-vous' }).click();
    await page.getByRole('heading', { name: 'Prendre rendez-vous' }).waitFor();
    await page.getByText('Aucun rendez-vous à venir.').waitFor();
    await page.getByLabel('Motif').selectOption({ label: 'Échange de box' });
    // Monday: the shop is closed.
    await page.getByLabel('Jour').fill('2026-12-21');
    await page.getByText('La boutique est fermée ce jour-là').waitFor();
    await page.getByLabel('Jour').fill('2026-12-22');
    await page.getByRole('radio', { name: '10:00' }).check();
    await page.getByRole('button', { name: 'Réserver ce créneau' }).click();
    await page.getByText(/Rendez-vous réservé le 22\/12\/2026 10:00/).waitFor();
    await page
      .getByTestId('my-appointments')
      .getByText(/Échange de box/)
      .waitFor();
    // The slot is now shown as taken.
    expect(await page.getByRole('radio', { name: /10:00/ }).isDisabled()).toBe(true);
    await page.screenshot({ path: `${screenshots}/shop-1-subscriber-books.png`, fullPage: true });
    await context.close();
  }, 120_000);

  it('shows the visit in the shop’s agenda and lets staff swap the box', async () => {
    product.clock.set(new Date('2026-12-22T09:05:00Z'));
    const { context, page } = await pageAtTestTime(DESKTOP);
    await logIn(page, product.url, 'shop@demo.suivi');
    await page.getByRole('heading', { level: 1, name: 'Agenda du jour' }).waitFor();
    const visit = page.getByTestId('agenda').getByRole('listitem').filter({ hasText: 'Claire Martin' });
    await visit.waitFor();
    expect(await visit.textContent()).toMatch(/10:00 — Mme Claire Martin/);
    const faulty = await visit.getByLabel('N° de série de la box en panne').inputValue();
    expect(faulty).toMatch(/^SBX-[0-9A-F]{10}$/);
    await visit.getByLabel('N° de série de la box de remplacement').fill('NCY-STK-0005');
    await visit.getByLabel('Panne constatée').fill('Redémarrages en boucle');
    // A double click sends the same Idempotency-Key twice: one swap is stored.
    await visit.getByRole('button', { name: 'Valider l’échange' }).dblclick();
    await page.getByText('Échange enregistré : box NCY-STK-0005 installée.').waitFor();
    const caseLink = page.getByRole('link', { name: /DOS-2026-\d{6}/ });
    caseId = ((await caseLink.getAttribute('href')) ?? '').split('/').pop() ?? '';
    expect(caseId).not.toBe('');
    await page.screenshot({ path: `${screenshots}/shop-2-staff-swap.png`, fullPage: true });

    const shop = await apiSession(product.url, 'shop@demo.suivi');
    const history = await shop.get<{ movements: Array<{ to: string; shop: string }> }>(`/api/devices/${faulty}`);
    expect(history.body.movements.at(-1)).toMatchObject({ to: 'to_repair', shop: 'NCY' });
    const agenda = await shop.get<{ items: Array<{ status: string; subscription: { device: { serial: string } } }> }>(
      '/api/shops/NCY/agenda?date=2026-12-22',
    );
    expect(agenda.body.items).toEqual([
      expect.objectContaining({
        status: 'done',
        subscription: expect.objectContaining({ device: expect.objectContaining({ serial: 'NCY-STK-0005' }) }),
      }),
    ]);
    await context.close();
  }, 120_000);

  it('lets an advisor on the phone see the swap on the customer’s case timeline', async () => {
    expect(caseId).not.toBe('');
    const { context, page } = await pageAtTestTime(DESKTOP);
    await logIn(page, product.url, 'advisor@demo.suivi');
    await page.goto(`${product.url}/cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: /DOS-2026-\d{6}/ }).waitFor();
    await page
      .getByText(/Échange de box à la Boutique-laboratoire de Nancy .* remplacée par .* NCY-STK-0005/)
      .first()
      .waitFor();
    await page.screenshot({ path: `${screenshots}/shop-3-advisor-timeline.png`, fullPage: true });
    const advisor = await apiSession(product.url, 'advisor@demo.suivi');
    const file = await advisor.get<{ status: string; timeline: Array<{ channel: string }> }>(`/api/cases/${caseId}`);
    expect(file.body.status).toBe('resolved');
    expect(file.body.timeline.filter((entry) => entry.channel === 'shop_visit')).toHaveLength(1);
    await context.close();
  }, 120_000);

  it('lists upcoming community events on a public page, without a login', async () => {
    const { context, page } = await pageAtTestTime(PHONE);
    await page.goto(`${product.url}/public/events`);
    await page.getByRole('heading', { level: 1, name: 'Événements de la communauté' }).waitFor();
    await page.getByRole('heading', { name: 'Atelier : programmer sa box' }).waitFor();
    expect(await page.getByText(/places? restantes?/).count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'S’inscrire' }).count()).toBe(0);
    await page.screenshot({ path: `${screenshots}/shop-4-public-events.png`, fullPage: true });
    await context.close();
  }, 120_000);
});
