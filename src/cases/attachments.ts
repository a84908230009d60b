/**
 * Attachments: a customer or an advisor adds a file (PDF, PNG or JPEG) to a case. The type is
 * read from the bytes, not trusted from the header, and a retried upload is stored once.
 */
import { createHash } from 'node:crypto';
import { recordAudit } from '../audit/queries.js';
import { customerScopeFor } from '../customers/scope.js';
import { findDocumentByIdempotencyKey, findDocumentMeta, insertDocument } from '../documents/queries.js';
import type { AttachmentType } from '../documents/tables.js';
import type { AuthUser } from '../identity/queries.js';
import type { AppContext } from '../platform/http/context.js';
import { HttpProblem, notFound } from '../platform/http/problem.js';
import { invalidField } from './errors.js';
import { inTransaction, lockCase } from './queries.js';

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

const signatures: Array<[AttachmentType, number[]]> = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
];

/** What the bytes are, whatever the request says. */
export function sniffAttachmentType(bytes: Uint8Array): AttachmentType | null {
  for (const [type, signature] of signatures) {
    if (signature.every((byte, index) => bytes[index] === byte)) return type;
  }
  return null;
}

/** A name safe to show and to put in a download header: no path, no control characters. */
export function cleanFilename(raw: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const base = decoded.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/\p{Cc}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return null;
  return cleaned.slice(0, 200);
}

export interface AttachmentInput {
  caseId: string;
  declaredType: string;
  filename: string | undefined;
  content: Buffer;
  idempotencyKey: string | null;
}

export async function addAttachment(ctx: AppContext, user: AuthUser, input: AttachmentInput) {
  if (input.content.length === 0) throw invalidField('body', 'is empty: send the file as the request body');
  const actualType = sniffAttachmentType(input.content);
  if (!actualType) {
    throw new HttpProblem(415, 'Unsupported file', 'Only PDF, PNG and JPEG files can be attached.', [
      { field: 'body', message: 'is not a PDF, PNG or JPEG file' },
    ]);
  }
  if (actualType !== input.declaredType) {
    throw new HttpProblem(415, 'Wrong content type', `The file is ${actualType}, not ${input.declaredType}.`, [
      { field: 'headers.content-type', message: `does not match the file, which is ${actualType}` },
    ]);
  }
  const filename = input.filename === undefined ? null : cleanFilename(input.filename);
  if (!filename) throw invalidField('headers.x-filename', 'must give the file name (URI-encoded)');
  const sha256 = createHash('sha256').update(input.content).digest('hex');
  const requestHash = createHash('sha256').update(`${filename}\n${sha256}`).digest('hex');
  const now = ctx.clock.now();

  return inTransaction(ctx.db, async (trx) => {
    // The case lock serialises retries of one upload, so the replay check cannot race.
    const row = await lockCase(trx, input.caseId, customerScopeFor(user));
    if (!row) throw notFound('Case');
    if (input.idempotencyKey) {
      const existing = await findDocumentByIdempotencyKey(trx, row.id, input.idempotencyKey);
      if (existing) {
        if (existing.request_sha256 !== requestHash) {
          throw new HttpProblem(422, 'Idempotency-Key reused', 'This Idempotency-Key was used for another file.');
        }
        return { document: existing, replayed: true };
      }
    }
    if (row.status === 'closed' || row.status === 'merged') {
      throw new HttpProblem(
        409,
        'Case closed',
        `Case ${row.reference} is ${row.status}; files can no longer be added.`,
      );
    }
    const { id } = await insertDocument(trx, {
      case_id: row.id,
      customer_id: row.customer_id,
      kind: 'attachment',
      filename,
      content: input.content,
      content_type: actualType,
      sha256,
      created_by: user.id,
      created_at: now,
      idempotency_key: input.idempotencyKey,
      request_sha256: requestHash,
    });
    await recordAudit(trx, {
      actorUserId: user.id,
      action: 'case.attachment_added',
      subjectType: 'case',
      subjectId: row.id,
      details: { documentId: id, filename, contentType: actualType, size: input.content.length },
    });
    const document = await findDocumentMeta(trx, row.id, id);
    if (!document) throw new Error('attachment vanished inside its own transaction');
    return { document, replayed: false };
  });
}
