/** All database access for the outbox (Kysely): enqueue, claim, settle, list, local deliveries. */
import type { Insertable, Kysely } from 'kysely';
import type { CustomerScope } from '../customers/scope.js';
import type { Database } from '../platform/db/schema.js';
import type { MessageChannel, OutboxLocalDeliveriesTable, OutboxMessagesTable } from './tables.js';

type Db = Kysely<Database>;

/** Inserts the message unless one with its dedupe key exists; the new id, or null for a duplicate. */
export async function insertOutboxMessage(db: Db, values: Insertable<OutboxMessagesTable>): Promise<string | null> {
  const row = await db
    .insertInto('outbox_messages')
    .values(values)
    .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Messages whose last allowed attempt was claimed and whose worker never came back: given up
 * rather than claimed again, so a message that crashes every worker does not loop for ever.
 */
export async function failAbandonedMessages(db: Db, input: { now: Date; maxAttempts: number }) {
  await db
    .updateTable('outbox_messages')
    .set({ status: 'failed', locked_until: null, claim_token: null, last_error: 'lease expired on the last attempt' })
    .where('status', '=', 'sending')
    .where('next_attempt_at', '<=', input.now)
    .where('attempts', '>=', input.maxAttempts)
    .execute();
}

/**
 * Claims up to `limit` due messages in one statement: pending ones whose retry time has come, and
 * sending ones whose lease ran out (their worker died). SKIP LOCKED lets several workers claim
 * side by side without waiting on or taking each other's rows. The claim counts as an attempt.
 */
export async function claimDueMessages(
  db: Db,
  input: { now: Date; leaseUntil: Date; limit: number; channels: MessageChannel[]; claimToken: string },
) {
  if (input.channels.length === 0) return [];
  return db
    .updateTable('outbox_messages')
    .set((eb) => ({
      status: 'sending',
      locked_until: input.leaseUntil,
      next_attempt_at: input.leaseUntil,
      claim_token: input.claimToken,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox_messages')
        .select('id')
        .where('status', 'in', ['pending', 'sending'])
        .where('next_attempt_at', '<=', input.now)
        .where('channel', 'in', input.channels)
        .orderBy('next_attempt_at')
        .limit(input.limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

export type ClaimedMessage = Awaited<ReturnType<typeof claimDueMessages>>[number];

/**
 * Recorded whoever holds the claim now: the peer has the message, so no one may send it again.
 * (If our lease ran out mid-send, another worker may be sending it too; it reuses the Message-ID.)
 */
export async function markMessageSent(db: Db, input: { id: string; at: Date; providerMessageId: string }) {
  await db
    .updateTable('outbox_messages')
    .set({
      status: 'sent',
      sent_at: input.at,
      provider_message_id: input.providerMessageId,
      locked_until: null,
      claim_token: null,
      last_error: null,
    })
    .where('id', '=', input.id)
    .where('status', '!=', 'sent')
    .execute();
}

/** A failed attempt: retried at `retryAt`, or given up when `retryAt` is null. Only the claim holder may. */
export async function recordFailedAttempt(
  db: Db,
  input: { id: string; claimToken: string; error: string; retryAt: Date | null },
) {
  await db
    .updateTable('outbox_messages')
    .set({
      status: input.retryAt ? 'pending' : 'failed',
      next_attempt_at: input.retryAt ?? undefined,
      last_error: input.error.slice(0, 2000),
      locked_until: null,
      claim_token: null,
    })
    .where('id', '=', input.id)
    .where('claim_token', '=', input.claimToken)
    .where('status', '=', 'sending')
    .execute();
}

export async function findOutboxMessage(db: Db, id: string) {
  return db.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Is the customer visible in this scope (own file, own site's customers, or all)? */
export async function customerVisible(db: Db, customerId: string, scope: CustomerScope): Promise<boolean> {
  let query = db.selectFrom('customers').select('id').where('id', '=', customerId);
  if (scope.kind === 'customer') query = query.where('id', '=', scope.customerId);
  if (scope.kind === 'site') query = query.where('serving_site_id', '=', scope.siteId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** A customer's messages, newest first, keyset-paginated on (created_at, id). */
export async function listCustomerMessages(
  db: Db,
  input: { customerId: string; onlySent: boolean; limit: number; after: [string, string] | null },
) {
  let query = db
    .selectFrom('outbox_messages as message')
    .leftJoin('cases', 'cases.id', 'message.case_id')
    .select([
      'message.id',
      'message.case_id',
      'cases.reference as case_reference',
      'message.channel',
      'message.recipient',
      'message.subject',
      'message.body',
      'message.kind',
      'message.status',
      'message.attempts',
      'message.last_error',
      'message.sent_at',
      'message.created_at',
    ])
    .where('message.customer_id', '=', input.customerId)
    .orderBy('message.created_at', 'desc')
    .orderBy('message.id', 'desc')
    .limit(input.limit);
  if (input.onlySent) query = query.where('message.status', '=', 'sent');
  if (input.after) {
    const [createdAt, id] = input.after;
    const at = new Date(createdAt);
    query = query.where((eb) =>
      eb.or([
        eb('message.created_at', '<', at),
        eb.and([eb('message.created_at', '=', at), eb('message.id', '<', id)]),
      ]),
    );
  }
  return query.execute();
}

/** The embedded peer's inbox: one copy per Message-ID, like a mail server that deduplicates. */
export async function insertLocalDelivery(db: Db, values: Insertable<OutboxLocalDeliveriesTable>) {
  await db
    .insertInto('outbox_local_deliveries')
    .values(values)
    .onConflict((conflict) => conflict.column('message_id').doNothing())
    .execute();
}

export async function listLocalDeliveries(db: Db, outboxMessageId: string) {
  return db
    .selectFrom('outbox_local_deliveries')
    .selectAll()
    .where('outbox_message_id', '=', outboxMessageId)
    .execute();
}
