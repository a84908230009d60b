import type { Role } from '../api/types';

export type NavKey = 'myLines' | 'customers' | 'atRisk' | 'overview' | 'sites' | 'users' | 'audit' | 'quality';
/** Screens: the navigation entries plus pages reached by links (a case file). */
export type ScreenKey = NavKey | 'case';

export const NAV_PATHS: Record<NavKey, string> = {
  myLines: '/me',
  customers: '/customers',
  atRisk: '/queues/at-risk',
  overview: '/overview',
  sites: '/sites',
  users: '/users',
  audit: '/audit',
  quality: '/quality',
};

const NAV_BY_ROLE: Record<Role, NavKey[]> = {
  subscriber: ['myLines'],
  advisor: ['customers'],
  senior_advisor: ['customers', 'atRisk'],
  complaints_officer: ['customers', 'atRisk'],
  shop_staff: ['customers'],
  supervisor: ['customers', 'atRisk', 'overview', 'audit', 'quality'],
  planner: ['overview', 'sites'],
  director: ['overview', 'sites', 'quality'],
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
  customers: ['advisor', 'senior_advisor', 'complaints_officer', 'shop_staff', 'supervisor', 'admin'],
  atRisk: ['senior_advisor', 'complaints_officer', 'supervisor', 'admin'],
  case: ['subscriber', 'advisor', 'senior_advisor', 'complaints_officer', 'shop_staff', 'supervisor', 'admin'],
  overview: ['supervisor', 'planner', 'director', 'admin'],
  sites: ['supervisor', 'planner', 'director', 'admin'],
  users: ['admin'],
  audit: ['supervisor', 'admin'],
  quality: ['supervisor', 'director', 'admin'],
};

export function canOpen(role: Role, screen: ScreenKey): boolean {
  return SCREEN_ROLES[screen].includes(role);
}
