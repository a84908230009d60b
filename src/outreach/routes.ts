/** Consent and campaign-dialler routes: thin — access check, validation, one use case, presentation. */
import type { FastifyInstance } from 'fastify';
import { logStaffRead, logStaffReads } from '../audit/queries.js';
import { customerScopeFor } from '../customers/scope.js';
import { requireAccess } from '../identity/auth.js';
import type { AuthUser } from '../identity/queries.js';
import type { AppContext } from '../platform/http/context.js';
import { decodeCursor, encodeCursor } from '../platform/http/cursor.js';
import { idempotencyKeyOf } from '../platform/http/idempotency-key.js';
import { badRequest, notFound, problemBody, HttpProblem } from '../platform/http/problem.js';
import { defineRoute } from '../platform/http/route.js';
import {
  changeConsent,
  decideForCustomer,
  nextCallable,
  presentAttempt,
  recordAttempt,
  releaseReserved,
  reservationStatus,
  reserveCallable,
} from './calls.js';
import {
  callHistory,
  caseContacts,
  consentHistory,
  createCampaign,
  currentConsents,
  findCustomerInScope,
  listCampaigns,
} from './queries.js';
import { type OutreachPolicy, RULE_LABELS, outreachPolicyFromEnv } from './rules.js';
import {
  attemptBody,
  callableQuery,
  campaignBody,
  campaignParams,
  consentBody,
  consentParams,
  contactHistoryQuery,
  customerParams,
  reservationBody,
  reservationParams,
} from './schema.js';
import { consentPurposes } from './tables.js';

export function registerOutreachRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  policy: OutreachPolicy = outreachPolicyFromEnv(process.env),
): void {
  const customerInScope = async (user: AuthUser, customerId: string) => {
    const customer = await findCustomerInScope(ctx.db, customerId, customerScopeFor(user));
    if (!customer) throw notFound('Customer');
    return customer;
  };

  const salesCallStatus = async (customerId: string) => {
    const marketing = await decideForCustomer(ctx, policy, customerId, false);
    const contract = await decideForCustomer(ctx, policy, customerId, true);
    // The badge is about the customer, not the clock: outside calling hours is not a "do not call".
    const durable = (d: typeof marketing) =>
      !d.allowed && !['weekend', 'public_holiday', 'outside_calling_hours'].includes(d.rule) ? d : null;
    const blocked = durable(marketing);
    return {
      doNotCallForSales: blocked !== null,
      rule: blocked && !blocked.allowed ? blocked.rule : null,
      ruleLabel: blocked && !blocked.allowed ? RULE_LABELS[blocked.rule] : null,
      until: blocked && !blocked.allowed && blocked.until ? blocked.until.toISOString() : null,
      contractOffersAllowed: durable(contract) === null,
    };
  };

  defineRoute(app, {
    method: 'GET',
    url: '/api/customers/:id/consents',
    summary:
      "A customer's consents per purpose (granted, withdrawn or never given), their history and the sales-call status",
    tags: ['outreach'],
    params: customerParams,
    responses: { 200: 'Consents', 401: 'Not logged in', 404: 'No such customer visible to you' },
    handler: async ({ request, params }) => {
      const user = requireAccess(request, 'consent:read');
      await customerInScope(user, params.id);
      const [current, history, salesCalls] = await Promise.all([
        currentConsents(ctx.db, params.id),
        consentHistory(ctx.db, params.id, 50),
        salesCallStatus(params.id),
      ]);
      await logStaffRead(ctx.db, user, params.id, 'GET /api/customers/:id/consents', request.id);
      return {
        consents: consentPurposes.map((purpose) => {
          const row = current.find((c) => c.purpose === purpose);
          return {
            purpose,
            status: row?.status ?? 'none',
            source: row?.source ?? null,
            recordedAt: row?.recorded_at.toISOString() ?? null,
            recordedBy: row?.recorded_by ?? null,
            evidence: row?.evidence ?? null,
          };
        }),
        history: history.map((h) => ({
          id: h.id,
          purpose: h.purpose,
          status: h.status,
          source: h.source,
          recordedAt: h.recorded_at.toISOString(),
          recordedBy: h.recorded_by,
          evidence: h.evidence,
        })),
        salesCalls,
      };
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/customers/:id/consents/:purpose',
    summary:
      'Grant or withdraw a consent (one click in the portal, or an advisor told by the customer); takes effect at once',
    tags: ['outreach'],
    params: consentParams,
    body: consentBody,
    responses: { 204: 'Recorded', 400: 'Invalid request', 404: 'No such customer visible to you' },
    handler: async ({ request, reply, params, body }) => {
      const user = requireAccess(request, 'consent:write');
      await customerInScope(user, params.id);
      const staff = user.role !== 'subscriber';
      if (!staff && body.source && body.source !== 'portal') {
        throw badRequest('body.source: is set by Suivi for the portal', [
          { field: 'body.source', message: 'is set by Suivi for the portal' },
        ]);
      }
      const source = staff ? (body.source ?? 'advisor') : 'portal';
      // A marketing consent must be provable: staff say what proves it; the portal is its own proof.
      if (staff && body.status === 'granted' && params.purpose !== 'service_messages' && !body.evidence) {
        throw badRequest('body.evidence: is required to record a marketing consent given to staff', [
          { field: 'body.evidence', message: 'is required to record a marketing consent given to staff' },
        ]);
      }
      const evidence =
        body.evidence ??
        (staff ? null : `Espace client, ${request.headers['user-agent']?.slice(0, 200) ?? 'navigateur'}`);
      await changeConsent(ctx, {
        customerId: params.id,
        purpose: params.purpose,
        status: body.status,
        source,
        userId: user.id,
        evidence,
      });
      reply.code(204);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/customers/:id/contact-history',
    summary:
      'Sales calls (placed and refused by the rules) and case contacts of the last days, and the sales-call status',
    tags: ['outreach'],
    params: customerParams,
    query: contactHistoryQuery,
    responses: { 200: 'Contact history', 401: 'Not logged in', 404: 'No such customer visible to you' },
    handler: async ({ request, params, query }) => {
      const user = requireAccess(request, 'consent:read');
      await customerInScope(user, params.id);
      const since = new Date(ctx.clock.now().getTime() - query.days * 86_400_000);
      const [calls, contacts, salesCalls] = await Promise.all([
        callHistory(ctx.db, params.id, since, 200),
        caseContacts(ctx.db, params.id, since, 200),
        salesCallStatus(params.id),
      ]);
      await logStaffRead(ctx.db, user, params.id, 'GET /api/customers/:id/contact-history', request.id);
      return {
        since: since.toISOString(),
        salesCalls,
        calls: calls.map((c) => ({
          id: c.id,
          at: c.attempted_at.toISOString(),
          campaign: c.campaign,
          campaignPurpose: c.campaign_purpose,
          status: c.status,
          outcome: c.outcome,
          rule: c.blocked_rule,
        })),
        contacts: contacts.map((c) => ({
          id: c.id,
          at: c.occurred_at.toISOString(),
          channel: c.channel,
          direction: c.direction,
          summary: c.summary,
          caseReference: c.case_reference,
        })),
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/outreach/campaigns',
    summary: 'Create a calling campaign (marketing, or an offer on the contract in progress)',
    tags: ['outreach'],
    body: campaignBody,
    responses: { 201: 'The campaign', 400: 'Invalid request', 403: 'Role not allowed' },
    handler: async ({ request, reply, body }) => {
      const user = requireAccess(request, 'outreach:campaign');
      const campaign = await createCampaign(ctx.db, { ...body, userId: user.id, at: ctx.clock.now() });
      reply.code(201).header('location', `/api/outreach/campaigns/${campaign.id}`);
      return presentCampaign(campaign);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/outreach/campaigns',
    summary: 'Campaigns, newest first',
    tags: ['outreach'],
    responses: { 200: 'Campaigns', 403: 'Role not allowed' },
    handler: async ({ request }) => {
      requireAccess(request, 'outreach:campaign');
      return { items: (await listCampaigns(ctx.db, 100)).map(presentCampaign) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/outreach/campaigns/:id/callable',
    summary:
      'The next customers the dialler may call now: consent or contract offer, calling hours in their zone, cap and cooldown applied; read-only, customers held by a dialler agent (reservations) are left out. Several agents should reserve instead (POST …/reservations)',
    tags: ['outreach'],
    params: campaignParams,
    query: callableQuery,
    responses: { 200: 'A page of callable customers', 403: 'Role not allowed', 404: 'No such campaign' },
    handler: async ({ request, params, query }) => {
      const user = requireAccess(request, 'outreach:campaign');
      const after = decodeCursor(query.cursor, 1) as [string] | null;
      const result = await nextCallable(ctx, policy, {
        campaignId: params.id,
        limit: query.limit + 1,
        after: after?.[0] ?? null,
      });
      const page = result.rows.slice(0, query.limit);
      const last = page.at(-1);
      await logStaffReads(
        ctx.db,
        user,
        page.map((row) => row.id),
        'GET /api/outreach/campaigns/:id/callable',
        request.id,
      );
      return {
        campaign: presentCampaign(result.campaign),
        screenedAt: result.now.toISOString(),
        openTimeZones: result.openZones,
        items: page.map((row) => ({
          customerId: row.id,
          reference: row.reference,
          name: `${row.first_name} ${row.last_name}`,
          phone: row.phone,
          timeZone: row.time_zone,
          basis: row.basis,
        })),
        nextCursor: result.rows.length > query.limit && last ? encodeCursor([last.id]) : null,
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/outreach/campaigns/:id/reservations',
    summary:
      'Reserve the next customers the dialler agent may call now (every rule applied; a held reservation counts against the cap) until the lease ends: simultaneous requests never get the same customer, other agents skip them, recording the attempt releases them; Idempotency-Key replays the first result',
    tags: ['outreach'],
    params: campaignParams,
    body: reservationBody,
    responses: {
      201: 'The customers reserved for you (possibly none: nobody callable now), with the lease end; a replay returns the first result',
      400: 'Invalid request (the field is named)',
      403: 'Role not allowed',
      404: 'No such campaign',
      409: 'Campaign closed',
      422: 'Idempotency-Key reused for another request',
    },
    handler: async ({ request, reply, params, body }) => {
      const user = requireAccess(request, 'outreach:campaign');
      const result = await reserveCallable(ctx, policy, user, {
        campaignId: params.id,
        count: body.count,
        leaseSeconds: body.leaseSeconds ?? null,
        after: customerCursor(body.cursor),
        idempotencyKey: idempotencyKeyOf(request),
      });
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      reply.code(201);
      await logStaffReads(
        ctx.db,
        user,
        result.items.map((row) => row.customer_id),
        'POST /api/outreach/campaigns/:id/reservations',
        request.id,
      );
      return {
        id: result.batch.id,
        campaign: presentCampaign(result.campaign),
        reservedAt: result.batch.reserved_at.toISOString(),
        leaseExpiresAt: result.batch.lease_expires_at.toISOString(),
        leaseSeconds: result.batch.lease_seconds,
        requested: result.batch.requested_count,
        openTimeZones: result.openZones,
        items: result.items.map((row) => ({
          reservationId: row.id,
          customerId: row.customer_id,
          reference: row.reference,
          name: `${row.first_name} ${row.last_name}`,
          phone: row.phone,
          timeZone: row.time_zone,
          basis: row.basis,
          status: reservationStatus(row, result.now),
        })),
        nextCursor: result.batch.resume_after_customer_id
          ? encodeCursor([result.batch.resume_after_customer_id])
          : null,
      };
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/outreach/campaigns/:id/reservations/:reservationId',
    summary:
      'Give back a reserved customer you will not call (at once free for other agents); an ended reservation stays as it is',
    tags: ['outreach'],
    params: reservationParams,
    responses: { 204: 'Released (or already ended)', 403: 'Role not allowed', 404: 'No such reservation of yours' },
    handler: async ({ request, reply, params }) => {
      const user = requireAccess(request, 'outreach:campaign');
      await releaseReserved(ctx, user, { campaignId: params.id, reservationId: params.reservationId });
      reply.code(204);
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/outreach/campaigns/:id/reservations',
    summary: 'Give back every customer you still hold in this campaign (end of session)',
    tags: ['outreach'],
    params: campaignParams,
    responses: { 200: 'How many were released', 403: 'Role not allowed', 404: 'No such campaign' },
    handler: async ({ request, params }) => {
      const user = requireAccess(request, 'outreach:campaign');
      const released = await releaseReserved(ctx, user, { campaignId: params.id });
      return { released: released.length };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/outreach/campaigns/:id/attempts',
    summary:
      'Record a call attempt and its outcome; Suivi checks the rules first and records a refused attempt with the rule that refused it (422). Releases your reservation of the customer; a customer another agent holds is refused (409)',
    tags: ['outreach'],
    params: campaignParams,
    body: attemptBody,
    responses: {
      201: 'Attempt recorded (a replay returns the first result)',
      404: 'No such campaign or customer',
      409: 'Campaign closed, or the customer is reserved by another dialler agent',
      422: 'The rules refuse this call now (the rule is named), or Idempotency-Key reused',
    },
    handler: async ({ request, reply, params, body }) => {
      const user = requireAccess(request, 'outreach:campaign');
      const result = await recordAttempt(ctx, policy, user, {
        campaignId: params.id,
        customerId: body.customerId,
        outcome: body.outcome,
        idempotencyKey: idempotencyKeyOf(request),
      });
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      const attempt = presentAttempt(result.attempt);
      if (result.attempt.status === 'blocked') {
        const problem = new HttpProblem(
          422,
          'Call not allowed',
          result.attempt.blocked_reason ?? 'Refused by the rules.',
        );
        return reply
          .code(422)
          .type('application/problem+json')
          .send({ ...problemBody(problem, request.url), rule: attempt.rule, ruleLabel: attempt.ruleLabel, attempt });
      }
      reply.code(201);
      return attempt;
    },
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The customer id in a reservation's nextCursor (a body field, so a bad one names body.cursor). */
function customerCursor(cursor: string | undefined): string | null {
  if (cursor === undefined) return null;
  let value: unknown;
  try {
    value = decodeCursor(cursor, 1)?.[0];
  } catch {
    value = undefined;
  }
  if (typeof value === 'string' && UUID.test(value)) return value;
  throw badRequest('body.cursor: is not a cursor returned by this API', [
    { field: 'body.cursor', message: 'is not a cursor returned by this API' },
  ]);
}

function presentCampaign(campaign: {
  id: string;
  name: string;
  purpose: string;
  created_at: Date;
  closed_at: Date | null;
}) {
  return {
    id: campaign.id,
    name: campaign.name,
    purpose: campaign.purpose,
    createdAt: campaign.created_at.toISOString(),
    closedAt: campaign.closed_at?.toISOString() ?? null,
  };
}
