/** Database access for case merges (Kysely). */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../platform/db/schema.js';

type Db = Kysely<Database>;

/**
 * Every case merged into `caseId`, directly or through a chain (A into B, then B into C: both
 * A and B for C), oldest opened first. The surviving case's timeline is its own contacts plus
 * theirs.
 */
export async function listCasesMergedInto(db: Db, caseId: string) {
  const { rows } = await sql<{ id: string; reference: string; opened_at: Date }>`
    with recursive merged (id, reference, opened_at) as (
      select id, reference, opened_at from cases where merged_into_case_id = ${caseId}
      union
      select c.id, c.reference, c.opened_at from cases c join merged m on c.merged_into_case_id = m.id
    )
    select id, reference, opened_at from merged order by opened_at, id`.execute(db);
  return rows;
}

export type MergedCaseView = Awaited<ReturnType<typeof listCasesMergedInto>>[number];
