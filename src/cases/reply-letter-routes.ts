/** Reply letters and case documents: thin routes over reply-letter.ts and the documents queries. */
import type { FastifyInstance } from 'fastify';
import { logCustomerRead } from '../audit/queries.js';
import { customerScopeFor } from '../customers/scope.js';
import { presentDocument } from '../documents/present.js';
import { findDocumentContent } from '../documents/queries.js';
import { requireAccess } from '../identity/auth.js';
import type { AppContext } from '../platform/http/context.js';
import { idempotencyKeyOf } from '../platform/http/idempotency-key.js';
import { notFound } from '../platform/http/problem.js';
import { defineRoute } from '../platform/http/route.js';
import { findCase } from './file-queries.js';
import { createReplyLetter } from './reply-letter.js';
import { caseDocumentParams, replyLetterBody } from './reply-letter-schema.js';
import { caseIdParams } from './schema.js';

/** `attachment; filename="…"` with an RFC 5987 twin for names outside ASCII. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function registerReplyLetterRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'POST',
    url: '/api/cases/:id/reply-letter',
    summary:
      'Answer a written complaint by letter: a signed PDF, a timeline entry, the reply promise settled, the letter queued for posting',
    tags: ['cases', 'documents'],
    params: caseIdParams,
    body: replyLetterBody,
    responses: {
      201: 'The letter (also for a replay, with Idempotent-Replayed: true)',
      400: 'Invalid request',
      403: 'Role not allowed',
      404: 'No such case visible to you',
      422: 'Not a written complaint, or Idempotency-Key reused for another letter',
    },
    handler: async ({ request, reply, params, body }) => {
      const user = requireAccess(request, 'case:write');
      const result = await createReplyLetter(ctx, user, {
        caseId: params.id,
        body,
        idempotencyKey: idempotencyKeyOf(request),
      });
      const document = presentDocument(result.document);
      reply.code(201).header('location', document.url);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return document;
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/cases/:id/documents/:documentId',
    summary: 'Download a case document (PDF or image). Subscribers their own; staff reads are logged.',
    tags: ['cases', 'documents'],
    params: caseDocumentParams,
    responses: { 200: 'The file', 401: 'Not logged in', 404: 'No such document visible to you' },
    handler: async ({ request, reply, params }) => {
      const user = requireAccess(request, 'case:read');
      // Visibility is the case's: a document of a case you cannot see does not exist for you.
      const found = await findCase(ctx.db, params.id, customerScopeFor(user));
      if (!found) throw notFound('Document');
      const document = await findDocumentContent(ctx.db, found.id, params.documentId);
      if (!document) throw notFound('Document');
      if (user.role !== 'subscriber') {
        await logCustomerRead(ctx.db, {
          staffUserId: user.id,
          customerId: document.customer_id,
          route: 'GET /api/cases/:id/documents/:documentId',
          requestId: request.id,
        });
      }
      reply
        .type(document.content_type)
        // An uploaded file is never rendered by the browser as our page: download, no sniffing.
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', contentDisposition(document.filename))
        .header('cache-control', 'private, no-store')
        .header('etag', `"${document.sha256}"`);
      return reply.send(Buffer.from(document.content));
    },
  });
}
