/** Billing tables as Kysely sees them (migrations/0006_billing.sql). */
import type { Generated, JSONColumnType } from 'kysely';

export const billLineKinds = [
  'plan',
  'option',
  'usage',
  'equipment',
  'one_off',
  'credit',
  'refund',
  'third_party',
] as const;
export type BillLineKind = (typeof billLineKinds)[number];
export type ThirdPartyStatus = 'allowed' | 'blocked';
export type ConsentChannel = 'box' | 'tv' | 'mobile' | 'web' | 'sms';
export type ChargeType = 'purchase' | 'subscription';
export type LedgerKind = 'refund' | 'credit' | 'fee' | 'usage';
export type DisputeOutcome = 'refunded' | 'under_review' | 'granted' | 'partially_granted' | 'declined';
export type ReviewDecision = 'grant' | 'decline';

export interface BillingPlanPricesTable {
  plan: string;
  monthly_excl_vat_cents: number;
  vat_rate_bp: Generated<number>;
}

export interface BillingRecurringItemsTable {
  id: Generated<string>;
  customer_id: string;
  subscription_id: string;
  kind: 'option' | 'equipment';
  label: string;
  monthly_excl_vat_cents: number;
  vat_rate_bp: Generated<number>;
  starts_on: string;
  ends_on: string | null;
}

export interface BillsTable {
  id: Generated<string>;
  account_id: string;
  customer_id: string;
  reference: string;
  period_start: string;
  period_end: string;
  issued_at: Date;
  payment_due_date: string;
  total_excl_vat_cents: number;
  vat_cents: number;
  total_incl_vat_cents: number;
  created_txid: Generated<number>;
  created_at: Generated<Date>;
}

export interface BillLinesTable {
  id: Generated<string>;
  bill_id: string;
  customer_id: string;
  subscription_id: string | null;
  position: number;
  kind: BillLineKind;
  label: string;
  details: JSONColumnType<Record<string, unknown>, string, string>;
  amount_excl_vat_cents: number;
  vat_rate_bp: number;
  vat_cents: number;
  amount_incl_vat_cents: number;
  third_party_charge_id: string | null;
  ledger_entry_id: string | null;
}

export interface ThirdPartyConsentsTable {
  id: Generated<string>;
  customer_id: string;
  subscription_id: string;
  merchant_code: string;
  service_name: string;
  first_step_at: Date | null;
  second_step_at: Date | null;
  channel: ConsentChannel;
  source_ip: string | null;
  source_line: string | null;
  confirmation_page: string | null;
  recorded_at: Date;
}

export interface BillingChargeBatchesTable {
  id: Generated<string>;
  source: string;
  reference: string;
  content_sha256: string;
  received_at: Date;
  received_by_user_id: string | null;
  accepted: number;
  rejected: number;
  result: JSONColumnType<Record<string, unknown>, string, string>;
}

export interface ThirdPartyChargesTable {
  id: Generated<string>;
  customer_id: string;
  account_id: string;
  subscription_id: string;
  batch_id: string | null;
  merchant_code: string;
  merchant_name: string;
  service_name: string;
  charge_type: ChargeType;
  external_ref: string;
  occurred_at: Date;
  amount_incl_vat_cents: number;
  vat_rate_bp: Generated<number>;
  consent_id: string | null;
  consent_complete: boolean;
  flags: JSONColumnType<string[], string, string>;
  received_at: Date;
  billed_on_bill_id: string | null;
}

export interface ThirdPartyRejectionsTable {
  id: Generated<number>;
  batch_id: string;
  customer_id: string;
  subscription_id: string;
  merchant_code: string;
  merchant_name: string;
  service_name: string;
  external_ref: string;
  occurred_at: Date;
  amount_incl_vat_cents: number;
  reason: 'line_blocked';
  at: Date;
}

export interface ThirdPartySettingsTable {
  subscription_id: string;
  customer_id: string;
  status: ThirdPartyStatus;
  changed_at: Date;
  changed_by_user_id: string | null;
}

export type SettingChannel = 'portal' | 'phone' | 'shop' | 'letter' | 'email' | 'system';

export interface ThirdPartySettingChangesTable {
  id: Generated<number>;
  subscription_id: string;
  customer_id: string;
  status: ThirdPartyStatus;
  at: Date;
  actor_user_id: string | null;
  channel: SettingChannel;
  reason: string | null;
}

export interface BillingDisputesTable {
  id: Generated<string>;
  customer_id: string;
  bill_id: string | null;
  bill_line_id: string | null;
  third_party_charge_id: string | null;
  case_id: string;
  reason: string;
  channel: string;
  opened_at: Date;
  opened_by_user_id: string;
  outcome: DisputeOutcome;
  idempotency_key: string | null;
}

export interface BillingLedgerEntriesTable {
  id: Generated<string>;
  customer_id: string;
  account_id: string;
  subscription_id: string | null;
  kind: LedgerKind;
  amount_incl_vat_cents: number;
  vat_rate_bp: Generated<number>;
  label: string;
  details: Generated<JSONColumnType<Record<string, unknown>, string, string>>;
  third_party_charge_id: string | null;
  dispute_id: string | null;
  created_at: Date;
  created_by_user_id: string | null;
  billed_on_bill_id: string | null;
  /** The review decision that granted this refund (migrations/0015); null for the automatic refund. */
  decision_id: string | null;
}

/** A review decision on a disputed charge: grant (a refund) or decline (with a reason). */
export interface BillingDisputeDecisionsTable {
  id: Generated<string>;
  customer_id: string;
  dispute_id: string;
  decision: ReviewDecision;
  amount_cents: number | null;
  reason: string | null;
  decided_at: Date;
  decided_by_user_id: string;
  idempotency_key: string | null;
}

export interface BillingTables {
  billing_plan_prices: BillingPlanPricesTable;
  billing_recurring_items: BillingRecurringItemsTable;
  bills: BillsTable;
  bill_lines: BillLinesTable;
  third_party_consents: ThirdPartyConsentsTable;
  billing_charge_batches: BillingChargeBatchesTable;
  third_party_charges: ThirdPartyChargesTable;
  third_party_rejections: ThirdPartyRejectionsTable;
  third_party_settings: ThirdPartySettingsTable;
  third_party_setting_changes: ThirdPartySettingChangesTable;
  billing_disputes: BillingDisputesTable;
  billing_ledger_entries: BillingLedgerEntriesTable;
  billing_dispute_decisions: BillingDisputeDecisionsTable;
}
