/**
 * Changing a case: status, owner, priority, tags, a promise's date. Optimistic concurrency: the
 * client says which version it read; if the case changed since, nothing is written (409).
 */
import type { Insertable, Kysely, Updateable } from 'kysely';
import { recordAudit } from '../audit/queries.js';
import { customerScopeFor } from '../customers/scope.js';
import type { AuthUser } from '../identity/queries.js';
import type { Database } from '../platform/db/schema.js';
import type { AppContext } from '../platform/http/context.js';
import { HttpProblem, conflict, notFound } from '../platform/http/problem.js';
import { invalidField } from './errors.js';
import { type StaffMember, isCustomerFacing } from './owner.js';
import { casePolicies, finishedStatuses, statusTransitions } from './policy.js';
import { extendPromisesAfterPause, settleOpenPromises, supersedePromise } from './promise-changes.js';
import { dueFromChoice } from './promises.js';
import {
  type CaseRow,
  findCustomerInScope,
  findStaff,
  inTransaction,
  insertHistory,
  lockCase,
  openPromises,
  updateCaseAtVersion,
} from './queries.js';
import type { UpdateCaseBody } from './schema.js';
import type { CaseHistoryTable, CasesTable } from './tables.js';

/** `If-Match: "3"` or `W/"3"` → 3. */
export function versionFromIfMatch(header: string | undefined): number | null {
  const match = header ? /^(?:W\/)?"(\d+)"$|^(\d+)$/.exec(header.trim()) : null;
  return match ? Number(match[1] ?? match[2]) : null;
}

/** The new owner must be someone the customer can ask for by name, and who may see the customer. */
async function checkNewOwner(db: Kysely<Database>, user: AuthUser, ownerId: string, servingSiteId: string | null) {
  const owner = await findStaff(db, ownerId);
  if (!owner || !isCustomerFacing(owner)) {
    throw invalidField('body.ownerId', 'must be an active advisor with an advisor code');
  }
  if (owner.siteKind === 'vendor' && owner.siteId !== servingSiteId) {
    throw invalidField('body.ownerId', 'works at a vendor site that does not serve this customer');
  }
  if (user.site?.kind === 'vendor' && owner.siteId !== user.site.id) {
    throw invalidField('body.ownerId', 'must work at your own site');
  }
  return owner;
}

/** Row changes and history entries for the plain fields; validates the status move. */
function fieldChanges(row: CaseRow, body: UpdateCaseBody, newOwner: StaffMember | null, now: Date) {
  const changes: Updateable<CasesTable> = {};
  const history: Array<Pick<Insertable<CaseHistoryTable>, 'field' | 'from_value' | 'to_value'>> = [];
  if (body.status && body.status !== row.status) {
    if (!statusTransitions[row.status].includes(body.status)) {
      throw invalidField('body.status', `cannot change from ${row.status} to ${body.status}`);
    }
    changes.status = body.status;
    if (body.status === 'waiting_on_customer') {
      // The customer is shown what we need from them; without it the pause has no reason.
      if (!body.reason) throw invalidField('body.reason', 'must say what the customer needs to do');
      changes.waiting_since = now;
      changes.waiting_reason = body.reason;
    } else if (row.status === 'waiting_on_customer') {
      changes.waiting_since = null;
      changes.waiting_reason = null;
    }
    if (body.status === 'resolved') changes.resolved_at = now;
    if (body.status === 'closed') {
      changes.closed_at = now;
      changes.resolved_at = row.resolved_at ?? now;
    }
    if (!finishedStatuses.has(body.status)) changes.resolved_at = null;
    history.push({ field: 'status', from_value: row.status, to_value: body.status });
  }
  if (newOwner && newOwner.id !== row.owner_user_id) {
    changes.owner_user_id = newOwner.id;
    changes.site_id = newOwner.siteId;
    history.push({ field: 'owner', from_value: row.owner_user_id, to_value: newOwner.id });
  }
  if (body.priority && body.priority !== row.priority) {
    changes.priority = body.priority;
    history.push({ field: 'priority', from_value: row.priority, to_value: body.priority });
  }
  if (body.tags && JSON.stringify(body.tags) !== JSON.stringify(row.tags)) {
    changes.tags = JSON.stringify(body.tags);
    history.push({ field: 'tags', from_value: row.tags.join(', '), to_value: body.tags.join(', ') });
  }
  return { changes, history };
}

export async function updateCase(
  ctx: AppContext,
  user: AuthUser,
  input: { caseId: string; body: UpdateCaseBody; ifMatch: string | undefined },
): Promise<void> {
  const { caseId, body } = input;
  const expected = body.version ?? versionFromIfMatch(input.ifMatch);
  if (expected === null) {
    throw new HttpProblem(428, 'Version required', 'Send the version you read, in the body or in If-Match.', [
      { field: 'body.version', message: 'is required (or send If-Match)' },
    ]);
  }
  const now = ctx.clock.now();
  const due = body.promise ? dueFromChoice(body.promise) : null;
  if (due && due.dueAt.getTime() <= now.getTime()) {
    throw invalidField(body.promise?.dueDate ? 'body.promise.dueDate' : 'body.promise.dueAt', 'must be in the future');
  }
  const scope = customerScopeFor(user);
  await inTransaction(ctx.db, async (trx) => {
    const row = await lockCase(trx, caseId, scope);
    if (!row) throw notFound('Case');
    if (row.version !== expected) {
      throw conflict(
        `The case changed since you read it (you sent version ${expected}, it is now at ${row.version}). Reload it and apply your change again.`,
      );
    }
    const customer = await findCustomerInScope(trx, row.customer_id, { kind: 'all' });
    const newOwner = body.ownerId
      ? await checkNewOwner(trx, user, body.ownerId, customer?.serving_site_id ?? null)
      : null;
    const { changes, history } = fieldChanges(row, body, newOwner, now);
    const change = { caseId: row.id, customerId: row.customer_id, actorUserId: user.id, at: now };
    const finishing =
      changes.status !== undefined && finishedStatuses.has(changes.status) && !finishedStatuses.has(row.status);
    if (row.waiting_since && changes.waiting_since === null) {
      await extendPromisesAfterPause(trx, { ...change, waitingSince: row.waiting_since });
    }
    if (body.promise && due) {
      if (finishedStatuses.has(changes.status ?? row.status)) {
        throw invalidField('body.promise', 'cannot be changed on a resolved or closed case; reopen it first');
      }
      const open = await openPromises(trx, row.id);
      const policyKind = casePolicies[row.type].firstPromise.kind;
      const kind =
        body.promise.kind ??
        (open.some((promise) => promise.kind === policyKind) ? policyKind : open[0]?.kind) ??
        policyKind;
      await supersedePromise(trx, { ...change, kind, due, promisedBy: user.id, reason: body.promise.reason });
    }
    if (finishing) await settleOpenPromises(trx, change);
    if (Object.keys(changes).length === 0 && !body.promise) return;
    await updateCaseAtVersion(trx, row.id, row.version, { ...changes, updated_at: now });
    await insertHistory(
      trx,
      history.map((entry) => ({
        ...entry,
        case_id: row.id,
        customer_id: row.customer_id,
        at: now,
        actor_user_id: user.id,
        reason: body.reason ?? null,
      })),
    );
    if (newOwner && changes.owner_user_id) {
      await recordAudit(trx, {
        actorUserId: user.id,
        action: 'case.reassigned',
        subjectType: 'case',
        subjectId: row.id,
        details: { from: row.owner_user_id, to: newOwner.id, reason: body.reason ?? null },
      });
    }
  });
}
