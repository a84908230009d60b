/**
 * Roles and what each may do. Every route asks for one permission through `requireAccess`;
 * this table is the single place that says who holds it.
 */
export const roles = [
  'subscriber',
  'advisor',
  'senior_advisor',
  'supervisor',
  'complaints_officer',
  'planner',
  'director',
  'shop_staff',
  'admin',
] as const;
export type Role = (typeof roles)[number];

export const staffRoles = roles.filter((role) => role !== 'subscriber');

export type Permission =
  | 'customer:read'
  | 'customer:search'
  | 'customer:merge'
  | 'site:list'
  | 'overview:read'
  | 'user:manage'
  | 'audit:read'
  | 'case:read'
  | 'case:open'
  | 'case:contact'
  | 'case:write'
  | 'case:queue'
  | 'message:read'
  | 'quality:read';

const customerCare: Role[] = ['advisor', 'senior_advisor', 'supervisor', 'complaints_officer', 'shop_staff', 'admin'];

const grants: Record<Permission, readonly Role[]> = {
  // Subscribers hold customer:read too, narrowed to their own file by the customer scope.
  'customer:read': ['subscriber', ...customerCare],
  'customer:search': customerCare,
  // Merging duplicate customer records moves everything they own: supervisors and admins only.
  'customer:merge': ['supervisor', 'admin'],
  'site:list': staffRoles,
  'overview:read': ['supervisor', 'planner', 'director', 'admin'],
  'user:manage': ['admin'],
  'audit:read': ['supervisor', 'admin'],
  // Subscribers read, open and write to their own cases (case scope = customer scope); staff change them.
  'case:read': ['subscriber', ...customerCare],
  'case:open': ['subscriber', ...customerCare],
  'case:contact': ['subscriber', ...customerCare],
  'case:write': customerCare,
  'case:queue': ['senior_advisor', 'supervisor', 'complaints_officer', 'admin'],
  // Messages sent to a customer: whoever may read the customer file, narrowed by the customer scope.
  'message:read': ['subscriber', ...customerCare],
  // Quality of service compares sites and vendors; the route also refuses staff of vendor sites.
  'quality:read': ['supervisor', 'director', 'admin'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return grants[permission].includes(role);
}
