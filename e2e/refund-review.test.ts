/**
 * The review of a disputed charge WITH consent (issue 7) end to end, with the test holding the
 * clock: a partner sends a CinéVOD charge carrying a complete double confirmation for Claire
 * Martin's box; she disputes it in "Mes factures" and it waits for review; a complaints officer
 * opens the case page, sees the charge and its consent record, and grants the refund; Claire sees
 * the decision on her case and on her charge. Screenshots go to e2e/screenshots/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerIdOf } from '../src/seed/customers.js';
import { hasChromium, launchBrowser } from './browser.js';
import { type InProcessSuivi, apiSession, startInProcess, openPageAtTestTime } from './in-process.js';
import { logIn, screenshots } from './product.js';

let product: InProcessSuivi;
let browser: Browser;
let chargeId = '';
let caseId = '';
const claire = customerIdOf(0);

const pageAtTestTime = () => openPageAtTestTime(browser, product);

describe.skipIf(!hasChromium)('a consented charge disputed, reviewed and refunded', () => {
  beforeAll(async () => {
    // Friday 18 December 2026, 10:00 in Paris.
    product = await startInProcess({ demoCustomers: 60, start: new Date('2026-12-18T09:00:00Z') });
    browser = await launchBrowser();
    const admin = await apiSession(product.url, 'admin@demo.suivi');
    const customer = await admin.get<{ subscriptions: Array<{ kind: string; lineNumber: string | null }> }>(
      `/api/customers/${claire}`,
    );
    const boxNumber = customer.body.subscriptions.find((line) => line.kind === 'fixed_box')?.lineNumber ?? '';
    const occurredAt = new Date(product.clock.now().getTime() - 3_600_000);
    const imported = await admin.post<{ accepted: number; flagged: Array<{ chargeId: string }> }>(
      '/api/billing/charge-batches',
      {
        source: 'cinevod',
        reference: 'lot-review-1',
        charges: [
          {
            externalRef: 'cv-review-1',
            line: boxNumber,
            merchantCode: 'CINEVOD',
            merchantName: 'CinéVOD',
            serviceName: 'Film « Les Quatre Cents Coups »',
            chargeType: 'purchase',
            occurredAt: occurredAt.toISOString(),
            amountCents: 599,
            consent: {
              firstStepAt: new Date(occurredAt.getTime() - 40_000).toISOString(),
              secondStepAt: new Date(occurredAt.getTime() - 15_000).toISOString(),
              channel: 'box',
              sourceLine: boxNumber,
            },
          },
        ],
      },
    );
    expect(imported.status).toBe(201);
    expect(imported.body.accepted).toBe(1);
    const view = await admin.get<{ charges: Array<{ id: string; serviceName: string }> }>(
      `/api/customers/${claire}/third-party-billing`,
    );
    chargeId = view.body.charges.find((charge) => charge.serviceName === 'Film « Les Quatre Cents Coups »')?.id ?? '';
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  }, 60_000);

  it('lets the subscriber dispute the consented charge, which waits for review', async () => {
    expect(chargeId).not.toBe('');
    const { context, page } = await pageAtTestTime();
    await logIn(page, product.url, 'subscriber@demo.suivi');
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Mes factures' })
      .click();
    const charge = page.locator(`[data-charge="${chargeId}"]`);
    await charge.getByText('CinéVOD — Film « Les Quatre Cents Coups »').waitFor();
    await charge.getByRole('button', { name: /^Contester/ }).click();
    await charge
      .getByLabel('Pourquoi contestez-vous cette ligne ? (facultatif)')
      .fill('C’est mon fils qui a confirmé, sans mon accord.');
    await charge.getByRole('button', { name: 'Confirmer la contestation' }).click();
    await page.getByText(/Contestation enregistrée : un conseiller l’examine/).waitFor();
    const caseLink = charge.getByRole('link', { name: /DOS-2026-\d{6}/ });
    caseId = ((await caseLink.getAttribute('href')) ?? '').split('/').pop() ?? '';
    expect(caseId).not.toBe('');
    await context.close();
  }, 120_000);

  it('lets a complaints officer see the consent record and grant the refund from the case page', async () => {
    expect(caseId).not.toBe('');
    product.clock.set(new Date(product.clock.now().getTime() + 2 * 3_600_000));
    const { context, page } = await pageAtTestTime();
    await logIn(page, product.url, 'complaints@demo.suivi');
    await page.goto(`${product.url}/cases/${caseId}`);
    const review = page.locator('section.refund-review');
    await review.getByRole('heading', { level: 2, name: 'Achat contesté' }).waitFor();
    await review.getByText('En examen').waitFor();
    await review.getByText('Double confirmation complète').waitFor();
    expect(await review.textContent()).toContain('Première confirmation');
    // A wrong amount is refused beside the field, before anything is sent.
    await review.getByLabel(/Montant en euros/).fill('9,99');
    await review.getByRole('button', { name: 'Rembourser ce montant' }).click();
    await review.getByText(/Au plus 5,99\s€/).waitFor();
    await review.getByLabel(/Montant en euros/).fill('');
    // A double click sends one Idempotency-Key twice: one refund.
    await review.getByRole('button', { name: 'Rembourser tout le reste' }).dblclick();
    await page.getByText(/Remboursement de 5,99\s€ accordé : le client est prévenu/).waitFor();
    await review.getByText('Remboursé après examen').waitFor();
    await review.getByText(/Remboursement de 5,99\s€ accordé le .* par Patrice Leroy/).waitFor();
    expect(await review.getByRole('button', { name: 'Refuser la contestation' }).count()).toBe(0);
    await page.screenshot({ path: `${screenshots}/refund-review-1-officer-grants.png`, fullPage: true });

    const officer = await apiSession(product.url, 'complaints@demo.suivi');
    const file = await officer.get<{ status: string }>(`/api/cases/${caseId}`);
    expect(file.body.status).toBe('resolved');
    const dispute = await officer.get<{ refundedCents: number; decisions: unknown[] }>(
      `/api/cases/${caseId}/billing-dispute`,
    );
    expect(dispute.body).toMatchObject({ refundedCents: 599 });
    expect(dispute.body.decisions).toHaveLength(1);
    await context.close();
  }, 120_000);

  it('shows the subscriber the refund on her case and on her charge', async () => {
    const { context, page } = await pageAtTestTime();
    await logIn(page, product.url, 'subscriber@demo.suivi');
    await page.goto(`${product.url}/cases/${caseId}`);
    const review = page.locator('section.refund-review');
    await review.getByText('Remboursé après examen').waitFor();
    await review.getByText(/Remboursement de 5,99\s€ accordé le/).waitFor();
    expect(await review.getByRole('button').count()).toBe(0);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Mes factures' })
      .click();
    const charge = page.locator(`[data-charge="${chargeId}"]`);
    await charge.getByText('Remboursé après examen').waitFor();
    await charge.getByText(/Remboursé \(5,99\s€\) sur la prochaine facture/).waitFor();
    await page.screenshot({ path: `${screenshots}/refund-review-2-subscriber-sees.png`, fullPage: true });
    await context.close();
  }, 120_000);
});
