/** Uploading a file to a case: the raw bytes as the body, the name in X-Filename. */
import type { FastifyInstance } from 'fastify';
import { presentDocument } from '../documents/present.js';
import { attachmentTypes } from '../documents/tables.js';
import { requireAccess } from '../identity/auth.js';
import type { AppContext } from '../platform/http/context.js';
import { idempotencyKeyOf } from '../platform/http/idempotency-key.js';
import { HttpProblem } from '../platform/http/problem.js';
import { defineRoute } from '../platform/http/route.js';
import { MAX_ATTACHMENT_BYTES, addAttachment } from './attachments.js';
import { caseIdParams } from './schema.js';

export function registerAttachmentRoutes(app: FastifyInstance, ctx: AppContext): void {
  // Binary bodies only here: the parser lives in this plugin's scope, not the whole API's.
  void app.register(async (scoped) => {
    scoped.addContentTypeParser(
      [...attachmentTypes],
      { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES },
      (_request, body, done) => done(null, body),
    );
    defineRoute(scoped, {
      method: 'POST',
      url: '/api/cases/:id/documents',
      summary:
        'Attach a file to a case (PDF, PNG or JPEG up to 5 MiB): the bytes as the body, Content-Type, X-Filename (URI-encoded), optional Idempotency-Key',
      tags: ['cases', 'documents'],
      params: caseIdParams,
      bodyLimit: MAX_ATTACHMENT_BYTES,
      responses: {
        201: 'The document (also for a replay, with Idempotent-Replayed: true)',
        400: 'No file name or an empty file',
        404: 'No such case visible to you',
        409: 'The case is closed',
        413: 'Larger than 5 MiB',
        415: 'Not a PDF, PNG or JPEG, or not the type declared',
        422: 'Idempotency-Key reused for another file',
      },
      handler: async ({ request, reply, params }) => {
        const user = requireAccess(request, 'case:contact');
        // JSON and text bodies were parsed by the app-wide parsers: not a file we accept.
        if (!Buffer.isBuffer(request.body)) {
          throw new HttpProblem(415, 'Unsupported media type', 'Send the file with its own Content-Type.', [
            { field: 'headers.content-type', message: `must be one of ${attachmentTypes.join(', ')}` },
          ]);
        }
        const filename = request.headers['x-filename'];
        const result = await addAttachment(ctx, user, {
          caseId: params.id,
          declaredType: (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '',
          filename: typeof filename === 'string' ? filename : undefined,
          content: request.body,
          idempotencyKey: idempotencyKeyOf(request),
        });
        const document = presentDocument(result.document);
        reply.code(201).header('location', document.url);
        if (result.replayed) reply.header('idempotent-replayed', 'true');
        return document;
      },
    });
  });
}
