import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { SiteKind } from '../sites/tables.js';
import type { Role } from './roles.js';

export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  advisorCode: string | null;
  role: Role;
  site: { id: string; code: string; name: string; kind: SiteKind; city: string; country: string } | null;
  customerId: string | null;
}

/** Users with their site: the shape every account read starts from. */
export function userWithSite(db: Kysely<Database>) {
  return db
    .selectFrom('users')
    .leftJoin('sites', 'sites.id', 'users.site_id')
    .select([
      'users.id',
      'users.email',
      'users.display_name',
      'users.advisor_code',
      'users.role',
      'users.customer_id',
      'users.password_hash',
      'users.disabled_at',
      'sites.id as site_id',
      'sites.code as site_code',
      'sites.name as site_name',
      'sites.kind as site_kind',
      'sites.city as site_city',
      'sites.country as site_country',
    ]);
}

type UserRow = Awaited<ReturnType<ReturnType<typeof userWithSite>['executeTakeFirstOrThrow']>>;

export function toAuthUser(row: UserRow): AuthUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    advisorCode: row.advisor_code,
    role: row.role,
    customerId: row.customer_id,
    site:
      row.site_id && row.site_code && row.site_name && row.site_kind && row.site_city && row.site_country
        ? {
            id: row.site_id,
            code: row.site_code,
            name: row.site_name,
            kind: row.site_kind,
            city: row.site_city,
            country: row.site_country,
          }
        : null,
  };
}

export async function findUserForLogin(db: Kysely<Database>, email: string) {
  return userWithSite(db)
    .where((eb) => eb(eb.fn('lower', ['users.email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

export async function findUserBySessionHash(db: Kysely<Database>, tokenHash: string, now: Date) {
  return userWithSite(db)
    .innerJoin('sessions', 'sessions.user_id', 'users.id')
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function findUserByApiTokenHash(db: Kysely<Database>, tokenHash: string) {
  return userWithSite(db)
    .innerJoin('api_tokens', 'api_tokens.user_id', 'users.id')
    .select('api_tokens.id as token_id')
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function findUserById(db: Kysely<Database>, id: string) {
  return userWithSite(db).where('users.id', '=', id).executeTakeFirst();
}

export async function insertSession(
  db: Kysely<Database>,
  session: { tokenHash: string; userId: string; expiresAt: Date; ip: string | null; userAgent: string | null },
) {
  await db
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      expires_at: session.expiresAt,
      ip: session.ip,
      user_agent: session.userAgent,
    })
    .execute();
}

export async function deleteSession(db: Kysely<Database>, tokenHash: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function touchApiToken(db: Kysely<Database>, tokenId: string, at: Date) {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', tokenId).execute();
}

export async function insertApiToken(
  db: Kysely<Database>,
  token: { userId: string; name: string; tokenHash: string; createdBy: string | null },
) {
  return db
    .insertInto('api_tokens')
    .values({ user_id: token.userId, name: token.name, token_hash: token.tokenHash, created_by: token.createdBy })
    .returning(['id', 'name', 'created_at'])
    .executeTakeFirstOrThrow();
}
