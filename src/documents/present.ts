/** Document rows → API shape: what it is, who made it, where to download it; never the bytes. */
import { ownerDisplayName } from '../cases/owner.js';
import type { DocumentRow } from './queries.js';

export function presentDocument(row: DocumentRow) {
  return {
    id: row.id,
    kind: row.kind,
    filename: row.filename,
    contentType: row.content_type,
    size: Number(row.size),
    sha256: row.sha256,
    createdAt: row.created_at,
    // Named the way the customer sees their advisor; the full name is on the letter's signature.
    createdBy: ownerDisplayName(row.created_by_name, row.created_by_code),
    url: `/api/cases/${row.case_id}/documents/${row.id}`,
  };
}
