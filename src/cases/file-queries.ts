/** Reading case files and lists (Kysely). */
import { type Kysely, sql } from 'kysely';
import type { CustomerScope } from '../customers/scope.js';
import type { Database } from '../platform/db/schema.js';
import { listTimeline } from './interaction-queries.js';
import { listCaseMessages } from './case-messages.js';
import { listCaseDocuments } from '../documents/queries.js';
import { listCasesMergedInto } from './merge-queries.js';
import { caseInScope } from './queries.js';

type Db = Kysely<Database>;

function caseWithPeople(db: Db) {
  return db
    .selectFrom('cases')
    .innerJoin('users as owner', 'owner.id', 'cases.owner_user_id')
    .leftJoin('users as routed', 'routed.id', 'cases.routed_to_user_id')
    .leftJoin('sites', 'sites.id', 'cases.site_id')
    .leftJoin('cases as merged_into', 'merged_into.id', 'cases.merged_into_case_id')
    .selectAll('cases')
    .select([
      'merged_into.reference as merged_into_reference',
      'owner.display_name as owner_name',
      'owner.advisor_code as owner_code',
      'routed.display_name as routed_name',
      'routed.advisor_code as routed_code',
      'sites.name as site_name',
      'sites.code as site_code',
    ]);
}

export async function findCase(db: Db, caseId: string, scope: CustomerScope) {
  return caseWithPeople(db)
    .where('cases.id', '=', caseId)
    .where((eb) => caseInScope(eb, scope))
    .executeTakeFirst();
}

/** Unfinished cases on one line, oldest first: what a new contact on that line is probably about. */
export async function listOpenCasesOnSubscription(db: Db, subscriptionId: string) {
  return caseWithPeople(db)
    .where('cases.subscription_id', '=', subscriptionId)
    .where('cases.status', 'not in', ['resolved', 'closed', 'merged'])
    .orderBy('cases.opened_at')
    .limit(10)
    .execute();
}

/**
 * Unfinished written complaints with their reply promise, the nearest deadline first (complaints
 * whose reply was sent, or that carry no reply promise, last), for the complaints team's list.
 */
export async function listOpenWrittenComplaints(
  db: Db,
  input: { scope: CustomerScope; limit: number; after: [string, string] | null },
) {
  // Cursor: a far-future stand-in for "no reply due" keeps one ordering key and one index path.
  const dueKey = sql<Date>`coalesce(reply.due_at, 'infinity'::timestamptz)`;
  let query = caseWithPeople(db)
    .leftJoin('case_promises as reply', (join) =>
      join
        .onRef('reply.case_id', '=', 'cases.id')
        .on('reply.kind', '=', 'written_reply')
        .on('reply.status', '=', 'open'),
    )
    .select([
      'reply.id as reply_id',
      'reply.starts_at as reply_starts_at',
      'reply.due_at as reply_due_at',
      'reply.due_date as reply_due_date',
    ])
    .where('cases.type', '=', 'written_complaint')
    .where('cases.status', 'not in', ['resolved', 'closed', 'merged'])
    .where((eb) => caseInScope(eb, input.scope));
  if (input.after) {
    const [due, id] = input.after;
    query = query.where(sql<boolean>`(${dueKey}, cases.id) > (${due}::timestamptz, ${id}::uuid)`);
  }
  return query.orderBy(dueKey).orderBy('cases.id').limit(input.limit).execute();
}

/**
 * The unfinished cases a staff member owns or has been routed, the nearest open promise first
 * (cases without one last): an advisor's working list.
 */
export async function listOwnedCases(db: Db, input: { userId: string; limit: number; after: [string, string] | null }) {
  const nextDue = sql<Date>`coalesce((select min(p.due_at) from case_promises p
    where p.case_id = cases.id and p.status = 'open'), 'infinity'::timestamptz)`;
  let query = caseWithPeople(db)
    .select(nextDue.as('next_due_at'))
    .where((eb) =>
      eb.or([eb('cases.owner_user_id', '=', input.userId), eb('cases.routed_to_user_id', '=', input.userId)]),
    )
    .where('cases.status', 'not in', ['resolved', 'closed', 'merged']);
  if (input.after) {
    const [due, id] = input.after;
    query = query.where(sql<boolean>`(${nextDue}, cases.id) > (${due}::timestamptz, ${id}::uuid)`);
  }
  return query.orderBy(nextDue).orderBy('cases.id').limit(input.limit).execute();
}

export type CaseView = NonNullable<Awaited<ReturnType<typeof findCase>>>;

export async function listPromises(db: Db, caseIds: readonly string[]) {
  if (caseIds.length === 0) return [];
  return db
    .selectFrom('case_promises')
    .innerJoin('users', 'users.id', 'case_promises.promised_by_user_id')
    .selectAll('case_promises')
    .select(['users.display_name as promiser_name', 'users.advisor_code as promiser_code'])
    .where('case_promises.case_id', 'in', caseIds)
    .orderBy('case_promises.created_at')
    .orderBy('case_promises.due_at')
    .execute();
}

export type PromiseView = Awaited<ReturnType<typeof listPromises>>[number];

async function listPromiseEvents(db: Db, caseId: string) {
  return db
    .selectFrom('case_promise_events as event')
    .innerJoin('case_promises as promise', 'promise.id', 'event.promise_id')
    .select([
      'event.id',
      'event.at',
      'event.event',
      'event.reason',
      'promise.id as promise_id',
      'promise.kind',
      'promise.due_at',
      'promise.due_date',
    ])
    .where('event.case_id', '=', caseId)
    .orderBy('event.id')
    .execute();
}

export type PromiseEventView = Awaited<ReturnType<typeof listPromiseEvents>>[number];

async function listHistory(db: Db, caseId: string) {
  return db
    .selectFrom('case_history')
    .select(['id', 'at', 'actor_user_id', 'field', 'from_value', 'to_value', 'reason'])
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
}

export type HistoryView = Awaited<ReturnType<typeof listHistory>>[number];

/** Everything the case page shows, or null when the case is not visible to this scope. */
export async function loadCaseFile(db: Db, caseId: string, scope: CustomerScope) {
  const found = await findCase(db, caseId, scope);
  if (!found) return null;
  // One timeline (PRODUCT.md): the contacts of every case merged into this one appear in it.
  const mergedFrom = await listCasesMergedInto(db, caseId);
  const [timeline, promises, promiseEvents, history] = await Promise.all([
    listTimeline(db, [caseId, ...mergedFrom.map((merged) => merged.id)]),
    listPromises(db, [caseId]),
    listPromiseEvents(db, caseId),
    listHistory(db, caseId),
  ]);
  // Messages the outbox wrote about this case (and the merged ones), and its documents.
  const [messages, documents] = await Promise.all([
    listCaseMessages(db, [caseId, ...mergedFrom.map((merged) => merged.id)], { onlySent: scope.kind === 'customer' }),
    listCaseDocuments(db, caseId),
  ]);
  return { case: found, timeline, promises, promiseEvents, history, mergedFrom, messages, documents };
}

export type CaseFile = NonNullable<Awaited<ReturnType<typeof loadCaseFile>>>;

/** A customer's cases, open and closed, newest first (keyset on opened_at, id). */
export async function listCustomerCases(
  db: Db,
  input: { customerId: string; scope: CustomerScope; limit: number; after: [string, string] | null },
) {
  let query = caseWithPeople(db)
    .where('cases.customer_id', '=', input.customerId)
    .where((eb) => caseInScope(eb, input.scope))
    .orderBy('cases.opened_at', 'desc')
    .orderBy('cases.id', 'desc')
    .limit(input.limit);
  if (input.after) {
    const [openedAt, id] = input.after;
    const at = new Date(openedAt);
    query = query.where((eb) =>
      eb.or([eb('cases.opened_at', '<', at), eb.and([eb('cases.opened_at', '=', at), eb('cases.id', '<', id)])]),
    );
  }
  return query.execute();
}

/**
 * Candidates for the at-risk queue: open promises of unfinished cases that are past due, due
 * within `lookahead`, or with less than half of their calendar time left. The business-time
 * gauge (weekends and holidays do not count) is then computed in code, see escalation.ts; this
 * filter is wider than 80 % of business time for any delay, so nothing due is missed.
 */
export async function listEscalationCandidates(
  db: Db,
  input: { now: Date; lookaheadDays: number; scope: CustomerScope; limit: number },
) {
  const horizon = new Date(input.now.getTime() + input.lookaheadDays * 86_400_000);
  return caseWithPeople(db)
    .innerJoin('case_promises as promise', 'promise.case_id', 'cases.id')
    .select([
      'promise.id as promise_id',
      'promise.kind as promise_kind',
      'promise.starts_at as promise_starts_at',
      'promise.due_at as promise_due_at',
      'promise.due_date as promise_due_date',
    ])
    .where('promise.status', '=', 'open')
    .where('cases.status', 'not in', ['resolved', 'closed'])
    .where((eb) =>
      eb.or([
        eb('promise.due_at', '<', horizon),
        eb(sql`promise.due_at - ${input.now}::timestamptz`, '<=', sql`(promise.due_at - promise.starts_at) * 0.5`),
      ]),
    )
    .where((eb) => caseInScope(eb, input.scope))
    .orderBy('promise.due_at')
    .limit(input.limit)
    .execute();
}
