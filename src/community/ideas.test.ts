import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, type TestApp, createTestApp, login } from '../../test/test-app.js';
import { fixedClock } from '../platform/clock.js';
import { customerIdOf } from '../seed/customers.js';

const clock = fixedClock(new Date('2026-12-18T09:00:00Z'));
let t: TestApp;
let subscriber: LoggedIn;
let shop: LoggedIn;
let advisor: LoggedIn;
const claire = customerIdOf(0);

type Body = Record<string, unknown>;
const send = (session: LoggedIn, method: 'POST' | 'GET' | 'DELETE', url: string, payload?: Body) =>
  t.app.inject({ method, url, payload, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } });

beforeAll(async () => {
  t = await createTestApp({ customers: 20, clock, config: { sessionTtlHours: 24 * 400 } });
  [subscriber, shop, advisor] = await Promise.all([
    login(t.app, 'subscriber@demo.suivi'),
    login(t.app, 'shop@demo.suivi'),
    login(t.app, 'advisor@demo.suivi'),
  ]);
});
afterAll(() => t.close());

describe('ideas board', () => {
  let ideaId = '';

  it('lets a member propose an idea and vote once', async () => {
    const proposed = await send(subscriber, 'POST', '/api/ideas', {
      title: 'Un mode hors-ligne pour le guide TV',
      body: 'Consulter le programme quand la connexion est coupée.',
    });
    expect(proposed.statusCode).toBe(201);
    ideaId = proposed.json().id;
    expect(proposed.json()).toMatchObject({
      status: 'proposed',
      author: { name: 'Claire M.', isYou: true },
      voteCount: 0,
    });
    const first = await send(subscriber, 'POST', `/api/ideas/${ideaId}/vote`);
    const second = await send(subscriber, 'POST', `/api/ideas/${ideaId}/vote`);
    expect(first.json()).toEqual({ voted: true, voteCount: 1 });
    expect(second.json()).toEqual({ voted: true, voteCount: 1 });
    const listed = (await send(subscriber, 'GET', '/api/ideas?sort=newest')).json().items;
    expect(listed[0]).toMatchObject({ id: ideaId, votedByYou: true, voteCount: 1 });
    expect((await send(subscriber, 'DELETE', `/api/ideas/${ideaId}/vote`)).json()).toEqual({
      voted: false,
      voteCount: 0,
    });
    await send(subscriber, 'POST', `/api/ideas/${ideaId}/vote`);
    // Staff do not propose or vote; an advisor cannot even comment.
    expect((await send(shop, 'POST', `/api/ideas/${ideaId}/vote`)).statusCode).toBe(403);
    expect((await send(advisor, 'POST', `/api/ideas/${ideaId}/comments`, { body: 'x' })).statusCode).toBe(403);
    const short = await send(subscriber, 'POST', '/api/ideas', { title: 'x', body: 'y' });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].field).toBe('body.title');
  });

  it('counts one vote per member even when they click many times at once', async () => {
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => send(subscriber, 'POST', `/api/ideas/${ideaId}/vote`)),
    );
    expect(responses.every((response) => response.statusCode === 200)).toBe(true);
    const votes = await t.database.db
      .selectFrom('idea_votes')
      .select('customer_id')
      .where('idea_id', '=', ideaId)
      .execute();
    expect(votes).toHaveLength(1);
    expect((await send(subscriber, 'GET', `/api/ideas/${ideaId}`)).json().voteCount).toBe(1);
  });

  it('moves through statuses, keeps the history and tells the author each time', async () => {
    const study = await send(shop, 'POST', `/api/ideas/${ideaId}/status`, { status: 'under_study' });
    expect(study.statusCode).toBe(200);
    expect(study.json()).toMatchObject({ status: 'under_study', statusLabel: { fr: 'À l’étude' } });
    clock.advance(86_400_000);
    await send(shop, 'POST', `/api/ideas/${ideaId}/status`, { status: 'planned' });
    clock.advance(86_400_000);
    await send(shop, 'POST', `/api/ideas/${ideaId}/status`, { status: 'released', reason: 'Dans la mise à jour 7.2' });
    const idea = (await send(subscriber, 'GET', `/api/ideas/${ideaId}`)).json();
    expect(idea.statusHistory.map((entry: Body) => entry.to)).toEqual(['under_study', 'planned', 'released']);
    expect(idea.statusReason).toBe('Dans la mise à jour 7.2');
    const messages = await t.database.db
      .selectFrom('outbox_messages')
      .select(['subject', 'body'])
      .where('customer_id', '=', claire)
      .where('kind', '=', 'idea_status')
      .orderBy('created_at')
      .execute();
    expect(messages.map((message) => message.subject)).toEqual([
      'Votre idée « Un mode hors-ligne pour le guide TV » : À l’étude',
      'Votre idée « Un mode hors-ligne pour le guide TV » : Prévue',
      'Votre idée « Un mode hors-ligne pour le guide TV » : Disponible',
    ]);
    // Released is final; subscribers cannot set statuses.
    const back = await send(shop, 'POST', `/api/ideas/${ideaId}/status`, { status: 'planned' });
    expect(back.statusCode).toBe(409);
    expect(back.json().errors[0].field).toBe('body.status');
    expect((await send(subscriber, 'POST', `/api/ideas/${ideaId}/status`, { status: 'planned' })).statusCode).toBe(403);
  });

  it('requires a reason to decline, and shows it', async () => {
    const other = (
      await send(subscriber, 'POST', '/api/ideas', { title: 'Une box en bois', body: 'Plus jolie dans le salon.' })
    ).json();
    const noReason = await send(shop, 'POST', `/api/ideas/${other.id}/status`, { status: 'declined' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('body.reason');
    const declined = await send(shop, 'POST', `/api/ideas/${other.id}/status`, {
      status: 'declined',
      reason: 'Le bois ne dissipe pas assez la chaleur.',
    });
    expect(declined.json()).toMatchObject({
      status: 'declined',
      statusReason: 'Le bois ne dissipe pas assez la chaleur.',
    });
    const message = await t.database.db
      .selectFrom('outbox_messages')
      .select('body')
      .where('customer_id', '=', claire)
      .where('subject', 'like', '%Une box en bois%')
      .executeTakeFirstOrThrow();
    expect(message.body).toContain('Motif : Le bois ne dissipe pas assez la chaleur.');
  });

  it('takes abuse reports once, and moderation hides the content and closes them', async () => {
    const comment = await send(subscriber, 'POST', `/api/ideas/${ideaId}/comments`, { body: 'Propos déplacé' });
    expect(comment.statusCode).toBe(201);
    const commentId = comment.json().id;
    const staffComment = await send(shop, 'POST', `/api/ideas/${ideaId}/comments`, { body: 'Merci, c’est noté !' });
    expect(staffComment.statusCode).toBe(201);
    const report = await send(subscriber, 'POST', `/api/ideas/${ideaId}/reports`, { commentId, reason: 'Insultant' });
    expect(report.statusCode).toBe(201);
    expect(
      (await send(subscriber, 'POST', `/api/ideas/${ideaId}/reports`, { commentId, reason: 'Insultant' })).statusCode,
    ).toBe(200);
    const open = (await send(shop, 'GET', '/api/ideas/reports')).json().items;
    expect(open).toEqual([
      expect.objectContaining({
        idea: { id: ideaId, title: 'Un mode hors-ligne pour le guide TV', body: expect.stringContaining('programme') },
        comment: { id: commentId, body: 'Propos déplacé' },
        reason: 'Insultant',
      }),
    ]);
    expect((await send(subscriber, 'GET', '/api/ideas/reports')).statusCode).toBe(403);
    expect((await send(shop, 'POST', `/api/ideas/${ideaId}/comments/${commentId}/hide`)).statusCode).toBe(200);
    expect((await send(shop, 'GET', '/api/ideas/reports')).json().items).toEqual([]);
    const seen = (await send(subscriber, 'GET', `/api/ideas/${ideaId}`)).json();
    expect(seen.comments.map((entry: Body) => entry.id)).not.toContain(commentId);
    expect(seen.comments).toEqual([expect.objectContaining({ author: { name: 'Camille (NCY-0001)', staff: true } })]);

    const spam = (await send(subscriber, 'POST', '/api/ideas', { title: 'Achetez ici', body: 'spam' })).json();
    const hidden = await send(shop, 'POST', `/api/ideas/${spam.id}/hide`, { reason: 'Publicité' });
    expect(hidden.json()).toMatchObject({ hidden: true, hiddenReason: 'Publicité' });
    expect((await send(subscriber, 'GET', `/api/ideas/${spam.id}`)).statusCode).toBe(404);
    const visible = (await send(subscriber, 'GET', '/api/ideas?limit=100')).json().items.map((item: Body) => item.id);
    expect(visible).not.toContain(spam.id);
  });

  it('pages through ideas by votes with a cursor', async () => {
    const first = (await send(subscriber, 'GET', '/api/ideas?limit=2')).json();
    expect(first.items).toHaveLength(2);
    expect(first.items[0].voteCount).toBeGreaterThanOrEqual(first.items[1].voteCount);
    const rest = (await send(subscriber, 'GET', `/api/ideas?limit=100&cursor=${first.nextCursor}`)).json().items;
    const ids = [...first.items, ...rest].map((item: Body) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('working groups', () => {
  it('lets members join a group and staff record meeting notes', async () => {
    const groups = (await send(subscriber, 'GET', '/api/working-groups')).json().items;
    const local = groups.find((group: Body) => group.question === 'Comment agir localement ?');
    expect(local).toMatchObject({ joinedByYou: false });
    expect((await send(subscriber, 'POST', `/api/working-groups/${local.id}/members`, {})).statusCode).toBe(200);
    expect((await send(subscriber, 'POST', `/api/working-groups/${local.id}/members`, {})).statusCode).toBe(200);
    const after = (await send(subscriber, 'GET', '/api/working-groups'))
      .json()
      .items.find((group: Body) => group.id === local.id);
    expect(after).toMatchObject({ joinedByYou: true, members: local.members + 1 });
    const notes = await send(shop, 'POST', `/api/working-groups/${local.id}/notes`, {
      metOn: '2026-12-17',
      notes: 'Idée : un café-réparation mensuel.',
    });
    expect(notes.statusCode).toBe(201);
    expect(
      (await send(subscriber, 'POST', `/api/working-groups/${local.id}/notes`, { metOn: '2026-12-17', notes: 'x' }))
        .statusCode,
    ).toBe(403);
    const detail = (await send(subscriber, 'GET', `/api/working-groups/${local.id}`)).json();
    expect(detail.notes).toEqual([expect.objectContaining({ metOn: '2026-12-17', writtenBy: 'Camille Henry' })]);
  });

  it('lets staff add a named member and shows staff, not members, who belongs', async () => {
    const groups = (await send(shop, 'GET', '/api/working-groups')).json().items;
    const group = groups.find((g: Body) => g.question === 'Comment agir localement ?');
    const other = customerIdOf(3);
    const added = await send(shop, 'POST', `/api/working-groups/${group.id}/members`, { customerId: other });
    expect(added.statusCode).toBe(200);
    expect(added.json()).toMatchObject({ customerId: other, member: true });
    expect(
      (await send(advisor, 'POST', `/api/working-groups/${group.id}/members`, { customerId: other })).statusCode,
    ).toBe(403);
    const person = await t.database.db
      .selectFrom('customers')
      .select(['first_name', 'last_name'])
      .where('id', '=', other)
      .executeTakeFirstOrThrow();
    const detail = (await send(shop, 'GET', `/api/working-groups/${group.id}`)).json();
    expect(detail.members).toContainEqual(
      expect.objectContaining({ customerId: other, name: `${person.first_name} ${person.last_name}` }),
    );
    const reads = await t.database.db
      .selectFrom('customer_access_log')
      .select('route')
      .where('customer_id', '=', other)
      .where('route', '=', 'GET /api/working-groups/:id')
      .execute();
    expect(reads.length).toBeGreaterThan(0);
    const asMember = (await send(subscriber, 'GET', `/api/working-groups/${group.id}`)).json();
    expect(asMember).not.toHaveProperty('members');
    const asAdvisor = (await send(advisor, 'GET', `/api/working-groups/${group.id}`)).json();
    expect(asAdvisor).not.toHaveProperty('members');
  });
});
