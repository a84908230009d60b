/**
 * A subscriber who forgot her password, in a real browser with the test holding the clock: she
 * asks for a link from the login page, the e-mail reaches a real SMTP peer, she follows the link,
 * chooses a new password and logs in with it; the link does not work a second time.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from './browser.js';
import { type InProcessSuivi, openPageAtTestTime, startInProcess } from './in-process.js';
import { screenshots } from './product.js';

let product: InProcessSuivi;
let browser: Browser;
let link = '';
const newPassword = 'mon nouveau mot de passe Suivi';

describe.skipIf(!hasChromium)('getting back into an account with a reset link', () => {
  beforeAll(async () => {
    // Friday 18 December 2026, 10:00 in Paris.
    product = await startInProcess({ demoCustomers: 60, start: new Date('2026-12-18T09:00:00Z') });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  }, 60_000);

  it('asks for a link from the login page', async () => {
    const { context, page } = await openPageAtTestTime(browser, product);
    await page.goto(`${product.url}/login`);
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' }).waitFor();
    await page.getByLabel('Adresse e-mail').fill('subscriber@demo.suivi');
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await page
      .getByTestId('reset-requested')
      .getByText(/Si un espace Suivi utilise l’adresse subscriber@demo\.suivi, un lien/)
      .waitFor();
    await page.screenshot({ path: `${screenshots}/account-access-1-requested.png`, fullPage: true });
    await context.close();
  }, 60_000);

  it('sends the link by e-mail, on a real SMTP peer, to the account’s address', async () => {
    const resets = () =>
      product.smtp.received.filter(
        (mail) => mail.subject === 'Choisissez un nouveau mot de passe pour votre espace Suivi',
      );
    await expect.poll(() => resets().length, { timeout: 30_000, interval: 100 }).toBe(1);
    const [mail] = resets();
    expect(mail?.envelopeTo).toEqual(['subscriber@demo.suivi']);
    expect(mail?.text).toContain('Bonjour Claire');
    expect(mail?.text).toContain('valable 1 heure');
    link = /(http:\/\/\S+\/reset-password#token=[\w-]+)/.exec(mail?.text ?? '')?.[1] ?? '';
    // The link points to the product's public address (here the free port it listens on). The token
    // is in the fragment, which the browser never sends to the server (nor to its request log).
    expect(link.startsWith(`${product.url}/reset-password#token=`)).toBe(true);
  });

  it('follows the link, chooses a password and logs in with it', async () => {
    const { context, page } = await openPageAtTestTime(browser, product);
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Nouveau mot de passe' }).waitFor();
    // The page keeps the token but takes it out of the address bar (history, screen sharing).
    await page.waitForURL(`${product.url}/reset-password`);
    expect(page.url()).not.toContain('token');
    await page.getByLabel('Nouveau mot de passe').fill(newPassword);
    await page.getByLabel('Confirmez le mot de passe').fill('pas le même mot de passe');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.getByText('Les deux mots de passe ne sont pas identiques.').waitFor();
    await page.getByLabel('Confirmez le mot de passe').fill(newPassword);
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();

    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    await page.getByText('Votre mot de passe est enregistré.', { exact: false }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Adresse e-mail').fill('subscriber@demo.suivi');
    await page.getByLabel('Mot de passe').fill(newPassword);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await page.screenshot({ path: `${screenshots}/account-access-2-logged-in.png`, fullPage: true });
    await context.close();

    // The demo password no longer opens her space.
    const old = await fetch(`${product.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'subscriber@demo.suivi', password: 'demo-suivi' }),
    });
    expect(old.status).toBe(401);
  }, 60_000);

  it('tells her clearly that a used link no longer works, and where to get a new one', async () => {
    const { context, page } = await openPageAtTestTime(browser, product);
    await page.goto(link);
    await page.getByLabel('Nouveau mot de passe').fill('encore un autre mot de passe');
    await page.getByLabel('Confirmez le mot de passe').fill('encore un autre mot de passe');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    const refused = page.getByTestId('link-refused');
    await refused.getByText('Ce lien a déjà servi : un mot de passe a été choisi avec lui.').waitFor();
    await refused.getByRole('link', { name: 'Recevoir un nouveau lien' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' }).waitFor();
    await context.close();
  }, 60_000);
});
