/** Route for merging duplicate customer records: thin — validate, check access, run mergeCustomers, present. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { requireAccess } from '../identity/auth.js';
import type { AppContext } from '../platform/http/context.js';
import { notFound } from '../platform/http/problem.js';
import { defineRoute } from '../platform/http/route.js';
import { mergeCustomers } from './merge-customers.js';
import { findMergedCustomerTarget } from './merge-queries.js';
import type { CustomerMergeStep } from './merge-steps.js';
import { mergeCustomerBody } from './merge-schema.js';
import { presentCustomerFile } from './present.js';
import { findCustomer } from './queries.js';
import { customerIdParams } from './schema.js';
import { type CustomerScope, customerScopeFor } from './scope.js';

export function registerCustomerMergeRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  mergeSteps: readonly CustomerMergeStep[] = [],
): void {
  defineRoute(app, {
    method: 'POST',
    url: '/api/customers/:id/merge',
    summary:
      'Merge a duplicate customer record into another: everything it owns moves, it stays as a tombstone (supervisors, admins)',
    tags: ['customers'],
    params: customerIdParams,
    body: mergeCustomerBody,
    responses: {
      200: 'The surviving customer file and the rows moved per table (also for a retry, with Idempotent-Replayed: true)',
      400: 'Invalid merge (the field is named)',
      403: 'Role not allowed',
      404: 'No such customer visible to you',
      409: 'Already merged into another customer',
    },
    handler: async ({ request, reply, params, body }) => {
      const user = requireAccess(request, 'customer:merge');
      const result = await mergeCustomers(ctx, user, { customerId: params.id, body, steps: mergeSteps });
      const file = await findCustomer(ctx.db, result.survivingCustomerId, customerScopeFor(user));
      if (!file) throw notFound('Customer');
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      reply.header('location', `/api/customers/${result.survivingCustomerId}`);
      return { customer: presentCustomerFile(file), absorbedCustomerId: params.id, moved: result.moved };
    },
  });
}

/**
 * A merged duplicate's GET: 308 to the surviving customer, with a small body naming it. Browsers
 * (and the web app's fetch) follow it, so an old link opens the surviving file; API clients see
 * where the record went instead of a bare 404.
 */
export async function pointToSurvivor(ctx: AppContext, reply: FastifyReply, customerId: string, scope: CustomerScope) {
  const target = await findMergedCustomerTarget(ctx.db, customerId, scope);
  if (!target) throw notFound('Customer');
  reply.code(308).header('location', `/api/customers/${target.id}`);
  return { mergedInto: { id: target.id, reference: target.reference } };
}
