import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, type TestApp, createTestApp, login } from '../../test/test-app.js';
import { fixedClock } from '../platform/clock.js';
import { customerIdOf } from '../seed/customers.js';

// Friday 18 December 2026, 10:00 in Paris.
const start = new Date('2026-12-18T09:00:00Z');
const clock = fixedClock(start);
let t: TestApp;
let advisor: LoggedIn;
let supervisor: LoggedIn;
let subscriber: LoggedIn;

type Body = Record<string, unknown>;
const send = (session: LoggedIn, method: 'POST' | 'PATCH' | 'GET', url: string, payload?: Body, headers = {}) =>
  t.app.inject({
    method,
    url,
    payload,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...headers },
  });
const patch = (id: string, payload: Body, session = advisor, headers = {}) =>
  send(session, 'PATCH', `/api/cases/${id}`, payload, headers);
const openLineMove = async () => {
  clock.set(start);
  const response = await send(advisor, 'POST', '/api/cases', {
    customerId: customerIdOf(0),
    type: 'line_move',
    channel: 'phone_in',
    summary: 'Déménagement de ligne',
  });
  return response.json() as { id: string; version: number; currentPromise: { id: string } };
};

beforeAll(async () => {
  t = await createTestApp({ customers: 30, clock, config: { sessionTtlHours: 24 * 400 } });
  [advisor, supervisor, subscriber] = await Promise.all([
    login(t.app, 'advisor@demo.suivi'),
    login(t.app, 'supervisor@demo.suivi'),
    login(t.app, 'subscriber@demo.suivi'),
  ]);
});
afterAll(() => t.close());

describe('changing a case', () => {
  it('refuses a stale version with 409 and writes nothing; accepts If-Match', async () => {
    const opened = await openLineMove();
    const first = await patch(opened.id, { version: opened.version, status: 'in_progress' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'in_progress', version: opened.version + 1 });
    expect(first.headers.etag).toBe(`"${opened.version + 1}"`);
    const stale = await patch(opened.id, { version: opened.version, status: 'waiting_on_customer' });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    const now = (await send(advisor, 'GET', `/api/cases/${opened.id}`)).json();
    expect(now.status).toBe('in_progress');
    expect((await patch(opened.id, { priority: 'high' }, advisor, { 'if-match': '"1"' })).statusCode).toBe(409);
    const viaHeader = await patch(opened.id, { priority: 'high' }, advisor, { 'if-match': first.headers.etag });
    expect(viaHeader.json().priority).toBe('high');
    expect((await patch(opened.id, { priority: 'low' })).statusCode).toBe(428);
  });

  it('supersedes a promise with a new date and a reason the customer sees', async () => {
    const opened = await openLineMove();
    clock.set(new Date('2026-12-28T10:00:00Z'));
    const response = await patch(opened.id, {
      version: opened.version,
      promise: { dueDate: '2027-01-12', reason: 'Intervention du technicien reportée par le gestionnaire du réseau.' },
    });
    expect(response.statusCode).toBe(200);
    const file = response.json();
    expect(file.currentPromise).toMatchObject({
      status: 'open',
      dueDate: '2027-01-12',
      dueAt: '2027-01-12T22:59:59.999Z',
    });
    expect(file.promises.map((promise: { status: string }) => promise.status)).toEqual(['superseded', 'open']);
    expect(file.promiseHistory.map((entry: { event: string }) => entry.event)).toEqual(['made', 'superseded', 'made']);
    expect(file.promiseHistory[1]).toMatchObject({
      reason: 'Intervention du technicien reportée par le gestionnaire du réseau.',
      promise: { id: opened.currentPromise.id, dueDate: '2027-01-05' },
    });
    // The customer sees the same history.
    const seen = (await send(subscriber, 'GET', `/api/cases/${opened.id}`)).json();
    expect(seen.promiseHistory[1].reason).toContain('reportée');
    const past = await patch(opened.id, { version: file.version, promise: { dueDate: '2026-12-27', reason: 'x' } });
    expect(past.json().errors[0].field).toBe('body.promise.dueDate');
    const noReason = await patch(opened.id, { version: file.version, promise: { dueDate: '2027-02-01' } });
    expect(noReason.json().errors[0].field).toBe('body.promise.reason');
  });

  it('keeps the promise when resolved in time, and records it broken when late', async () => {
    const onTime = await openLineMove();
    clock.set(new Date('2027-01-05T21:00:00Z'));
    const kept = (await patch(onTime.id, { version: onTime.version, status: 'resolved' })).json();
    expect(kept.currentPromise.status).toBe('kept');
    expect(kept.promiseHistory.at(-1)).toMatchObject({ event: 'kept' });

    const late = await openLineMove();
    clock.set(new Date('2027-01-05T23:00:00Z'));
    const broken = (await patch(late.id, { version: late.version, status: 'resolved' })).json();
    expect(broken).toMatchObject({ status: 'resolved', currentPromise: { status: 'broken' } });
    const closed = (await patch(late.id, { version: broken.version, status: 'closed' })).json();
    expect(closed.status).toBe('closed');
    const reopen = await patch(late.id, { version: closed.version, status: 'open' });
    expect(reopen.json().errors[0].field).toBe('body.status');
  });

  it('reassigns to a named advisor and keeps the history; refuses anonymous owners', async () => {
    const opened = await openLineMove();
    const changed = await patch(opened.id, {
      version: opened.version,
      ownerId: supervisor.user.id,
      reason: 'Escalade',
    });
    expect(changed.statusCode).toBe(200);
    const file = changed.json();
    expect(file.owner).toMatchObject({ id: supervisor.user.id, displayName: 'Nathalie R. (VIT-0002)' });
    expect(
      file.history.map((entry: { field: string; from: string | null; to: string }) => [
        entry.field,
        entry.from,
        entry.to,
      ]),
    ).toEqual([
      ['owner', null, advisor.user.id],
      ['owner', advisor.user.id, supervisor.user.id],
    ]);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('subject_id', '=', opened.id)
      .executeTakeFirst();
    expect(audit).toMatchObject({ action: 'case.reassigned', actor_user_id: advisor.user.id });
    const planner = await login(t.app, 'planner@demo.suivi');
    const anonymous = await patch(opened.id, { version: file.version, ownerId: planner.user.id });
    expect(anonymous.json().errors[0].field).toBe('body.ownerId');
  });

  it('lists who can take a case over: named, active, allowed to see the customer, owner marked', async () => {
    const opened = await openLineMove();
    const response = await send(advisor, 'GET', `/api/cases/${opened.id}/owner-candidates`);
    expect(response.statusCode).toBe(200);
    const items = response.json().items as Array<{ id: string; displayName: string; isOwner: boolean; site: unknown }>;
    expect(items.find((item) => item.isOwner)?.id).toBe(advisor.user.id);
    expect(items.map((item) => item.id)).toContain(supervisor.user.id);
    for (const item of items) expect(item.displayName).toMatch(/^\S+ [A-Z]\. \([A-Z]+-\d{4}\)$/);
    // Planners have no advisor code; vendor staff of a site that does not serve Claire may not see her.
    const planner = await login(t.app, 'planner@demo.suivi');
    const vendor = await login(t.app, 'vendor.advisor@demo.suivi');
    expect(items.map((item) => item.id)).not.toContain(planner.user.id);
    expect(items.map((item) => item.id)).not.toContain(vendor.user.id);
    // Every candidate is accepted by the reassignment itself.
    let version = opened.version;
    for (const item of items.filter((candidate) => !candidate.isOwner).slice(0, 3)) {
      const moved = await patch(opened.id, { version, ownerId: item.id, reason: 'Répartition de charge' });
      expect(moved.statusCode, item.displayName).toBe(200);
      version = moved.json().version;
    }
    expect((await send(subscriber, 'GET', `/api/cases/${opened.id}/owner-candidates`)).statusCode).toBe(403);
  });

  it('does not let a subscriber change a case', async () => {
    const opened = await openLineMove();
    expect((await patch(opened.id, { version: opened.version, status: 'closed' }, subscriber)).statusCode).toBe(403);
  });
});

describe('at-risk queue', () => {
  const queue = async (session = supervisor) => {
    const response = await send(session, 'GET', '/api/cases/queues/at-risk?limit=200');
    return {
      status: response.statusCode,
      items: (response.json().items ?? []) as Array<{ reason: string; case: { id: string } }>,
    };
  };
  const reasonFor = (items: Array<{ reason: string; case: { id: string } }>, id: string) =>
    items.find((item) => item.case.id === id)?.reason ?? null;

  it('lists a promise once 80 % of its business time is used, then as broken; complaints past their deadline', async () => {
    const opened = await openLineMove();
    const complaint = (
      await send(advisor, 'POST', '/api/cases', {
        customerId: customerIdOf(0),
        type: 'written_complaint',
        channel: 'letter',
        summary: 'Réclamation écrite',
        openedAt: '2026-12-17T09:00:00Z',
      })
    ).json();
    clock.set(new Date('2026-12-28T11:00:00Z'));
    const early = await queue();
    expect(reasonFor(early.items, opened.id)).toBeNull();
    expect(reasonFor(early.items, complaint.id)).toBe('complaint_overdue');
    // Monday 4 January, noon: about 86 % of the business time to Tuesday evening is used.
    clock.set(new Date('2027-01-04T11:00:00Z'));
    expect(reasonFor((await queue()).items, opened.id)).toBe('at_risk');
    clock.set(new Date('2027-01-06T08:00:00Z'));
    const late = await queue();
    expect(reasonFor(late.items, opened.id)).toBe('broken');
    expect(late.items.findIndex((item) => item.case.id === complaint.id)).toBeLessThan(
      late.items.findIndex((item) => item.case.id === opened.id),
    );
    expect((await queue(advisor)).status).toBe(403);
  });
});

describe('waiting on the customer', () => {
  it('pauses the promise with what the customer must do, and moves it by the paused business days', async () => {
    const opened = await openLineMove();
    clock.set(new Date('2026-12-21T09:00:00Z'));
    const noReason = await patch(opened.id, { version: opened.version, status: 'waiting_on_customer' });
    expect(noReason.json().errors[0].field).toBe('body.reason');
    const waiting = (
      await patch(opened.id, {
        version: opened.version,
        status: 'waiting_on_customer',
        reason: 'Merci de nous envoyer votre justificatif de domicile.',
      })
    ).json();
    expect(waiting.waiting).toMatchObject({
      whatWeNeedFromYou: 'Merci de nous envoyer votre justificatif de domicile.',
    });
    expect(waiting.statusLabel.fr).toBe('En attente de votre réponse');
    // The customer answers on Wednesday 23: Monday to Wednesday are added back (5 → 8 January).
    clock.set(new Date('2026-12-23T09:00:00Z'));
    const answer = { channel: 'portal', direction: 'inbound', summary: 'Voici mon justificatif.' };
    expect((await send(subscriber, 'POST', `/api/cases/${opened.id}/interactions`, answer)).statusCode).toBe(201);
    const resumed = (await send(advisor, 'GET', `/api/cases/${opened.id}`)).json();
    expect(resumed).toMatchObject({ status: 'in_progress', waiting: null });
    expect(resumed.currentPromise).toMatchObject({ dueDate: '2027-01-08', startsAt: '2026-12-18T09:00:00.000Z' });
    expect(resumed.promiseHistory.at(-2)).toMatchObject({
      event: 'superseded',
      reason: expect.stringContaining('du 2026-12-21 au 2026-12-23'),
    });
  });
});
