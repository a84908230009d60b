export const ROLES = [
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

export type Role = (typeof ROLES)[number];

export type SiteKind = 'inhouse' | 'vendor' | 'shop';

export interface UserSite {
  id: string;
  code: string;
  name: string;
  kind: SiteKind;
  city: string;
  country: string;
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  site: UserSite | null;
  customerId: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CustomerSummary {
  id: string;
  reference: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  city: string;
  subscriptionCount: number;
}

export type PreferredChannel = 'email' | 'sms' | 'phone' | 'letter';
export type PreferredLanguage = 'fr' | 'en';
export type SubscriptionKind = 'fixed_box' | 'mobile_line';
export type SubscriptionStatus = 'active' | 'suspended' | 'pending' | 'terminated';

export interface PostalAddress {
  line1: string;
  line2?: string | null;
  postcode: string;
  city: string;
  country: string;
}

export interface ServiceAddress {
  line1: string;
  postcode: string;
  city: string;
}

export interface Account {
  id: string;
  reference: string;
  billingMethod: string;
  status: string;
}

export interface Subscription {
  id: string;
  reference: string;
  kind: SubscriptionKind;
  plan: string;
  status: SubscriptionStatus;
  msisdn: string | null;
  lineNumber: string | null;
  serviceAddress: ServiceAddress | null;
  startedAt: string;
}

export interface CustomerDetail {
  id: string;
  reference: string;
  civility: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  postalAddress: PostalAddress;
  preferredChannel: PreferredChannel;
  preferredLanguage: PreferredLanguage;
  createdAt: string;
  servingSite: { id: string; name: string; kind: SiteKind } | null;
  accounts: Account[];
  subscriptions: Subscription[];
}

export interface Site {
  id: string;
  code: string;
  name: string;
  kind: SiteKind;
  vendorName: string | null;
  city: string;
  country: string;
  timezone: string;
  seats: number;
  staffCount: number;
}

export interface Overview {
  customers: number;
  subscriptions: { fixed_box: number; mobile_line: number };
  sites: { id: string; name: string; kind: SiteKind; staffCount: number }[];
}

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  siteId: string | null;
  password: string;
}

export interface ApiToken {
  id: string;
  name: string;
  token: string;
}

export interface CustomerRead {
  id: string;
  at: string;
  staff: { id: string; displayName: string };
  customer: { id: string; reference: string; name: string };
  route: string;
}
