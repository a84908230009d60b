/**
 * Data that cannot simply be re-pointed when two customer records merge (an append-only points
 * ledger, a consent whose latest word must win) is merged by its own module through a step. The
 * app lists the steps (src/platform/http/app.ts); the generic move leaves their tables alone.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';

export interface CustomerMerge {
  from: string;
  into: string;
  at: Date;
  actorUserId: string;
}

export interface CustomerMergeStep {
  /** Tables the step merges itself. */
  tables: readonly string[];
  /** Runs inside the merge's transaction; returns rows moved (or written) per table. */
  merge(trx: Kysely<Database>, merge: CustomerMerge): Promise<Record<string, number>>;
}
