/**
 * The embedded drivers, for a Suivi run with no SMTP server or SMS provider: e-mail lands in the
 * in-app mailbox and SMS in a log, both stored in `outbox_local_deliveries` (viewable through
 * GET /api/outbox/messages). Like a real peer they keep one copy per Message-ID.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { Database } from '../platform/db/schema.js';
import { insertLocalDelivery } from './queries.js';
import type { OutgoingMessage, Transport } from './transports.js';

async function deliverLocally(db: Kysely<Database>, clock: Clock, sender: string, message: OutgoingMessage) {
  if (message.channel === 'letter') throw new Error('the local drivers do not print letters');
  await insertLocalDelivery(db, {
    message_id: message.messageId,
    outbox_message_id: message.outboxId,
    customer_id: message.customerId,
    channel: message.channel,
    sender,
    recipient: message.recipient,
    subject: message.subject,
    body: message.body,
    delivered_at: clock.now(),
  });
  return { providerMessageId: message.messageId };
}

export function createMailboxTransport(db: Kysely<Database>, clock: Clock, from: string): Transport {
  return { name: 'mailbox', send: (message) => deliverLocally(db, clock, from, message) };
}

/** The SMS provider seam: a real driver (an HTTP API) implements the same `Transport`. */
export function createSmsLogTransport(
  db: Kysely<Database>,
  clock: Clock,
  log: (line: string, details: Record<string, unknown>) => void,
): Transport {
  return {
    name: 'sms-log',
    async send(message) {
      log('SMS sent to the log driver', { to: message.recipient, outboxId: message.outboxId });
      return deliverLocally(db, clock, 'Suivi', message);
    },
  };
}
