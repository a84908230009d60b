/**
 * Two customer records merge: a person's consent is their latest word, whichever record it was
 * given on. The history moves; for each purpose the most recent decision becomes the survivor's.
 */
import { sql } from 'kysely';
import type { CustomerMergeStep } from '../customers/merge-steps.js';
import { moveCustomerRows } from '../customers/merge-queries.js';

export const consentMergeStep: CustomerMergeStep = {
  tables: ['customer_consents'],
  async merge(trx, { from, into }) {
    // Where both records decided on a purpose, the later decision wins on the survivor.
    const { rows } = await sql<{ n: number }>`
      with newer as (
        update customer_consents as kept
        set status = moving.status, source = moving.source, recorded_at = moving.recorded_at,
            recorded_by_user_id = moving.recorded_by_user_id, evidence = moving.evidence
        from customer_consents as moving
        where kept.customer_id = ${into} and moving.customer_id = ${from}
          and moving.purpose = kept.purpose and moving.recorded_at > kept.recorded_at
        returning 1
      )
      select count(*)::int as n from newer`.execute(trx);
    const moved = await moveCustomerRows(trx, { table: 'customer_consents', column: 'customer_id' }, from, into);
    return { customer_consents: moved + Number(rows[0]?.n ?? 0) };
  },
};
