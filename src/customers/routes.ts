import type { FastifyInstance } from 'fastify';
import { logCustomerRead } from '../audit/queries.js';
import { requireAccess } from '../identity/auth.js';
import type { AppContext } from '../platform/http/context.js';
import { decodeCursor, encodeCursor } from '../platform/http/cursor.js';
import { notFound } from '../platform/http/problem.js';
import { defineRoute } from '../platform/http/route.js';
import { presentCustomerFile } from './present.js';
import { countCustomers, findCustomer, searchCustomers } from './queries.js';
import { customerIdParams, customerSearchQuery } from './schema.js';
import { customerScopeFor } from './scope.js';
import { listSitesWithStaff } from '../sites/queries.js';
import { pointToSurvivor, registerCustomerMergeRoutes } from './merge-routes.js';
import type { CustomerMergeStep } from './merge-steps.js';

/** `mergeSteps`: how other modules merge the data they own when two customer records merge. */
export function registerCustomerRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  mergeSteps: readonly CustomerMergeStep[] = [],
): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/customers',
    summary: 'Search customers by name, phone number, e-mail, reference or id (staff)',
    tags: ['customers'],
    query: customerSearchQuery,
    responses: {
      200: 'A page of matching customers',
      400: 'Invalid query',
      401: 'Not logged in',
      403: 'Role not allowed',
    },
    handler: async ({ request, query }) => {
      const user = requireAccess(request, 'customer:search');
      const after = decodeCursor(query.cursor, 2) as [string, string] | null;
      const rows = await searchCustomers(ctx.db, {
        text: query.q,
        scope: customerScopeFor(user),
        limit: query.limit + 1,
        after,
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => ({
          id: row.id,
          reference: row.reference,
          firstName: row.first_name,
          lastName: row.last_name,
          email: row.email,
          phone: row.phone,
          city: row.city,
          subscriptionCount: Number(row.subscription_count ?? 0),
        })),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.search_name, last.id]) : null,
      };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/customers/:id',
    summary: "A customer's file: contact details, accounts and subscriptions. Staff reads are logged.",
    tags: ['customers'],
    params: customerIdParams,
    responses: {
      200: 'The customer file',
      401: 'Not logged in',
      403: 'Role not allowed',
      308: 'A merged duplicate: Location and mergedInto point to the surviving customer',
      404: 'No such customer visible to you',
    },
    handler: async ({ request, reply, params }) => {
      const user = requireAccess(request, 'customer:read');
      const file = await findCustomer(ctx.db, params.id, customerScopeFor(user));
      if (!file) throw notFound('Customer');
      if (file.customer.merged_into_customer_id) return pointToSurvivor(ctx, reply, params.id, customerScopeFor(user));
      if (user.role !== 'subscriber') {
        await logCustomerRead(ctx.db, {
          staffUserId: user.id,
          customerId: params.id,
          route: 'GET /api/customers/:id',
          requestId: request.id,
        });
      }
      return presentCustomerFile(file);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/overview',
    summary: 'Headline figures: customers, active lines by kind, staff per site',
    tags: ['overview'],
    handler: async ({ request }) => {
      requireAccess(request, 'overview:read');
      const [counts, sites] = await Promise.all([countCustomers(ctx.db), listSitesWithStaff(ctx.db, 'name')]);
      return { ...counts, sites: sites.map(({ id, name, kind, staffCount }) => ({ id, name, kind, staffCount })) };
    },
  });

  registerCustomerMergeRoutes(app, ctx, mergeSteps);
}
