/** Database access for the timeline (Kysely). */
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { CaseInteractionsTable } from './tables.js';

type Db = Kysely<Database>;

const interactionColumns = [
  'case_interactions.id',
  'case_interactions.case_id',
  'case_interactions.channel',
  'case_interactions.direction',
  'case_interactions.summary',
  'case_interactions.occurred_at',
  'case_interactions.handled_by_user_id',
  'case_interactions.recorded_by_user_id',
  'case_interactions.idempotency_key',
  'users.display_name as handler_name',
  'users.advisor_code as handler_code',
] as const;

/** Stores the interaction unless one with the same idempotency key exists: then returns undefined. */
export async function insertInteraction(db: Db, values: Insertable<CaseInteractionsTable>) {
  return db
    .insertInto('case_interactions')
    .values(values)
    .onConflict((conflict) => conflict.columns(['case_id', 'idempotency_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

export async function findInteraction(db: Db, where: { id: string } | { caseId: string; idempotencyKey: string }) {
  let query = db
    .selectFrom('case_interactions')
    .leftJoin('users', 'users.id', 'case_interactions.handled_by_user_id')
    .select(interactionColumns);
  query =
    'id' in where
      ? query.where('case_interactions.id', '=', where.id)
      : query
          .where('case_interactions.case_id', '=', where.caseId)
          .where('case_interactions.idempotency_key', '=', where.idempotencyKey);
  return query.executeTakeFirst();
}

export type InteractionRow = NonNullable<Awaited<ReturnType<typeof findInteraction>>>;

/** The case's whole timeline, oldest first; with several ids, their union (a case and those merged into it). */
export async function listTimeline(db: Db, caseId: string | readonly string[]) {
  const caseIds = typeof caseId === 'string' ? [caseId] : caseId;
  return db
    .selectFrom('case_interactions')
    .leftJoin('users', 'users.id', 'case_interactions.handled_by_user_id')
    .select(interactionColumns)
    .where('case_interactions.case_id', 'in', caseIds)
    .orderBy('case_interactions.occurred_at')
    .orderBy('case_interactions.created_at')
    .execute();
}

/** Inbound contacts on the case (or on any of the given cases: a case and those merged into it) in (from, to]. */
export async function countInboundContacts(
  db: Db,
  caseId: string | readonly string[],
  from: Date,
  to: Date,
): Promise<number> {
  const caseIds = typeof caseId === 'string' ? [caseId] : caseId;
  const row = await db
    .selectFrom('case_interactions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('case_id', 'in', caseIds)
    .where('direction', '=', 'inbound')
    .where('occurred_at', '>', from)
    .where('occurred_at', '<=', to)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
