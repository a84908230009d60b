/** Case routes: thin — validate, check access, run one use case, present the result. */
import type { FastifyInstance } from 'fastify';
import { logStaffRead } from '../audit/queries.js';
import { customerScopeFor } from '../customers/scope.js';
import { requireAccess } from '../identity/auth.js';
import type { AuthUser } from '../identity/queries.js';
import type { AppContext } from '../platform/http/context.js';
import { decodeCursor, encodeCursor } from '../platform/http/cursor.js';
import { idempotencyKeyOf } from '../platform/http/idempotency-key.js';
import { notFound } from '../platform/http/problem.js';
import { defineRoute } from '../platform/http/route.js';
import { listCustomerCases, listPromises, loadCaseFile } from './file-queries.js';
import { openCase } from './open-case.js';
import { presentCaseFile, presentCaseSummary, presentInteraction } from './present.js';
import { findCustomerInScope } from './queries.js';
import { recordInteraction } from './record-interaction.js';
import { caseIdParams, customerIdParams, interactionBody, openCaseBody, pageQuery, updateCaseBody } from './schema.js';
import { updateCase } from './update-case.js';
import { registerQueueRoutes } from './queue-routes.js';
import { registerReplyLetterRoutes } from './reply-letter-routes.js';
import { registerCaseMergeRoutes } from './merge-routes.js';
import { registerOwnerRoutes } from './owner-routes.js';
import { registerAttachmentRoutes } from './attachment-routes.js';

export function registerCaseRoutes(app: FastifyInstance, ctx: AppContext): void {
  const caseFile = async (user: AuthUser, caseId: string) => {
    const file = await loadCaseFile(ctx.db, caseId, customerScopeFor(user));
    if (!file) throw notFound('Case');
    return file;
  };

  defineRoute(app, {
    method: 'POST',
    url: '/api/cases',
    summary: 'Open a case: a named owner, the first promise from the type’s policy, the opening contact',
    tags: ['cases'],
    body: openCaseBody,
    responses: {
      201: 'The case file',
      400: 'Invalid request (the field is named)',
      401: 'Not logged in',
      403: 'Role not allowed',
    },
    handler: async ({ request, reply, body }) => {
      const user = requireAccess(request, 'case:open');
      const caseId = await openCase(ctx, user, body);
      const file = await caseFile(user, caseId);
      reply.code(201).header('location', `/api/cases/${caseId}`).header('etag', `"${file.case.version}"`);
      return presentCaseFile(file, ctx.clock.now());
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/cases/:id',
    summary: 'A case file: timeline (oldest first), current promise, promise history, flags. Staff reads are logged.',
    tags: ['cases'],
    params: caseIdParams,
    responses: { 200: 'The case file (ETag = version)', 401: 'Not logged in', 404: 'No such case visible to you' },
    handler: async ({ request, reply, params }) => {
      const user = requireAccess(request, 'case:read');
      const file = await caseFile(user, params.id);
      await logStaffRead(ctx.db, user, file.case.customer_id, 'GET /api/cases/:id', request.id);
      reply.header('etag', `"${file.case.version}"`);
      return presentCaseFile(file, ctx.clock.now());
    },
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/cases/:id',
    summary: 'Change status, owner, priority, tags or a promise date; send the version you read (or If-Match)',
    tags: ['cases'],
    params: caseIdParams,
    body: updateCaseBody,
    responses: {
      200: 'The updated case file',
      400: 'Invalid change',
      404: 'No such case visible to you',
      409: 'The case changed since you read it',
      428: 'No version sent',
    },
    handler: async ({ request, reply, params, body }) => {
      const user = requireAccess(request, 'case:write');
      const ifMatch = request.headers['if-match'];
      await updateCase(ctx, user, {
        caseId: params.id,
        body,
        ifMatch: typeof ifMatch === 'string' ? ifMatch : undefined,
      });
      const file = await caseFile(user, params.id);
      reply.header('etag', `"${file.case.version}"`);
      return presentCaseFile(file, ctx.clock.now());
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/cases/:id/interactions',
    summary: 'Add a contact to the timeline; a repeated Idempotency-Key returns the first result',
    tags: ['cases'],
    params: caseIdParams,
    body: interactionBody,
    responses: {
      201: 'The interaction (also for a replay, with Idempotent-Replayed: true)',
      400: 'Invalid request',
      404: 'No such case visible to you',
      422: 'Idempotency-Key reused for a different interaction',
    },
    handler: async ({ request, reply, params, body }) => {
      const user = requireAccess(request, 'case:contact');
      const result = await recordInteraction(ctx, user, {
        caseId: params.id,
        body,
        idempotencyKey: idempotencyKeyOf(request),
      });
      reply.code(201);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return presentInteraction(result.interaction);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/customers/:id/cases',
    summary: "A customer's cases, open and closed, newest first",
    tags: ['cases'],
    params: customerIdParams,
    query: pageQuery,
    responses: { 200: 'A page of cases', 401: 'Not logged in', 404: 'No such customer visible to you' },
    handler: async ({ request, params, query }) => {
      const user = requireAccess(request, 'case:read');
      const scope = customerScopeFor(user);
      if (!(await findCustomerInScope(ctx.db, params.id, scope))) throw notFound('Customer');
      const after = decodeCursor(query.cursor, 2) as [string, string] | null;
      const rows = await listCustomerCases(ctx.db, { customerId: params.id, scope, limit: query.limit + 1, after });
      const page = rows.slice(0, query.limit);
      const promises = await listPromises(
        ctx.db,
        page.map((row) => row.id),
      );
      await logStaffRead(ctx.db, user, params.id, 'GET /api/customers/:id/cases', request.id);
      const now = ctx.clock.now();
      const last = page.at(-1);
      return {
        items: page.map((row) =>
          presentCaseSummary(
            row,
            promises.filter((promise) => promise.case_id === row.id),
            now,
          ),
        ),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.opened_at.toISOString(), last.id]) : null,
      };
    },
  });

  registerQueueRoutes(app, ctx);
  registerReplyLetterRoutes(app, ctx);
  registerCaseMergeRoutes(app, ctx);
  registerOwnerRoutes(app, ctx);
  registerAttachmentRoutes(app, ctx);
}
