/**
 * Which customer files a user may see. Subscribers see their own; staff at a vendor site see
 * only the customers their site serves; in-house staff with customer access see everyone.
 */
import type { AuthUser } from '../identity/queries.js';

export type CustomerScope =
  | { kind: 'all' }
  | { kind: 'customer'; customerId: string }
  | { kind: 'site'; siteId: string };

export function customerScopeFor(user: AuthUser): CustomerScope {
  if (user.role === 'subscriber') {
    // A subscriber account without a customer would be a data error; it sees nothing.
    return { kind: 'customer', customerId: user.customerId ?? '00000000-0000-0000-0000-000000000000' };
  }
  if (user.site?.kind === 'vendor') return { kind: 'site', siteId: user.site.id };
  return { kind: 'all' };
}
