/**
 * Third-party charges end to end (seed 004), with the test holding the clock: a partner sends an
 * "Internet+" charge without consent for Claire Martin's box; she finds it flagged in "Mes
 * factures", disputes it and is refunded at once; the dispute request replayed by the browser
 * changes nothing; she blocks third-party purchases on the line, and the partner's next charge is
 * refused and shown to her as refused. Screenshots go to e2e/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerIdOf } from '../src/seed/customers.js';
import { hasChromium, launchBrowser } from './browser.js';
import { type InProcessSuivi, apiSession, startInProcess, openPageAtTestTime } from './in-process.js';
import { logIn, screenshots } from './product.js';

let product: InProcessSuivi;
let browser: Browser;
let page: Page;
let boxNumber = '';
let chargeId = '';
let disputeId = '';
const claire = customerIdOf(0);

interface ImportResult {
  accepted: number;
  rejected: Array<{ reason: string }>;
  flagged: Array<{ chargeId: string; flags: string[] }>;
}
interface ThirdPartyView {
  charges: Array<{ id: string; refund: { amountCents: number } | null; dispute: { id: string } | null }>;
}

async function partnerSends(externalRef: string, serviceName: string) {
  const admin = await apiSession(product.url, 'admin@demo.suivi');
  const response = await admin.post<ImportResult>('/api/billing/charge-batches', {
    source: 'internetplus',
    reference: `lot-${externalRef}`,
    charges: [
      {
        externalRef,
        line: boxNumber,
        merchantCode: 'INTERNETPLUS',
        merchantName: 'Internet+ Média',
        serviceName,
        chargeType: 'subscription',
        occurredAt: new Date(product.clock.now().getTime() - 3_600_000).toISOString(),
        amountCents: 499,
      },
    ],
  });
  expect(response.status).toBe(201);
  return response.body;
}

describe.skipIf(!hasChromium)('an unknown third-party charge, from the bill to the block', () => {
  beforeAll(async () => {
    // Friday 18 December 2026, 10:00 in Paris.
    product = await startInProcess({ demoCustomers: 60, start: new Date('2026-12-18T09:00:00Z') });
    browser = await launchBrowser();
    const admin = await apiSession(product.url, 'admin@demo.suivi');
    const customer = await admin.get<{ subscriptions: Array<{ kind: string; lineNumber: string | null }> }>(
      `/api/customers/${claire}`,
    );
    boxNumber = customer.body.subscriptions.find((line) => line.kind === 'fixed_box')?.lineNumber ?? '';
    ({ page } = await openPageAtTestTime(browser, product));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  }, 60_000);

  it('shows the subscriber the unknown charge, flagged, with its explanation', async () => {
    expect(boxNumber).not.toBe('');
    const imported = await partnerSends('ip-2026-12-18-1', 'Internet+ presse illimitée');
    expect(imported.accepted).toBe(1);
    chargeId = imported.flagged[0]?.chargeId ?? '';
    expect(imported.flagged[0]?.flags).toEqual(expect.arrayContaining(['no_consent', 'first_subscription']));

    await logIn(page, product.url, 'subscriber@demo.suivi');
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Mes factures' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Mes factures' }).waitFor();
    const charge = page.locator(`[data-charge="${chargeId}"]`);
    await charge.getByText('Internet+ Média — Internet+ presse illimitée').waitFor();
    await charge.getByText('Sans preuve de double confirmation').waitFor();
    expect(await charge.textContent()).toContain('sans double confirmation valable');
    // The year of bills is there too, each downloadable.
    await page.getByRole('link', { name: /PDF/ }).first().waitFor();
    expect(await page.locator('[data-bill-row]').count()).toBe(6);
    await page.screenshot({ path: `${screenshots}/billing-unknown-charge.png`, fullPage: true });
  }, 120_000);

  it('disputes it and refunds it at once, and a replayed request refunds nothing more', async () => {
    const sent: Array<{ headers: Record<string, string>; body: string }> = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/billing/disputes')) {
        sent.push({ headers: request.headers(), body: request.postData() ?? '' });
      }
    });
    const charge = page.locator(`[data-charge="${chargeId}"]`);
    await charge.getByRole('button', { name: /^Contester/ }).click();
    await charge
      .getByLabel('Pourquoi contestez-vous cette ligne ? (facultatif)')
      .fill('Je n’ai jamais souscrit à ce service.');
    await charge.getByRole('button', { name: 'Confirmer la contestation' }).click();
    await page.getByText(/Contestation enregistrée : 4,99\s€ vous sont remboursés\./).waitFor();
    await page.getByText('Le remboursement figurera sur votre prochaine facture.').waitFor();
    await page.screenshot({ path: `${screenshots}/billing-refunded.png`, fullPage: true });

    // The browser sends the very same request again (a lost answer, a double submit).
    expect(sent).toHaveLength(1);
    const original = sent[0] as { headers: Record<string, string>; body: string };
    const replay = await page.request.post(`${product.url}/api/billing/disputes`, {
      headers: {
        'content-type': 'application/json',
        'idempotency-key': original.headers['idempotency-key'] ?? '',
        'x-csrf-token': original.headers['x-csrf-token'] ?? '',
      },
      data: original.body,
    });
    expect(replay.status()).toBe(200);
    expect(replay.headers()['idempotent-replayed']).toBe('true');
    disputeId = (await replay.json()).id;
    // Even a new key (another tab) gets the same dispute.
    const subscriber = await apiSession(product.url, 'subscriber@demo.suivi');
    const again = await subscriber.post<{ id: string }>(
      '/api/billing/disputes',
      { chargeId, reason: 'encore' },
      { 'idempotency-key': 'other-tab' },
    );
    expect(again).toMatchObject({ status: 200, body: { id: disputeId } });

    const view = await subscriber.get<ThirdPartyView>(`/api/customers/${claire}/third-party-billing`);
    const rows = view.body.charges.filter((row) => row.id === chargeId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ refund: { amountCents: 499 }, dispute: { id: disputeId } });
  }, 120_000);

  it('blocks third-party purchases on the line, after which the partner’s next charge is refused', async () => {
    await page.reload();
    const box = page.locator('[data-line]').filter({ hasText: 'Box' }).first();
    await box.getByRole('button', { name: /^Bloquer les achats de tiers/ }).click();
    await box.locator('[data-third-party="blocked"]').waitFor();
    await box.getByRole('button', { name: /^Autoriser les achats de tiers/ }).waitFor();

    const refused = await partnerSends('ip-2026-12-18-2', 'Internet+ jeux');
    expect(refused.accepted).toBe(0);
    expect(refused.rejected).toEqual([expect.objectContaining({ reason: 'line_blocked' })]);

    await page.reload();
    await page.getByRole('heading', { name: 'Achats refusés (ligne bloquée)' }).waitFor();
    await page.getByText(/Internet\+ Média, 4,99\s€, le 18 décembre 2026 : refusé/).waitFor();
    await page.screenshot({ path: `${screenshots}/billing-blocked.png`, fullPage: true });
  }, 120_000);

  it('shows the advisor the line, the refund and the dispute case with the whole story of the charge', async () => {
    const { context, page: advisorPage } = await openPageAtTestTime(browser, product);
    await logIn(advisorPage, product.url, 'advisor@demo.suivi');
    await advisorPage.goto(`${product.url}/customers/${claire}`);
    await advisorPage.getByRole('heading', { name: 'Achats de tiers (Internet+, Contact+…)' }).waitFor();
    const charge = advisorPage.locator(`[data-charge="${chargeId}"]`);
    await charge.getByText('Contesté, remboursé').waitFor();
    await advisorPage.locator('[data-third-party="blocked"]').first().waitFor();
    await advisorPage.screenshot({ path: `${screenshots}/billing-advisor.png`, fullPage: true });
    await charge.getByRole('link', { name: /^DOS-2026-\d{6}$/ }).click();
    await advisorPage.getByText(/Historique de la ligne contestée/).waitFor();
    await advisorPage.getByText(/Remboursement de 4,99\s€ accordé aussitôt/).waitFor();
    await context.close();
  }, 120_000);
});
