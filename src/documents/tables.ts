import type { Generated } from 'kysely';

export const documentKinds = ['reply_letter'] as const;
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
  created_by: string;
  created_at: Date;
  idempotency_key: string | null;
  request_sha256: string | null;
}
