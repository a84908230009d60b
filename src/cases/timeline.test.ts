import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, type TestApp, createTestApp, login } from '../../test/test-app.js';
import { fixedClock } from '../platform/clock.js';
import { customerIdOf } from '../seed/customers.js';

const start = new Date('2026-12-14T09:00:00Z');
const clock = fixedClock(start);
let t: TestApp;
let advisor: LoggedIn;
let subscriber: LoggedIn;

type Body = Record<string, unknown>;
const send = (session: LoggedIn, method: 'POST' | 'GET', url: string, payload?: Body, headers = {}) =>
  t.app.inject({
    method,
    url,
    payload,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...headers },
  });
const addContact = (caseId: string, payload: Body, session = advisor, headers = {}) =>
  send(session, 'POST', `/api/cases/${caseId}/interactions`, payload, headers);
const call = (summary: string): Body => ({ channel: 'phone_in', direction: 'inbound', summary });
const getCase = async (id: string) => (await send(advisor, 'GET', `/api/cases/${id}`)).json();
const openCase = async () => {
  clock.set(start);
  const response = await send(advisor, 'POST', '/api/cases', {
    customerId: customerIdOf(0),
    type: 'line_move',
    channel: 'phone_in',
    summary: 'Déménagement de ligne',
  });
  return response.json() as { id: string; version: number };
};

beforeAll(async () => {
  t = await createTestApp({ customers: 30, clock, config: { sessionTtlHours: 24 * 400 } });
  [advisor, subscriber] = await Promise.all([
    login(t.app, 'advisor@demo.suivi'),
    login(t.app, 'subscriber@demo.suivi'),
  ]);
});
afterAll(() => t.close());

describe('timeline', () => {
  it('stores an interaction sent twice with the same Idempotency-Key once, and replays the first result', async () => {
    const opened = await openCase();
    const key = { 'idempotency-key': 'call-2026-12-14-0001' };
    const first = await addContact(
      opened.id,
      { ...call('Le client rappelle'), occurredAt: '2026-12-14T08:30:00Z' },
      advisor,
      key,
    );
    expect(first.statusCode).toBe(201);
    const again = await addContact(
      opened.id,
      { ...call('Le client rappelle'), occurredAt: '2026-12-14T08:30:00Z' },
      advisor,
      key,
    );
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const file = await getCase(opened.id);
    expect(file.timeline.map((entry: { summary: string }) => entry.summary)).toEqual([
      'Le client rappelle',
      'Déménagement de ligne',
    ]);
    const reused = await addContact(opened.id, call('Autre chose'), advisor, key);
    expect(reused.statusCode).toBe(422);
  });

  it('lists the timeline oldest first and rejects bad contacts naming the field', async () => {
    const opened = await openCase();
    clock.set(new Date('2026-12-15T10:00:00Z'));
    await addContact(opened.id, { channel: 'email', direction: 'outbound', summary: 'Confirmation du rendez-vous' });
    const file = await getCase(opened.id);
    expect(file.timeline.map((entry: { channel: string }) => entry.channel)).toEqual(['phone_in', 'email']);
    expect(file.timeline[1]).toMatchObject({ handledBy: { displayName: 'Stéphane B. (VIT-0001)' } });
    const bad: Array<[Body, string]> = [
      [{ ...call('x'), occurredAt: '2026-12-15T10:00:01Z' }, 'body.occurredAt'],
      [{ ...call('x'), direction: 'outbound' }, 'body.direction'],
      [{ ...call('x'), channel: 'fax' }, 'body.channel'],
      [call('x'.repeat(4001)), 'body.summary'],
    ];
    for (const [payload, field] of bad) {
      const response = await addContact(opened.id, payload);
      expect(response.statusCode, field).toBe(400);
      expect(response.json().errors[0].field).toBe(field);
    }
  });

  it('lets a subscriber write a portal message on their own case only', async () => {
    const opened = await openCase();
    const message = { channel: 'portal', direction: 'inbound', summary: 'Où en est mon déménagement ?' };
    const response = await addContact(opened.id, message, subscriber);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ channel: 'portal', handledBy: null });
    expect((await addContact(opened.id, call('x'), subscriber)).json().errors[0].field).toBe('body.channel');
  });
});

describe('repeat contact', () => {
  it('flags the 2nd inbound contact within 7 days and routes the 3rd to the owner', async () => {
    const opened = await openCase();
    clock.set(new Date('2026-12-15T09:00:00Z'));
    await addContact(opened.id, { channel: 'phone_out', direction: 'outbound', summary: 'Rappel du client' });
    expect((await getCase(opened.id)).flags).toEqual([]);
    await addContact(opened.id, call('Deuxième appel'));
    const flagged = await getCase(opened.id);
    expect(flagged.flags).toEqual(['repeat_contact']);
    expect(flagged.routing).toBeNull();
    clock.set(new Date('2026-12-16T09:00:00Z'));
    await addContact(opened.id, { channel: 'email', direction: 'inbound', summary: 'Troisième contact' });
    const routed = await getCase(opened.id);
    expect(routed.flags).toEqual(['repeat_contact']);
    expect(routed.routing).toMatchObject({
      to: { id: advisor.user.id },
      reason: expect.stringContaining('3 contacts'),
    });
    expect(routed.history.at(-1)).toMatchObject({ field: 'routing', to: advisor.user.id });
  });

  it('does not count contacts more than 7 days apart', async () => {
    const opened = await openCase();
    clock.set(new Date('2026-12-22T09:00:01Z'));
    await addContact(opened.id, call('Rappel une semaine plus tard'));
    expect((await getCase(opened.id)).flags).toEqual([]);
  });

  it('routes to a senior advisor of the site when the owner is absent', async () => {
    const opened = await openCase();
    const owner = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('advisor_code', '=', 'VIT-0003')
      .executeTakeFirstOrThrow();
    clock.set(start);
    const reassign = await t.app.inject({
      method: 'PATCH',
      url: `/api/cases/${opened.id}`,
      payload: { version: opened.version, ownerId: owner.id },
      headers: { cookie: advisor.cookie, 'x-csrf-token': advisor.csrf },
    });
    expect(reassign.statusCode).toBe(200);
    await t.database.db.updateTable('users').set({ disabled_at: start }).where('id', '=', owner.id).execute();
    clock.set(new Date('2026-12-15T09:00:00Z'));
    await addContact(opened.id, call('Deuxième appel'));
    await addContact(opened.id, call('Troisième appel'));
    const routed = await getCase(opened.id);
    const senior = await t.database.db
      .selectFrom('users')
      .select(['role', 'site_id'])
      .where('id', '=', routed.routing.to.id)
      .executeTakeFirstOrThrow();
    expect(senior).toEqual({ role: 'senior_advisor', site_id: advisor.user.site?.id });
    expect(routed.routing.to.id).not.toBe(owner.id);
    expect(routed.routing.reason).toContain('conseiller senior');
  });
});
