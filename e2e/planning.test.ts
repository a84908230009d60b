/**
 * Planning end to end in Chromium, on the demo operator (a year of history, Colombes, Vitry and
 * three vendor sites): the planner creates the launch scenario, computes it in a worker thread
 * (progress bar), reads the staffing chart, generates a week of shifts for a site and exports
 * the scenario as CSV; the director reads achieved against the plan of record, vendor by vendor.
 * The test holds the clock (Thursday 26 November 2026). Screenshots go to e2e/screenshots/.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from './browser.js';
import { type InProcessSuivi, startInProcess, openPageAtTestTime } from './in-process.js';
import { logIn, screenshots } from './product.js';

let product: InProcessSuivi;
let browser: Browser;
let scenarioUrl = '';

const pageAtTestTime = () => openPageAtTestTime(browser, product, { acceptDownloads: true });

describe.skipIf(!hasChromium)('planning a mobile launch, from the planner to the director', () => {
  beforeAll(async () => {
    product = await startInProcess({ demoCustomers: 100, start: new Date('2026-11-26T09:00:00Z') });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  }, 60_000);

  it('rejects a malformed history file line by line, and shows the forecast with its accuracy', async () => {
    const { context, page } = await pageAtTestTime();
    await logIn(page, product.url, 'planner@demo.suivi');
    await page.getByRole('link', { name: 'Planification' }).click();
    await page.getByRole('link', { name: 'Historique et prévisions' }).click();
    await page.getByLabel('Fichier').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        [
          'queue;interval_start;offered;answered;abandoned;aht_seconds',
          'billing;2026-11-26 09:00;40;38;2;300',
          'billing;2026-11-26 09:15;40;45;2;300',
          'unknown;2026-11-26 09:30;40;38;2;300',
        ].join('\n'),
      ),
    });
    await page.getByRole('button', { name: 'Importer' }).click();
    const errors = page.getByRole('list', { name: 'Lignes refusées' });
    await errors.waitFor();
    expect(await errors.getByRole('listitem').allTextContents()).toEqual([
      'Ligne 3, colonne answered : answered + abandoned is more than offered',
      'Ligne 4, colonne queue : "unknown" is not a queue code',
    ]);
    expect(await page.getByRole('row', { name: /bad\.csv/ }).count()).toBe(0);
    await page.getByText(/Précision mesurée sur les 28 derniers jours/).waitFor();
    await page.getByRole('figure', { name: 'Appels par jour : réel, backtest et prévision' }).waitFor();
    await page.screenshot({ path: `${screenshots}/planning-0-history.png`, fullPage: true });
    await context.close();
  }, 120_000);

  it('lets the planner create the launch scenario, compute it and read the staffing chart', async () => {
    const { context, page } = await pageAtTestTime();
    await logIn(page, product.url, 'planner@demo.suivi');
    await page.getByRole('link', { name: 'Planification' }).click();
    await page.getByRole('heading', { name: "Files d'appels" }).waitFor();
    const queues = page.getByRole('table', { name: "Files d'appels" });
    expect(await queues.getByRole('row', { name: /Ventes mobile/ }).textContent()).toMatch(/80\s%\sen 20 s/);
    await page.getByRole('link', { name: 'Scénarios' }).click();
    await page.getByRole('button', { name: 'Lancement mobile' }).click();
    expect(await page.getByLabel('Nom du scénario').inputValue()).toBe(
      'Lancement : 400 000 nouveaux clients mobile en 30 jours',
    );
    expect(await page.getByLabel('Nouveaux clients attendus').inputValue()).toBe('400000');
    await page.getByRole('button', { name: 'Enregistrer le scénario' }).click();
    await page.getByRole('heading', { level: 1, name: /Lancement : 400 000/ }).waitFor();
    scenarioUrl = page.url();

    await page.getByRole('button', { name: 'Calculer' }).click();
    await page.getByRole('heading', { name: 'Résultat' }).waitFor({ timeout: 120_000 });
    const chart = page.getByRole('figure', { name: /Agents requis par quart d'heure/ });
    await chart.waitFor();
    expect(await chart.locator('svg[role="img"] path.planning-line').count()).toBeGreaterThan(2);
    // The table alternative lists, per quarter hour, the agents required at each site.
    await chart.getByText('Voir les données du graphique').click();
    const firstRow = chart.getByRole('row').nth(1);
    expect(await firstRow.textContent()).toMatch(/\d/);
    expect(await page.getByRole('figure', { name: 'Coût par site' }).count()).toBe(1);
    await page.screenshot({ path: `${screenshots}/planning-1-staffing.png`, fullPage: true });
    await context.close();
  }, 240_000);

  it('generates a week of shifts for a vendor site and shows coverage against requirement', async () => {
    const { context, page } = await pageAtTestTime();
    await logIn(page, product.url, 'planner@demo.suivi');
    await page.goto(scenarioUrl);
    await page.getByRole('heading', { name: 'Plannings' }).waitFor();
    await page.getByLabel('Site à planifier').selectOption({ label: 'Atlas Relation Client — Casablanca' });
    await page.getByRole('button', { name: 'Générer une semaine de vacations' }).click();
    const link = page.getByRole('link', { name: /Atlas Relation Client — Casablanca, semaine du/ });
    await link.waitFor({ timeout: 120_000 });
    await link.click();
    await page.getByRole('heading', { name: 'Vacations par équipe' }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'Repos' }).count()).toBeGreaterThan(0);
    await page.getByRole('figure', { name: /Agents planifiés et requis/ }).waitFor();
    await page.screenshot({ path: `${screenshots}/planning-2-schedule.png`, fullPage: true });
    await context.close();
  }, 240_000);

  it('exports the scenario as CSV', async () => {
    const { context, page } = await pageAtTestTime();
    await logIn(page, product.url, 'planner@demo.suivi');
    await page.goto(scenarioUrl);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Exporter en CSV' }).click(),
    ]);
    const path = await download.path();
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('interval_start,site,queue,calls,agents,scheduled_agents,cost_eur');
    expect(lines.some((line) => line.includes(',CAS,mobile_activation,'))).toBe(true);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    await context.close();
  }, 120_000);

  it('shows the director achieved against planned, and the days a vendor missed its target', async () => {
    const { context, page } = await pageAtTestTime();
    await logIn(page, product.url, 'director@demo.suivi');
    await page.getByRole('link', { name: 'Planification' }).click();
    await page.getByRole('link', { name: 'Réalisé / prévu' }).click();
    await page.getByRole('heading', { level: 1, name: 'Réalisé et prévu' }).waitFor();
    // The plan of record is computed on first read; the page follows it.
    await page.getByText(/Comparé au plan « Plan de référence »/).waitFor({ timeout: 180_000 });
    const table = page.getByRole('table', { name: 'Par site et prestataire' });
    const fes = table.getByRole('row', { name: /Médina Services — Fès/ });
    expect(await fes.count()).toBe(1);
    expect(await page.getByText(/^Médina Services — objectif/).textContent()).toMatch(/objectif manqué \d+ jours?/);
    // Planned calls come from the plan of record.
    expect(await table.getByRole('row', { name: /Vitry/ }).textContent()).toMatch(/\d/);
    await page.getByRole('figure', { name: 'Niveau de service par jour et par site' }).waitFor();
    await page.screenshot({ path: `${screenshots}/planning-3-achieved.png`, fullPage: true });
    await context.close();
  }, 240_000);
});
