/** What the case page shows of a billing dispute: the charge, its consent record, the decisions. */
import type { Kysely } from 'kysely';
import type { AuthUser } from '../identity/queries.js';
import { roleHas } from '../identity/roles.js';
import type { Database } from '../platform/db/schema.js';
import { consentGapLabels, consentGaps } from './consent.js';
import { type ChargeFlag, flagLabels } from './detection.js';
import {
  type DecisionRow,
  type ReviewDispute,
  findChargeForReview,
  findLineForReview,
  listDecisions,
  refundedSoFar,
} from './review-queries.js';

export function presentDecision(row: DecisionRow) {
  return {
    id: row.id,
    disputeId: row.dispute_id,
    decision: row.decision,
    amountCents: row.amount_cents,
    reason: row.reason,
    decidedAt: row.decided_at.toISOString(),
    decidedBy: row.decided_by_name,
    refund: row.refund_id
      ? { id: row.refund_id, amountCents: row.refund_cents, billReference: row.refund_bill_reference, onNextBill: true }
      : null,
  };
}

export async function disputeReviewView(db: Kysely<Database>, user: AuthUser, dispute: ReviewDispute) {
  const charge = dispute.third_party_charge_id ? await findChargeForReview(db, dispute.third_party_charge_id) : null;
  const line = !charge && dispute.bill_line_id ? await findLineForReview(db, dispute.bill_line_id) : null;
  const refunded = charge ? await refundedSoFar(db, charge.id) : 0;
  const decisions = await listDecisions(db, dispute.id);
  const reviewer = roleHas(user.role, 'bill:review');
  const open = dispute.outcome === 'under_review' || dispute.outcome === 'partially_granted';
  const refundable = charge ? Math.max(0, charge.amount_incl_vat_cents - refunded) : 0;
  const gaps = charge
    ? consentGaps(
        charge.consent_channel
          ? {
              channel: charge.consent_channel,
              firstStepAt: charge.first_step_at,
              secondStepAt: charge.second_step_at,
              sourceIp: charge.source_ip,
              sourceLine: charge.source_line,
            }
          : null,
        charge.occurred_at,
      )
    : [];
  return {
    id: dispute.id,
    outcome: dispute.outcome,
    reason: dispute.reason,
    channel: dispute.channel,
    openedAt: dispute.opened_at.toISOString(),
    case: { id: dispute.case_id, reference: dispute.case_reference },
    charge: charge
      ? {
          id: charge.id,
          merchantName: charge.merchant_name,
          serviceName: charge.service_name,
          chargeType: charge.charge_type,
          occurredAt: charge.occurred_at.toISOString(),
          receivedAt: charge.received_at.toISOString(),
          amountInclVatCents: charge.amount_incl_vat_cents,
          line: charge.line_number ?? charge.msisdn,
          bill: charge.bill_id ? { id: charge.bill_id, reference: charge.bill_reference } : null,
          flags: ((charge.flags as ChargeFlag[] | null) ?? []).map((code) => ({ code, label: flagLabels[code] })),
          consentComplete: gaps.length === 0,
          consentGaps: gaps.map((gap) => ({ code: gap, label: consentGapLabels[gap] })),
          consent: charge.consent_channel
            ? {
                channel: charge.consent_channel,
                firstStepAt: charge.first_step_at?.toISOString() ?? null,
                secondStepAt: charge.second_step_at?.toISOString() ?? null,
                sourceIp: charge.source_ip,
                sourceLine: charge.source_line,
                confirmationPage: charge.confirmation_page,
                recordedAt: charge.consent_recorded_at?.toISOString() ?? null,
              }
            : null,
        }
      : null,
    billLine: line
      ? {
          id: line.id,
          label: line.label,
          amountInclVatCents: line.amount_incl_vat_cents,
          billReference: line.bill_reference,
        }
      : null,
    refundedCents: refunded,
    refundableCents: refundable,
    decisions: decisions.map(presentDecision),
    /** What this user may decide now: billing reviewers only, on a dispute still open to that decision. */
    canGrant: reviewer && open && charge !== null && refundable > 0,
    canDecline: reviewer && dispute.outcome === 'under_review',
  };
}
