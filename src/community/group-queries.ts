/** Database access for working groups, their members and meeting notes (Kysely). */
import type { Kysely } from 'kysely';
import { inScope } from '../customers/queries.js';
import type { CustomerScope } from '../customers/scope.js';
import type { Database } from '../platform/db/schema.js';

type Db = Kysely<Database>;

const NOBODY = '00000000-0000-0000-0000-000000000000';

export async function findGroup(db: Db, id: string) {
  return db
    .selectFrom('working_groups')
    .select(['id', 'name', 'question', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listGroups(db: Db, viewerCustomerId: string | null) {
  return db
    .selectFrom('working_groups as g')
    .select([
      'g.id',
      'g.name',
      'g.question',
      'g.created_at',
      (eb) =>
        eb
          .selectFrom('working_group_members as m')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .whereRef('m.group_id', '=', 'g.id')
          .as('members'),
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('working_group_members as m')
              .select('m.group_id')
              .whereRef('m.group_id', '=', 'g.id')
              .where('m.customer_id', '=', viewerCustomerId ?? NOBODY),
          )
          .as('joined'),
    ])
    .orderBy('g.created_at', 'desc')
    .limit(100)
    .execute();
}

export async function insertGroup(
  db: Db,
  values: { name: string; question: string; created_by_user_id: string; created_at: Date },
) {
  return db.insertInto('working_groups').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function addMember(db: Db, groupId: string, customerId: string, at: Date) {
  await db
    .insertInto('working_group_members')
    .values({ group_id: groupId, customer_id: customerId, joined_at: at })
    .onConflict((conflict) => conflict.columns(['group_id', 'customer_id']).doNothing())
    .execute();
}

/** The members a staff user's scope lets them see, by name (a vendor shop sees only the customers it serves). */
export async function groupMembers(db: Db, groupId: string, scope: CustomerScope) {
  return db
    .selectFrom('working_group_members as m')
    .innerJoin('customers', 'customers.id', 'm.customer_id')
    .select(['customers.id', 'customers.first_name', 'customers.last_name', 'm.joined_at'])
    .where('m.group_id', '=', groupId)
    .where('customers.merged_into_customer_id', 'is', null)
    .where((eb) => inScope(eb, scope))
    .orderBy('customers.last_name')
    .orderBy('customers.first_name')
    .orderBy('customers.id')
    .limit(500)
    .execute();
}

export async function groupNotes(db: Db, groupId: string) {
  return db
    .selectFrom('working_group_notes as n')
    .innerJoin('users', 'users.id', 'n.written_by_user_id')
    .select(['n.id', 'n.met_on', 'n.notes', 'users.display_name'])
    .where('n.group_id', '=', groupId)
    .orderBy('n.met_on', 'desc')
    .limit(100)
    .execute();
}

export async function insertNote(
  db: Db,
  values: { group_id: string; met_on: string; notes: string; written_by_user_id: string; created_at: Date },
) {
  return db.insertInto('working_group_notes').values(values).returning('id').executeTakeFirstOrThrow();
}
