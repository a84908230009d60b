/** Who owns a case, and how they are named to the customer: never anonymous. */
import type { Role } from '../identity/roles.js';
import type { SiteKind } from '../sites/tables.js';

export interface StaffMember {
  id: string;
  displayName: string;
  advisorCode: string | null;
  role: Role;
  siteId: string | null;
  siteKind: SiteKind | null;
  disabled: boolean;
}

/** The roles a customer may be given as their case's owner. */
export const customerFacingRoleList = [
  'advisor',
  'senior_advisor',
  'supervisor',
  'complaints_officer',
  'shop_staff',
] as const satisfies readonly Role[];
const customerFacingRoles: ReadonlySet<Role> = new Set(customerFacingRoleList);

/** Can own a case or take a routed call: a customer-facing role, an advisor code, still active. */
export function isCustomerFacing(member: StaffMember): boolean {
  return !member.disabled && member.advisorCode !== null && customerFacingRoles.has(member.role);
}

/** "Stéphane Bernard" + "VIT-0001" → "Stéphane B. (VIT-0001)": a name to ask for, not a full identity. */
export function ownerDisplayName(displayName: string, advisorCode: string | null): string {
  const words = displayName.trim().split(/\s+/);
  const first = words[0] ?? '';
  const last = words.length > 1 ? words.at(-1) : undefined;
  const short = last ? `${first} ${last.charAt(0).toUpperCase()}.` : first;
  return advisorCode ? `${short} (${advisorCode})` : short;
}
