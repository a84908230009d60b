/**
 * Equipment loans at the Nancy shop-laboratory end to end, with the test holding the clock: the
 * shop's staff lend a Raspberry Pi kit to Claire Martin, she sees it in her portal, the due date
 * passes, staff see it in the overdue list and send the reminders, then take it back; finally a
 * member at her borrowing limit is refused in words. The outbox worker is off so that the
 * reminder round is the staff's button (the worker would otherwise write the same reminder).
 * Screenshots go to e2e/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from './browser.js';
import { type InProcessSuivi, apiSession, startInProcess, openPageAtTestTime, DESKTOP, PHONE } from './in-process.js';
import { logIn, screenshots } from './product.js';

let product: InProcessSuivi;
let browser: Browser;
let claireId = '';

interface LoanItem {
  id: string;
  assetTag: string;
  available: boolean;
}

const pageAtTestTime = (viewport: typeof DESKTOP) => openPageAtTestTime(browser, product, { viewport });

async function openLoans(page: Page): Promise<void> {
  await logIn(page, product.url, 'shop@demo.suivi');
  await page.getByRole('link', { name: 'Prêts' }).click();
  await page.getByRole('heading', { level: 1, name: 'Prêts de matériel' }).waitFor();
}

const itemRow = (page: Page, tag: string) => page.getByTestId('loan-items').getByRole('row').filter({ hasText: tag });

describe.skipIf(!hasChromium)('the shop-laboratory: equipment loans', () => {
  beforeAll(async () => {
    // Friday 18 December 2026, 10:00 in Paris.
    product = await startInProcess({
      demoCustomers: 60,
      start: new Date('2026-12-18T09:00:00Z'),
      outboxWorker: false,
    });
    browser = await launchBrowser();
    const claire = await apiSession(product.url, 'subscriber@demo.suivi');
    claireId = (await claire.get<{ user: { customerId: string } }>('/api/me')).body.user.customerId;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  }, 60_000);

  it('lets shop staff lend an item to Claire Martin, after which it shows as lent', async () => {
    const { context, page } = await pageAtTestTime(DESKTOP);
    await openLoans(page);
    await itemRow(page, 'NCY-RPI-001').getByText('Disponible').waitFor();
    await page.getByRole('button', { name: 'Prêter Kit Raspberry Pi 5 (NCY-RPI-001)' }).click();
    await page.getByRole('heading', { name: 'Prêter Kit Raspberry Pi 5 (NCY-RPI-001)' }).waitFor();
    // The shop's default loan length (14 days) is proposed.
    expect(await page.getByLabel('À rendre le').inputValue()).toBe('2027-01-01');
    await page.getByLabel(/^Membre/).fill('Claire Martin');
    await page.getByRole('radio', { name: /Claire Martin — CL-/ }).check();
    await page.getByLabel('À rendre le').fill('2026-12-22');
    await page.getByRole('button', { name: 'Prêter à Claire Martin' }).click();
    await page.getByText('Kit Raspberry Pi 5 (NCY-RPI-001) prêté à Claire Martin jusqu’au 22 décembre 2026.').waitFor();
    await itemRow(page, 'NCY-RPI-001')
      .getByText(/Prêté à Claire Martin \(CL-\d+\) jusqu’au 22 décembre 2026/)
      .waitFor();
    expect(await page.getByRole('button', { name: 'Prêter Kit Raspberry Pi 5 (NCY-RPI-001)' }).count()).toBe(0);
    await page.getByText('Aucun prêt en retard.').waitFor();
    await page.screenshot({ path: `${screenshots}/loans-1-staff-lends.png`, fullPage: true });

    const shop = await apiSession(product.url, 'shop@demo.suivi');
    const loans = await shop.get<{ items: Array<{ item: { assetTag: string }; dueDate: string; returnedAt: null }> }>(
      `/api/loans?customerId=${claireId}`,
    );
    expect(loans.body.items).toEqual([
      expect.objectContaining({ item: expect.objectContaining({ assetTag: 'NCY-RPI-001' }), dueDate: '2026-12-22' }),
    ]);
    await context.close();
  }, 120_000);

  it('shows Claire her loan and its due date in her portal', async () => {
    const { context, page } = await pageAtTestTime(PHONE);
    await logIn(page, product.url, 'subscriber@demo.suivi');
    await page.getByRole('link', { name: 'Rendez-vous' }).click();
    await page.getByRole('heading', { name: 'Mes prêts de matériel' }).waitFor();
    const loan = page.getByTestId('my-loans').getByRole('listitem').filter({ hasText: 'NCY-RPI-001' });
    await loan.waitFor();
    expect(await loan.textContent()).toMatch(/Kit Raspberry Pi 5 .*à rendre le 22 décembre 2026/);
    expect(await loan.getByText('En retard').count()).toBe(0);
    await page.screenshot({ path: `${screenshots}/loans-2-member-sees-loan.png`, fullPage: true });
    await context.close();
  }, 120_000);

  it('lists the loan as overdue once the due date has passed, and reminds the borrower once', async () => {
    // Thursday 24 December, 10:00 in Paris: two days after the due date.
    product.clock.set(new Date('2026-12-24T09:00:00Z'));
    const { context, page } = await pageAtTestTime(DESKTOP);
    await openLoans(page);
    const overdue = page.getByTestId('overdue-loans').getByRole('row');
    await overdue.first().waitFor();
    expect(await overdue.count()).toBe(1);
    expect(await overdue.first().textContent()).toMatch(
      /Kit Raspberry Pi 5.*NCY-RPI-001.*Claire Martin \(CL-\d+\).*22 décembre 2026.*2 jours de retard/,
    );
    await page.getByRole('button', { name: 'Envoyer les rappels' }).click();
    await page.getByRole('status').filter({ hasText: '1 rappel écrit.' }).waitFor();
    // At most one reminder a week per loan: a second round writes nothing new.
    await page.getByRole('button', { name: 'Envoyer les rappels' }).click();
    await page
      .getByText('Aucun nouveau rappel : chaque emprunteur en retard a déjà été relancé cette semaine.')
      .waitFor();
    await page.screenshot({ path: `${screenshots}/loans-3-overdue-reminded.png`, fullPage: true });

    const shop = await apiSession(product.url, 'shop@demo.suivi');
    const messages = await shop.get<{ items: Array<{ kind: string; body: string }> }>(
      `/api/outbox/messages?customerId=${claireId}&limit=50`,
    );
    const reminders = messages.body.items.filter((message) => message.kind === 'loan_overdue');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.body).toContain('Kit Raspberry Pi 5');
    await context.close();

    // Claire's portal flags the loan as overdue.
    const member = await pageAtTestTime(PHONE);
    await logIn(member.page, product.url, 'subscriber@demo.suivi');
    await member.page.getByRole('link', { name: 'Rendez-vous' }).click();
    await member.page
      .getByTestId('my-loans')
      .getByRole('listitem')
      .filter({ hasText: 'NCY-RPI-001' })
      .getByText('En retard')
      .waitFor();
    await member.context.close();
  }, 120_000);

  it('lets staff take the item back with its condition; it is available again', async () => {
    const { context, page } = await pageAtTestTime(DESKTOP);
    await openLoans(page);
    await page.getByRole('button', { name: 'Reprendre Kit Raspberry Pi 5 (NCY-RPI-001)' }).click();
    await page.getByText(/Emprunté par Claire Martin/).waitFor();
    await page.getByLabel('État au retour').selectOption({ label: 'Usé' });
    await page.getByRole('button', { name: 'Confirmer le retour' }).click();
    await page
      .getByText('Kit Raspberry Pi 5 (NCY-RPI-001) est rendu, état : Usé. Il est de nouveau disponible.')
      .waitFor();
    const row = itemRow(page, 'NCY-RPI-001');
    await row.getByText('Disponible').waitFor();
    expect(await row.getByRole('cell', { name: 'Usé' }).count()).toBe(1);
    await page.getByText('Aucun prêt en retard.').waitFor();
    await page.screenshot({ path: `${screenshots}/loans-4-taken-back.png`, fullPage: true });

    const claire = await apiSession(product.url, 'subscriber@demo.suivi');
    const mine = await claire.get<{ items: Array<{ returnedAt: string | null; conditionIn: string | null }> }>(
      '/api/loans',
    );
    expect(mine.body.items).toEqual([
      expect.objectContaining({ returnedAt: '2026-12-24T09:00:00.000Z', conditionIn: 'worn' }),
    ]);
    await context.close();
  }, 120_000);

  it('refuses, in words, to lend beyond the member’s limit', async () => {
    const shop = await apiSession(product.url, 'shop@demo.suivi');
    const listed = await shop.get<{ limit: number; items: LoanItem[] }>('/api/shops/NCY/loan-items');
    const free = listed.body.items.filter((item) => item.available);
    for (const item of free.slice(0, listed.body.limit)) {
      expect((await shop.post('/api/loans', { itemId: item.id, customerId: claireId })).status).toBe(201);
    }
    const next = free[listed.body.limit];
    expect(next).toBeDefined();
    const { context, page } = await pageAtTestTime(DESKTOP);
    await openLoans(page);
    await itemRow(page, next?.assetTag ?? '')
      .getByRole('button', { name: /^Prêter / })
      .click();
    await page.getByLabel(/^Membre/).fill('Claire Martin');
    await page.getByRole('radio', { name: /Claire Martin — CL-/ }).check();
    await page.getByRole('button', { name: 'Prêter à Claire Martin' }).click();
    await page
      .getByRole('alert')
      .getByText(
        'Claire Martin a déjà 3 objets empruntés, le maximum : il faut en rendre un avant d’en emprunter un autre.',
      )
      .waitFor();
    await itemRow(page, next?.assetTag ?? '')
      .getByText('Disponible')
      .waitFor();
    await page.screenshot({ path: `${screenshots}/loans-5-limit.png`, fullPage: true });
    await context.close();
  }, 120_000);
});
