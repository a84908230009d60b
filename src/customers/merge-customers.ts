/**
 * Merging duplicate customer records from different channels (PRODUCT.md, Repeat contact), in one
 * transaction: every row that carries the duplicate's customer_id — accounts, subscriptions,
 * cases and their history, promises, interactions, outbox messages, access logs, documents, and
 * the subscriber login — moves to the surviving customer. The duplicate is kept as a tombstone
 * (merged_into_customer_id): it is out of search, refuses new cases, and its GET answers 308 with
 * a pointer to the survivor, so an old link or bookmark still leads somewhere. An audit event
 * records who merged, why, and how many rows of each table moved.
 *
 * A retried request (already merged into the same customer) changes nothing and answers with the
 * counts of the original merge.
 */
import { recordAudit } from '../audit/queries.js';
import type { AuthUser } from '../identity/queries.js';
import type { AppContext } from '../platform/http/context.js';
import { badRequest, conflict, notFound } from '../platform/http/problem.js';
import {
  findMergeAudit,
  lockCustomers,
  markCustomerMerged,
  customerColumns,
  moveCustomerRows,
} from './merge-queries.js';
import type { CustomerMergeStep } from './merge-steps.js';
import type { MergeCustomerBody } from './merge-schema.js';
import { customerScopeFor } from './scope.js';

const invalid = (field: string, message: string) => badRequest(`${field}: ${message}`, [{ field, message }]);

export interface CustomerMergeResult {
  survivingCustomerId: string;
  /** Rows moved per table. */
  moved: Record<string, number>;
  replayed: boolean;
}

export async function mergeCustomers(
  ctx: AppContext,
  user: AuthUser,
  input: { customerId: string; body: MergeCustomerBody; steps?: readonly CustomerMergeStep[] },
): Promise<CustomerMergeResult> {
  const { customerId, body } = input;
  const steps = input.steps ?? [];
  const stepTables = new Set(steps.flatMap((step) => step.tables));
  if (body.intoCustomerId === customerId) throw invalid('body.intoCustomerId', 'must be another customer');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    // Locked rows also hold back a concurrent insert referencing either customer until we commit.
    const rows = await lockCustomers(trx, [customerId, body.intoCustomerId], customerScopeFor(user));
    const absorbed = rows.find((row) => row.id === customerId);
    const into = rows.find((row) => row.id === body.intoCustomerId);
    if (!absorbed) throw notFound('Customer');
    if (absorbed.merged_into_customer_id) {
      if (absorbed.merged_into_customer_id !== body.intoCustomerId) {
        throw conflict('This customer record was already merged into another one.');
      }
      const audit = await findMergeAudit(trx, customerId);
      const moved = (audit?.details.moved ?? {}) as Record<string, number>;
      return { survivingCustomerId: body.intoCustomerId, moved, replayed: true };
    }
    if (!into) throw invalid('body.intoCustomerId', 'is not a customer you can merge into');
    if (into.merged_into_customer_id) {
      throw invalid('body.intoCustomerId', 'was itself merged into another customer; merge into that one');
    }
    const moved: Record<string, number> = {};
    for (const target of await customerColumns(trx)) {
      if (stepTables.has(target.table)) continue;
      const key = target.column === 'customer_id' ? target.table : `${target.table}.${target.column}`;
      moved[key] = await moveCustomerRows(trx, target, absorbed.id, into.id);
    }
    for (const step of steps) {
      Object.assign(moved, await step.merge(trx, { from: absorbed.id, into: into.id, at: now, actorUserId: user.id }));
    }
    await markCustomerMerged(trx, absorbed.id, into.id, now);
    const details = {
      absorbedCustomerId: absorbed.id,
      absorbedReference: absorbed.reference,
      survivingCustomerId: into.id,
      survivingReference: into.reference,
      reason: body.reason,
      moved,
    };
    await recordAudit(trx, {
      actorUserId: user.id,
      action: 'customer.merged',
      subjectType: 'customer',
      subjectId: absorbed.id,
      details,
    });
    await recordAudit(trx, {
      actorUserId: user.id,
      action: 'customer.absorbed_duplicate',
      subjectType: 'customer',
      subjectId: into.id,
      details,
    });
    return { survivingCustomerId: into.id, moved, replayed: false };
  });
}
