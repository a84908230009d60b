/** Database access for the broken-promise scan (Kysely); case writes reuse the cases module's queries. */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';

type Db = Kysely<Database>;

/**
 * Open promises past due on cases still being worked on. Cases waiting on the customer are left
 * out: their promises are paused and move when the customer answers (PRODUCT.md).
 */
export async function listBrokenPromises(db: Db, input: { now: Date; limit: number }) {
  return db
    .selectFrom('case_promises as promise')
    .innerJoin('cases', 'cases.id', 'promise.case_id')
    .select(['promise.id as promise_id', 'promise.case_id'])
    .where('promise.status', '=', 'open')
    .where('promise.due_at', '<', input.now)
    .where('cases.status', 'in', ['open', 'in_progress'])
    .orderBy('promise.due_at')
    .limit(input.limit)
    .execute();
}

/** Who to write to, in which language, and whose name to give. */
export async function findMessageContext(db: Db, caseId: string) {
  return db
    .selectFrom('cases')
    .innerJoin('customers', 'customers.id', 'cases.customer_id')
    .innerJoin('users as owner', 'owner.id', 'cases.owner_user_id')
    .select([
      'cases.reference',
      'customers.civility',
      'customers.first_name',
      'customers.last_name',
      'customers.email',
      'customers.phone',
      'customers.preferred_channel',
      'customers.preferred_language',
      'customers.address_line1',
      'customers.address_line2',
      'customers.postcode',
      'customers.city',
      'owner.display_name as owner_name',
      'owner.advisor_code as owner_code',
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirstOrThrow();
}

export type MessageContext = Awaited<ReturnType<typeof findMessageContext>>;
