/** Response shapes for billing (close to TMF678 Customer Bill where it has words for them). Pure. */
import { type ConsentRecord, consentGaps } from './consent.js';
import { type ChargeFlag, flagLabels } from './detection.js';
import { explainLine } from './explain.js';
import { vatBreakdown } from './money.js';
import type {
  BillLineRow,
  BillRow,
  ChargeRow,
  listBills,
  listCustomerLines,
  listRejections,
  listSettingChanges,
} from './queries.js';

type BillSummaryRow = Awaited<ReturnType<typeof listBills>>[number];

const totals = (row: { total_excl_vat_cents: number; vat_cents: number; total_incl_vat_cents: number }) => ({
  totalExclVatCents: row.total_excl_vat_cents,
  vatCents: row.vat_cents,
  totalInclVatCents: row.total_incl_vat_cents,
});

const flagsOf = (flags: unknown) =>
  ((flags as ChargeFlag[] | null) ?? []).map((code) => ({ code, label: flagLabels[code] }));

function consentOf(row: {
  consent_channel: ConsentRecord['channel'] | null;
  first_step_at: Date | null;
  second_step_at: Date | null;
  source_ip: string | null;
  source_line: string | null;
}): ConsentRecord | null {
  return row.consent_channel
    ? {
        channel: row.consent_channel,
        firstStepAt: row.first_step_at,
        secondStepAt: row.second_step_at,
        sourceIp: row.source_ip,
        sourceLine: row.source_line,
      }
    : null;
}

export function presentBillSummary(row: BillSummaryRow, today: string) {
  return {
    id: row.id,
    reference: row.reference,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    issuedAt: row.issued_at.toISOString(),
    paymentDueDate: row.payment_due_date,
    paid: row.payment_due_date <= today,
    ...totals(row),
    flaggedLines: Number(row.flagged_lines ?? 0),
    pdf: `/api/bills/${row.id}/pdf`,
  };
}

export function presentLine(row: BillLineRow, bill: { period_start: string; period_end: string }) {
  const consent = consentOf(row);
  const charge =
    row.third_party_charge_id && row.merchant_name && row.occurred_at
      ? {
          merchantName: row.merchant_name,
          serviceName: row.service_name ?? '',
          chargeType: row.charge_type ?? 'purchase',
          occurredAt: row.occurred_at,
          consent,
          consentGaps: consentGaps(consent, row.occurred_at),
        }
      : null;
  const explanation = explainLine({
    kind: row.kind,
    label: row.label,
    details: row.details,
    amountInclVatCents: row.amount_incl_vat_cents,
    periodStart: bill.period_start,
    periodEnd: bill.period_end,
    subscription: row.subscription_kind ? { kind: row.subscription_kind, number: row.line_number ?? row.msisdn } : null,
    charge,
    ledger: row.entry_created_at
      ? {
          createdAt: row.entry_created_at,
          caseReference: row.entry_case_reference,
          refundedCharge:
            row.refunded_merchant && row.refunded_occurred_at
              ? { merchantName: row.refunded_merchant, occurredAt: row.refunded_occurred_at }
              : null,
        }
      : null,
  });
  const disputable = row.kind !== 'refund' && row.kind !== 'credit';
  return {
    id: row.id,
    position: row.position,
    kind: row.kind,
    label: row.label,
    subscriptionId: row.subscription_id,
    amountExclVatCents: row.amount_excl_vat_cents,
    vatRateBp: row.vat_rate_bp,
    vatCents: row.vat_cents,
    amountInclVatCents: row.amount_incl_vat_cents,
    explanation,
    thirdParty: charge
      ? {
          chargeId: row.third_party_charge_id,
          merchantName: charge.merchantName,
          serviceName: charge.serviceName,
          chargeType: charge.chargeType,
          occurredAt: charge.occurredAt.toISOString(),
          consentComplete: charge.consentGaps.length === 0,
          consent: consent
            ? {
                channel: consent.channel,
                firstStepAt: consent.firstStepAt?.toISOString() ?? null,
                secondStepAt: consent.secondStepAt?.toISOString() ?? null,
                sourceIp: consent.sourceIp,
                sourceLine: consent.sourceLine,
              }
            : null,
          flags: flagsOf(row.flags),
        }
      : null,
    dispute: row.dispute_id
      ? {
          id: row.dispute_id,
          outcome: row.dispute_outcome,
          openedAt: row.dispute_opened_at?.toISOString() ?? null,
          case: { id: row.dispute_case_id, reference: row.dispute_case_reference },
        }
      : null,
    disputable: disputable && !row.dispute_id,
  };
}

export function presentBill(bill: BillRow, lines: BillLineRow[], today: string) {
  const presented = lines.map((line) => presentLine(line, bill));
  return {
    id: bill.id,
    reference: bill.reference,
    customerId: bill.customer_id,
    accountReference: bill.account_reference,
    billingMethod: bill.billing_method,
    periodStart: bill.period_start,
    periodEnd: bill.period_end,
    issuedAt: bill.issued_at.toISOString(),
    paymentDueDate: bill.payment_due_date,
    paid: bill.payment_due_date <= today,
    ...totals(bill),
    vatBreakdown: vatBreakdown(
      lines.map((line) => ({
        amountExclVatCents: line.amount_excl_vat_cents,
        vatRateBp: line.vat_rate_bp,
        vatCents: line.vat_cents,
        amountInclVatCents: line.amount_incl_vat_cents,
      })),
    ),
    lines: presented,
    flaggedLines: presented.filter((line) => (line.thirdParty?.flags.length ?? 0) > 0).length,
    pdf: `/api/bills/${bill.id}/pdf`,
  };
}

export function presentCharge(row: ChargeRow) {
  const consent = consentOf(row);
  const gaps = consentGaps(consent, row.occurred_at);
  const explanation = explainLine({
    kind: 'third_party',
    label: row.service_name,
    details: {},
    amountInclVatCents: row.amount_incl_vat_cents,
    periodStart: '',
    periodEnd: '',
    subscription: { kind: row.subscription_kind, number: row.line_number ?? row.msisdn },
    charge: {
      merchantName: row.merchant_name,
      serviceName: row.service_name,
      chargeType: row.charge_type,
      occurredAt: row.occurred_at,
      consent,
      consentGaps: gaps,
    },
    ledger: null,
  });
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    merchantName: row.merchant_name,
    serviceName: row.service_name,
    chargeType: row.charge_type,
    occurredAt: row.occurred_at.toISOString(),
    receivedAt: row.received_at.toISOString(),
    amountInclVatCents: row.amount_incl_vat_cents,
    consentComplete: gaps.length === 0,
    flags: flagsOf(row.flags),
    explanation,
    bill: row.bill_id ? { id: row.bill_id, reference: row.bill_reference } : null,
    dispute: row.dispute_id
      ? {
          id: row.dispute_id,
          outcome: row.dispute_outcome,
          case: { id: row.dispute_case_id, reference: row.dispute_case_reference },
        }
      : null,
    refund: row.refund_id
      ? {
          id: row.refund_id,
          amountCents: row.refund_cents,
          at: row.refunded_at?.toISOString() ?? null,
          billReference: row.refund_bill_reference,
        }
      : null,
    disputable: !row.dispute_id,
  };
}

type LineRow = Awaited<ReturnType<typeof listCustomerLines>>[number];
type ChangeRow = Awaited<ReturnType<typeof listSettingChanges>>[number];
type RejectionRow = Awaited<ReturnType<typeof listRejections>>[number];

export function presentLines(lines: LineRow[], changes: ChangeRow[]) {
  return lines.map((line) => ({
    subscriptionId: line.id,
    reference: line.reference,
    kind: line.kind,
    plan: line.plan,
    number: line.line_number ?? line.msisdn,
    status: line.status,
    thirdPartyBilling: line.third_party_status ?? 'allowed',
    changedAt: line.changed_at?.toISOString() ?? null,
    history: changes
      .filter((change) => change.subscription_id === line.id)
      .map((change) => ({
        status: change.status,
        at: change.at.toISOString(),
        channel: change.channel,
        reason: change.reason,
        by:
          change.actor_role === 'subscriber'
            ? 'customer'
            : change.actor_name
              ? `${change.actor_name}${change.actor_code ? ` (${change.actor_code})` : ''}`
              : null,
      })),
  }));
}

export function presentRejection(row: RejectionRow) {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    merchantName: row.merchant_name,
    serviceName: row.service_name,
    occurredAt: row.occurred_at.toISOString(),
    amountInclVatCents: row.amount_incl_vat_cents,
    reason: row.reason,
    at: row.at.toISOString(),
  };
}
