/**
 * Subscribing at the Nancy shop counter, in a real browser with the test holding the clock: the
 * staff member fills in a new customer, checks the identity document, picks the welcome offer
 * and a box from the shelf, records that the customer accepts e-mail offers only; the welcome
 * e-mail reaches a real SMTP peer; an advisor finds the new customer with the pending line.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from './browser.js';
import { type InProcessSuivi, apiSession, startInProcess, openPageAtTestTime } from './in-process.js';
import { logIn, screenshots } from './product.js';

let product: InProcessSuivi;
let browser: Browser;
let customerReference = '';

describe.skipIf(!hasChromium)('subscribing at the shop counter', () => {
  beforeAll(async () => {
    // Friday 18 December 2026, 10:00 in Paris.
    product = await startInProcess({ demoCustomers: 60, start: new Date('2026-12-18T09:00:00Z') });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  }, 60_000);

  it('signs up a new customer with a box from the shelf, refusing an expired document first', async () => {
    const { context, page } = await openPageAtTestTime(browser, product);
    await logIn(page, product.url, 'shop@demo.suivi');
    await page.getByRole('link', { name: 'Souscription' }).click();
    await page.getByRole('heading', { level: 1, name: 'Souscription' }).waitFor();
    await page.getByText('Aucune souscription aujourd’hui.').waitFor();

    await page.getByLabel('Prénom').fill('Inès');
    await page.getByLabel('Nom', { exact: true }).fill('Laurentin');
    await page.getByLabel('E-mail', { exact: true }).fill('ines.laurentin@exemple.fr');
    await page.getByLabel('Téléphone', { exact: true }).fill('06 98 76 54 32');
    await page.getByLabel('Adresse', { exact: true }).fill('12 rue Stanislas');
    await page.getByLabel('Code postal').fill('54000');
    await page.getByLabel('Ville').fill('Nancy');
    await page.getByLabel('Numéro de la pièce').fill('X4RTBPFW41234');
    await page.getByLabel('Valable jusqu’au').fill('2026-12-01');
    await page.getByLabel('Date de naissance').fill('1990-04-12');
    await page.getByLabel(/la photo et le nom correspondent/).check();
    await page.getByLabel(/Box fibre 2 Gb\/s — bienvenue/).check();
    await page.getByLabel('Box remise au comptoir').selectOption('NCY-STK-0001');
    await page.getByLabel('Accepte de recevoir des offres par e-mail').check();
    await page.getByRole('button', { name: 'Souscrire' }).click();
    // The document expired before today: refused beside the field, nothing created.
    await page.locator('#signup-expires-error').getByText('the document expired on 2026-12-01').waitFor();

    await page.getByLabel('Valable jusqu’au').fill('2031-06-30');
    await page.getByRole('button', { name: 'Souscrire' }).click();
    const done = page.getByTestId('sign-up-done');
    await done.getByText(/Inès Laurentin a souscrit : ligne AB-\d{7}-1 en cours d’activation\./).waitFor();
    expect(await done.textContent()).toContain('Box NCY-STK-0001 remise.');
    customerReference = ((await done.getByRole('link').textContent()) ?? '').replace('Ouvrir le dossier client ', '');
    expect(customerReference).toMatch(/^CL-\d{7}$/);
    await page
      .getByTestId('todays-sign-ups')
      .getByText(/Carte nationale d’identité …1234 vérifiée par/)
      .waitFor();
    // The form is empty again for the next person.
    expect(await page.getByLabel('Prénom').inputValue()).toBe('');
    await page.screenshot({ path: `${screenshots}/sign-up-1-counter.png`, fullPage: true });
    await context.close();
  }, 120_000);

  it('sends the welcome by e-mail, on a real SMTP peer, with the line and the choice made', async () => {
    await expect
      .poll(() => product.smtp.received.filter((mail) => mail.subject.startsWith('Bienvenue')).length, {
        timeout: 30_000,
        interval: 100,
      })
      .toBe(1);
    const [mail] = product.smtp.received.filter((mail) => mail.subject.startsWith('Bienvenue'));
    expect(mail?.envelopeTo).toEqual(['ines.laurentin@exemple.fr']);
    expect(mail?.text).toContain(customerReference);
    expect(mail?.text).toContain('Vous avez accepté de recevoir nos offres par e-mails.');
  });

  it('lets an advisor find the new customer, with the pending line and consents recorded at the shop', async () => {
    const advisor = await apiSession(product.url, 'advisor@demo.suivi');
    const found = await advisor.get<{ items: Array<{ id: string; reference: string }> }>(
      `/api/customers?q=${customerReference}`,
    );
    expect(found.body.items).toHaveLength(1);
    const id = found.body.items[0]?.id ?? '';
    const file = await advisor.get<{ subscriptions: Array<{ status: string; plan: string }> }>(`/api/customers/${id}`);
    expect(file.body.subscriptions).toEqual([
      expect.objectContaining({ status: 'pending', plan: 'Box fibre 2 Gb/s — bienvenue' }),
    ]);
    const consents = await advisor.get<{ consents: Array<{ purpose: string; status: string; source: string }> }>(
      `/api/customers/${id}/consents`,
    );
    expect(consents.body.consents.filter((item) => item.status === 'granted')).toEqual([
      expect.objectContaining({ purpose: 'marketing_email', source: 'shop' }),
    ]);
  });
});
