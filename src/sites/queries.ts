import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';

/** Every site with its staff count; by kind then name (the sites list) or by name (the overview). */
export function listSitesWithStaff(db: Kysely<Database>, order: 'kind' | 'name') {
  let query = db
    .selectFrom('sites')
    .leftJoin('users', 'users.site_id', 'sites.id')
    .select([
      'sites.id',
      'sites.code',
      'sites.name',
      'sites.kind',
      'sites.vendor_name as vendorName',
      'sites.city',
      'sites.country',
      'sites.timezone',
      'sites.seats',
      (eb) => eb.fn.count<number>('users.id').as('staffCount'),
    ])
    .groupBy('sites.id');
  if (order === 'kind') query = query.orderBy('sites.kind');
  return query.orderBy('sites.name').execute();
}
