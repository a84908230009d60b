/** Opening a case: the named owner, the reference, the opening contact and the first promise, in one transaction. */
import { PARIS, toLocalDate } from '../calendar/index.js';
import { customerScopeFor } from '../customers/scope.js';
import type { AuthUser } from '../identity/queries.js';
import { HttpProblem } from '../platform/http/problem.js';
import type { AppContext } from '../platform/http/context.js';
import { invalidField } from './errors.js';
import { listOpenCasesOnSubscription } from './file-queries.js';
import { insertInteraction } from './interaction-queries.js';
import { type StaffMember, isCustomerFacing, ownerDisplayName } from './owner.js';
import { casePolicies, channelDirection } from './policy.js';
import { firstPromiseOf } from './promises.js';
import {
  defaultInhouseSiteId,
  findCustomerInScope,
  findSubscriptionCustomer,
  inTransaction,
  insertCase,
  insertHistory,
  insertPromise,
  insertPromiseEvent,
  nextCaseNumber,
  staffAtSite,
} from './queries.js';
import type { OpenCaseBody } from './schema.js';

/** "DOS-2026-000123": the Paris year of opening and a number that is never reused. */
export function caseReference(openedAt: Date, number: number): string {
  return `DOS-${toLocalDate(openedAt, PARIS).slice(0, 4)}-${String(number).padStart(6, '0')}`;
}

function staffMemberOf(user: AuthUser): StaffMember {
  return {
    id: user.id,
    displayName: user.displayName,
    advisorCode: user.advisorCode,
    role: user.role,
    siteId: user.site?.id ?? null,
    siteKind: user.site?.kind ?? null,
    disabled: false,
  };
}

/**
 * The staff member who opens a case owns it; a case a subscriber opens (or that someone without
 * an advisor code records) goes to the least-loaded advisor of the customer's serving site.
 */
async function chooseOwner(ctx: AppContext, user: AuthUser, servingSiteId: string | null): Promise<StaffMember> {
  if (user.role !== 'subscriber' && isCustomerFacing(staffMemberOf(user))) return staffMemberOf(user);
  for (const siteId of [servingSiteId, await defaultInhouseSiteId(ctx.db)]) {
    if (!siteId) continue;
    const [advisor] = await staffAtSite(ctx.db, siteId, ['advisor', 'senior_advisor'], 1);
    if (advisor) return advisor;
  }
  throw new HttpProblem(503, 'No advisor available', 'No advisor can take this case now; please try again later.');
}

async function checkOpening(ctx: AppContext, user: AuthUser, body: OpenCaseBody, now: Date) {
  if (body.openedAt && body.openedAt.getTime() > now.getTime()) {
    throw invalidField('body.openedAt', 'must not be in the future');
  }
  if (user.role === 'subscriber') {
    if (body.openedAt) throw invalidField('body.openedAt', 'only an advisor can date a case in the past');
    if (body.channel !== 'portal') throw invalidField('body.channel', 'must be portal when you open a case yourself');
  }
  const allowed = casePolicies[body.type].openingChannels;
  if (allowed && !allowed.includes(body.channel)) {
    throw invalidField('body.channel', `must be one of ${allowed.join(', ')} for a ${body.type}`);
  }
  // The same answer for "does not exist" and "not yours to see": scope does not leak existence.
  const customer = await findCustomerInScope(ctx.db, body.customerId, customerScopeFor(user));
  if (!customer) throw invalidField('body.customerId', 'is not a customer you can open a case for');
  if (body.subscriptionId && (await findSubscriptionCustomer(ctx.db, body.subscriptionId)) !== customer.id) {
    throw invalidField('body.subscriptionId', 'is not a subscription of this customer');
  }
  return customer;
}

/** Nobody should call twice: a new contact about a line with an unfinished case is offered that case first. */
async function offerOpenCases(ctx: AppContext, body: OpenCaseBody) {
  if (!body.subscriptionId || body.confirmNewCase) return;
  const openCases = await listOpenCasesOnSubscription(ctx.db, body.subscriptionId);
  if (openCases.length === 0) return;
  const references = openCases.map((row) => row.reference).join(', ');
  throw new HttpProblem(
    409,
    'Open case on this line',
    `This line already has an unfinished case (${references}): add the contact to it, or send confirmNewCase: true to open a new case anyway.`,
    [{ field: 'body.subscriptionId', message: `has an unfinished case: ${references}` }],
    {
      openCases: openCases.map((row) => ({
        id: row.id,
        reference: row.reference,
        type: row.type,
        status: row.status,
        summary: row.summary,
        openedAt: row.opened_at.toISOString(),
        owner: { displayName: ownerDisplayName(row.owner_name, row.owner_code) },
      })),
    },
  );
}

export async function openCase(ctx: AppContext, user: AuthUser, body: OpenCaseBody): Promise<string> {
  const now = ctx.clock.now();
  const customer = await checkOpening(ctx, user, body, now);
  await offerOpenCases(ctx, body);
  const openedAt = body.openedAt ?? now;
  const owner = await chooseOwner(ctx, user, customer.serving_site_id);
  const first = firstPromiseOf(body.type, openedAt, ctx.config.casePromiseDelays);
  return inTransaction(ctx.db, async (trx) => {
    const created = await insertCase(trx, {
      reference: caseReference(openedAt, await nextCaseNumber(trx)),
      customer_id: customer.id,
      subscription_id: body.subscriptionId ?? null,
      type: body.type,
      priority: body.priority ?? 'normal',
      summary: body.summary,
      opened_channel: body.channel,
      opened_at: openedAt,
      opened_by_user_id: user.id,
      owner_user_id: owner.id,
      site_id: owner.siteId,
      tags: JSON.stringify(body.tags ?? []),
      flags: JSON.stringify([]),
      created_at: now,
      updated_at: now,
    });
    const base = { case_id: created.id, customer_id: customer.id, at: now, actor_user_id: user.id };
    await insertHistory(trx, [{ ...base, field: 'owner', from_value: null, to_value: owner.id, reason: 'opened' }]);
    // The contact that opened the case is the first entry of its timeline.
    await insertInteraction(trx, {
      case_id: created.id,
      customer_id: customer.id,
      channel: body.channel,
      direction: channelDirection[body.channel] ?? 'inbound',
      summary: body.summary,
      occurred_at: openedAt,
      handled_by_user_id: user.role === 'subscriber' ? null : user.id,
      recorded_by_user_id: user.id,
      idempotency_key: null,
    });
    const promise = await insertPromise(trx, {
      caseId: created.id,
      customerId: customer.id,
      kind: first.kind,
      promisedBy: owner.id,
      startsAt: openedAt,
      dueAt: first.due.dueAt,
      dueDate: first.due.dueDate,
    });
    await insertPromiseEvent(trx, {
      promise_id: promise.id,
      case_id: created.id,
      at: now,
      actor_user_id: user.id,
      event: 'made',
      reason: first.reason,
    });
    return created.id;
  });
}
