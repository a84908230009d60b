/** Who a case can be handed to: the list the reassignment form offers. */
import type { FastifyInstance } from 'fastify';
import { customerScopeFor } from '../customers/scope.js';
import { requireAccess } from '../identity/auth.js';
import type { AppContext } from '../platform/http/context.js';
import { notFound } from '../platform/http/problem.js';
import { defineRoute } from '../platform/http/route.js';
import { findCase } from './file-queries.js';
import { ownerDisplayName } from './owner.js';
import { findCustomerInScope, ownerCandidates } from './queries.js';
import { caseIdParams } from './schema.js';

export function registerOwnerRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/cases/:id/owner-candidates',
    summary: 'Staff who may take the case over (PATCH ownerId), least loaded first within each site',
    tags: ['cases'],
    params: caseIdParams,
    responses: { 200: 'The candidates', 401: 'Not logged in', 403: 'Role not allowed', 404: 'No such case' },
    handler: async ({ request, params }) => {
      const user = requireAccess(request, 'case:write');
      const scope = customerScopeFor(user);
      const found = await findCase(ctx.db, params.id, scope);
      if (!found) throw notFound('Case');
      const customer = await findCustomerInScope(ctx.db, found.customer_id, scope);
      const rows = await ownerCandidates(ctx.db, {
        servingSiteId: customer?.serving_site_id ?? null,
        onlySiteId: user.site?.kind === 'vendor' ? user.site.id : null,
      });
      return {
        items: rows.map((row) => ({
          id: row.id,
          displayName: ownerDisplayName(row.display_name, row.advisor_code),
          role: row.role,
          site: row.site_name ? { name: row.site_name, code: row.site_code } : null,
          openCases: Number(row.open_cases ?? 0),
          isOwner: row.id === found.owner_user_id,
        })),
      };
    },
  });
}
