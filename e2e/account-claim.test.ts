/**
 * “Créer mon espace”, in a real browser with the test holding the clock: a demo customer who has
 * no online account yet asks for one from the login page with the reference on her bills and her
 * e-mail address, receives the activation link on a real SMTP peer, chooses her password and
 * logs in to her own space.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCustomer } from '../src/seed/customers.js';
import { hasChromium, launchBrowser } from './browser.js';
import { type InProcessSuivi, openPageAtTestTime, startInProcess } from './in-process.js';
import { screenshots } from './product.js';

let product: InProcessSuivi;
let browser: Browser;
let link = '';
const password = 'mon espace client tout neuf';

/** A demo customer (not Claire, who has the demo login) with an e-mail on file, who reads French. */
const customer = (() => {
  for (let index = 1; index < 60; index++) {
    const { customer } = demoCustomer(index);
    if (customer.email && customer.preferred_language === 'fr') return { ...customer, email: customer.email };
  }
  throw new Error('no demo customer with an e-mail in French');
})();

describe.skipIf(!hasChromium)('an existing customer opens her online space by herself', () => {
  beforeAll(async () => {
    // Friday 18 December 2026, 10:00 in Paris.
    product = await startInProcess({ demoCustomers: 60, start: new Date('2026-12-18T09:00:00Z') });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  }, 60_000);

  it('has no account yet: her e-mail does not log in', async () => {
    const response = await fetch(`${product.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: customer.email, password }),
    });
    expect(response.status).toBe(401);
  });

  it('asks for her space from the login page and gets a neutral confirmation', async () => {
    const { context, page } = await openPageAtTestTime(browser, product);
    await page.goto(`${product.url}/login`);
    await page.getByRole('link', { name: 'Créer mon espace client' }).click();
    await page.getByRole('heading', { level: 1, name: 'Créer mon espace client' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/claim-account');
    await page.getByLabel('Référence client').fill(customer.reference.toLowerCase());
    await page.getByLabel('Adresse e-mail').fill(customer.email);
    await page.getByRole('button', { name: 'Créer mon espace' }).click();
    await page
      .getByTestId('claim-requested')
      .getByText(/Si ces informations correspondent à un client, un e-mail vient de partir/)
      .waitFor();
    await page.screenshot({ path: `${screenshots}/account-claim-1-requested.png`, fullPage: true });
    await context.close();
  }, 60_000);

  it('receives the activation link by e-mail, at the address on file', async () => {
    const activations = () => product.smtp.received.filter((mail) => mail.subject === 'Ouvrez votre espace Suivi');
    await expect.poll(() => activations().length, { timeout: 30_000, interval: 100 }).toBe(1);
    const [mail] = activations();
    expect(mail?.envelopeTo).toEqual([customer.email]);
    expect(mail?.text).toContain(`Bonjour ${customer.first_name}`);
    link = /(http:\/\/\S+\/activate#token=[\w-]+)/.exec(mail?.text ?? '')?.[1] ?? '';
    expect(link.startsWith(`${product.url}/activate#token=`)).toBe(true);
  });

  it('follows the link, chooses her password and logs in to her own space', async () => {
    const { context, page } = await openPageAtTestTime(browser, product);
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Ouvrir votre espace Suivi' }).waitFor();
    await page.getByLabel('Nouveau mot de passe').fill(password);
    await page.getByLabel('Confirmez le mot de passe').fill(password);
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.getByText('Votre mot de passe est enregistré.', { exact: false }).waitFor();
    await page.getByLabel('Adresse e-mail').fill(customer.email);
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await page.screenshot({ path: `${screenshots}/account-claim-2-logged-in.png`, fullPage: true });
    await context.close();

    const session = await fetch(`${product.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: customer.email, password }),
    });
    expect(session.status).toBe(200);
    const body = (await session.json()) as { user: { role: string; customerId: string } };
    expect(body.user).toMatchObject({ role: 'subscriber', customerId: customer.id });
  }, 60_000);
});
