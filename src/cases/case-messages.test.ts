import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, type TestApp, createTestApp, login } from '../../test/test-app.js';
import { escalateBrokenPromises } from '../outbox/broken-promises.js';
import { createMailboxTransport } from '../outbox/local-transports.js';
import { type OutboxDeps, deliverDueMessages } from '../outbox/worker.js';
import { fixedClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import { customerIdOf } from '../seed/customers.js';

// Friday 18 December 2026, 10:00 in Paris: a line move is due Tuesday 5 January 2027.
const clock = fixedClock(new Date('2026-12-18T09:00:00Z'));
const config = { outbox: { ...loadConfig({}).outbox, brokenPromiseExtraBusinessDays: 3 } };
const claire = customerIdOf(0);
let t: TestApp;
let advisor: LoggedIn;
let subscriber: LoggedIn;
let deps: OutboxDeps;

const get = (session: LoggedIn, url: string) =>
  t.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
type Entry = {
  channel: string;
  direction: string;
  summary: string;
  occurredAt: string;
  message?: Record<string, unknown>;
};
const messagesIn = (timeline: Entry[]) => timeline.filter((entry) => entry.message);

beforeAll(async () => {
  t = await createTestApp({ customers: 10, clock, config: { sessionTtlHours: 24 * 400 } });
  [advisor, subscriber] = await Promise.all([
    login(t.app, 'advisor@demo.suivi'),
    login(t.app, 'subscriber@demo.suivi'),
  ]);
  await t.database.db
    .updateTable('customers')
    .set({ email: 'claire.martin@exemple.fr', preferred_channel: 'email', preferred_language: 'fr' })
    .where('id', '=', claire)
    .execute();
  const db = t.database.db;
  deps = { db, clock, config, transports: { email: createMailboxTransport(db, clock, config.outbox.mailFrom) } };
});
afterAll(() => t.close());

describe('messages in the case timeline', () => {
  it('shows the broken-promise message to staff at once, and to the customer once it is sent', async () => {
    const opened = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: advisor.cookie, 'x-csrf-token': advisor.csrf },
      payload: { customerId: claire, type: 'line_move', channel: 'phone_in', summary: 'Déménagement de la ligne' },
    });
    const caseId = opened.json().id as string;
    const reference = opened.json().reference as string;
    expect(messagesIn((await get(advisor, `/api/cases/${caseId}`)).json().timeline)).toEqual([]);

    // Wednesday 6 January 2027, 10:00 in Paris: the promise for the 5th is broken.
    clock.set(new Date('2027-01-06T09:00:00Z'));
    expect(await escalateBrokenPromises(deps)).toBe(1);
    const staffView = (await get(advisor, `/api/cases/${caseId}`)).json();
    expect(messagesIn(staffView.timeline)).toEqual([
      expect.objectContaining({
        channel: 'email',
        direction: 'outbound',
        summary: expect.stringContaining(reference),
        occurredAt: '2027-01-06T09:00:00.000Z',
        handledBy: null,
        message: expect.objectContaining({ kind: 'promise_broken', status: 'pending', sentAt: null }),
      }),
    ]);
    // Oldest first: the opening call, then the message.
    expect(staffView.timeline.map((entry: Entry) => entry.channel)).toEqual(['phone_in', 'email']);
    // The customer sees what reached them, not what is still queued.
    expect(messagesIn((await get(subscriber, `/api/cases/${caseId}`)).json().timeline)).toEqual([]);

    clock.advance(60_000);
    expect(await deliverDueMessages(deps)).toMatchObject({ sent: 1 });
    const customerView = (await get(subscriber, `/api/cases/${caseId}`)).json();
    expect(messagesIn(customerView.timeline)).toEqual([
      expect.objectContaining({
        occurredAt: '2027-01-06T09:01:00.000Z',
        message: expect.objectContaining({
          kind: 'promise_broken',
          status: 'sent',
          sentAt: '2027-01-06T09:01:00.000Z',
        }),
      }),
    ]);
  });
});
