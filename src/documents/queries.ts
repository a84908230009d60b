/** Database access for case documents (Kysely). Listing never reads the bytes; downloading does. */
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { CaseDocumentsTable } from './tables.js';

type Db = Kysely<Database>;

const listColumns = [
  'doc.id',
  'doc.case_id',
  'doc.kind',
  'doc.filename',
  'doc.sha256',
  'doc.content_type',
  'doc.created_at',
  'doc.idempotency_key',
  'doc.request_sha256',
  'users.display_name as created_by_name',
  'users.advisor_code as created_by_code',
] as const;

export async function insertDocument(db: Db, values: Insertable<CaseDocumentsTable>) {
  return db.insertInto('case_documents').values(values).returning('id').executeTakeFirstOrThrow();
}

function documentsWithAuthor(db: Db) {
  return db
    .selectFrom('case_documents as doc')
    .innerJoin('users', 'users.id', 'doc.created_by')
    .select(listColumns)
    .select((eb) => eb.fn<number>('octet_length', ['doc.content']).as('size'));
}

/** The document a request with this Idempotency-Key already made on the case, if any. */
export async function findDocumentByIdempotencyKey(db: Db, caseId: string, idempotencyKey: string) {
  return documentsWithAuthor(db)
    .where('doc.case_id', '=', caseId)
    .where('doc.idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
}

export async function findDocumentMeta(db: Db, caseId: string, documentId: string) {
  return documentsWithAuthor(db).where('doc.case_id', '=', caseId).where('doc.id', '=', documentId).executeTakeFirst();
}

export type DocumentRow = NonNullable<Awaited<ReturnType<typeof findDocumentMeta>>>;

/** A case's documents, oldest first, without their bytes. */
export async function listCaseDocuments(db: Db, caseId: string): Promise<DocumentRow[]> {
  return documentsWithAuthor(db)
    .where('doc.case_id', '=', caseId)
    .orderBy('doc.created_at')
    .orderBy('doc.id')
    .execute();
}

/** The bytes of one document of the case (the caller has checked the case is visible). */
export async function findDocumentContent(db: Db, caseId: string, documentId: string) {
  return db
    .selectFrom('case_documents')
    .select(['id', 'customer_id', 'filename', 'content', 'sha256', 'content_type'])
    .where('case_id', '=', caseId)
    .where('id', '=', documentId)
    .executeTakeFirst();
}
