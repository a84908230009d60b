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
  | 'quality:read'
  | 'bill:read'
  | 'bill:dispute'
  | 'bill:block'
  | 'bill:review'
  | 'billing:import'
  | 'billing:run'
  | 'planning:read'
  | 'planning:write'
  | 'consent:read'
  | 'consent:write'
  | 'outreach:campaign'
  | 'loyalty:read'
  | 'loyalty:redeem'
  | 'loyalty:adjust'
  | 'loyalty:manage'
  | 'shop:read'
  | 'shop:book'
  | 'shop:agenda'
  | 'shop:swap'
  | 'shop:sign_up'
  | 'loan:borrow'
  | 'loan:manage'
  | 'event:register'
  | 'event:manage'
  | 'idea:read'
  | 'idea:participate'
  | 'community:moderate';

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
  // Bills: the customer and customer care (narrowed by the customer scope); disputing a line and
  // blocking third-party billing are free for the customer and open to any advisor on the phone.
  'bill:read': ['subscriber', ...customerCare],
  'bill:dispute': ['subscriber', ...customerCare],
  'bill:block': ['subscriber', ...customerCare],
  // Granting a refund of a consented charge, or declining it, after review: the complaints team and
  // the staff who supervise advisors; never the advisor alone nor the customer.
  'bill:review': ['senior_advisor', 'supervisor', 'complaints_officer', 'admin'],
  // Charge batches come from the billing system and partners (admin API tokens); so does the bill run.
  'billing:import': ['admin'],
  'billing:run': ['admin'],
  // Planning: planners build queues, history, scenarios and schedules; directors read them. Staff of a
  // vendor site read only their own site's figures (the routes narrow them) and never write.
  'planning:read': ['planner', 'director'],
  'planning:write': ['planner'],
  // Consents: the customer in the portal, or an advisor told on the phone or in a shop (customer scope applies).
  'consent:read': ['subscriber', ...customerCare],
  'consent:write': ['subscriber', ...customerCare],
  // Campaign tooling (dialler, attempts): supervisors run campaigns; the rules are enforced on every call.
  'outreach:campaign': ['supervisor', 'admin'],
  // Points: members see and spend their own; advisors see and redeem on the phone; adjustments need seniority.
  'loyalty:read': ['subscriber', ...customerCare],
  'loyalty:redeem': ['subscriber', ...customerCare],
  'loyalty:adjust': ['senior_advisor', 'supervisor', 'admin'],
  // Rewards catalogue, thresholds and offers.
  'loyalty:manage': ['supervisor', 'admin'],
  // Shops (seed 000): subscribers book their own visits; customer care books on their behalf; the shop's
  // staff run the day's agenda and swap devices (stock moves with the swap).
  'shop:read': ['subscriber', ...customerCare],
  'shop:book': ['subscriber', ...customerCare],
  'shop:agenda': ['shop_staff', 'supervisor', 'admin'],
  'shop:swap': ['shop_staff', 'admin'],
  // Subscribing at the counter: the shop's staff check the identity document in person.
  'shop:sign_up': ['shop_staff', 'admin'],
  // Equipment loans: members see their own loans; the shop's staff lend, take back and remind.
  'loan:borrow': ['subscriber', 'shop_staff', 'admin'],
  'loan:manage': ['shop_staff', 'admin'],
  // Events: members register themselves; community staff (shop staff) run events and check in at the door.
  'event:register': ['subscriber', 'shop_staff', 'admin'],
  'event:manage': ['shop_staff', 'admin'],
  // Ideas board: everyone signed in reads it; members propose, vote, comment and report abuse;
  // community staff set statuses, moderate and run working groups.
  'idea:read': [...roles],
  'idea:participate': ['subscriber', 'shop_staff', 'admin'],
  'community:moderate': ['shop_staff', 'admin'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return grants[permission].includes(role);
}
