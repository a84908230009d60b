import type { Role } from '../api/types';

export type NavKey =
  | 'myLines'
  | 'bills'
  | 'loyalty'
  | 'consents'
  | 'customers'
  | 'myCases'
  | 'atRisk'
  | 'overview'
  | 'sites'
  | 'users'
  | 'audit'
  | 'quality'
  | 'planning'
  | 'appointments'
  | 'events'
  | 'ideas'
  | 'shopAgenda'
  | 'shopSignUp'
  | 'shopLoans'
  | 'workingGroups'
  | 'moderation'
  | 'loyaltyAdmin';
/** Screens: the navigation entries plus pages reached by links (a case file). */
export type ScreenKey = NavKey | 'case' | 'shopEvents';

export const NAV_PATHS: Record<NavKey, string> = {
  myLines: '/me',
  bills: '/me/bills',
  loyalty: '/me/loyalty',
  consents: '/me/consents',
  customers: '/customers',
  myCases: '/my-cases',
  atRisk: '/queues/at-risk',
  overview: '/overview',
  sites: '/sites',
  users: '/users',
  audit: '/audit',
  quality: '/quality',
  planning: '/planning',
  appointments: '/me/appointments',
  events: '/events',
  ideas: '/ideas',
  shopAgenda: '/shop/agenda',
  shopSignUp: '/shop/sign-up',
  shopLoans: '/shop/loans',
  workingGroups: '/community/groups',
  moderation: '/community/moderation',
  loyaltyAdmin: '/loyalty/admin',
};

const NAV_BY_ROLE: Record<Role, NavKey[]> = {
  subscriber: ['myLines', 'bills', 'loyalty', 'consents', 'appointments', 'events', 'ideas', 'workingGroups'],
  advisor: ['customers', 'myCases'],
  senior_advisor: ['customers', 'myCases', 'atRisk'],
  complaints_officer: ['customers', 'myCases', 'atRisk'],
  shop_staff: [
    'shopAgenda',
    'shopSignUp',
    'shopLoans',
    'customers',
    'myCases',
    'events',
    'ideas',
    'workingGroups',
    'moderation',
  ],
  supervisor: ['customers', 'myCases', 'atRisk', 'overview', 'audit', 'quality', 'loyaltyAdmin'],
  planner: ['overview', 'sites', 'planning'],
  director: ['overview', 'sites', 'quality', 'planning'],
  admin: ['customers', 'atRisk', 'sites', 'users', 'audit', 'quality'],
};

export function navItemsFor(role: Role): NavKey[] {
  return NAV_BY_ROLE[role];
}

/** The first navigation entry is the role's home page. */
export function homePathFor(role: Role): string {
  const [first] = NAV_BY_ROLE[role];
  return first ? NAV_PATHS[first] : '/';
}

/** Who may open each screen (mirrors the API's permissions; the server stays the authority). */
export const SCREEN_ROLES: Record<ScreenKey, readonly Role[]> = {
  myLines: ['subscriber'],
  bills: ['subscriber'],
  loyalty: ['subscriber'],
  consents: ['subscriber'],
  customers: ['advisor', 'senior_advisor', 'complaints_officer', 'shop_staff', 'supervisor', 'admin'],
  myCases: ['advisor', 'senior_advisor', 'complaints_officer', 'shop_staff', 'supervisor'],
  atRisk: ['senior_advisor', 'complaints_officer', 'supervisor', 'admin'],
  case: ['subscriber', 'advisor', 'senior_advisor', 'complaints_officer', 'shop_staff', 'supervisor', 'admin'],
  overview: ['supervisor', 'planner', 'director', 'admin'],
  sites: ['supervisor', 'planner', 'director', 'admin'],
  users: ['admin'],
  audit: ['supervisor', 'admin'],
  quality: ['supervisor', 'director', 'admin'],
  planning: ['planner', 'director'],
  appointments: ['subscriber'],
  events: ['subscriber', 'shop_staff', 'admin'],
  ideas: [
    'subscriber',
    'advisor',
    'senior_advisor',
    'complaints_officer',
    'shop_staff',
    'supervisor',
    'planner',
    'director',
    'admin',
  ],
  shopAgenda: ['shop_staff', 'supervisor', 'admin'],
  // Subscribing at the counter (API: shop:sign_up).
  shopSignUp: ['shop_staff', 'admin'],
  // Equipment loans (API: loan:manage).
  shopLoans: ['shop_staff', 'admin'],
  // Community staff (API: event:manage, community:moderate); groups are read like the ideas board.
  shopEvents: ['shop_staff', 'admin'],
  moderation: ['shop_staff', 'admin'],
  // Rewards catalogue and offers (API: loyalty:manage).
  loyaltyAdmin: ['supervisor', 'admin'],
  workingGroups: [
    'subscriber',
    'advisor',
    'senior_advisor',
    'complaints_officer',
    'shop_staff',
    'supervisor',
    'planner',
    'director',
    'admin',
  ],
};

export function canOpen(role: Role, screen: ScreenKey): boolean {
  return SCREEN_ROLES[screen].includes(role);
}
