import type { Generated } from 'kysely';

export type PreferredChannel = 'email' | 'sms' | 'phone' | 'letter';
export type SubscriptionKind = 'fixed_box' | 'mobile_line';
export type SubscriptionStatus = 'active' | 'suspended' | 'pending' | 'terminated';

export interface CustomersTable {
  id: Generated<string>;
  reference: string;
  civility: 'M.' | 'Mme' | 'Mx';
  first_name: string;
  last_name: string;
  search_name: string;
  email: string | null;
  phone: string | null;
  address_line1: string;
  address_line2: string | null;
  postcode: string;
  city: string;
  country: Generated<string>;
  preferred_channel: Generated<PreferredChannel>;
  preferred_language: Generated<'fr' | 'en'>;
  serving_site_id: string | null;
  /** A merged duplicate: the tombstone points to the surviving customer. */
  merged_into_customer_id: Generated<string | null>;
  merged_at: Generated<Date | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AccountsTable {
  id: Generated<string>;
  customer_id: string;
  reference: string;
  billing_method: 'direct_debit' | 'card' | 'transfer';
  status: Generated<'active' | 'closed'>;
  created_at: Generated<Date>;
}

export interface SubscriptionsTable {
  id: Generated<string>;
  customer_id: string;
  account_id: string;
  reference: string;
  kind: SubscriptionKind;
  plan: string;
  status: SubscriptionStatus;
  msisdn: string | null;
  line_number: string | null;
  service_address_line1: string | null;
  service_postcode: string | null;
  service_city: string | null;
  started_at: Date;
  terminated_at: Date | null;
}
