/**
 * Merging two cases opened for the same problem (PRODUCT.md, Repeat contact): one timeline, the
 * earliest promise kept, the customer told — in one transaction.
 *
 * The timeline is presented as a union, not moved: contacts stay on the case they were recorded
 * on, and the surviving case shows its own plus those of every case merged into it (see
 * loadCaseFile). Nothing is rewritten, so a merge never loses where a contact was recorded, the
 * absorbed case still shows its own history beside the pointer, Idempotency-Keys of the two cases
 * cannot collide, and the repeat-contact count of the surviving case sees both cases' contacts.
 *
 * Promises are never edited in place. For each kind of open promise, the earliest one is kept on
 * the surviving case: when it was the absorbed case's, it is made again there (same start, same
 * date, same promiser) and the surviving case's later one is superseded; the later one is always
 * superseded with the reason "Dossiers fusionnés…", which the customer sees.
 *
 * A retried request (the absorbed case already merged into the same case) changes nothing and
 * answers with the same result; the outbox dedupe key `case-merged:<absorbedId>` makes the
 * message single even if two merges raced.
 */
import type { Transaction } from 'kysely';
import { recordAudit } from '../audit/queries.js';
import { customerScopeFor } from '../customers/scope.js';
import type { AuthUser } from '../identity/queries.js';
import { chooseRecipient } from '../outbox/broken-promise-message.js';
import { findMessageContext } from '../outbox/broken-promise-queries.js';
import { enqueueMessage } from '../outbox/enqueue.js';
import type { Database } from '../platform/db/schema.js';
import type { AppContext } from '../platform/http/context.js';
import { conflict, notFound } from '../platform/http/problem.js';
import { invalidField } from './errors.js';
import { caseMergeMessage } from './merge-message.js';
import type { MergeCaseBody } from './merge-schema.js';
import { supersedePromise } from './promise-changes.js';
import { isDayPromise } from './promises.js';
import {
  type CaseRow,
  inTransaction,
  insertHistory,
  insertPromiseEvent,
  lockCase,
  openPromises,
  settlePromise,
  updateCaseAtVersion,
} from './queries.js';

export const mergeReason = (absorbed: string, into: string) =>
  `Dossiers fusionnés (${absorbed} réuni au dossier ${into}) : la date promise la plus proche est conservée.`;

interface Merge {
  absorbed: CaseRow;
  into: CaseRow;
  actorUserId: string;
  at: Date;
}

/** Checks that hold whatever the versions: who may be merged into what. */
function checkMergeable(absorbed: CaseRow, into: CaseRow | undefined): asserts into is CaseRow {
  // "Not visible to you" and "does not exist" get the same answer: scope does not leak existence.
  if (!into) throw invalidField('body.intoCaseId', 'is not a case you can merge into');
  if (into.customer_id !== absorbed.customer_id) {
    throw invalidField('body.intoCaseId', 'belongs to another customer; only cases of the same customer can be merged');
  }
  if (absorbed.status === 'closed') throw invalidField('params.id', 'is closed; a closed case cannot be merged');
  if (into.status === 'merged') throw invalidField('body.intoCaseId', 'was itself merged into another case');
  if (into.status === 'closed' || into.status === 'resolved') {
    throw invalidField('body.intoCaseId', `is ${into.status}; reopen it first or merge the other way round`);
  }
}

/** Keeps the earliest open promise of each kind on the surviving case; the later one is superseded. */
async function mergePromises(trx: Transaction<Database>, merge: Merge) {
  const { absorbed, into, actorUserId, at } = merge;
  const reason = mergeReason(absorbed.reference, into.reference);
  const surviving = await openPromises(trx, into.id);
  for (const promise of await openPromises(trx, absorbed.id)) {
    const rival = surviving.find((open) => open.kind === promise.kind);
    const keptId =
      rival && rival.due_at.getTime() <= promise.due_at.getTime()
        ? rival.id
        : await supersedePromise(trx, {
            caseId: into.id,
            customerId: into.customer_id,
            actorUserId,
            at,
            kind: promise.kind,
            due: { dueAt: promise.due_at, dueDate: promise.due_date },
            promisedBy: promise.promised_by_user_id,
            startsAt: promise.starts_at,
            reason,
          });
    await settlePromise(trx, promise.id, { status: 'superseded', at, supersededBy: keptId });
    await insertPromiseEvent(trx, {
      promise_id: promise.id,
      case_id: absorbed.id,
      at,
      actor_user_id: actorUserId,
      event: 'superseded',
      reason,
    });
  }
}

async function tellCustomer(trx: Transaction<Database>, merge: Merge) {
  const { absorbed, into, at } = merge;
  const context = await findMessageContext(trx, into.id);
  const [kept] = await openPromises(trx, into.id);
  const facts = {
    absorbedReference: absorbed.reference,
    survivingReference: into.reference,
    keptPromise: kept
      ? {
          dueAt: kept.due_at,
          dueDate: kept.due_date,
          isDay: isDayPromise({ dueAt: kept.due_at, dueDate: kept.due_date }),
        }
      : null,
  };
  const { channel, recipient } = chooseRecipient(context);
  const { subject, body } = caseMergeMessage(context, facts, channel);
  await enqueueMessage(trx, {
    customerId: into.customer_id,
    caseId: into.id,
    channel,
    recipient,
    subject,
    body,
    kind: 'case_merged',
    dedupeKey: `case-merged:${absorbed.id}`,
    at,
  });
}

/** Merges case `caseId` into `body.intoCaseId`; the surviving case's id, and whether this was a replay. */
export async function mergeCases(
  ctx: AppContext,
  user: AuthUser,
  input: { caseId: string; body: MergeCaseBody },
): Promise<{ survivingCaseId: string; replayed: boolean }> {
  const { caseId, body } = input;
  if (body.intoCaseId === caseId) throw invalidField('body.intoCaseId', 'must be another case than the one merged');
  const scope = customerScopeFor(user);
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    // Both rows locked, always in id order, so two merges of the same pair cannot deadlock.
    const locked = new Map<string, CaseRow | undefined>();
    for (const id of [caseId, body.intoCaseId].sort()) locked.set(id, await lockCase(trx, id, scope));
    const absorbed = locked.get(caseId);
    const into = locked.get(body.intoCaseId);
    if (!absorbed) throw notFound('Case');
    if (absorbed.status === 'merged') {
      if (absorbed.merged_into_case_id === body.intoCaseId) return { survivingCaseId: body.intoCaseId, replayed: true };
      throw conflict('This case was already merged into another case. Reload it to see which.');
    }
    checkMergeable(absorbed, into);
    for (const [row, sent] of [
      [absorbed, body.version],
      [into, body.intoVersion],
    ] as const) {
      if (row.version !== sent) {
        throw conflict(
          `Case ${row.reference} changed since you read it (you sent version ${sent}, it is now at ${row.version}). Reload both cases and merge again.`,
        );
      }
    }
    const merge: Merge = { absorbed, into, actorUserId: user.id, at: now };
    await mergePromises(trx, merge);
    await updateCaseAtVersion(trx, absorbed.id, absorbed.version, {
      status: 'merged',
      merged_into_case_id: into.id,
      merged_at: now,
      waiting_since: null,
      waiting_reason: null,
      updated_at: now,
    });
    // A flag on either case (repeat contact, escalated) is a fact about the one problem.
    const flags = [...new Set([...into.flags, ...absorbed.flags])];
    await updateCaseAtVersion(trx, into.id, into.version, { flags: JSON.stringify(flags), updated_at: now });
    const entry = { customer_id: into.customer_id, at: now, actor_user_id: user.id, reason: body.reason };
    const link = { field: 'merge' as const, from_value: absorbed.reference, to_value: into.reference };
    await insertHistory(trx, [
      { ...entry, case_id: absorbed.id, field: 'status', from_value: absorbed.status, to_value: 'merged' },
      { ...entry, case_id: absorbed.id, ...link },
      { ...entry, case_id: into.id, ...link },
    ]);
    const details = {
      absorbedCaseId: absorbed.id,
      absorbedReference: absorbed.reference,
      survivingCaseId: into.id,
      survivingReference: into.reference,
      reason: body.reason,
    };
    await recordAudit(trx, {
      actorUserId: user.id,
      action: 'case.merged',
      subjectType: 'case',
      subjectId: absorbed.id,
      details,
    });
    await recordAudit(trx, {
      actorUserId: user.id,
      action: 'case.absorbed_duplicate',
      subjectType: 'case',
      subjectId: into.id,
      details,
    });
    await tellCustomer(trx, merge);
    return { survivingCaseId: into.id, replayed: false };
  });
}
