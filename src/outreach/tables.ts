import type { Generated } from 'kysely';

export const consentPurposes = ['marketing_phone', 'marketing_sms', 'marketing_email', 'service_messages'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];
export const consentSources = ['portal', 'advisor', 'call', 'shop', 'letter', 'contract'] as const;
export type ConsentSource = (typeof consentSources)[number];
export type ConsentStatus = 'granted' | 'withdrawn';
export const callOutcomes = [
  'no_answer',
  'voicemail',
  'wrong_number',
  'callback_requested',
  'accepted',
  'declined',
  'objected',
] as const;
export type CallOutcome = (typeof callOutcomes)[number];
/** Outcomes that are a refusal by the customer: no further call during the cooldown. */
export const refusalOutcomes: readonly CallOutcome[] = ['declined', 'objected'];
export type CampaignPurpose = 'marketing' | 'contract_offer';

export interface CustomerConsentsTable {
  customer_id: string;
  purpose: ConsentPurpose;
  status: ConsentStatus;
  source: ConsentSource;
  recorded_at: Date;
  recorded_by_user_id: string | null;
  evidence: string | null;
}

export interface CustomerConsentEventsTable {
  id: Generated<number>;
  customer_id: string;
  purpose: ConsentPurpose;
  status: ConsentStatus;
  source: ConsentSource;
  recorded_at: Date;
  recorded_by_user_id: string | null;
  evidence: string | null;
}

export interface CustomerTimeZonesTable {
  customer_id: string;
  time_zone: string;
}

export interface OutreachCampaignsTable {
  id: Generated<string>;
  name: string;
  purpose: CampaignPurpose;
  created_by_user_id: string;
  created_at: Date;
  closed_at: Date | null;
}

export interface OutreachAttemptsTable {
  id: Generated<string>;
  campaign_id: string;
  customer_id: string;
  attempted_at: Date;
  status: 'placed' | 'blocked';
  outcome: CallOutcome | null;
  blocked_rule: string | null;
  blocked_reason: string | null;
  recorded_by_user_id: string;
  idempotency_key: string | null;
  request_hash: string | null;
}

export type CallBasis = 'consent' | 'contract_in_progress' | 'before_consent_law';
export type ReleaseReason = 'attempt' | 'released' | 'expired';

/** One reservation request of a dialler agent (kept for Idempotency-Key replays). */
export interface OutreachReservationBatchesTable {
  id: Generated<string>;
  campaign_id: string;
  reserved_by_user_id: string;
  requested_count: number;
  lease_seconds: number;
  reserved_at: Date;
  lease_expires_at: Date;
  resume_after_customer_id: string | null;
  idempotency_key: string | null;
  request_hash: string;
}

/** A customer held by a dialler agent until the lease expires, the attempt is recorded or the agent releases it. */
export interface OutreachReservationsTable {
  id: Generated<string>;
  batch_id: string;
  campaign_id: string;
  customer_id: string;
  reserved_by_user_id: string;
  basis: CallBasis;
  reserved_at: Date;
  lease_expires_at: Date;
  released_at: Date | null;
  release_reason: ReleaseReason | null;
  attempt_id: string | null;
}
