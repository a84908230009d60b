/**
 * A fair threshold change end to end, with the test holding the clock (seed 003): the supervisor
 * schedules an increase of the earbuds threshold; every member of the tier is told in advance
 * (Claire by e-mail, through a real SMTP peer); Claire sees the announcement and that she keeps
 * the old threshold; after the change takes effect she still redeems at the old threshold in the
 * portal, while an unprotected member pays the new one. The advisor sees her points, goal and the
 * "do not call for sales" badge. Screenshots go to e2e/screenshots/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from './browser.js';
import { type InProcessSuivi, apiSession, startInProcess, openPageAtTestTime, DESKTOP, PHONE } from './in-process.js';
import { logIn, screenshots } from './product.js';

/** The part of GET /api/customers/:id/loyalty this test reads. */
interface LoyaltySummary {
  balance: number;
}

const DAY_MS = 86_400_000;
// Tuesday 8 December 2026, 11:00 in Paris.
const start = new Date('2026-12-08T10:00:00Z');

let product: InProcessSuivi;
let browser: Browser;
let earbudsId = '';
let claireId = '';
let change: { id: string; effectiveOn: string; effectiveFrom: string; notified: number; protectedMembers: number };

const pageAtTestTime = (viewport: typeof DESKTOP) => openPageAtTestTime(browser, product, { viewport });

describe.skipIf(!hasChromium)('a fair threshold change, from the catalogue to the portal', () => {
  beforeAll(async () => {
    product = await startInProcess({ demoCustomers: 150, start });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  }, 60_000);

  it('schedules the increase after the notice period and tells every member of the tier', async () => {
    const supervisor = await apiSession(product.url, 'supervisor@demo.suivi');
    const catalogue = await supervisor.get<{ items: Array<{ id: string; code: string }> }>('/api/loyalty/rewards');
    earbudsId = catalogue.body.items.find((reward) => reward.code === 'ecouteurs')?.id ?? '';
    expect(earbudsId).not.toBe('');
    const tooSoon = await supervisor.post<{ errors: Array<{ field: string }> }>(
      `/api/loyalty/rewards/${earbudsId}/threshold-changes`,
      { tier: 'essentiel', points: 1100, effectiveOn: '2026-12-15', reason: 'Nouveau modèle' },
    );
    expect(tooSoon.status).toBe(400);
    expect(tooSoon.body.errors[0]?.field).toBe('body.effectiveOn');
    const scheduled = await supervisor.post<typeof change>(`/api/loyalty/rewards/${earbudsId}/threshold-changes`, {
      tier: 'essentiel',
      points: 1100,
      reason: 'Nouveau modèle, plus cher',
    });
    expect(scheduled.status).toBe(201);
    change = scheduled.body;
    expect(change.effectiveOn).toBe('2027-01-09');
    expect(change.notified).toBeGreaterThan(10);
    expect(change.protectedMembers).toBeGreaterThan(0);

    // Claire's notice arrives by e-mail before anything changes, and says she keeps 900.
    const advisor = await apiSession(product.url, 'advisor@demo.suivi');
    const me = await apiSession(product.url, 'subscriber@demo.suivi');
    claireId = (await me.get<{ user: { customerId: string } }>('/api/me')).body.user.customerId;
    const claire = await advisor.get<{ email: string }>(`/api/customers/${claireId}`);
    const claireMail = () =>
      product.smtp.received.find(
        (m) => m.subject.includes('Écouteurs sans fil') && m.envelopeTo.includes(claire.body.email),
      );
    await expect.poll(() => claireMail() !== undefined, { timeout: 30_000 }).toBe(true);
    const mail = claireMail();
    expect(mail?.text).toContain('passe de 900 à 1100');
    expect(mail?.text).toContain('Pour vous, il reste à 900 points');
  }, 120_000);

  it('shows Claire the announcement, what she keeps, her goal and how far she is', async () => {
    const { context, page } = await pageAtTestTime(PHONE);
    await logIn(page, product.url, 'subscriber@demo.suivi');
    await page.getByRole('link', { name: 'Ma fidélité' }).click();
    await page.getByRole('heading', { name: 'Ma fidélité', level: 1 }).waitFor();
    const earbuds = page.locator('[data-reward="ecouteurs"]');
    await earbuds.getByText(/Changement annoncé : 1\s100 points à partir du 9 janvier 2027\./).waitFor();
    await earbuds.getByText(/Pour vous, le seuil reste à 900 points/).waitFor();
    const smartphone = page.locator('[data-reward="smartphone"]');
    await smartphone.getByText('Votre objectif').waitFor();
    await smartphone.getByText('Encore 150 points avant ce cadeau').waitFor();
    await page.screenshot({ path: `${screenshots}/loyalty-1-announced.png`, fullPage: true });

    // « Mes consentements »: one click withdraws the e-mail offers, at once and with its history.
    await page.getByRole('link', { name: 'Mes consentements' }).click();
    const email = page.locator('[data-purpose="marketing_email"]');
    await email.getByText('Accepté').waitFor();
    await email.getByRole('button', { name: 'Retirer' }).click();
    await email.getByText('Refusé').waitFor();
    await page.getByText(/Offres commerciales par e-mail : Refusé \(espace client\)/).waitFor();
    const advisor = await apiSession(product.url, 'advisor@demo.suivi');
    const consents = await advisor.get<{ consents: Array<{ purpose: string; status: string; source: string }> }>(
      `/api/customers/${claireId}/consents`,
    );
    expect(consents.body.consents.find((c) => c.purpose === 'marketing_email')).toMatchObject({
      status: 'withdrawn',
      source: 'portal',
    });
    await page.screenshot({ path: `${screenshots}/loyalty-consents.png`, fullPage: true });
    await context.close();
  }, 120_000);

  it('lets protected Claire redeem at the old threshold after the change, not an unprotected member', async () => {
    product.clock.set(new Date(new Date(change.effectiveFrom).getTime() + 3 * DAY_MS + 10 * 3_600_000));
    const supervisor = await apiSession(product.url, 'supervisor@demo.suivi');
    const before = (await supervisor.get<LoyaltySummary>(`/api/customers/${claireId}/loyalty`)).body;
    const { context, page } = await pageAtTestTime(DESKTOP);
    page.on('dialog', (dialog) => void dialog.accept());
    await logIn(page, product.url, 'subscriber@demo.suivi');
    await page.getByRole('link', { name: 'Ma fidélité' }).click();
    const earbuds = page.locator('[data-reward="ecouteurs"]');
    await earbuds.getByText('900 points', { exact: true }).waitFor();
    await earbuds.getByText(/seuil protégé : 1\s100 points pour les autres membres/).waitFor();
    await earbuds.getByRole('button', { name: 'Obtenir ce cadeau' }).click();
    await page.getByText(/C'est fait\. Nouveau solde/).waitFor();
    const after = (await supervisor.get<LoyaltySummary>(`/api/customers/${claireId}/loyalty`)).body;
    expect(after.balance).toBe(before.balance - 900);
    await page.getByRole('cell', { name: /Cadeau — Écouteurs sans fil.*au seuil protégé/ }).waitFor();
    await page.screenshot({ path: `${screenshots}/loyalty-2-redeemed-at-old-threshold.png`, fullPage: true });
    await context.close();

    // A member of the tier far from the old threshold when it was announced pays the new one.
    const far = await findUnprotectedMember(supervisor);
    await supervisor.post('/api/loyalty/earnings', {
      customerId: far.id,
      kind: 'earn_event',
      points: 1000 - far.balance,
      description: 'Jeu concours',
    });
    const refused = await supervisor.post<{ detail: string }>(`/api/customers/${far.id}/loyalty/redemptions`, {
      rewardId: earbudsId,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('1100');
  }, 120_000);

  it('shows the advisor her points, goal, consents, contact history and the do-not-call badge', async () => {
    const { context, page } = await pageAtTestTime(DESKTOP);
    await logIn(page, product.url, 'advisor@demo.suivi');
    await page.goto(`${product.url}/customers/${claireId}`);
    await page.getByRole('heading', { name: 'Fidélité', exact: true }).waitFor();
    await page.getByText('Ne pas appeler pour la vente — Le client a retiré son consentement').waitFor();
    await page.getByRole('heading', { name: 'Consentements et contacts' }).waitFor();
    await page.getByTestId('loyalty-balance').waitFor();
    await page.screenshot({ path: `${screenshots}/loyalty-3-advisor.png`, fullPage: true });
    await context.close();
  }, 120_000);
});

/** A member of the essentiel tier who was not protected by the change (balance under 400 then). */
async function findUnprotectedMember(
  supervisor: Awaited<ReturnType<typeof apiSession>>,
): Promise<{ id: string; balance: number }> {
  const db = product.suivi.database.db;
  const row = await db
    .selectFrom('loyalty_accounts as a')
    .leftJoin('loyalty_threshold_protections as p', (join) =>
      join.onRef('p.customer_id', '=', 'a.customer_id').on('p.threshold_id', '=', change.id),
    )
    .select(['a.customer_id', 'a.balance'])
    .where('a.kind', '=', 'member')
    .where('a.tier', '=', 'essentiel')
    .where('p.customer_id', 'is', null)
    .where('a.balance', '<', 1000)
    .orderBy('a.balance')
    .executeTakeFirstOrThrow();
  expect((await supervisor.get<LoyaltySummary>(`/api/customers/${row.customer_id}/loyalty`)).status).toBe(200);
  return { id: row.customer_id as string, balance: row.balance };
}
