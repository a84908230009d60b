/** Routes for subscribing at the shop counter: the offers a person may take, the sign-up, the day's sign-ups. */
import type { FastifyInstance } from 'fastify';
import { logStaffRead } from '../audit/queries.js';
import { PARIS, addDays, startOfLocalDay, toLocalDate } from '../calendar/index.js';
import { invalidField } from '../cases/errors.js';
import { liveCustomerInScope } from '../customers/queries.js';
import { customerScopeFor } from '../customers/scope.js';
import { linkBaseFor } from '../identity/account-tokens.js';
import { requireAccess } from '../identity/auth.js';
import { bestOffers, presentOffer } from '../loyalty/offers.js';
import { activeOffers, customerIsExisting, memberAccount } from '../loyalty/queries.js';
import type { Tier } from '../loyalty/tables.js';
import type { AppContext } from '../platform/http/context.js';
import { idempotencyKeyOf } from '../platform/http/idempotency-key.js';
import { HttpProblem, notFound } from '../platform/http/problem.js';
import { defineRoute } from '../platform/http/route.js';
import { shopWhereUserWorks } from './access.js';
import { shopCodeParams } from './schema.js';
import { signUpAtCounter } from './sign-up.js';
import { type SignUpView, signUpViews } from './sign-up-queries.js';
import { signUpBody, signUpOffersQuery, signUpsQuery } from './sign-up-schema.js';

function presentSignUp(row: SignUpView) {
  return {
    id: row.id,
    at: row.created_at.toISOString(),
    newCustomer: row.new_customer,
    customer: { id: row.customer_id, reference: row.customer_reference, name: `${row.first_name} ${row.last_name}` },
    account: { reference: row.account_reference },
    subscription: {
      id: row.subscription_id,
      reference: row.subscription_reference,
      kind: row.kind,
      plan: row.plan,
      status: row.subscription_status,
      msisdn: row.msisdn,
      device: row.device_serial ? { serial: row.device_serial, model: row.device_model } : null,
    },
    monthlyPriceCents: row.monthly_price_cents,
    identity: {
      document: row.identity_document,
      numberEnd: row.identity_number_end,
      expiresOn: row.identity_expires_on,
      checkedAt: row.identity_checked_at.toISOString(),
      checkedBy: `${row.staff_name}${row.staff_code ? ` (${row.staff_code})` : ''}`,
    },
  };
}

export function registerSignUpRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/shops/:code/sign-up-offers',
    summary: 'The best offer per product a person may take at the counter: a prospect, or an existing customer',
    tags: ['shops'],
    params: shopCodeParams,
    query: signUpOffersQuery,
    handler: async ({ request, params, query }) => {
      const user = requireAccess(request, 'shop:sign_up');
      await shopWhereUserWorks(ctx.db, user, params.code);
      let who: { existing: boolean; tier: Tier } = { existing: false, tier: 'essentiel' };
      if (query.customerId) {
        const visible = await liveCustomerInScope(ctx.db, query.customerId, customerScopeFor(user))
          .select('id')
          .executeTakeFirst();
        if (!visible) throw invalidField('query.customerId', 'is not a customer you can see');
        await logStaffRead(ctx.db, user, query.customerId, 'GET /api/shops/:code/sign-up-offers', request.id);
        const member = await memberAccount(ctx.db, query.customerId);
        who = { existing: await customerIsExisting(ctx.db, query.customerId), tier: member?.tier ?? 'essentiel' };
      }
      const offers = bestOffers(await activeOffers(ctx.db, ctx.clock.now()), who);
      return { existingCustomer: who.existing, tier: who.tier, items: offers.map(presentOffer) };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/shops/:code/sign-ups',
    summary:
      'Subscribe a customer at the counter: identity checked, customer and line created, consents recorded (Idempotency-Key required)',
    tags: ['shops'],
    params: shopCodeParams,
    body: signUpBody,
    responses: {
      201: 'The sign-up (200 with Idempotent-Replayed: true for a replay)',
      400: 'Invalid request (the field is named)',
      409: 'Possibly already a customer (with possibleCustomers), number in use, or box not on the shelf',
      422: 'Identity not accepted, offer not for this customer, or Idempotency-Key reused',
      428: 'Idempotency-Key missing',
    },
    handler: async ({ request, reply, params, body }) => {
      const user = requireAccess(request, 'shop:sign_up');
      const shop = await shopWhereUserWorks(ctx.db, user, params.code);
      const idempotencyKey = idempotencyKeyOf(request);
      if (!idempotencyKey) {
        throw new HttpProblem(
          428,
          'Idempotency-Key required',
          'Send an Idempotency-Key so that a retry never signs up twice.',
          [{ field: 'headers.idempotency-key', message: 'is required' }],
        );
      }
      const { signUpId, replayed } = await signUpAtCounter(ctx, user, {
        shop,
        body,
        idempotencyKey,
        linkBase: linkBaseFor(ctx.config, request.server),
      });
      const row = await signUpViews(ctx.db).where('shop_sign_ups.id', '=', signUpId).executeTakeFirst();
      if (!row) throw notFound('Sign-up');
      if (replayed) reply.header('idempotent-replayed', 'true');
      reply.code(replayed ? 200 : 201).header('location', `/api/customers/${row.customer_id}`);
      return presentSignUp(row);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/shops/:code/sign-ups',
    summary: "The day's sign-ups at a shop (today by default, shop's local date)",
    tags: ['shops'],
    params: shopCodeParams,
    query: signUpsQuery,
    handler: async ({ request, params, query }) => {
      const user = requireAccess(request, 'shop:sign_up');
      const shop = await shopWhereUserWorks(ctx.db, user, params.code);
      const timeZone = shop.timezone ?? PARIS;
      const date = query.date ?? toLocalDate(ctx.clock.now(), timeZone);
      const rows = await signUpViews(ctx.db)
        .where('shop_sign_ups.site_id', '=', shop.id)
        .where('shop_sign_ups.created_at', '>=', startOfLocalDay(date, timeZone))
        .where('shop_sign_ups.created_at', '<', startOfLocalDay(addDays(date, 1), timeZone))
        .orderBy('shop_sign_ups.created_at', 'desc')
        .execute();
      for (const customerId of new Set(rows.map((row) => row.customer_id))) {
        await logStaffRead(ctx.db, user, customerId, 'GET /api/shops/:code/sign-ups', request.id);
      }
      return { date, items: rows.map(presentSignUp) };
    },
  });
}
