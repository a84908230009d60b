/** Creating and listing accounts; used by the admin API and by `suivi user create`. */
import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../audit/queries.js';
import type { Database } from '../platform/db/schema.js';
import { hashPassword } from './passwords.js';
import { type AuthUser, findUserById, toAuthUser, userWithSite } from './queries.js';
import type { Role } from './roles.js';

export interface NewStaffUser {
  email: string;
  displayName: string;
  role: string;
  siteId: string;
  password: string;
}

export async function createStaffUser(
  db: Kysely<Database>,
  input: NewStaffUser,
  actorUserId: string | null,
): Promise<AuthUser | 'email_taken' | 'unknown_site'> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const site = await trx.selectFrom('sites').select('id').where('id', '=', input.siteId).executeTakeFirst();
    if (!site) return 'unknown_site' as const;
    const inserted = await trx
      .insertInto('users')
      .values({
        email: input.email.toLowerCase(),
        display_name: input.displayName,
        role: input.role as Role,
        site_id: input.siteId,
        password_hash: passwordHash,
      })
      .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return 'email_taken' as const;
    await recordAudit(trx, {
      actorUserId,
      action: 'user.created',
      subjectType: 'user',
      subjectId: inserted.id,
      details: { email: input.email.toLowerCase(), role: input.role, siteId: input.siteId },
    });
    const row = await findUserById(trx, inserted.id);
    if (!row) throw new Error('user vanished inside its own transaction');
    return toAuthUser(row);
  });
}

/**
 * The subscriber account of a customer, without a password (they choose it with an activation
 * link). Null when the e-mail already belongs to an account: nobody gets a second one. Call
 * inside the transaction that creates the customer.
 */
export async function createSubscriberUser(
  trx: Kysely<Database>,
  input: { email: string; displayName: string; customerId: string },
  actorUserId: string | null,
): Promise<string | null> {
  const email = input.email.toLowerCase();
  const inserted = await trx
    .insertInto('users')
    .values({
      email,
      display_name: input.displayName,
      role: 'subscriber',
      customer_id: input.customerId,
      password_hash: null,
    })
    .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return null;
  await recordAudit(trx, {
    actorUserId,
    action: 'user.created',
    subjectType: 'user',
    subjectId: inserted.id,
    details: { email, role: 'subscriber', customerId: input.customerId },
  });
  return inserted.id;
}

export async function listUsers(
  db: Kysely<Database>,
  limit: number,
  after: [string, string] | null,
): Promise<Array<AuthUser & { createdAt: Date }>> {
  let query = userWithSite(db)
    .select('users.created_at')
    .orderBy('users.created_at', 'desc')
    .orderBy('users.id', 'desc')
    .limit(limit);
  if (after) {
    const [createdAt, id] = after;
    query = query.where((eb) =>
      eb.or([
        eb('users.created_at', '<', new Date(createdAt)),
        eb.and([eb('users.created_at', '=', new Date(createdAt)), eb('users.id', '<', id)]),
      ]),
    );
  }
  const rows = await query.execute();
  return rows.map((row) => ({ ...toAuthUser(row), createdAt: row.created_at }));
}
