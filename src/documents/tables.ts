import type { Generated } from 'kysely';

export const documentKinds = ['reply_letter', 'attachment'] as const;
export const attachmentTypes = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type AttachmentType = (typeof attachmentTypes)[number];
export type DocumentKind = (typeof documentKinds)[number];

export interface CaseDocumentsTable {
  id: Generated<string>;
  case_id: string;
  customer_id: string;
  kind: DocumentKind;
  filename: string;
  /** PostgreSQL returns a Buffer, PGlite a Uint8Array: read through `Buffer.from`. */
  content: Uint8Array;
  sha256: string;
  content_type: Generated<AttachmentType>;
  created_by: string;
  created_at: Date;
  idempotency_key: string | null;
  request_sha256: string | null;
}
