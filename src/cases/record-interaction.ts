/**
 * Adding a contact to a case's timeline. A retried request (same Idempotency-Key) stores nothing
 * new and answers with the first result; an inbound contact may flag and route the case.
 */
import { customerScopeFor } from '../customers/scope.js';
import type { AuthUser } from '../identity/queries.js';
import type { AppContext } from '../platform/http/context.js';
import { HttpProblem, conflict, notFound } from '../platform/http/problem.js';
import { invalidField } from './errors.js';
import {
  type InteractionRow,
  countInboundContacts,
  findInteraction,
  insertInteraction,
} from './interaction-queries.js';
import { extendPromisesAfterPause } from './promise-changes.js';
import { listCasesMergedInto } from './merge-queries.js';
import { channelDirection, finishedStatuses, repeatContact } from './policy.js';
import {
  type CaseRow,
  findStaff,
  inTransaction,
  insertHistory,
  lockCase,
  staffAtSite,
  updateCaseAtVersion,
} from './queries.js';
import { REPEAT_CONTACT_FLAG, repeatContactOutcome } from './repeat-contact.js';
import type { InteractionBody } from './schema.js';
import type { Transaction } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import { isCustomerFacing } from './owner.js';

const DAY_MS = 86_400_000;

function checkInteraction(user: AuthUser, body: InteractionBody, now: Date): Date {
  const occurredAt = body.occurredAt ?? now;
  if (occurredAt.getTime() > now.getTime()) throw invalidField('body.occurredAt', 'must not be in the future');
  const fixed = channelDirection[body.channel];
  if (fixed && fixed !== body.direction) throw invalidField('body.direction', `must be ${fixed} for ${body.channel}`);
  if (user.role === 'subscriber') {
    if (body.channel !== 'portal') throw invalidField('body.channel', 'must be portal when you write yourself');
    if (body.direction !== 'inbound') throw invalidField('body.direction', 'must be inbound when you write yourself');
    if (body.occurredAt) throw invalidField('body.occurredAt', 'is set by the portal when you write');
  }
  return occurredAt;
}

/** A replay must be the same request; reusing a key for something else is a client bug. */
function assertSameRequest(existing: InteractionRow, body: InteractionBody) {
  const same =
    existing.channel === body.channel &&
    existing.direction === body.direction &&
    existing.summary === body.summary &&
    (!body.occurredAt || existing.occurred_at.getTime() === body.occurredAt.getTime());
  if (!same) {
    throw new HttpProblem(
      422,
      'Idempotency-Key reused',
      'This Idempotency-Key was already used for a different interaction on this case.',
    );
  }
}

/** Flags and routing after an inbound contact on an unfinished case (the case row is locked). */
async function repeatContactChanges(trx: Transaction<Database>, row: CaseRow, occurredAt: Date) {
  const since = new Date(occurredAt.getTime() - repeatContact.windowDays * DAY_MS);
  // Contacts on cases merged into this one are the same problem: they count too.
  const merged = await listCasesMergedInto(trx, row.id);
  const caseIds = [row.id, ...merged.map((mergedCase) => mergedCase.id)];
  const inboundInWindow = await countInboundContacts(trx, caseIds, since, occurredAt);
  const owner = await findStaff(trx, row.owner_user_id);
  if (!owner) return null;
  const needsSenior = inboundInWindow >= repeatContact.routeAt && !isCustomerFacing(owner);
  const siteId = row.site_id ?? owner.siteId;
  const seniors = needsSenior && siteId ? await staffAtSite(trx, siteId, ['senior_advisor'], 5) : [];
  return repeatContactOutcome({
    inboundInWindow,
    alreadyFlagged: row.flags.includes(REPEAT_CONTACT_FLAG),
    alreadyRouted: row.routed_at !== null,
    owner,
    seniors,
  });
}

export async function recordInteraction(
  ctx: AppContext,
  user: AuthUser,
  input: { caseId: string; body: InteractionBody; idempotencyKey: string | null },
): Promise<{ interaction: InteractionRow; replayed: boolean }> {
  const now = ctx.clock.now();
  const { caseId, body, idempotencyKey } = input;
  const occurredAt = checkInteraction(user, body, now);
  const scope = customerScopeFor(user);
  return inTransaction(ctx.db, async (trx) => {
    const row = await lockCase(trx, caseId, scope);
    if (!row) throw notFound('Case');
    const replay = async (key: string) => {
      const existing = await findInteraction(trx, { caseId, idempotencyKey: key });
      if (!existing) return null;
      assertSameRequest(existing, body);
      return { interaction: existing, replayed: true };
    };
    // The case lock serialises retries of the same request, so this check cannot race.
    if (idempotencyKey) {
      const replayed = await replay(idempotencyKey);
      if (replayed) return replayed;
    }
    if (row.status === 'merged') {
      throw conflict('This case was merged into another case; record the contact on the surviving case.');
    }
    const inserted = await insertInteraction(trx, {
      case_id: caseId,
      customer_id: row.customer_id,
      channel: body.channel,
      direction: body.direction,
      summary: body.summary,
      occurred_at: occurredAt,
      handled_by_user_id: user.role === 'subscriber' ? null : user.id,
      recorded_by_user_id: user.id,
      idempotency_key: idempotencyKey,
    });
    if (!inserted) throw new Error('interaction with this idempotency key appeared despite the case lock');
    const outcome =
      body.direction === 'inbound' && !finishedStatuses.has(row.status)
        ? await repeatContactChanges(trx, row, occurredAt)
        : null;
    const flags = outcome?.flag ? [...row.flags, REPEAT_CONTACT_FLAG] : row.flags;
    const routing = outcome?.routing;
    // The customer's answer ends the wait: the case resumes and its promises move by the pause.
    const resumes = body.direction === 'inbound' && row.status === 'waiting_on_customer' && row.waiting_since;
    if (resumes) {
      await extendPromisesAfterPause(trx, {
        caseId,
        customerId: row.customer_id,
        actorUserId: user.id,
        at: now,
        waitingSince: row.waiting_since as Date,
      });
    }
    await updateCaseAtVersion(trx, caseId, row.version, {
      updated_at: now,
      flags: JSON.stringify(flags),
      ...(routing ? { routed_to_user_id: routing.toUserId, routed_at: now, routing_reason: routing.reason } : {}),
      ...(resumes ? { status: 'in_progress', waiting_since: null, waiting_reason: null } : {}),
    });
    const entry = { case_id: caseId, customer_id: row.customer_id, at: now, actor_user_id: user.id };
    await insertHistory(trx, [
      ...(routing
        ? [
            {
              ...entry,
              field: 'routing' as const,
              from_value: null,
              to_value: routing.toUserId,
              reason: routing.reason,
            },
          ]
        : []),
      ...(resumes
        ? [{ ...entry, field: 'status' as const, from_value: row.status, to_value: 'in_progress', reason: 'reply' }]
        : []),
    ]);
    const interaction = await findInteraction(trx, { id: inserted.id });
    if (!interaction) throw new Error('the interaction just stored cannot be read back');
    return { interaction, replayed: false };
  });
}
