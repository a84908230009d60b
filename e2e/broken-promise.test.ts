/**
 * A broken promise end to end, with the test holding the clock: a subscriber opens a line-move
 * case in the portal, the advisor logs two calls (repeat contact), time moves past the promised
 * day, the outbox worker escalates the case and e-mails the customer the new date and the reason
 * through a real SMTP peer, the subscriber sees it on her case, and the director's report counts it.
 * The demo seed has overdue stories of its own for Claire Martin: every check targets this case.
 * Screenshots go to e2e/screenshots/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseFile } from '../web/src/api/caseTypes.js';
import { hasChromium, launchBrowser } from './browser.js';
import { type InProcessSuivi, apiSession, startInProcess, openPageAtTestTime, DESKTOP, PHONE } from './in-process.js';
import { logIn, screenshots } from './product.js';

const DAY_MS = 86_400_000;

/** The part of GET /api/quality this test reads. */
interface QualityReport {
  period: { from: string; to: string };
  overall: { promisesBroken: number };
  bySite: Array<{ siteId: string | null; promisesBroken: number; promisesPending: number }>;
}

let product: InProcessSuivi;
let browser: Browser;
let caseId = '';
let caseReference = '';
let firstPromise: NonNullable<CaseFile['currentPromise']>;
let siteId = '';
let brokenBefore = 0;
let claireEmail = '';

/** A 'YYYY-MM-DD' day as the French letter writes it: « mardi 5 janvier 2027 ». */
function frenchDay(day: string): string {
  return new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${day}T12:00:00Z`));
}

/** A browser page whose clock reads the test clock, so the web app's "today" is the server's. */
const pageAtTestTime = (viewport: typeof DESKTOP) => openPageAtTestTime(browser, product, { viewport });

const mailsForCase = () => product.smtp.received.filter((mail) => mail.subject.includes(caseReference));

async function siteQuality(day: string) {
  const director = await apiSession(product.url, 'director@demo.suivi');
  const report = await director.get<QualityReport>(`/api/quality?from=${day}&to=${day}`);
  expect(report.status).toBe(200);
  return report.body.bySite.find((site) => site.siteId === siteId);
}

describe.skipIf(!hasChromium)('a broken promise, from the portal to the director', () => {
  beforeAll(async () => {
    product = await startInProcess({ demoCustomers: 150, start: new Date() });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  }, 60_000);

  it('lets the subscriber open a line-move case in the portal, with a promised date', async () => {
    const { context, page } = await pageAtTestTime(PHONE);
    await logIn(page, product.url, 'subscriber@demo.suivi');
    await page.getByRole('heading', { name: 'Mes dossiers' }).waitFor();
    await page.getByLabel('Type de demande').selectOption({ label: 'Déménagement de ligne' });
    await page.getByLabel('Décrivez votre demande').fill('Je déménage au 3 place Stanislas à Nancy.');
    await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
    const heading = page.getByRole('heading', { level: 1, name: /Déménagement de ligne/ });
    await heading.waitFor();
    caseReference = /DOS-\d{4}-\d{6}/.exec((await heading.textContent()) ?? '')?.[0] ?? '';
    expect(caseReference).not.toBe('');
    caseId = new URL(page.url()).pathname.split('/').pop() ?? '';

    const advisor = await apiSession(product.url, 'advisor@demo.suivi');
    const file = await advisor.get<CaseFile>(`/api/cases/${caseId}`);
    expect(file.status).toBe(200);
    expect(file.body.reference).toBe(caseReference);
    expect(file.body.currentPromise?.status).toBe('open');
    firstPromise = file.body.currentPromise as NonNullable<CaseFile['currentPromise']>;
    expect(new Date(firstPromise.dueAt).getTime()).toBeGreaterThan(product.clock.now().getTime());
    expect(await page.getByTestId('current-promise').textContent()).toContain(
      `Promis pour le ${frenchDay(firstPromise.dueDate)}`,
    );
    siteId = file.body.site?.id ?? '';
    expect(siteId).not.toBe('');

    // The broken-promise message goes by e-mail to Claire: she has an address and no SMS preference.
    const claire = await advisor.get<{ email: string | null; preferredChannel: string; preferredLanguage: string }>(
      `/api/customers/${file.body.customerId}`,
    );
    expect(claire.body.email).toMatch(/@/);
    expect(claire.body.preferredChannel).not.toBe('sms');
    expect(claire.body.preferredLanguage).toBe('fr');
    claireEmail = claire.body.email ?? '';
    await page.screenshot({ path: `${screenshots}/broken-promise-1-subscriber-opens.png`, fullPage: true });
    await context.close();
  }, 120_000);

  it('lets the advisor log two calls, and the case shows the repeat contact', async () => {
    expect(caseReference).not.toBe('');
    product.clock.advance(30 * 60_000);
    const { context, page } = await pageAtTestTime(DESKTOP);
    await logIn(page, product.url, 'advisor@demo.suivi');
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
    expect(await page.locator('.case-header').getByText('Appel répété').count()).toBe(0);

    const summary = page.getByLabel('Résumé du contact');
    await summary.fill('Appel de la cliente : quand le déménagement sera-t-il fait ?');
    await summary.press('Control+Enter');
    await page.getByText('Contact enregistré.').waitFor();
    await page.getByText('quand le déménagement sera-t-il fait').waitFor();

    // The second call, two hours later, through the API.
    product.clock.advance(2 * 3_600_000);
    const advisor = await apiSession(product.url, 'advisor@demo.suivi');
    const second = await advisor.post(
      `/api/cases/${caseId}/interactions`,
      { channel: 'phone_in', direction: 'inbound', summary: 'Nouvel appel : la cliente attend toujours une date.' },
      { 'idempotency-key': `broken-promise-e2e-${caseReference}` },
    );
    expect(second.status).toBe(201);
    await page.reload();
    await page.getByText('la cliente attend toujours une date').waitFor();
    await page.locator('.case-header').getByText('Appel répété').waitFor();
    const file = await advisor.get<CaseFile>(`/api/cases/${caseId}`);
    expect(file.body.flags).toContain('repeat_contact');
    expect(file.body.flags).not.toContain('escalated');
    await page.screenshot({ path: `${screenshots}/broken-promise-2-advisor-repeat.png`, fullPage: true });
    await context.close();

    // Before time moves, the promise is pending: counted neither kept nor broken, and nobody is told.
    const before = await siteQuality(firstPromise.dueDate);
    expect(before?.promisesPending).toBeGreaterThanOrEqual(1);
    brokenBefore = before?.promisesBroken ?? 0;
    expect(mailsForCase()).toEqual([]);
  }, 120_000);

  it('e-mails the customer once, on a real SMTP peer, when time passes the promise', async () => {
    expect(caseReference).not.toBe('');
    product.clock.set(new Date(new Date(firstPromise.dueAt).getTime() + DAY_MS));
    await expect.poll(() => mailsForCase().length, { timeout: 30_000, interval: 100 }).toBeGreaterThanOrEqual(1);
    // Several more worker rounds: the message is sent once, not once per round.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const mails = mailsForCase();
    expect(mails).toHaveLength(1);
    const [mail] = mails;

    const advisor = await apiSession(product.url, 'advisor@demo.suivi');
    const file = (await advisor.get<CaseFile>(`/api/cases/${caseId}`)).body;
    expect(file.flags).toEqual(expect.arrayContaining(['repeat_contact', 'escalated']));
    const newPromise = file.currentPromise;
    expect(newPromise?.id).not.toBe(firstPromise.id);
    expect(newPromise?.status).toBe('open');
    expect((newPromise?.dueDate ?? '') > firstPromise.dueDate).toBe(true);
    const newDate = frenchDay(newPromise?.dueDate ?? '');

    expect(mail?.envelopeTo).toEqual([claireEmail]);
    expect(mail?.headers.to).toContain(claireEmail);
    expect(mail?.subject).toBe(`Dossier ${caseReference} : nouvelle date le ${newDate}`);
    expect(mail?.text).toContain(`Mme Martin,`);
    expect(mail?.text).toContain(
      `traiter votre dossier ${caseReference} au plus tard le ${frenchDay(firstPromise.dueDate)}`,
    );
    expect(mail?.text).toContain(`Nouvelle date : ${newDate}.`);
    expect(mail?.text).toContain('Raison : La date promise est dépassée');
  }, 120_000);

  it('shows the subscriber the broken promise and the new date on her case', async () => {
    expect(caseReference).not.toBe('');
    const advisor = await apiSession(product.url, 'advisor@demo.suivi');
    const newPromise = (await advisor.get<CaseFile>(`/api/cases/${caseId}`)).body.currentPromise;
    const { context, page } = await pageAtTestTime(PHONE);
    await logIn(page, product.url, 'subscriber@demo.suivi');
    await page.getByRole('link', { name: caseReference }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(caseReference) }).waitFor();
    expect(await page.getByTestId('current-promise').textContent()).toContain(
      `Promis pour le ${frenchDay(newPromise?.dueDate ?? '')}`,
    );
    const history = page.locator('ol.promise-history');
    const broken = history.locator('li', { hasText: 'Promesse non tenue' });
    await broken.waitFor();
    expect(await broken.textContent()).toContain(frenchDay(firstPromise.dueDate));
    expect(await broken.textContent()).toContain('La date promise est dépassée');
    await page.screenshot({ path: `${screenshots}/broken-promise-3-subscriber-new-date.png`, fullPage: true });

    // The same e-mail, readable in full in her messages on her home page.
    await page.getByRole('link', { name: 'Retour à mes dossiers' }).click();
    const messages = page.getByRole('region', { name: 'Mes messages' });
    const mail = messages.locator('details', { hasText: `Dossier ${caseReference} : nouvelle date` });
    await mail.locator('summary').click();
    await mail.getByText(`Nouvelle date : ${frenchDay(newPromise?.dueDate ?? '')}.`).waitFor();
    await page.screenshot({ path: `${screenshots}/broken-promise-4-subscriber-messages.png`, fullPage: true });
    await context.close();
  }, 120_000);

  it("counts the broken promise in the director's quality report", async () => {
    expect(caseReference).not.toBe('');
    const after = await siteQuality(firstPromise.dueDate);
    expect(after?.promisesBroken).toBeGreaterThanOrEqual(brokenBefore + 1);

    const director = await apiSession(product.url, 'director@demo.suivi');
    const report = (await director.get<QualityReport>('/api/quality')).body;
    expect(report.period.from <= firstPromise.dueDate && firstPromise.dueDate <= report.period.to).toBe(true);
    const broken = new Intl.NumberFormat('fr-FR').format(report.overall.promisesBroken);
    const { context, page } = await pageAtTestTime(DESKTOP);
    await logIn(page, product.url, 'director@demo.suivi');
    await page.getByRole('link', { name: 'Qualité de service' }).click();
    await page.getByRole('heading', { level: 1, name: 'Qualité de service' }).waitFor();
    await page.getByText(`non tenues : ${broken}`).first().waitFor();
    await page.screenshot({ path: `${screenshots}/broken-promise-4-director-quality.png`, fullPage: true });
    await context.close();
  }, 120_000);
});
