import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, type TestApp, createTestApp, login } from '../../test/test-app.js';
import { fixedClock } from '../platform/clock.js';
import { customerIdOf } from '../seed/customers.js';

// Friday 18 December 2026, 10:00 in Paris.
const start = new Date('2026-12-18T09:00:00Z');
const clock = fixedClock(start);
let t: TestApp;
let advisor: LoggedIn;
let vendorAdvisor: LoggedIn;
let subscriber: LoggedIn;

type Body = Record<string, unknown>;
type CaseJson = {
  id: string;
  reference: string;
  version: number;
  status: string;
  currentPromise: { id: string; dueDate: string; startsAt: string; status: string };
  promises: Array<{ id: string; status: string; dueDate: string }>;
  promiseHistory: Array<{ event: string; reason: string; promise: { id: string } }>;
  timeline: Array<{ caseId: string; summary: string; occurredAt: string }>;
  history: Array<{ field: string; from: string | null; to: string | null; reason: string | null }>;
  mergedInto: { id: string; reference: string } | null;
  mergedFrom: Array<{ id: string; reference: string }>;
};
const send = (session: LoggedIn, method: 'POST' | 'PATCH' | 'GET', url: string, payload?: Body) =>
  t.app.inject({ method, url, payload, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } });
const getCase = async (id: string, session = advisor) =>
  (await send(session, 'GET', `/api/cases/${id}`)).json() as CaseJson;
const open = async (payload: Body, session = advisor) => {
  const response = await send(session, 'POST', '/api/cases', { customerId: customerIdOf(0), ...payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as CaseJson;
};
const merge = (absorbed: CaseJson, into: CaseJson, session = advisor, extra: Body = {}) =>
  send(session, 'POST', `/api/cases/${absorbed.id}/merge`, {
    intoCaseId: into.id,
    reason: 'Même déménagement, signalé par téléphone et par courrier',
    version: absorbed.version,
    intoVersion: into.version,
    ...extra,
  });
const mergeMessages = (absorbedId: string) =>
  t.database.db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('dedupe_key', '=', `case-merged:${absorbedId}`)
    .execute();

beforeAll(async () => {
  t = await createTestApp({ customers: 30, clock, config: { sessionTtlHours: 24 * 400 } });
  [advisor, vendorAdvisor, subscriber] = await Promise.all([
    login(t.app, 'advisor@demo.suivi'),
    login(t.app, 'vendor.advisor@demo.suivi'),
    login(t.app, 'subscriber@demo.suivi'),
  ]);
});
afterAll(() => t.close());

describe('merging two cases', () => {
  it('keeps the earliest promise, shows one timeline oldest first, and tells the customer once even when retried', async () => {
    clock.set(start);
    // The letter is dated two days before the call: its promise falls due first.
    const letter = await open({
      type: 'line_move',
      channel: 'letter',
      summary: 'Courrier : déménagement',
      openedAt: '2026-12-16T09:00:00Z',
    });
    const phone = await open({ type: 'line_move', channel: 'phone_in', summary: 'Appel : déménagement' });
    expect(letter.currentPromise.dueDate < phone.currentPromise.dueDate).toBe(true);
    clock.set(new Date('2026-12-18T10:00:00Z'));
    await send(advisor, 'POST', `/api/cases/${phone.id}/interactions`, {
      channel: 'phone_in',
      direction: 'inbound',
      summary: 'Le client rappelle',
    });
    const phoneNow = await getCase(phone.id);

    clock.set(new Date('2026-12-18T11:00:00Z'));
    const response = await merge(letter, phoneNow);
    expect(response.statusCode, response.body).toBe(200);
    const surviving = response.json() as CaseJson;
    expect(surviving.id).toBe(phone.id);
    // The letter's earlier date is kept on the surviving case, with its original start.
    expect(surviving.currentPromise).toMatchObject({
      status: 'open',
      dueDate: letter.currentPromise.dueDate,
      startsAt: '2026-12-16T09:00:00.000Z',
    });
    const phonePromise = surviving.promises.find((promise) => promise.id === phone.currentPromise.id);
    expect(phonePromise?.status).toBe('superseded');
    expect(surviving.promises.filter((promise) => promise.status === 'open')).toHaveLength(1);
    const superseded = surviving.promiseHistory.find(
      (entry) => entry.promise.id === phone.currentPromise.id && entry.event === 'superseded',
    );
    expect(superseded?.reason).toMatch(/^Dossiers fusionnés/);
    // One timeline, both cases' contacts, oldest first, each saying where it was recorded.
    // (Messages the outbox wrote, like the merge notice itself, follow the contacts in the same timeline.)
    expect(surviving.timeline.slice(0, 3).map((entry) => [entry.summary, entry.caseId])).toEqual([
      ['Courrier : déménagement', letter.id],
      ['Appel : déménagement', phone.id],
      ['Le client rappelle', phone.id],
    ]);
    expect(surviving.mergedFrom).toEqual([{ id: letter.id, reference: letter.reference }]);
    expect(surviving.history.at(-1)).toMatchObject({ field: 'merge', from: letter.reference, to: phone.reference });

    // The absorbed case points to the survivor and keeps its own history.
    const absorbed = await getCase(letter.id);
    expect(absorbed).toMatchObject({ status: 'merged', mergedInto: { id: phone.id, reference: phone.reference } });
    expect(absorbed.promises[0]).toMatchObject({ status: 'superseded' });
    expect(absorbed.history.map((entry) => [entry.field, entry.to])).toContainEqual(['status', 'merged']);
    expect((await getCase(letter.id, subscriber)).mergedInto?.reference).toBe(phone.reference);

    // The same request retried: same answer, nothing new written, one message.
    const retried = await merge(letter, phoneNow);
    expect(retried.statusCode).toBe(200);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect((retried.json() as CaseJson).currentPromise.id).toBe(surviving.currentPromise.id);
    expect((retried.json() as CaseJson).version).toBe(surviving.version);
    const messages = await mergeMessages(letter.id);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      kind: 'case_merged',
      case_id: phone.id,
      customer_id: customerIdOf(0),
      status: 'pending',
    });
    expect(messages[0]?.subject).toContain(phone.reference);
    expect(messages[0]?.body).toContain('Nous conservons la date la plus proche');

    const audit = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('subject_id', 'in', [letter.id, phone.id])
      .execute();
    expect(audit.map((event) => event.action).sort()).toEqual(['case.absorbed_duplicate', 'case.merged']);

    // No more contacts on the absorbed case: they go to the surviving one.
    const late = await send(advisor, 'POST', `/api/cases/${letter.id}/interactions`, {
      channel: 'phone_in',
      direction: 'inbound',
      summary: 'x',
    });
    expect(late.statusCode).toBe(409);
    const other = await open({ type: 'general_request', channel: 'email', summary: 'Autre sujet' });
    expect((await merge(letter, other)).statusCode).toBe(409);
  });

  it('keeps the surviving case’s promise when it is the earlier one', async () => {
    clock.set(start);
    const early = await open({
      type: 'line_move',
      channel: 'letter',
      summary: 'Courrier',
      openedAt: '2026-12-15T09:00:00Z',
    });
    const late = await open({ type: 'line_move', channel: 'phone_in', summary: 'Appel' });
    const surviving = (await merge(late, early)).json() as CaseJson;
    expect(surviving.currentPromise.id).toBe(early.currentPromise.id);
    const row = await t.database.db
      .selectFrom('case_promises')
      .selectAll()
      .where('id', '=', late.currentPromise.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'superseded', superseded_by: early.currentPromise.id });
  });

  it('refuses a stale version of either case with 409 and writes nothing', async () => {
    clock.set(start);
    const a = await open({ type: 'fault_repair', channel: 'phone_in', summary: 'Panne' });
    const b = await open({ type: 'fault_repair', channel: 'email', summary: 'Panne, par e-mail' });
    const changed = await send(advisor, 'PATCH', `/api/cases/${b.id}`, { version: b.version, priority: 'high' });
    expect(changed.statusCode).toBe(200);
    const staleInto = await merge(a, b);
    expect(staleInto.statusCode).toBe(409);
    expect(staleInto.headers['content-type']).toContain('application/problem+json');
    const staleAbsorbed = await merge({ ...a, version: a.version + 5 }, changed.json());
    expect(staleAbsorbed.statusCode).toBe(409);
    expect((await getCase(a.id)).status).toBe('open');
    expect(await mergeMessages(a.id)).toHaveLength(0);
  });

  it('answers 400 for another customer’s case or itself, 404 for an unknown case, 403 for a subscriber', async () => {
    clock.set(start);
    const mine = await open({ type: 'general_request', channel: 'email', summary: 'Question' });
    const theirs = await open({
      type: 'general_request',
      channel: 'email',
      summary: 'Question',
      customerId: customerIdOf(1),
    });
    const other = await merge(mine, theirs);
    expect(other.statusCode).toBe(400);
    expect(other.json().errors[0].field).toBe('body.intoCaseId');
    expect((await merge(mine, mine)).json().errors[0].field).toBe('body.intoCaseId');
    const unknown = { ...mine, id: '00000000-0000-4000-8000-000000000000' };
    expect((await merge(unknown, theirs)).statusCode).toBe(404);
    expect((await merge(mine, unknown)).json().errors[0].field).toBe('body.intoCaseId');
    const sibling = await open({ type: 'general_request', channel: 'phone_in', summary: 'Même question' });
    expect((await merge(mine, sibling, subscriber)).statusCode).toBe(403);
    const missing = await send(advisor, 'POST', `/api/cases/${mine.id}/merge`, {
      intoCaseId: sibling.id,
      version: 1,
      intoVersion: 1,
    });
    expect(missing.json().errors[0].field).toBe('body.reason');
  });

  it('limits a vendor advisor to the customers their site serves, and writes in English to an English speaker', async () => {
    clock.set(start);
    const casablanca = vendorAdvisor.user.site?.id ?? '';
    const customer = await t.database.db
      .selectFrom('customers')
      .select('id')
      .where('serving_site_id', '=', casablanca)
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('customers')
      .set({ preferred_language: 'en' })
      .where('id', '=', customer.id)
      .execute();
    const a = await open(
      { customerId: customer.id, type: 'billing_dispute', channel: 'phone_in', summary: 'Facture' },
      vendorAdvisor,
    );
    const b = await open(
      { customerId: customer.id, type: 'billing_dispute', channel: 'letter', summary: 'Facture (courrier)' },
      vendorAdvisor,
    );
    const inHouseA = await open({ type: 'general_request', channel: 'email', summary: 'Question' });
    const inHouseB = await open({ type: 'general_request', channel: 'phone_in', summary: 'Question' });
    expect((await merge(inHouseA, inHouseB, vendorAdvisor)).statusCode).toBe(404);
    expect((await merge(a, inHouseB, vendorAdvisor)).json().errors[0].field).toBe('body.intoCaseId');
    const merged = await merge(b, a, vendorAdvisor);
    expect(merged.statusCode, merged.body).toBe(200);
    const [message] = await mergeMessages(b.id);
    expect(message?.subject).toBe(`Your cases ${b.reference} and ${a.reference} are now one case: ${a.reference}`);
  });
});
