import type { Kysely } from 'kysely';
import type { AuthUser } from '../identity/queries.js';
import type { Database } from '../platform/db/schema.js';
import { forbidden, notFound } from '../platform/http/problem.js';
import { findShopByCode } from './queries.js';

/** Shop staff work at their own shop; supervisors and admins may act at any. */
export function assertWorksAt(user: AuthUser, shop: { id: string }) {
  if (user.role === 'shop_staff' && user.site?.id !== shop.id) throw forbidden('You work at another shop.');
}

/** The shop named in a route's path, or 404. */
export async function shopOr404(db: Kysely<Database>, code: string) {
  const shop = await findShopByCode(db, code);
  if (!shop) throw notFound('Shop');
  return shop;
}

/** The shop named in a route's path, where this user may act (404, or 403 for another shop's staff). */
export async function shopWhereUserWorks(db: Kysely<Database>, user: AuthUser, code: string) {
  const shop = await shopOr404(db, code);
  assertWorksAt(user, shop);
  return shop;
}
