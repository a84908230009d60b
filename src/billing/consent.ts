/**
 * Is a third-party charge backed by a complete consent? Suivi requires the double confirmation
 * on a page the operator hosts: two steps, in order, close together, before the charge, with the
 * line or IP address they came from. Pure.
 */
import type { ConsentChannel } from './tables.js';

export interface ConsentRecord {
  firstStepAt: Date | null;
  secondStepAt: Date | null;
  channel: ConsentChannel;
  sourceIp: string | null;
  sourceLine: string | null;
}

export type ConsentGap =
  | 'missing'
  | 'first_step_missing'
  | 'second_step_missing'
  | 'steps_out_of_order'
  | 'steps_too_far_apart'
  | 'after_the_charge'
  | 'no_source';

/** The second confirmation must follow the first within this delay (one purchase session). */
export const MAX_STEP_GAP_MS = 30 * 60_000;
/** Partner clocks drift: the confirmation may be stamped up to this long after the charge. */
export const CLOCK_TOLERANCE_MS = 5 * 60_000;

export function consentGaps(consent: ConsentRecord | null, occurredAt: Date): ConsentGap[] {
  if (!consent) return ['missing'];
  const gaps: ConsentGap[] = [];
  const { firstStepAt: first, secondStepAt: second } = consent;
  if (!first) gaps.push('first_step_missing');
  if (!second) gaps.push('second_step_missing');
  if (first && second) {
    if (second.getTime() <= first.getTime()) gaps.push('steps_out_of_order');
    else if (second.getTime() - first.getTime() > MAX_STEP_GAP_MS) gaps.push('steps_too_far_apart');
  }
  const last = second ?? first;
  if (last && last.getTime() > occurredAt.getTime() + CLOCK_TOLERANCE_MS) gaps.push('after_the_charge');
  if (!consent.sourceIp && !consent.sourceLine) gaps.push('no_source');
  return gaps;
}

export const isConsentComplete = (consent: ConsentRecord | null, occurredAt: Date) =>
  consentGaps(consent, occurredAt).length === 0;

export const consentGapLabels: Record<ConsentGap, { fr: string; en: string }> = {
  missing: { fr: 'aucune preuve de consentement fournie', en: 'no proof of consent supplied' },
  first_step_missing: { fr: 'première confirmation absente', en: 'first confirmation missing' },
  second_step_missing: { fr: 'seconde confirmation absente', en: 'second confirmation missing' },
  steps_out_of_order: { fr: 'confirmations dans le désordre', en: 'confirmations out of order' },
  steps_too_far_apart: { fr: 'confirmations trop éloignées', en: 'confirmations too far apart' },
  after_the_charge: { fr: 'confirmation postérieure à l’achat', en: 'confirmation after the purchase' },
  no_source: { fr: 'origine (ligne ou adresse IP) inconnue', en: 'origin (line or IP address) unknown' },
};
