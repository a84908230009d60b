/**
 * The outbox worker: claims due messages, sends each through its channel's transport, records
 * the outcome. Runs in the app process by default (OUTBOX_WORKER=false to run it elsewhere);
 * any number of workers may run side by side (claims use FOR UPDATE SKIP LOCKED).
 *
 * Delivery guarantee, honestly: each message is enqueued once (dedupe key) and sent until a peer
 * accepts it. A claim is a lease; the outcome is written right after the send. If a worker dies
 * (or its lease runs out) after the peer accepted the message but before "sent" is committed,
 * the message is claimed again when the lease ends and sent a second time: at-least-once, with a
 * window as wide as one send plus one UPDATE. Every attempt carries the same Message-ID (derived
 * from the outbox id), so a peer that deduplicates on it (the in-app mailbox does, as do many
 * mail stores) keeps one copy: exactly-once in effect. Outside that window a message is never
 * sent twice: a sent message is never claimed again.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { OutboxConfig } from '../platform/config.js';
import type { Database } from '../platform/db/schema.js';
import { escalateBrokenPromises } from './broken-promises.js';
import { remindOverdueLoans } from '../shops/loans.js';
import {
  type ClaimedMessage,
  claimDueMessages,
  failAbandonedMessages,
  markMessageSent,
  recordFailedAttempt,
} from './queries.js';
import { nextRetryAt } from './retry.js';
import type { MessageChannel } from './tables.js';
import { PermanentDeliveryError, type Transports, messageIdFor } from './transports.js';

export interface OutboxDeps {
  db: Kysely<Database>;
  clock: Clock;
  config: { outbox: OutboxConfig };
  transports: Transports;
  log?: (level: 'info' | 'error', message: string, details?: Record<string, unknown>) => void;
}

/** Claims one batch (without sending it): the first half of a round, exposed to tests to simulate a crash. */
export async function claimBatch(deps: OutboxDeps): Promise<ClaimedMessage[]> {
  const { outbox } = deps.config;
  const now = deps.clock.now();
  await failAbandonedMessages(deps.db, { now, maxAttempts: outbox.maxAttempts });
  return claimDueMessages(deps.db, {
    now,
    leaseUntil: new Date(now.getTime() + outbox.leaseMs),
    limit: outbox.batchSize,
    channels: Object.keys(deps.transports) as MessageChannel[],
    claimToken: randomUUID(),
  });
}

async function sendClaimed(deps: OutboxDeps, message: ClaimedMessage): Promise<'sent' | 'retry' | 'failed'> {
  const transport = deps.transports[message.channel];
  let providerMessageId: string;
  try {
    if (!transport) throw new Error(`no transport for ${message.channel}`);
    ({ providerMessageId } = await transport.send({
      outboxId: message.id,
      customerId: message.customer_id,
      channel: message.channel,
      recipient: message.recipient,
      subject: message.subject,
      body: message.body,
      messageId: messageIdFor(message.id, deps.config.outbox.mailFrom),
    }));
  } catch (error) {
    const permanent = error instanceof PermanentDeliveryError;
    const retryAt = permanent ? null : nextRetryAt(deps.clock.now(), message.attempts, deps.config.outbox);
    await recordFailedAttempt(deps.db, {
      id: message.id,
      claimToken: message.claim_token ?? '',
      error: error instanceof Error ? error.message : String(error),
      retryAt,
    });
    deps.log?.('error', 'customer message not sent', { outboxId: message.id, attempts: message.attempts, retryAt });
    return retryAt ? 'retry' : 'failed';
  }
  // Straight after the peer's acceptance: the shorter this gap, the narrower the re-send window.
  // If this write fails the error ends the round; the lease runs out and the message is re-sent
  // with the same Message-ID (the window described above), never recorded as a failed attempt.
  await markMessageSent(deps.db, { id: message.id, at: deps.clock.now(), providerMessageId });
  return 'sent';
}

/** One round: claim a batch and send it, one message at a time. Returns what happened, for tests and logs. */
export async function deliverDueMessages(deps: OutboxDeps) {
  const outcome = { claimed: 0, sent: 0, retry: 0, failed: 0 };
  const batch = await claimBatch(deps);
  outcome.claimed = batch.length;
  for (const message of batch) outcome[await sendClaimed(deps, message)]++;
  return outcome;
}

/** Starts the background loops (delivery, broken-promise scan); `stop()` waits for the current round. */
export function startOutboxWorker(deps: OutboxDeps): { stop(): Promise<void> } {
  const { outbox } = deps.config;
  let stopped = false;
  const timers = new Map<string, NodeJS.Timeout>();
  const rounds = new Set<Promise<void>>();

  const loop = (name: string, intervalMs: number, round: () => Promise<boolean>) => {
    const tick = async () => {
      let again = false;
      const running = round().then(
        (more) => {
          again = more;
        },
        (error: unknown) => deps.log?.('error', `${name} round failed`, { err: error }),
      );
      rounds.add(running);
      await running;
      rounds.delete(running);
      if (stopped) return;
      // A full batch means more may be waiting: go on at once rather than after a pause.
      timers.set(name, setTimeout(tick, again ? 0 : intervalMs));
    };
    timers.set(name, setTimeout(tick, 0));
  };

  loop('outbox', outbox.pollMs, async () => (await deliverDueMessages(deps)).claimed >= outbox.batchSize);
  loop('broken-promise scan', outbox.brokenPromiseScanMs, async () => {
    const escalated = await escalateBrokenPromises(deps);
    if (escalated > 0) deps.log?.('info', 'broken promises escalated', { escalated });
    return false;
  });
  // Overdue equipment loans (src/shops/loans.ts): at most one reminder a week per loan (dedupe key).
  loop('overdue-loan scan', outbox.brokenPromiseScanMs, async () => {
    const reminded = await remindOverdueLoans(deps);
    if (reminded > 0) deps.log?.('info', 'overdue loan reminders written', { reminded });
    return false;
  });

  return {
    async stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      await Promise.all(rounds);
    },
  };
}
