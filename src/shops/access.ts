import type { AuthUser } from '../identity/queries.js';
import { forbidden } from '../platform/http/problem.js';

/** Shop staff work at their own shop; supervisors and admins may act at any. */
export function assertWorksAt(user: AuthUser, shop: { id: string }) {
  if (user.role === 'shop_staff' && user.site?.id !== shop.id) throw forbidden('You work at another shop.');
}
