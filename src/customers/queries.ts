import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import { normaliseName, normalisePhone } from './normalise.js';
import type { CustomerScope } from './scope.js';

type CustomerEb = ExpressionBuilder<Database, 'customers'>;

/** The one scope condition on the customers table (see scope.ts). */
export function inScope(eb: CustomerEb, scope: CustomerScope) {
  if (scope.kind === 'customer') return eb('customers.id', '=', scope.customerId);
  if (scope.kind === 'site') return eb('customers.serving_site_id', '=', scope.siteId);
  return eb.lit(true);
}

/**
 * A customer the scope may see that is not a merged tombstone; each module selects the columns
 * it needs: `liveCustomerInScope(db, id, scope).select([...]).executeTakeFirst()`.
 */
export function liveCustomerInScope(db: Kysely<Database>, customerId: string, scope: CustomerScope) {
  return db
    .selectFrom('customers')
    .where('customers.id', '=', customerId)
    .where('customers.merged_into_customer_id', 'is', null)
    .where((eb) => inScope(eb, scope));
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Turns what an advisor types into one condition: reference, id, e-mail, phone or name. */
function matches(eb: CustomerEb, text: string) {
  if (/^CL-\d+$/i.test(text)) return eb('customers.reference', '=', text.toUpperCase());
  if (uuidPattern.test(text)) return eb('customers.id', '=', text.toLowerCase());
  if (text.includes('@')) return eb(eb.fn('lower', ['customers.email']), 'like', `${escapeLike(text.toLowerCase())}%`);
  const phone = normalisePhone(text);
  if (phone) {
    return eb.or([
      eb('customers.phone', '=', phone),
      eb(
        'customers.id',
        'in',
        eb
          .selectFrom('subscriptions')
          .select('subscriptions.customer_id')
          .where((sub) =>
            sub.or([sub('subscriptions.msisdn', '=', phone), sub('subscriptions.line_number', '=', phone)]),
          ),
      ),
    ]);
  }
  const words = normaliseName(text).split(' ').filter(Boolean).map(escapeLike);
  if (words.length === 0) return eb.lit(false);
  if (words.length === 1) {
    return eb.or([
      eb('customers.search_name', 'like', `${words[0]}%`),
      eb('customers.search_name', 'like', `% ${words[0]}%`),
    ]);
  }
  const asTyped = words.join(' ');
  const reversed = [...words.slice(1), words[0]].join(' ');
  return eb.or([
    eb('customers.search_name', 'like', `${asTyped}%`),
    eb('customers.search_name', 'like', `${reversed}%`),
  ]);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

export async function searchCustomers(
  db: Kysely<Database>,
  input: { text: string; scope: CustomerScope; limit: number; after: [string, string] | null },
) {
  let query = db
    .selectFrom('customers')
    .select((eb) => [
      'customers.id',
      'customers.reference',
      'customers.first_name',
      'customers.last_name',
      'customers.email',
      'customers.phone',
      'customers.city',
      'customers.search_name',
      eb
        .selectFrom('subscriptions')
        .select(eb.fn.countAll<number>().as('count'))
        .whereRef('subscriptions.customer_id', '=', 'customers.id')
        .as('subscription_count'),
    ])
    .where((eb) => eb.and([inScope(eb, input.scope), matches(eb, input.text)]))
    // Merged duplicates are tombstones: only the surviving record is found.
    .where('customers.merged_into_customer_id', 'is', null)
    .orderBy('customers.search_name')
    .orderBy('customers.id')
    .limit(input.limit);
  if (input.after) {
    const [searchName, id] = input.after;
    query = query.where((eb) =>
      eb.or([
        eb('customers.search_name', '>', searchName),
        eb.and([eb('customers.search_name', '=', searchName), eb('customers.id', '>', id)]),
      ]),
    );
  }
  return query.execute();
}

export async function findCustomer(db: Kysely<Database>, id: string, scope: CustomerScope) {
  const customer = await db
    .selectFrom('customers')
    .leftJoin('sites', 'sites.id', 'customers.serving_site_id')
    .selectAll('customers')
    .select(['sites.name as site_name', 'sites.kind as site_kind'])
    .where('customers.id', '=', id)
    .where((eb) => inScope(eb, scope))
    .executeTakeFirst();
  if (!customer) return null;
  const [accounts, subscriptions] = await Promise.all([
    db.selectFrom('accounts').selectAll().where('customer_id', '=', id).orderBy('created_at').execute(),
    db.selectFrom('subscriptions').selectAll().where('customer_id', '=', id).orderBy('started_at').execute(),
  ]);
  return { customer, accounts, subscriptions };
}

export type CustomerFile = NonNullable<Awaited<ReturnType<typeof findCustomer>>>;

export async function countCustomers(db: Kysely<Database>) {
  const [customers, subscriptions] = await Promise.all([
    db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('customers.merged_into_customer_id', 'is', null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('subscriptions')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('count')])
      .where('status', '!=', 'terminated')
      .groupBy('kind')
      .execute(),
  ]);
  const byKind = { fixed_box: 0, mobile_line: 0 };
  for (const row of subscriptions) byKind[row.kind] = row.count;
  return { customers: customers.count, subscriptions: byKind };
}
