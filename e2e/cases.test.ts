/**
 * Case files end to end: a subscriber opens a line-move case in the portal, an advisor finds it
 * on the customer page and logs two calls, and the case is flagged as a repeat contact.
 * Screenshots go to e2e/screenshots/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from './browser.js';
import { type Product, logIn, screenshots, startProduct } from './product.js';
import type { RunningServer } from './server.js';

let product: Product;
let server: RunningServer;
let browser: Browser;
let caseReference = '';

describe.skipIf(!hasChromium)('case files in a browser', () => {
  beforeAll(async () => {
    product = await startProduct(200);
    ({ server, browser } = product);
  }, 180_000);

  afterAll(() => product?.stop());

  it('lets a subscriber open a line-move case and see its promised date and owner', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await logIn(page, server.url, 'subscriber@demo.suivi');
    await page.getByRole('heading', { name: 'Mes dossiers' }).waitFor();
    await page.getByLabel('Type de demande').selectOption({ label: 'Déménagement de ligne' });
    await page.getByLabel('Décrivez votre demande').fill('Je déménage au 12 rue des Tiercelins à Nancy.');
    await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
    const heading = page.getByRole('heading', { level: 1, name: /Déménagement de ligne/ });
    await heading.waitFor();
    caseReference = /DOS-\d{4}-\d{6}/.exec((await heading.textContent()) ?? '')?.[0] ?? '';
    expect(caseReference).not.toBe('');
    expect(await page.getByTestId('current-promise').textContent()).toMatch(
      /Promis pour le (lundi|mardi|mercredi|jeudi|vendredi) \d{1,2} \S+ \d{4}/,
    );
    expect(await page.getByTestId('case-owner').textContent()).toMatch(
      /^Votre conseiller : \S+ [A-Z]\. \([A-Z]+-\d{4}\)$/,
    );
    await page.getByRole('heading', { name: 'Envoyer un message' }).waitFor();
    // She attaches her new lease; it is listed on the case with her name.
    await page.getByLabel('Joindre un fichier').setInputFiles({
      name: 'bail-nancy.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% bail\n'),
    });
    await page.getByText('Fichier « bail-nancy.pdf » ajouté au dossier.').waitFor();
    await page.getByRole('link', { name: 'bail-nancy.pdf' }).waitFor();
    await page.screenshot({ path: `${screenshots}/subscriber-case.png`, fullPage: true });
    await page.getByRole('link', { name: 'Retour à mes dossiers' }).click();
    await page.getByRole('link', { name: caseReference }).waitFor();
    await page.screenshot({ path: `${screenshots}/subscriber-my-cases.png`, fullPage: true });
    await page.close();
  }, 120_000);

  it('lets the advisor find the case, log two calls and see the repeat-contact flag', async () => {
    expect(caseReference).not.toBe('');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page, server.url, 'advisor@demo.suivi');
    await page.getByRole('link', { name: 'Clients' }).click();
    await page.getByLabel('Rechercher un client').fill('CL-0000001');
    await page.getByLabel('Rechercher un client').press('Enter');
    await page
      .getByRole('table')
      .getByRole('link', { name: /Claire Martin/ })
      .click();
    await page.getByRole('heading', { name: 'Dossiers', exact: true }).waitFor();
    await page.getByRole('link', { name: caseReference }).click();
    await page.getByRole('heading', { name: 'Consigner un contact' }).waitFor();

    const summary = page.getByLabel('Résumé du contact');
    await summary.fill('Appel de la cliente : pas de nouvelles du déménagement.');
    await summary.press('Control+Enter');
    await page.getByText('Contact enregistré.').waitFor();
    await page.getByText('pas de nouvelles du déménagement').waitFor();
    await summary.fill('Nouvel appel : la cliente demande la date du technicien.');
    // A double click sends the same Idempotency-Key twice: one contact is stored.
    await page.getByRole('button', { name: 'Enregistrer le contact' }).dblclick();
    await page.getByText('la cliente demande la date du technicien').waitFor();

    await page.locator('.case-header').getByText('Appel répété').waitFor();
    const timeline = page.locator('ol.timeline > li');
    await expect.poll(() => timeline.count()).toBe(3);
    expect(await timeline.nth(1).textContent()).toMatch(/Appel reçu.*Entrant.*Stéphane B\. \(VIT-0001\)/);
    await page.screenshot({ path: `${screenshots}/advisor-case.png`, fullPage: true });

    // Someone else changes the case meanwhile: the stale form gets a 409, says so and reloads.
    const caseId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'csrf-token')?.value ?? '';
    const changedElsewhere = await page.evaluate(
      async ({ id, token }) => {
        const file = (await (await fetch(`/api/cases/${id}`)).json()) as { version: number };
        const body = JSON.stringify({ version: file.version, status: 'in_progress', reason: 'Pris en charge' });
        const headers = { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(token) };
        return (await fetch(`/api/cases/${id}`, { method: 'PATCH', headers, body })).status;
      },
      { id: caseId, token: csrf },
    );
    expect(changedElsewhere).toBe(200);
    await page.getByLabel('Nouveau statut').selectOption({ label: 'Résolu' });
    await page.getByLabel('Motif', { exact: true }).fill('Ligne déménagée');
    await page.getByRole('button', { name: 'Changer le statut' }).click();
    await page.getByText("Ce dossier a été modifié par quelqu'un d'autre, rechargez.").waitFor();
    await page.locator('.case-header').getByText('En cours de traitement').waitFor();
    await page.getByLabel('Nouveau statut').selectOption({ label: 'Résolu' });
    await page.getByRole('button', { name: 'Changer le statut' }).click();
    await page.locator('.case-header').getByText('Résolu').waitFor();

    await page.getByRole('link', { name: 'Retour à la fiche client' }).click();
    const row = page.getByRole('row', { name: new RegExp(caseReference) });
    await row.getByText('Appel répété').waitFor();
    await page.screenshot({ path: `${screenshots}/advisor-customer-cases.png`, fullPage: true });
    await page.close();
  }, 120_000);

  it('offers the case already open on a line instead of opening a second one', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page, server.url, 'advisor@demo.suivi');
    await page.getByRole('link', { name: 'Clients' }).click();
    await page.getByLabel('Rechercher un client').fill('CL-0000002');
    await page.getByLabel('Rechercher un client').press('Enter');
    await page.getByRole('table').getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Dossiers', exact: true }).waitFor();
    const line = page.getByLabel('Ligne concernée');
    const firstLine = await line.locator('option').nth(1).getAttribute('value');
    expect(firstLine).toBeTruthy();

    const openOnLine = async (type: string, summary: string) => {
      await page.getByLabel('Type de demande').selectOption({ label: type });
      await line.selectOption(firstLine ?? '');
      await page.getByLabel('Résumé de la demande').fill(summary);
      await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
    };
    await openOnLine('Réparation de panne', 'Plus de connexion internet depuis hier soir.');
    const heading = page.getByRole('heading', { level: 1, name: /Réparation de panne/ });
    await heading.waitFor();
    const reference = /DOS-\d{4}-\d{6}/.exec((await heading.textContent()) ?? '')?.[0] ?? '';
    expect(reference).not.toBe('');

    await page.getByRole('link', { name: 'Retour à la fiche client' }).click();
    await openOnLine('Demande générale', 'Toujours pas de connexion, le client rappelle.');
    await page.getByRole('heading', { name: 'Un dossier est déjà en cours sur cette ligne' }).waitFor();
    await page.screenshot({ path: `${screenshots}/advisor-open-case-offer.png`, fullPage: true });
    await page.getByRole('button', { name: `Ajouter ce contact au dossier ${reference}` }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(reference) }).waitFor();
    await page.getByText('Toujours pas de connexion, le client rappelle.').waitFor();
    await expect.poll(() => page.locator('ol.timeline > li').count()).toBe(2);

    // The case is in the advisor's own list, from which he comes back to it.
    await page.getByRole('link', { name: 'Mes dossiers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes dossiers' }).waitFor();
    await page.getByRole('link', { name: reference }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(reference) }).waitFor();

    // The advisor hands the case to a colleague: the owner's name changes at once.
    const newOwner = page.getByLabel('Nouveau responsable');
    const colleague = newOwner.locator('option', { hasText: 'Nathalie R. (VIT-0002)' });
    await colleague.waitFor({ state: 'attached' });
    await newOwner.selectOption((await colleague.getAttribute('value')) ?? '');
    await page.getByLabel('Motif (facultatif)').fill('Suivi technique par la superviseure');
    await page.getByRole('button', { name: 'Réattribuer' }).click();
    await expect.poll(() => page.getByTestId('case-owner').textContent()).toMatch(/Nathalie R\. \(VIT-0002\)/);
    await page.close();
  }, 120_000);

  it('shows supervisors the at-risk queue from their navigation', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page, server.url, 'supervisor@demo.suivi');
    // A letter received ten days ago and still unanswered: its two-day reply deadline has passed.
    const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'csrf-token')?.value ?? '';
    const opened = await page.evaluate(
      async ({ token, openedAt }) => {
        const search = (await (await fetch('/api/customers?q=CL-0000001')).json()) as { items: Array<{ id: string }> };
        const body = JSON.stringify({
          customerId: search.items[0]?.id,
          type: 'written_complaint',
          channel: 'letter',
          summary: 'Courrier : déménagement toujours pas effectué.',
          openedAt,
        });
        const headers = { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(token) };
        const response = await fetch('/api/cases', { method: 'POST', headers, body });
        return { status: response.status, reference: ((await response.json()) as { reference: string }).reference };
      },
      { token: csrf, openedAt: new Date(Date.now() - 10 * 86_400_000).toISOString() },
    );
    expect(opened.status).toBe(201);
    await page.getByRole('link', { name: 'Dossiers à risque' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dossiers à risque' }).waitFor();
    const row = page
      .getByRole('table', { name: 'Dossiers à traiter en priorité' })
      .getByRole('row', { name: new RegExp(opened.reference) });
    await row.getByText('Réclamation écrite en retard').waitFor();
    // The same letter in the complaints list by deadline, with the day the Médiateur can be seized.
    const complaints = page.getByRole('region', { name: 'Réclamations écrites par échéance' });
    await complaints.getByRole('row', { name: new RegExp(opened.reference) }).waitFor();
    await page.screenshot({ path: `${screenshots}/supervisor-at-risk.png`, fullPage: true });
    await row.getByRole('link', { name: opened.reference }).click();
    await page.getByText(/le client peut saisir le Médiateur des communications électroniques/).waitFor();
    await page.screenshot({ path: `${screenshots}/supervisor-complaint.png`, fullPage: true });
    await page.close();
  }, 120_000);
});
