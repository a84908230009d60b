/**
 * « Fidélité et offres » end to end, with the test holding the clock: the supervisor publishes an
 * offer for existing customers, tries a cheaper one for prospects and is refused in words
 * ("customers before prospects"), publishes it with a retention alert and sees the alert; then
 * tries to raise a reward's threshold too early, is told the earliest day, and schedules it with
 * the notice, and sees it listed with its effective date. In between it resolves the alert with a
 * note saying what was done. Screenshots go to e2e/screenshots/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from './browser.js';
import { type InProcessSuivi, apiSession, startInProcess, openPageAtTestTime } from './in-process.js';
import { logIn, screenshots } from './product.js';

/** The parts of GET /api/offers and GET /api/loyalty/rewards this test reads. */
interface Offers {
  items: Array<{ product: string; name: string; audience: string; monthlyPriceCents: number }>;
  retentionAlerts: Array<{ product: string; prospectPriceCents: number; existingPriceCents: number }>;
}
interface Catalogue {
  items: Array<{
    code: string;
    thresholds: Array<{
      tier: string;
      points: number | null;
      announced: Array<{ points: number; effectiveFrom: string; protectedMembers?: number }>;
    }>;
  }>;
}

// Tuesday 8 December 2026, 11:00 in Paris: with one month of notice an increase starts on 9 January 2027.
const start = new Date('2026-12-08T10:00:00Z');

let product: InProcessSuivi;
let browser: Browser;
let context: BrowserContext;
let page: Page;

describe.skipIf(!hasChromium)('the supervisor manages the rewards catalogue and the offers', () => {
  beforeAll(async () => {
    product = await startInProcess({ demoCustomers: 60, start });
    browser = await launchBrowser();
    ({ context, page } = await openPageAtTestTime(browser, product));
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await product?.stop();
  }, 60_000);

  it('publishes a customers offer, is refused a cheaper prospects offer, then publishes it with an alert', async () => {
    await logIn(page, product.url, 'supervisor@demo.suivi');
    await page.getByRole('link', { name: 'Fidélité et offres' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fidélité et offres' }).waitFor();
    // The demo's offers, by product.
    await page.getByTestId('offers-box-fibre-2g').getByText('Box fibre 2 Gb/s — fidélité').waitFor();
    await page.getByText('Aucune alerte de rétention ouverte.').waitFor();

    const form = page.getByRole('region', { name: 'Publier une offre' });
    await form.getByLabel('Produit', { exact: true }).fill('fibre-1g');
    await form.getByLabel("Nom de l'offre").fill('Fibre 1 Gb/s clients');
    await form.getByLabel('Public').selectOption({ label: 'Clients actuels' });
    await form.getByLabel('Prix mensuel TTC (€)').fill('34,99');
    await form.getByRole('button', { name: "Publier l'offre" }).click();
    await form.getByText('Offre « Fibre 1 Gb/s clients » publiée (Clients actuels, 34,99 € par mois).').waitFor();
    const fibre = page.getByTestId('offers-fibre-1g');
    await fibre.getByRole('row', { name: /Fibre 1 Gb\/s clients/ }).waitFor();
    expect(await fibre.getByRole('row', { name: /Fibre 1 Gb\/s clients/ }).textContent()).toMatch(
      /Clients actuels\s*34,99\s€/,
    );

    // Prospects at 24,99 € while customers pay 34,99 €: refused, in words.
    await form.getByLabel("Nom de l'offre").fill('Fibre 1 Gb/s bienvenue');
    await form.getByLabel('Public').selectOption({ label: 'Nouveaux clients (prospects)' });
    await form.getByLabel('Prix mensuel TTC (€)').fill('24,99');
    await form.getByRole('button', { name: "Publier l'offre" }).click();
    const refusal = form.getByRole('alert');
    await refusal.getByText('Offre refusée : les clients passent avant les prospects.').waitFor();
    expect(await refusal.textContent()).toMatch(
      /Les nouveaux clients paieraient 24,99\s€ par mois pour fibre-1g, moins que les clients actuels \(34,99\s€\)\./,
    );
    const supervisor = await apiSession(product.url, 'supervisor@demo.suivi');
    const afterRefusal = (await supervisor.get<Offers>('/api/offers')).body;
    expect(afterRefusal.items.filter((offer) => offer.product === 'fibre-1g').map((offer) => offer.audience)).toEqual([
      'existing_customers',
    ]);
    await page.screenshot({ path: `${screenshots}/loyalty-admin-1-refused.png`, fullPage: true });

    await refusal.getByRole('button', { name: 'Publier avec une alerte de rétention' }).click();
    await form
      .getByText('Alerte de rétention ouverte : les nouveaux clients paient 24,99 €, les clients actuels 34,99 €.')
      .waitFor();
    const alert = page.getByTestId('retention-alerts').getByRole('listitem');
    await alert
      .getByText(/fibre-1g : « Fibre 1 Gb\/s bienvenue » à 24,99\s€ par mois pour les nouveaux clients/)
      .waitFor();
    expect(await alert.textContent()).toMatch(/les clients actuels paient 34,99\s€/);
    await fibre.getByRole('row', { name: /Fibre 1 Gb\/s bienvenue/ }).waitFor();
    const published = (await supervisor.get<Offers>('/api/offers')).body;
    expect(published.retentionAlerts).toEqual([
      expect.objectContaining({ product: 'fibre-1g', prospectPriceCents: 2499, existingPriceCents: 3499 }),
    ]);
    await page.screenshot({ path: `${screenshots}/loyalty-admin-2-alert.png`, fullPage: true });
  }, 120_000);

  it('resolves the retention alert with a note saying what was done; the note and author go to the audit trail', async () => {
    const alerts = page.getByTestId('retention-alerts');
    await alerts.getByRole('button', { name: 'Marquer comme traitée : alerte fibre-1g' }).click();
    const resolveForm = page.getByRole('form', { name: 'Marquer comme traitée : alerte fibre-1g' });
    const note = 'Offre clients fibre-1g alignée sur 24,99 € à partir de janvier';
    await resolveForm.getByLabel('Ce qui a été fait').fill(note);
    await resolveForm.getByRole('button', { name: 'Marquer comme traitée' }).click();
    await page.getByText(/Alerte fibre-1g marquée comme traitée le 08\/12\/2026 11:00\./).waitFor();
    await page.getByText('Aucune alerte de rétention ouverte.').waitFor();
    const supervisor = await apiSession(product.url, 'supervisor@demo.suivi');
    expect((await supervisor.get<Offers>('/api/offers')).body.retentionAlerts).toEqual([]);
    const audit = await product.suivi.database.db
      .selectFrom('audit_events')
      .innerJoin('users', 'users.id', 'audit_events.actor_user_id')
      .select(['users.email', 'audit_events.details'])
      .where('audit_events.action', '=', 'offer_retention_alert.resolved')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.email).toBe('supervisor@demo.suivi');
    const details = typeof audit[0]?.details === 'string' ? JSON.parse(audit[0].details) : audit[0]?.details;
    expect(details).toMatchObject({ note, product: 'fibre-1g' });
    await page.screenshot({ path: `${screenshots}/loyalty-admin-2b-resolved.png`, fullPage: true });
  }, 120_000);

  it('refuses an increase before the notice period, then schedules it and lists it with its effective date', async () => {
    const catalogue = page.getByTestId('reward-catalogue');
    const earbuds = catalogue.getByRole('row', { name: /Écouteurs sans fil/ });
    expect(await earbuds.textContent()).toMatch(/900\spoints/);
    // The demo already announces a smartphone change; nothing yet for the earbuds.
    expect(await earbuds.textContent()).not.toMatch(/puis/);
    expect(
      await page
        .getByTestId('announced-changes')
        .getByRole('row', { name: /Écouteurs sans fil/ })
        .count(),
    ).toBe(0);
    await earbuds.getByRole('button', { name: 'Changer un seuil de « Écouteurs sans fil »' }).click();
    const form = page.getByRole('region', { name: 'Changer un seuil de « Écouteurs sans fil »' });
    await form.getByText('Pour une hausse : le 9 janvier 2027 au plus tôt (laissez vide pour cette date).').waitFor();
    await form.getByLabel('Niveau').selectOption('essentiel');
    await form.getByLabel('Nouveau seuil (points)').fill('1100');
    await form.getByLabel("Date d'effet").fill('2026-12-20');
    await form.getByLabel('Motif', { exact: true }).fill('Nouveau modèle, plus cher');
    await form.getByRole('button', { name: 'Annoncer le changement' }).click();
    const refusal = form.getByRole('alert');
    await refusal.getByText("Le changement n'a pas été annoncé.").waitFor();
    await refusal
      .getByText(
        "Trop tôt : une hausse doit être annoncée au moins 1 mois à l'avance. Choisissez le 9 janvier 2027 ou une date plus tardive.",
      )
      .waitFor();
    const supervisor = await apiSession(product.url, 'supervisor@demo.suivi');
    const untouched = (await supervisor.get<Catalogue>('/api/loyalty/rewards')).body;
    const essentiel = () =>
      untouched.items.find((item) => item.code === 'ecouteurs')?.thresholds.find((th) => th.tier === 'essentiel');
    expect(essentiel()?.announced).toEqual([]);
    await page.screenshot({ path: `${screenshots}/loyalty-admin-3-too-early.png`, fullPage: true });

    await form.getByLabel("Date d'effet").fill('2027-01-15');
    await form.getByRole('button', { name: 'Annoncer le changement' }).click();
    await page
      .getByText(
        /Changement annoncé : « Écouteurs sans fil », niveau Essentiel, de 900 à 1\s100 points à partir du 15 janvier 2027\./,
      )
      .waitFor();
    const row = page.getByTestId('announced-changes').getByRole('row', { name: /Écouteurs sans fil/ });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toMatch(/Essentiel/);
    expect(text).toMatch(/900 → 1\s100 points/);
    expect(text).toMatch(/15 janvier 2027/);
    expect(text).toMatch(/garde(nt)? l'ancien seuil jusqu'au 15 juillet 2027 inclus/);
    expect(text).toMatch(/Nouveau modèle, plus cher/);
    expect(await earbuds.textContent()).toMatch(/puis 1\s100 à partir du 15 janvier 2027/);

    const after = (await supervisor.get<Catalogue>('/api/loyalty/rewards')).body;
    const change = after.items
      .find((item) => item.code === 'ecouteurs')
      ?.thresholds.find((th) => th.tier === 'essentiel');
    expect(change).toMatchObject({
      points: 900,
      announced: [{ points: 1100, effectiveFrom: '2027-01-14T23:00:00.000Z' }],
    });
    // How many members keep 900 points, as the server counted them.
    const kept = change?.announced[0]?.protectedMembers;
    expect(kept).toEqual(expect.any(Number));
    expect(text).toMatch(new RegExp(`${kept} membres? garde(nt)? l'ancien seuil`));
    await page.screenshot({ path: `${screenshots}/loyalty-admin-4-scheduled.png`, fullPage: true });
  }, 120_000);
});
