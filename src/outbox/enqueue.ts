/**
 * Writing a customer message: call inside the transaction of the change that causes it, so the
 * message exists if and only if the change committed. The worker sends it later.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import { insertOutboxMessage } from './queries.js';
import type { MessageChannel } from './tables.js';

export interface NewMessage {
  customerId: string;
  caseId?: string | null;
  channel: MessageChannel;
  /** An e-mail address, a phone number in E.164, or a postal address for a letter. */
  recipient: string;
  subject: string;
  body: string;
  /** What the message is about, e.g. 'promise_broken'. */
  kind: string;
  /**
   * Names the fact the message reports (e.g. `promise-broken:<promiseId>`): enqueuing the same
   * fact again, from a retried transaction or a rerun scan, writes nothing.
   */
  dedupeKey: string;
  /** Now, from the clock: the message is due at once. */
  at: Date;
}

/** The new message's id, or null when a message with this dedupe key already exists. */
export async function enqueueMessage(trx: Kysely<Database>, message: NewMessage): Promise<string | null> {
  return insertOutboxMessage(trx, {
    customer_id: message.customerId,
    case_id: message.caseId ?? null,
    channel: message.channel,
    recipient: message.recipient,
    subject: message.subject,
    body: message.body,
    kind: message.kind,
    dedupe_key: message.dedupeKey,
    next_attempt_at: message.at,
    created_at: message.at,
  });
}
