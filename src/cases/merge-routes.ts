/** Route for merging two cases of the same customer: thin — validate, check access, run mergeCases, present. */
import type { FastifyInstance } from 'fastify';
import { customerScopeFor } from '../customers/scope.js';
import { requireAccess } from '../identity/auth.js';
import type { AppContext } from '../platform/http/context.js';
import { notFound } from '../platform/http/problem.js';
import { defineRoute } from '../platform/http/route.js';
import { loadCaseFile } from './file-queries.js';
import { mergeCases } from './merge-cases.js';
import { mergeCaseBody } from './merge-schema.js';
import { presentCaseFile } from './present.js';
import { caseIdParams } from './schema.js';

export function registerCaseMergeRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'POST',
    url: '/api/cases/:id/merge',
    summary:
      'Merge this case into another case of the same customer: one timeline, the earliest promise kept, the customer told',
    tags: ['cases'],
    params: caseIdParams,
    body: mergeCaseBody,
    responses: {
      200: 'The surviving case file (also for a retried merge, with Idempotent-Replayed: true)',
      400: 'Invalid merge (the field is named): another customer’s case, a closed or merged case',
      403: 'Role not allowed',
      404: 'No such case visible to you',
      409: 'One of the cases changed since you read it, or it was merged elsewhere',
    },
    handler: async ({ request, reply, params, body }) => {
      const user = requireAccess(request, 'case:write');
      const result = await mergeCases(ctx, user, { caseId: params.id, body });
      const file = await loadCaseFile(ctx.db, result.survivingCaseId, customerScopeFor(user));
      if (!file) throw notFound('Case');
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      reply.header('etag', `"${file.case.version}"`).header('location', `/api/cases/${file.case.id}`);
      return presentCaseFile(file, ctx.clock.now());
    },
  });
}
