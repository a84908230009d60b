/** What a reply letter needs to know about the customer (Kysely). */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';

export async function findLetterRecipient(db: Kysely<Database>, customerId: string) {
  return db
    .selectFrom('customers')
    .select([
      'civility',
      'first_name',
      'last_name',
      'address_line1',
      'address_line2',
      'postcode',
      'city',
      'country',
      'preferred_language',
    ])
    .where('id', '=', customerId)
    .executeTakeFirstOrThrow();
}

export type LetterRecipient = Awaited<ReturnType<typeof findLetterRecipient>>;
