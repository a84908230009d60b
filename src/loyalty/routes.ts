/** Loyalty routes: thin — one access check, validation, one use case, presentation. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { logCustomerRead, recordAudit } from '../audit/queries.js';
import { customerScopeFor } from '../customers/scope.js';
import { requireAccess } from '../identity/auth.js';
import { roleHas } from '../identity/roles.js';
import type { AuthUser } from '../identity/queries.js';
import type { AppContext } from '../platform/http/context.js';
import { decodeCursor, encodeCursor } from '../platform/http/cursor.js';
import { idempotencyKeyOf } from '../platform/http/idempotency-key.js';
import { conflict, notFound } from '../platform/http/problem.js';
import { defineRoute } from '../platform/http/route.js';
import { type LoyaltyPolicy, loyaltyPolicyFromEnv } from './ledger.js';
import { bestOffersForCustomer, presentOffer, publishOffer } from './offers.js';
import { type PostResult, adjustPoints, earnPoints, expirePoints, redeemReward, transferPoints } from './points.js';
import {
  activeOffers,
  dropGoal,
  findCustomerInScope,
  findReward,
  memberAccount,
  movements,
  openRetentionAlerts,
  resolveRetentionAlert,
  setGoal,
} from './queries.js';
import { catalogue, createReward, memberView, scheduleThresholdChange } from './rewards.js';
import {
  adjustmentBody,
  customerParams,
  earningBody,
  goalParams,
  movementsQuery,
  offerBody,
  redemptionBody,
  retentionAlertParams,
  retentionAlertResolutionBody,
  rewardBody,
  rewardParams,
  thresholdChangeBody,
  transferBody,
} from './schema.js';

export function registerLoyaltyRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  policy: LoyaltyPolicy = loyaltyPolicyFromEnv(process.env),
): void {
  const customerInScope = async (user: AuthUser, customerId: string) => {
    const customer = await findCustomerInScope(ctx.db, customerId, customerScopeFor(user));
    if (!customer) throw notFound('Customer');
    return customer;
  };
  const logStaffRead = async (user: AuthUser, customerId: string, route: string, request: FastifyRequest) => {
    if (user.role === 'subscriber') return;
    await logCustomerRead(ctx.db, { staffUserId: user.id, customerId, route, requestId: request.id });
  };
  const written = async (reply: FastifyReply, customerId: string, result: PostResult) => {
    reply.code(201);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    const member = await memberAccount(ctx.db, customerId);
    return { transactionId: result.transactionId, balance: member?.balance ?? 0 };
  };
  const ledgerResponses = {
    201: 'Written (a replay with the same Idempotency-Key returns the first result)',
    400: 'Invalid request (the field is named)',
    404: 'No such customer visible to you',
    409: 'Not enough points',
    422: 'Idempotency-Key reused for another request',
  };

  defineRoute(app, {
    method: 'GET',
    url: '/api/customers/:id/loyalty',
    summary:
      "A member's points, tier, coming expiries, goals, and each reward with the points still needed and announced changes",
    tags: ['loyalty'],
    params: customerParams,
    responses: { 200: 'Loyalty summary', 404: 'No such customer visible to you' },
    handler: async ({ request, params }) => {
      const user = requireAccess(request, 'loyalty:read');
      await customerInScope(user, params.id);
      await logStaffRead(user, params.id, 'GET /api/customers/:id/loyalty', request);
      return memberView(ctx, policy, params.id);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/customers/:id/loyalty/movements',
    summary: "Every movement of a member's points, newest first, with expiry dates of credits",
    tags: ['loyalty'],
    params: customerParams,
    query: movementsQuery,
    responses: { 200: 'A page of movements', 404: 'No such customer visible to you' },
    handler: async ({ request, params, query }) => {
      const user = requireAccess(request, 'loyalty:read');
      await customerInScope(user, params.id);
      const member = await memberAccount(ctx.db, params.id);
      await logStaffRead(user, params.id, 'GET /api/customers/:id/loyalty/movements', request);
      if (!member) return { items: [], nextCursor: null };
      const after = decodeCursor(query.cursor, 2) as [string, string] | null;
      const rows = await movements(ctx.db, member.id, query.limit + 1, after);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => ({
          id: row.id,
          kind: row.kind,
          at: row.occurred_at.toISOString(),
          description: row.description,
          reason: row.reason,
          points: row.amount,
          expiresOn: row.expires_on,
          author: row.author,
          reward: row.reward_fr ? { fr: row.reward_fr, en: row.reward_en } : null,
          thresholdPoints: row.threshold_points,
          protectedThreshold: row.protected_threshold,
        })),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.occurred_at.toISOString(), last.id]) : null,
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/customers/:id/loyalty/redemptions',
    summary: 'Redeem a reward at the threshold that applies to the member (a protected old one if lower)',
    tags: ['loyalty'],
    params: customerParams,
    body: redemptionBody,
    responses: ledgerResponses,
    handler: async ({ request, reply, params, body }) => {
      const user = requireAccess(request, 'loyalty:redeem');
      await customerInScope(user, params.id);
      const result = await redeemReward(ctx, user, {
        customerId: params.id,
        rewardId: body.rewardId,
        idempotencyKey: idempotencyKeyOf(request),
      });
      return written(reply, params.id, result);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/customers/:id/loyalty/adjustments',
    summary: 'Add or remove points with a reason; the author is recorded',
    tags: ['loyalty'],
    params: customerParams,
    body: adjustmentBody,
    responses: ledgerResponses,
    handler: async ({ request, reply, params, body }) => {
      const user = requireAccess(request, 'loyalty:adjust');
      await customerInScope(user, params.id);
      const result = await adjustPoints(ctx, policy, user, {
        customerId: params.id,
        points: body.points,
        reason: body.reason,
        idempotencyKey: idempotencyKeyOf(request),
      });
      return written(reply, params.id, result);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/customers/:id/loyalty/transfers',
    summary: 'Give points to another member of the same household',
    tags: ['loyalty'],
    params: customerParams,
    body: transferBody,
    responses: ledgerResponses,
    handler: async ({ request, reply, params, body }) => {
      const user = requireAccess(request, 'loyalty:redeem');
      await customerInScope(user, params.id);
      const result = await transferPoints(ctx, policy, user, {
        customerId: params.id,
        toCustomerId: body.toCustomerId,
        points: body.points,
        idempotencyKey: idempotencyKeyOf(request),
      });
      return written(reply, params.id, result);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/customers/:id/loyalty/goals/:rewardId',
    summary: 'Announce a goal: a member saving for this reward keeps its threshold if it is raised',
    tags: ['loyalty'],
    params: goalParams,
    responses: { 204: 'Recorded', 404: 'No such customer or reward' },
    handler: async ({ request, reply, params }) => {
      const user = requireAccess(request, 'loyalty:redeem');
      await customerInScope(user, params.id);
      if (!(await findReward(ctx.db, params.rewardId))) throw notFound('Reward');
      await setGoal(ctx.db, params.id, params.rewardId, ctx.clock.now());
      reply.code(204);
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/customers/:id/loyalty/goals/:rewardId',
    summary: 'Drop a goal',
    tags: ['loyalty'],
    params: goalParams,
    responses: { 204: 'Dropped', 404: 'No such customer' },
    handler: async ({ request, reply, params }) => {
      const user = requireAccess(request, 'loyalty:redeem');
      await customerInScope(user, params.id);
      await dropGoal(ctx.db, params.id, params.rewardId);
      reply.code(204);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/loyalty/earnings',
    summary: 'Credit points for tenure, spend or an event (billing and campaign systems)',
    tags: ['loyalty'],
    body: earningBody,
    responses: ledgerResponses,
    handler: async ({ request, reply, body }) => {
      const user = requireAccess(request, 'loyalty:manage');
      await customerInScope(user, body.customerId);
      const result = await earnPoints(ctx, policy, user, { ...body, idempotencyKey: idempotencyKeyOf(request) });
      return written(reply, body.customerId, result);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/loyalty/expiry-runs',
    summary: 'Expire the points past their validity (oldest first); a rerun expires nothing more',
    tags: ['loyalty'],
    responses: { 200: 'Members and points expired' },
    handler: async ({ request }) => {
      requireAccess(request, 'loyalty:manage');
      return expirePoints(ctx, policy);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/loyalty/rewards',
    summary:
      'The rewards catalogue: thresholds per tier, announced changes (with the members protected, for loyalty managers) and the notice rule',
    tags: ['loyalty'],
    responses: { 200: 'Rewards and the earliest day an increase announced today may take effect' },
    handler: async ({ request }) => {
      const user = requireAccess(request, 'loyalty:read');
      return catalogue(ctx, policy, { withCounts: roleHas(user.role, 'loyalty:manage') });
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/loyalty/rewards',
    summary: 'Add a reward with its thresholds per tier',
    tags: ['loyalty'],
    body: rewardBody,
    responses: { 201: 'The reward', 400: 'Invalid request', 409: 'Code already used' },
    handler: async ({ request, reply, body }) => {
      const user = requireAccess(request, 'loyalty:manage');
      const reward = await createReward(ctx, user, body);
      reply.code(201);
      return { id: reward.id, code: reward.code, name: { fr: reward.name_fr, en: reward.name_en } };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/loyalty/rewards/:id/threshold-changes',
    summary:
      'Schedule a threshold change: an increase only after the notice period, every member of the tier told, members close to the old threshold or with a goal protected',
    tags: ['loyalty'],
    params: rewardParams,
    body: thresholdChangeBody,
    responses: {
      201: 'The scheduled change, members notified and protected',
      400: 'Invalid change (e.g. effectiveOn within the notice period)',
      404: 'No such reward',
      409: 'A change is already announced',
    },
    handler: async ({ request, reply, params, body }) => {
      const user = requireAccess(request, 'loyalty:manage');
      const result = await scheduleThresholdChange(ctx, policy, user, { rewardId: params.id, ...body });
      reply.code(201);
      return {
        id: result.change.id,
        rewardId: params.id,
        tier: result.change.tier,
        previousPoints: result.previousPoints,
        points: result.change.points,
        increase: result.increase,
        effectiveOn: result.effectiveOn,
        effectiveFrom: result.change.effective_from.toISOString(),
        protectionUntil: result.change.protection_until?.toISOString() ?? null,
        membersInTier: result.membersInTier,
        notified: result.notified,
        protectedMembers: result.protectedMembers,
      };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/offers',
    summary: 'Offers in force and open retention alerts (prospect offers better than customers get)',
    tags: ['loyalty'],
    responses: { 200: 'Offers and alerts' },
    handler: async ({ request }) => {
      requireAccess(request, 'loyalty:manage');
      const [offers, alerts] = await Promise.all([activeOffers(ctx.db, ctx.clock.now()), openRetentionAlerts(ctx.db)]);
      return {
        items: offers.map(presentOffer),
        retentionAlerts: alerts.map((alert) => ({
          id: alert.id,
          offerId: alert.offer_id,
          product: alert.product,
          prospectPriceCents: alert.prospect_price_cents,
          existingPriceCents: alert.existing_price_cents,
          raisedAt: alert.raised_at.toISOString(),
        })),
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/offers',
    summary:
      'Publish an offer for an audience; a prospects offer below what existing customers pay is refused, or published with a retention alert',
    tags: ['loyalty'],
    body: offerBody,
    responses: {
      201: 'The offer (and the retention alert raised, if any)',
      400: 'Invalid request',
      409: 'Prospects would pay less',
    },
    handler: async ({ request, reply, body }) => {
      const user = requireAccess(request, 'loyalty:manage');
      const result = await publishOffer(ctx, user, body);
      reply.code(201);
      return {
        ...presentOffer(result.offer),
        retentionAlert: result.alert
          ? {
              id: result.alert.id,
              prospectPriceCents: result.alert.prospect_price_cents,
              existingPriceCents: result.alert.existing_price_cents,
            }
          : null,
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/offers/retention-alerts/:id/resolve',
    summary: 'Mark a retention alert as dealt with, saying what was done (kept in the audit trail with who did it)',
    tags: ['loyalty'],
    params: retentionAlertParams,
    body: retentionAlertResolutionBody,
    responses: {
      200: 'The resolved alert',
      400: 'Invalid request (the field is named)',
      404: 'No such retention alert',
      409: 'Already resolved',
    },
    handler: async ({ request, params, body }) => {
      const user = requireAccess(request, 'loyalty:manage');
      const at = ctx.clock.now();
      const resolved = await ctx.db.transaction().execute(async (trx) => {
        const alert = await resolveRetentionAlert(trx, params.id, at);
        if (alert === null) throw notFound('Retention alert');
        if (alert === 'already') throw conflict('This retention alert was already resolved.');
        await recordAudit(trx, {
          actorUserId: user.id,
          action: 'offer_retention_alert.resolved',
          subjectType: 'offer_retention_alert',
          subjectId: alert.id,
          details: { note: body.note, offerId: alert.offer_id, product: alert.product },
        });
        return alert;
      });
      return {
        id: resolved.id,
        offerId: resolved.offer_id,
        product: resolved.product,
        resolvedAt: at.toISOString(),
        resolvedBy: { id: user.id, name: user.displayName },
        note: body.note,
      };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/customers/:id/offers',
    summary: 'The best offer per product this customer is entitled to (and what a prospect would get)',
    tags: ['loyalty'],
    params: customerParams,
    responses: { 200: 'Best offers', 404: 'No such customer visible to you' },
    handler: async ({ request, params }) => {
      const user = requireAccess(request, 'loyalty:read');
      await customerInScope(user, params.id);
      const result = await bestOffersForCustomer(ctx, params.id);
      await logStaffRead(user, params.id, 'GET /api/customers/:id/offers', request);
      return {
        existingCustomer: result.existing,
        tier: result.tier,
        items: result.best.map((offer) => {
          const prospect = result.prospect.find((p) => p.product === offer.product);
          return {
            ...presentOffer(offer),
            prospectMonthlyPriceCents: prospect?.monthly_price_cents ?? null,
          };
        }),
      };
    },
  });
}
