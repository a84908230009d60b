/**
 * Community staff at the Nancy shop-laboratory, end to end with the test holding the clock: staff
 * create an event with one seat, Claire takes it, a second member waits, and staff check Claire in
 * at the door; Claire reports an abusive comment and staff hide it from the moderation page; staff
 * open a working group, Claire joins it, staff add a member found by name and see the members, and
 * Claire reads the meeting notes. Screenshots go to e2e/screenshots/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerIdOf } from '../src/seed/customers.js';
import { hasChromium, launchBrowser } from './browser.js';
import {
  type ApiSession,
  type InProcessSuivi,
  apiSession,
  startInProcess,
  openPageAtTestTime,
  DESKTOP,
} from './in-process.js';
import { logIn, screenshots } from './product.js';

let product: InProcessSuivi;
let browser: Browser;
let shop: ApiSession;
const claire = customerIdOf(0);
const otherMember = customerIdOf(1);
let otherName = '';

async function pageAs(email: string, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await openPageAtTestTime(browser, product, { viewport });
  await logIn(page, product.url, email);
  return { context, page };
}

interface DoorList {
  event: { startsAt: string; endsAt: string; capacity: number; place: { shopCode: string } | null };
  registered: Array<{ customer: { id: string }; checkedInAt: string | null }>;
  waitingList: Array<{ customer: { id: string } }>;
}

describe.skipIf(!hasChromium)('community staff: events at the door, moderation, working groups', () => {
  beforeAll(async () => {
    // Friday 18 December 2026, 10:00 in Paris.
    product = await startInProcess({ demoCustomers: 40, start: new Date('2026-12-18T09:00:00Z') });
    browser = await launchBrowser();
    shop = await apiSession(product.url, 'shop@demo.suivi');
    const other = await product.suivi.database.db
      .selectFrom('customers')
      .select(['first_name', 'last_name'])
      .where('id', '=', otherMember)
      .executeTakeFirstOrThrow();
    otherName = `${other.first_name} ${other.last_name}`;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  }, 60_000);

  it('lets staff create a one-seat event, fill it and a waiting list, and check Claire in at the door', async () => {
    const staff = await pageAs('shop@demo.suivi');
    await staff.page.getByRole('link', { name: 'Événements', exact: true }).click();
    await staff.page.getByRole('link', { name: 'Créer un événement et tenir la liste d’accueil' }).click();
    await staff.page.getByRole('heading', { level: 1, name: 'Événements — équipe' }).waitFor();
    await staff.page.getByLabel('Titre').fill('Soirée jeux rétro');
    await staff.page.getByLabel('Catégorie').selectOption({ label: 'Loisirs' });
    await staff.page.getByLabel('Début (heure de Paris)').fill('2026-12-19T18:00');
    await staff.page.getByLabel('Fin (heure de Paris)').fill('2026-12-19T20:00');
    await staff.page.getByLabel('Nombre de places').fill('1');
    expect(await staff.page.getByLabel('Lieu').inputValue()).toBe('NCY');
    await staff.page.getByRole('button', { name: 'Créer l’événement' }).click();
    const created = staff.page.getByRole('status').filter({ hasText: 'Événement « Soirée jeux rétro » créé.' });
    await created.waitFor();
    const eventId = ((await created.getByRole('link').getAttribute('href')) ?? '').split('/').pop() ?? '';
    expect(eventId).toMatch(/^[0-9a-f-]{36}$/);
    // Times typed in Paris time (UTC+1 in December) are stored as such.
    const stored = await shop.get<DoorList>(`/api/events/${eventId}/registrations`);
    expect(stored.body.event).toMatchObject({
      startsAt: '2026-12-19T17:00:00.000Z',
      endsAt: '2026-12-19T19:00:00.000Z',
      capacity: 1,
      place: expect.objectContaining({ shopCode: 'NCY' }),
    });

    // Claire takes the only seat.
    const member = await pageAs('subscriber@demo.suivi', { width: 390, height: 844 });
    await member.page.getByRole('link', { name: 'Événements', exact: true }).click();
    const card = member.page.getByRole('listitem').filter({ hasText: 'Soirée jeux rétro' });
    await card.getByRole('button', { name: 'S’inscrire' }).click();
    await card.getByText('Vous êtes inscrit(e).').waitFor();
    await member.context.close();

    // A second member, registered by staff at the counter, goes to the waiting list.
    const waiting = await shop.post<{ status: string; waitlistPosition: number }>(
      `/api/events/${eventId}/registrations`,
      { customerId: otherMember },
    );
    expect(waiting.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });

    // The door list: Claire seated, the other member waiting, nobody checked in yet.
    await staff.page.getByRole('link', { name: 'Liste d’accueil de « Soirée jeux rétro »' }).click();
    await staff.page.getByRole('heading', { level: 1, name: 'Soirée jeux rétro' }).waitFor();
    const counts = staff.page.getByTestId('door-counts');
    expect(await counts.textContent()).toBe('0 arrivé(s) sur 1 inscrit(s) — 1 places');
    const seated = staff.page.getByTestId('door-registered').getByRole('listitem');
    expect(await seated.count()).toBe(1);
    expect(await seated.textContent()).toContain('Claire Martin');
    const waitingList = staff.page.getByTestId('door-waiting');
    expect(await waitingList.textContent()).toContain(otherName);
    expect(await waitingList.getByRole('button').count()).toBe(0);

    await seated.getByRole('button', { name: /Enregistrer l’arrivée de .*Claire Martin/ }).click();
    await seated.getByText(/^Arrivé\(e\) — 18\/12\/2026 10:00$/).waitFor();
    expect(await counts.textContent()).toBe('1 arrivé(s) sur 1 inscrit(s) — 1 places');
    expect(await seated.getByRole('button').count()).toBe(0);
    await staff.page.screenshot({ path: `${screenshots}/community-1-door-list.png`, fullPage: true });

    const after = await shop.get<DoorList>(`/api/events/${eventId}/registrations`);
    expect(after.body.registered).toEqual([
      expect.objectContaining({ customer: expect.objectContaining({ id: claire }), checkedInAt: expect.any(String) }),
    ]);
    expect(after.body.waitingList.map((entry) => entry.customer.id)).toEqual([otherMember]);
    await staff.context.close();
  }, 180_000);

  it('lets Claire report an abusive comment, and staff hide it from the moderation page', async () => {
    const idea = await product.suivi.database.db
      .selectFrom('ideas')
      .select('id')
      .where('title', '=', 'Afficher la consommation électrique de la box')
      .executeTakeFirstOrThrow();
    await product.suivi.database.db
      .insertInto('idea_comments')
      .values({
        idea_id: idea.id,
        author_customer_id: otherMember,
        author_user_id: null,
        body: 'Idée stupide, comme son auteur.',
        hidden_at: null,
        hidden_by_user_id: null,
        created_at: new Date('2026-12-18T08:00:00Z'),
      })
      .execute();

    const member = await pageAs('subscriber@demo.suivi', { width: 390, height: 844 });
    await member.page.getByRole('link', { name: 'Boîte à idées' }).click();
    await member.page.getByRole('link', { name: 'Afficher la consommation électrique de la box', exact: true }).click();
    await member.page
      .getByRole('heading', { level: 1, name: 'Afficher la consommation électrique de la box' })
      .waitFor();
    const comments = member.page.getByTestId('comments');
    await comments.getByText('Idée stupide, comme son auteur.').waitFor();
    await comments.getByRole('button', { name: /Signaler le commentaire de/ }).click();
    await member.page.getByLabel('Qu’est-ce qui ne va pas ?').fill('Insulte envers un membre');
    await member.page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await member.page.getByText('Merci, votre signalement a été transmis à l’équipe.').waitFor();
    // Five minutes later, the idea itself is reported too, for a reason staff will not follow.
    product.clock.set(new Date('2026-12-18T09:05:00Z'));
    await member.page.getByRole('button', { name: /Signaler l’idée/ }).click();
    await member.page.getByLabel('Qu’est-ce qui ne va pas ?').fill('Déjà proposée');
    await member.page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await expect.poll(() => member.page.getByText('Merci, votre signalement').count()).toBe(2);

    const staff = await pageAs('shop@demo.suivi');
    await staff.page.getByRole('link', { name: 'Modération' }).click();
    await staff.page.getByRole('heading', { level: 1, name: 'Modération' }).waitFor();
    const reports = staff.page.getByTestId('reports').locator(':scope > li');
    await reports.first().waitFor();
    // Oldest first, each with the content reported.
    expect(await reports.count()).toBe(2);
    expect(await reports.nth(0).textContent()).toContain('Idée stupide, comme son auteur.');
    expect(await reports.nth(0).textContent()).toContain('Insulte envers un membre');
    expect(await reports.nth(1).textContent()).toContain('Savoir combien consomme la box');
    await staff.page.screenshot({ path: `${screenshots}/community-2-moderation.png`, fullPage: true });
    await reports.nth(0).getByRole('button', { name: 'Masquer le commentaire' }).click();
    await expect.poll(() => reports.count()).toBe(1);
    await reports.nth(0).getByRole('button', { name: 'Classer sans suite' }).click();
    await staff.page.getByText('Aucun signalement en attente.').waitFor();
    await staff.context.close();

    // Claire no longer sees the comment; the idea stays on the board.
    await member.page.reload();
    await member.page
      .getByRole('heading', { level: 1, name: 'Afficher la consommation électrique de la box' })
      .waitFor();
    await member.page.getByText('Aucun commentaire pour le moment.').waitFor();
    expect(await member.page.getByText('Idée stupide').count()).toBe(0);
    await member.context.close();
    const open = await shop.get<{ items: unknown[] }>('/api/ideas/reports');
    expect(open.body.items).toEqual([]);
  }, 180_000);

  it('lets staff open a working group, Claire join it, staff add a member by name, and Claire read the notes newest first', async () => {
    const staff = await pageAs('shop@demo.suivi');
    await staff.page.getByRole('link', { name: 'Groupes de travail' }).click();
    await staff.page.getByLabel('Nom du groupe').fill('Atelier réparation');
    await staff.page.getByLabel('Question de travail').fill('Comment réparer nos box ensemble ?');
    await staff.page.getByRole('button', { name: 'Ouvrir le groupe' }).click();
    const staffCard = staff.page.getByRole('listitem').filter({ hasText: 'Atelier réparation' });
    await staffCard.getByText('0 membre').waitFor();
    expect(await staffCard.getByRole('button').count()).toBe(0);

    const member = await pageAs('subscriber@demo.suivi', { width: 390, height: 844 });
    await member.page.getByRole('link', { name: 'Groupes de travail' }).click();
    const card = member.page.getByRole('listitem').filter({ hasText: 'Atelier réparation' });
    await card.getByText('Comment réparer nos box ensemble ?').waitFor();
    await card.getByRole('button', { name: 'Rejoindre le groupe « Atelier réparation »' }).click();
    await card.getByText('1 membre · vous en faites partie').waitFor();
    expect(await card.getByRole('button').count()).toBe(0);

    await staff.page.getByRole('link', { name: 'Atelier réparation' }).click();
    await staff.page.getByRole('heading', { level: 1, name: 'Atelier réparation' }).waitFor();
    await staff.page.getByText('Aucun compte rendu pour le moment.').waitFor();
    // Staff see who belongs, and add a member they find by name.
    const members = staff.page.getByTestId('group-members');
    expect(await members.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^Claire Martin depuis le 18 décembre 2026$/),
    ]);
    const adding = staff.page.getByRole('region', { name: 'Ajouter un membre' });
    await adding.getByLabel('Rechercher un client').fill(otherName);
    await adding.getByRole('radio', { name: new RegExp(`^${otherName} — CL-`) }).check();
    await adding.getByRole('button', { name: 'Ajouter au groupe' }).click();
    await adding.getByText(`${otherName} fait maintenant partie du groupe.`).waitFor();
    await staff.page.getByRole('heading', { level: 2, name: 'Membres (2)' }).waitFor();
    expect(await members.getByRole('listitem').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Claire Martin'), expect.stringContaining(otherName)]),
    );
    const group = staff.page.url().split('/').pop() ?? '';
    const detail = await shop.get<{ members: Array<{ customerId: string }> }>(`/api/working-groups/${group}`);
    expect(detail.body.members.map((m) => m.customerId).sort()).toEqual([claire, otherMember].sort());
    await staff.page.screenshot({ path: `${screenshots}/community-3b-group-members.png`, fullPage: true });
    expect(await staff.page.getByLabel('Date de la réunion').inputValue()).toBe('2026-12-18');
    await staff.page.getByLabel('Date de la réunion').fill('2026-12-11');
    await staff.page.getByLabel('Notes').fill('Premier tour de table : trois box à réparer.');
    await staff.page.getByRole('button', { name: 'Enregistrer le compte rendu' }).click();
    await staff.page.getByText('Premier tour de table : trois box à réparer.').waitFor();
    await staff.page.getByLabel('Date de la réunion').fill('2026-12-18');
    await staff.page.getByLabel('Notes').fill('Deux box réparées, la troisième attend une pièce.');
    await staff.page.getByRole('button', { name: 'Enregistrer le compte rendu' }).click();
    await staff.page.getByText('Deux box réparées, la troisième attend une pièce.').waitFor();
    await staff.context.close();

    await card.getByRole('link', { name: 'Atelier réparation' }).click();
    await member.page.getByRole('heading', { level: 1, name: 'Atelier réparation' }).waitFor();
    const notes = member.page.getByTestId('meeting-notes');
    await notes.waitFor();
    expect(await notes.getByRole('heading').allTextContents()).toEqual([
      'Réunion du 18 décembre 2026',
      'Réunion du 11 décembre 2026',
    ]);
    expect(await notes.textContent()).toContain('Deux box réparées, la troisième attend une pièce.');
    // Members read the notes; only staff write them.
    expect(await member.page.getByLabel('Notes').count()).toBe(0);
    await member.page.screenshot({ path: `${screenshots}/community-3-working-group.png`, fullPage: true });
    await member.context.close();
  }, 180_000);
});
