import type { Generated } from 'kysely';

export const tiers = ['essentiel', 'argent', 'or'] as const;
export type Tier = (typeof tiers)[number];
export type LoyaltyAccountKind = 'member' | 'earnings' | 'redemptions' | 'expiries' | 'adjustments';
export const transactionKinds = [
  'earn_tenure',
  'earn_spend',
  'earn_event',
  'redemption',
  'expiry',
  'adjustment',
  'transfer',
] as const;
export type TransactionKind = (typeof transactionKinds)[number];
export type OfferAudience = 'new_customers' | 'existing_customers' | 'all_customers' | 'segment';

/** The operator's side of each entry (fixed ids, created by the migration). */
export const OPERATOR_ACCOUNTS = {
  earnings: '00000000-0000-4000-8000-00000000e001',
  redemptions: '00000000-0000-4000-8000-00000000e002',
  expiries: '00000000-0000-4000-8000-00000000e003',
  adjustments: '00000000-0000-4000-8000-00000000e004',
} as const;

export interface LoyaltyAccountsTable {
  id: Generated<string>;
  kind: LoyaltyAccountKind;
  customer_id: string | null;
  household_id: string | null;
  tier: Tier | null;
  /** Derived from postings by trigger; never written by the application. */
  balance: Generated<number>;
  joined_at: Generated<Date>;
}

export interface LoyaltyRewardsTable {
  id: Generated<string>;
  code: string;
  name_fr: string;
  name_en: string;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface LoyaltyRewardThresholdsTable {
  id: Generated<string>;
  reward_id: string;
  tier: Tier;
  points: number;
  effective_from: Date;
  announced_at: Date;
  announced_by_user_id: string | null;
  previous_points: number | null;
  protection_until: Date | null;
  reason: string | null;
}

export interface LoyaltyGoalsTable {
  customer_id: string;
  reward_id: string;
  announced_at: Date;
}

export interface LoyaltyThresholdProtectionsTable {
  threshold_id: string;
  customer_id: string;
  reward_id: string;
  points: number;
  protected_until: Date;
  reason: 'near_threshold' | 'goal';
}

export interface LoyaltyTransactionsTable {
  id: Generated<string>;
  kind: TransactionKind;
  customer_id: string;
  occurred_at: Date;
  description: string;
  reason: string | null;
  author_user_id: string | null;
  reward_id: string | null;
  threshold_points: number | null;
  protected_threshold: boolean | null;
  idempotency_key: string | null;
  request_hash: string | null;
  created_at: Generated<Date>;
}

export interface LoyaltyPostingsTable {
  id: Generated<number>;
  transaction_id: string;
  account_id: string;
  amount: number;
  /** 'YYYY-MM-DD' */
  expires_on: string | null;
}

export interface OffersTable {
  id: Generated<string>;
  product: string;
  name: string;
  audience: OfferAudience;
  segment: Tier | null;
  monthly_price_cents: number;
  valid_from: Date;
  valid_until: Date | null;
  published_at: Date;
  published_by_user_id: string | null;
  created_at: Generated<Date>;
}

export interface OfferRetentionAlertsTable {
  id: Generated<string>;
  offer_id: string;
  product: string;
  prospect_price_cents: number;
  existing_price_cents: number;
  raised_at: Date;
  raised_by_user_id: string | null;
  resolved_at: Date | null;
}
