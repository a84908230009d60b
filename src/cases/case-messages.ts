/**
 * Messages the outbox wrote to the customer about a case (broken promise, merges, letters), shown
 * in the case's timeline as outbound entries.
 *
 * Why a read-time union rather than an interaction row per message: the outbox is written by
 * background work (the broken-promise scan) with no user to name as `recorded_by_user_id`, and
 * the message row already holds everything the timeline needs, including its delivery status,
 * which changes after the case transaction. Reading it at presentation time keeps one source of
 * truth. A message that an interaction already reports (same key: the reply letter, recorded by
 * the person who signed it) is not shown twice.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';

/** Messages about these cases (a case and those merged into it), oldest first. */
export async function listCaseMessages(db: Kysely<Database>, caseIds: readonly string[], input: { onlySent: boolean }) {
  let query = db
    .selectFrom('outbox_messages as message')
    .select([
      'message.id',
      'message.case_id',
      'message.channel',
      'message.kind',
      'message.subject',
      'message.status',
      'message.sent_at',
      'message.created_at',
    ])
    .where('message.case_id', 'in', caseIds)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('case_interactions')
            .select('case_interactions.id')
            .whereRef('case_interactions.case_id', '=', 'message.case_id')
            .whereRef('case_interactions.idempotency_key', '=', 'message.dedupe_key'),
        ),
      ),
    )
    .orderBy('message.created_at')
    .orderBy('message.id');
  // The customer sees what reached them, like GET /api/outbox/messages.
  if (input.onlySent) query = query.where('message.status', '=', 'sent');
  return query.execute();
}

export type CaseMessageRow = Awaited<ReturnType<typeof listCaseMessages>>[number];

/** A timeline entry with the shape of an interaction, plus what the message is and where it stands. */
export function presentCaseMessage(row: CaseMessageRow) {
  return {
    id: row.id,
    caseId: row.case_id,
    channel: row.channel,
    direction: 'outbound' as const,
    summary: row.subject,
    occurredAt: row.sent_at ?? row.created_at,
    handledBy: null,
    message: { kind: row.kind, status: row.status, sentAt: row.sent_at, createdAt: row.created_at },
  };
}
