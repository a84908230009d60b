import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../../test/test-database.js';
import { fixedClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import type { DatabaseHandle } from '../platform/db/database.js';
import { customerIdOf } from '../seed/customers.js';
import { seedDemo } from '../seed/seed.js';
import { enqueueMessage } from './enqueue.js';
import { createMailboxTransport } from './local-transports.js';
import { createPrintSpoolTransport } from './print-spool.js';
import { findOutboxMessage, listLocalDeliveries } from './queries.js';
import { type OutgoingMessage, PermanentDeliveryError, type Transport, messageIdFor } from './transports.js';
import { type OutboxDeps, claimBatch, deliverDueMessages, startOutboxWorker } from './worker.js';

const clock = fixedClock(new Date('2027-01-06T09:00:00Z'));
const config = { outbox: { ...loadConfig({}).outbox, leaseMs: 120_000, retryBaseMs: 30_000, maxAttempts: 4 } };
const customerId = customerIdOf(1);
let database: DatabaseHandle;
let counter = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, { customers: 3 });
});
afterAll(() => database.close());

/** A transport that records every send and fails the first `failures` of them. */
function recordingTransport(failures = 0, inner?: Transport) {
  const sends: OutgoingMessage[] = [];
  const transport: Transport = {
    name: 'recording',
    async send(message) {
      sends.push(message);
      if (sends.length <= failures) throw new Error(`peer unavailable (${sends.length})`);
      return inner ? inner.send(message) : { providerMessageId: message.messageId };
    },
  };
  return { transport, sends };
}

const deps = (transport: Transport): OutboxDeps => ({
  db: database.db,
  clock,
  config,
  transports: { email: transport },
});

async function enqueue(overrides: { dedupeKey?: string; channel?: 'email' | 'sms' | 'letter' } = {}) {
  counter++;
  return enqueueMessage(database.db, {
    customerId,
    channel: overrides.channel ?? 'email',
    recipient: 'client@exemple.fr',
    subject: `Message ${counter}`,
    body: 'Bonjour',
    kind: 'test',
    dedupeKey: overrides.dedupeKey ?? `test:${counter}`,
    at: clock.now(),
  });
}

/** Sends whatever is due now, so each test starts from an empty queue. */
async function drain() {
  await deliverDueMessages(deps(recordingTransport().transport));
}

describe('enqueueMessage', () => {
  it('writes a message once per dedupe key', async () => {
    const first = await enqueue({ dedupeKey: 'promise-broken:same' });
    const second = await enqueue({ dedupeKey: 'promise-broken:same' });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    const rows = await database.db
      .selectFrom('outbox_messages')
      .select('id')
      .where('dedupe_key', '=', 'promise-broken:same')
      .execute();
    expect(rows).toHaveLength(1);
    await drain();
  });

  it('is rolled back with the transaction that wrote it', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueueMessage(trx, {
          customerId,
          channel: 'sms',
          recipient: '+33600000000',
          subject: 's',
          body: 'b',
          kind: 'test',
          dedupeKey: 'rolled-back',
          at: clock.now(),
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const row = await database.db
      .selectFrom('outbox_messages')
      .select('id')
      .where('dedupe_key', '=', 'rolled-back')
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });
});

describe('the worker', () => {
  it('retries with exponential backoff and sends once: failing twice then succeeding gives attempts = 3', async () => {
    const id = (await enqueue()) as string;
    const { transport, sends } = recordingTransport(2);
    expect(await deliverDueMessages(deps(transport))).toMatchObject({ claimed: 1, retry: 1 });
    expect(await findOutboxMessage(database.db, id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: 'peer unavailable (1)',
    });
    // Not due again before the backoff (30 s), then due.
    clock.advance(29_000);
    expect((await deliverDueMessages(deps(transport))).claimed).toBe(0);
    clock.advance(1_000);
    expect(await deliverDueMessages(deps(transport))).toMatchObject({ claimed: 1, retry: 1 });
    const second = await findOutboxMessage(database.db, id);
    expect(second?.next_attempt_at.getTime()).toBe(clock.now().getTime() + 60_000);
    clock.advance(60_000);
    expect(await deliverDueMessages(deps(transport))).toMatchObject({ claimed: 1, sent: 1 });
    clock.advance(3_600_000);
    expect((await deliverDueMessages(deps(transport))).claimed).toBe(0);
    expect(sends).toHaveLength(3);
    expect(await findOutboxMessage(database.db, id)).toMatchObject({
      status: 'sent',
      attempts: 3,
      last_error: null,
      sent_at: expect.any(Date),
    });
  });

  it('gives up after the last attempt, and at once on a permanent refusal', async () => {
    const flaky = (await enqueue()) as string;
    const { transport } = recordingTransport(100);
    for (let attempt = 0; attempt < 4; attempt++) {
      await deliverDueMessages(deps(transport));
      clock.advance(3_600_000);
    }
    expect(await findOutboxMessage(database.db, flaky)).toMatchObject({ status: 'failed', attempts: 4 });
    const refused = (await enqueue()) as string;
    const refusing: Transport = {
      name: 'refusing',
      send: async () => {
        throw new PermanentDeliveryError('550 no such mailbox');
      },
    };
    await deliverDueMessages(deps(refusing));
    expect(await findOutboxMessage(database.db, refused)).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: '550 no such mailbox',
    });
  });

  it('re-sends a message whose worker died after the send, once, with the same Message-ID', async () => {
    const id = (await enqueue()) as string;
    const mailbox = createMailboxTransport(database.db, clock, config.outbox.mailFrom);
    const { transport, sends } = recordingTransport(0, mailbox);
    // The crash: a worker claims the message, the peer accepts it, and the worker dies before "sent".
    const [claimed] = await claimBatch(deps(transport));
    expect(claimed?.id).toBe(id);
    await transport.send({
      outboxId: id,
      customerId,
      channel: 'email',
      recipient: claimed!.recipient,
      subject: claimed!.subject,
      body: claimed!.body,
      messageId: messageIdFor(id, config.outbox.mailFrom),
    });
    // While the lease runs, nobody else takes it.
    clock.advance(config.outbox.leaseMs - 1);
    expect((await deliverDueMessages(deps(transport))).claimed).toBe(0);
    clock.advance(1);
    expect(await deliverDueMessages(deps(transport))).toMatchObject({ claimed: 1, sent: 1 });
    clock.advance(config.outbox.leaseMs * 10);
    expect((await deliverDueMessages(deps(transport))).claimed).toBe(0);
    expect(sends.map((send) => send.messageId)).toEqual([
      messageIdFor(id, config.outbox.mailFrom),
      messageIdFor(id, config.outbox.mailFrom),
    ]);
    expect(await findOutboxMessage(database.db, id)).toMatchObject({
      status: 'sent',
      attempts: 2,
      provider_message_id: sends[0]?.messageId,
    });
    // The peer deduplicates on Message-ID: the customer's mailbox holds one copy.
    expect(await listLocalDeliveries(database.db, id)).toHaveLength(1);
  });

  it('leaves letters waiting when no transport prints them', async () => {
    const letter = (await enqueue({ channel: 'letter' })) as string;
    await deliverDueMessages(deps(recordingTransport().transport));
    expect(await findOutboxMessage(database.db, letter)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('prints a letter once into the spool, with its address sheet, even when sent again after a crash', async () => {
    const spool = await mkdtemp(join(tmpdir(), 'suivi-spool-'));
    try {
      const letter = (await enqueue({ channel: 'letter' })) as string;
      const printer = createPrintSpoolTransport(database.db, spool);
      const spoolDeps = { ...deps(recordingTransport().transport), transports: { letter: printer } };
      await deliverDueMessages(spoolDeps);
      expect(await findOutboxMessage(database.db, letter)).toMatchObject({ status: 'sent', attempts: 1 });
      // A worker that died after writing but before recording it sends the same letter again.
      const [message] = await database.db.selectFrom('outbox_messages').selectAll().where('id', '=', letter).execute();
      await printer.send({
        outboxId: letter,
        customerId,
        channel: 'letter',
        recipient: message?.recipient ?? '',
        subject: message?.subject ?? '',
        body: message?.body ?? '',
        messageId: messageIdFor(letter, 'x@suivi.test'),
      });
      const files = await readdir(spool);
      expect(files.filter((name) => name.startsWith(letter)).sort()).toEqual([
        `${letter}.address.txt`,
        `${letter}.txt`,
      ]);
      expect(files.filter((name) => name.endsWith('.partial'))).toEqual([]);
      expect(await readFile(join(spool, `${letter}.txt`), 'utf8')).toContain('Bonjour');
      expect(await readFile(join(spool, `${letter}.address.txt`), 'utf8')).toBe('client@exemple.fr\n');
    } finally {
      await rm(spool, { recursive: true, force: true });
    }
  });

  it('runs in the background until stopped', async () => {
    const id = (await enqueue()) as string;
    const { transport, sends } = recordingTransport();
    const worker = startOutboxWorker({ ...deps(transport), config: { outbox: { ...config.outbox, pollMs: 10 } } });
    await vi.waitFor(async () => expect((await findOutboxMessage(database.db, id))?.status).toBe('sent'), {
      timeout: 5_000,
    });
    await worker.stop();
    expect(sends.filter((send) => send.outboxId === id)).toHaveLength(1);
  });
});
