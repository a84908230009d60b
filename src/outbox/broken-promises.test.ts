import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, type TestApp, createTestApp, login } from '../../test/test-app.js';
import { fixedClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import { customerIdOf } from '../seed/customers.js';
import { escalateBrokenPromises } from './broken-promises.js';
import { createSmsLogTransport } from './local-transports.js';
import { createSmtpTransport } from './smtp-transport.js';
import { type SmtpSink, startSmtpSink } from './test-smtp-sink.js';
import { messageIdFor } from './transports.js';
import { type OutboxDeps, deliverDueMessages } from './worker.js';

// Friday 18 December 2026, 10:00 in Paris: a line move is due Tuesday 5 January 2027.
const clock = fixedClock(new Date('2026-12-18T09:00:00Z'));
const config = { outbox: { ...loadConfig({}).outbox, brokenPromiseExtraBusinessDays: 3 } };
const claire = customerIdOf(0);
let t: TestApp;
let advisor: LoggedIn;
let subscriber: LoggedIn;
let sink: SmtpSink;
let smtp: ReturnType<typeof createSmtpTransport>;
let deps: OutboxDeps;
let englishCustomer = '';

const get = (session: LoggedIn, url: string) =>
  t.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
const openLineMove = async (customerId: string) => {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie: advisor.cookie, 'x-csrf-token': advisor.csrf },
    payload: { customerId, type: 'line_move', channel: 'phone_in', summary: 'Déménagement de la ligne fixe' },
  });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; reference: string };
};
const messagesOf = (customerId: string) =>
  t.database.db.selectFrom('outbox_messages').selectAll().where('customer_id', '=', customerId).execute();

beforeAll(async () => {
  [t, sink] = await Promise.all([
    createTestApp({ customers: 30, clock, config: { sessionTtlHours: 24 * 400 } }),
    startSmtpSink(),
  ]);
  [advisor, subscriber] = await Promise.all([
    login(t.app, 'advisor@demo.suivi'),
    login(t.app, 'subscriber@demo.suivi'),
  ]);
  const db = t.database.db;
  await db
    .updateTable('customers')
    .set({ email: 'claire.martin@exemple.fr', preferred_channel: 'email', preferred_language: 'fr' })
    .where('id', '=', claire)
    .execute();
  englishCustomer = customerIdOf(1);
  await db
    .updateTable('customers')
    .set({ email: null, phone: '+33612345678', preferred_channel: 'email', preferred_language: 'en' })
    .where('id', '=', englishCustomer)
    .execute();
  smtp = createSmtpTransport({ url: sink.url, from: config.outbox.mailFrom });
  const sms = createSmsLogTransport(db, clock, () => undefined);
  deps = { db, clock, config, transports: { email: smtp, sms } };
});
afterAll(async () => {
  smtp?.close();
  await Promise.all([t?.close(), sink?.close()]);
});

describe('a broken promise', () => {
  let opened: { id: string; reference: string };

  it('is escalated with a new date, and the customer is e-mailed the date and the reason', async () => {
    opened = await openLineMove(claire);
    clock.set(new Date('2027-01-05T20:00:00Z'));
    expect(await escalateBrokenPromises(deps)).toBe(0);
    // Wednesday 6 January 2027, 10:00 in Paris: the promise for the 5th is broken.
    clock.set(new Date('2027-01-06T09:00:00Z'));
    expect(await escalateBrokenPromises(deps)).toBe(1);

    const file = (await get(advisor, `/api/cases/${opened.id}`)).json();
    expect(file.flags).toContain('escalated');
    // Three business days after Wednesday 6: Monday 11 January.
    expect(file.currentPromise).toMatchObject({ status: 'open', dueDate: '2027-01-11', risk: 'on_track' });
    expect(file.promiseHistory.map((entry: { event: string }) => entry.event)).toEqual(['made', 'broken', 'made']);

    expect(await deliverDueMessages(deps)).toMatchObject({ claimed: 1, sent: 1 });
    expect(sink.received).toHaveLength(1);
    const [mail] = sink.received;
    const [message] = await messagesOf(claire);
    expect(mail?.envelopeTo).toEqual(['claire.martin@exemple.fr']);
    expect(mail?.headers.to).toContain('claire.martin@exemple.fr');
    expect(mail?.subject).toContain(opened.reference);
    expect(mail?.messageId).toBe(messageIdFor(message?.id ?? '', config.outbox.mailFrom));
    expect(mail?.text).toContain('Nouvelle date : lundi 11 janvier 2027.');
    expect(mail?.text).toContain('mardi 5 janvier 2027');
    expect(mail?.text).toContain('transmis à un responsable');
    expect(mail?.text).toMatch(/^Mme Martin,/);
    expect(message).toMatchObject({
      status: 'sent',
      attempts: 1,
      channel: 'email',
      kind: 'promise_broken',
      case_id: opened.id,
    });
    const broken = await t.database.db
      .selectFrom('case_promises')
      .select(['id', 'superseded_by'])
      .where('case_id', '=', opened.id)
      .where('status', '=', 'broken')
      .executeTakeFirstOrThrow();
    expect(broken.superseded_by).toEqual(expect.any(String));
    expect(message?.dedupe_key).toBe(`promise-broken:${broken.id}`);
  });

  it('is escalated once: running the scan again writes and sends nothing new', async () => {
    expect(await escalateBrokenPromises(deps)).toBe(0);
    clock.advance(3_600_000);
    expect(await escalateBrokenPromises(deps)).toBe(0);
    expect(await deliverDueMessages(deps)).toMatchObject({ claimed: 0 });
    expect(await messagesOf(claire)).toHaveLength(1);
    expect(sink.received).toHaveLength(1);
  });

  it('writes in English by SMS to a customer who prefers English and has no e-mail address', async () => {
    clock.set(new Date('2026-12-18T09:00:00Z'));
    const englishCase = await openLineMove(englishCustomer);
    clock.set(new Date('2027-01-06T09:00:00Z'));
    expect(await escalateBrokenPromises(deps)).toBe(1);
    await deliverDueMessages(deps);
    const [message] = await messagesOf(englishCustomer);
    expect(message).toMatchObject({ channel: 'sms', recipient: '+33612345678', status: 'sent' });
    expect(message?.body).toContain(englishCase.reference);
    expect(message?.body).toContain('New date: Monday, 11 January 2027');
    expect(message?.body).toContain('passed to a supervisor');
  });

  it('leaves alone the paused promises of a case waiting on the customer', async () => {
    clock.set(new Date('2026-12-18T09:00:00Z'));
    const waiting = await openLineMove(claire);
    const paused = await t.app.inject({
      method: 'PATCH',
      url: `/api/cases/${waiting.id}`,
      headers: { cookie: advisor.cookie, 'x-csrf-token': advisor.csrf },
      payload: { version: 1, status: 'waiting_on_customer', reason: 'Envoyez-nous votre nouvelle adresse.' },
    });
    expect(paused.statusCode).toBe(200);
    clock.set(new Date('2027-01-07T09:00:00Z'));
    expect(await escalateBrokenPromises(deps)).toBe(0);
  });
});

describe('GET /api/outbox/messages', () => {
  it('shows staff every message of a customer, with delivery details, and logs the read', async () => {
    const response = await get(advisor, `/api/outbox/messages?customerId=${claire}`);
    expect(response.statusCode).toBe(200);
    const { items, nextCursor } = response.json();
    expect(nextCursor).toBeNull();
    expect(items).toEqual([
      expect.objectContaining({
        channel: 'email',
        status: 'sent',
        attempts: 1,
        subject: expect.stringContaining('DOS-'),
      }),
    ]);
    const reads = await t.database.db
      .selectFrom('customer_access_log')
      .select('route')
      .where('customer_id', '=', claire)
      .execute();
    expect(reads.map((read) => read.route)).toContain('GET /api/outbox/messages');
  });

  it('shows a subscriber the messages sent to them, and nobody else’s', async () => {
    const own = await get(subscriber, `/api/outbox/messages?customerId=${claire}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().items).toEqual([expect.not.objectContaining({ attempts: expect.anything() })]);
    expect(own.json().items[0].body).toContain('Nouvelle date');
    expect((await get(subscriber, `/api/outbox/messages?customerId=${englishCustomer}`)).statusCode).toBe(404);
    const bad = await get(advisor, '/api/outbox/messages?customerId=nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('query.customerId');
  });
});
