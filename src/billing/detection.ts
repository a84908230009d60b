/**
 * Flags on an arriving third-party charge (PRODUCT.md, seed 004): no complete consent, the line
 * was blocked when it happened, a merchant never seen on this line, a burst of charges, a first
 * subscription-type charge. A flagged charge is told to the customer before the payment. Pure.
 */
import type { ChargeType, ThirdPartyStatus } from './tables.js';

export const chargeFlags = ['no_consent', 'after_block', 'new_merchant', 'burst', 'first_subscription'] as const;
export type ChargeFlag = (typeof chargeFlags)[number];

export interface DetectionConfig {
  /** This many charges (this one included) on a line within the window is a burst. */
  burstCount: number;
  burstWindowMs: number;
}

export const defaultDetectionConfig: DetectionConfig = { burstCount: 3, burstWindowMs: 24 * 3_600_000 };

export interface PastCharge {
  merchantCode: string;
  chargeType: ChargeType;
  occurredAt: Date;
}

export interface ArrivingCharge extends PastCharge {
  consentComplete: boolean;
}

/** The line's setting at an instant, from its history of changes (no change: allowed). */
export function settingAt(
  changes: ReadonlyArray<{ status: ThirdPartyStatus; at: Date }>,
  instant: Date,
): ThirdPartyStatus {
  let status: ThirdPartyStatus = 'allowed';
  for (const change of [...changes].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (change.at.getTime() > instant.getTime()) break;
    status = change.status;
  }
  return status;
}

export function detectFlags(
  charge: ArrivingCharge,
  /** The line's earlier charges (already accepted, or earlier in the same batch). */
  history: readonly PastCharge[],
  statusWhenItHappened: ThirdPartyStatus,
  config: DetectionConfig = defaultDetectionConfig,
): ChargeFlag[] {
  const flags: ChargeFlag[] = [];
  if (!charge.consentComplete) flags.push('no_consent');
  if (statusWhenItHappened === 'blocked') flags.push('after_block');
  if (!history.some((past) => past.merchantCode === charge.merchantCode)) flags.push('new_merchant');
  const at = charge.occurredAt.getTime();
  const recent = history.filter(
    (past) => past.occurredAt.getTime() <= at && at - past.occurredAt.getTime() < config.burstWindowMs,
  );
  if (recent.length + 1 >= config.burstCount) flags.push('burst');
  if (charge.chargeType === 'subscription' && !history.some((past) => past.chargeType === 'subscription')) {
    flags.push('first_subscription');
  }
  return flags;
}

/** A charge is told to the customer before payment when it carries one of these. */
export const alertingFlags: readonly ChargeFlag[] = chargeFlags;

export const flagLabels: Record<ChargeFlag, { fr: string; en: string }> = {
  no_consent: { fr: 'Sans preuve de double confirmation', en: 'No proof of double confirmation' },
  after_block: { fr: 'Survenu pendant un blocage', en: 'Happened while blocked' },
  new_merchant: { fr: 'Nouveau marchand', en: 'New merchant' },
  burst: { fr: 'Plusieurs achats rapprochés', en: 'Several purchases in a short time' },
  first_subscription: { fr: 'Premier abonnement payant sur cette ligne', en: 'First paid subscription on this line' },
};
