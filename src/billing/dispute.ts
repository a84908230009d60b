/**
 * Disputing a bill line or a third-party charge (portal, or an advisor on the phone): opens a
 * billing_dispute case (the case module's own openCase, in this transaction), and where the
 * charge lacks a complete consent posts the refund at once as a ledger entry, for the next bill.
 * Exactly once per line and per charge whatever the retries: the Idempotency-Key, the charge row
 * lock and the unique indexes on disputes and refunds (migrations/0006_billing.sql) all agree.
 * The case timeline gets the line's whole story: the charge, its consent, the flags, the line's
 * third-party setting, the dispute and the refund.
 */
import { recordAudit } from '../audit/queries.js';
import { insertInteraction } from '../cases/interaction-queries.js';
import { openCase } from '../cases/open-case.js';
import type { Channel } from '../cases/policy.js';
import { inTransaction } from '../cases/queries.js';
import { customerScopeFor } from '../customers/scope.js';
import type { AuthUser } from '../identity/queries.js';
import { enqueueMessage } from '../outbox/enqueue.js';
import type { AppContext } from '../platform/http/context.js';
import { HttpProblem, badRequest, notFound } from '../platform/http/problem.js';
import { consentGapLabels, consentGaps } from './consent.js';
import { type ChargeFlag, flagLabels } from './detection.js';
import { spokenNumber } from './explain.js';
import { disputeMessage, recipientOf } from './messages.js';
import { formatEuros } from './money.js';
import {
  type DisputeRow,
  type LockedCharge,
  findCaseReference,
  findCustomersForMessages,
  findDispute,
  findLineForDispute,
  insertDispute,
  insertLedgerEntry,
  isUniqueViolation,
  lockBillLine,
  lockCharge,
  settingChangesOf,
} from './queries.js';
import type { DisputeBody } from './schema.js';

export interface DisputeResult {
  dispute: DisputeRow;
  replayed: boolean;
}

const when = (at: Date) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }).format(at);

function chargeStory(charge: LockedCharge, changes: Array<{ status: string; at: Date; channel: string }>): string[] {
  const gaps = consentGaps(
    charge.consent_channel
      ? {
          firstStepAt: charge.first_step_at,
          secondStepAt: charge.second_step_at,
          channel: charge.consent_channel,
          sourceIp: charge.source_ip,
          sourceLine: charge.source_line,
        }
      : null,
    charge.occurred_at,
  );
  const flags = (charge.flags as ChargeFlag[]).map((flag) => flagLabels[flag].fr);
  const story = [
    `Achat « ${charge.service_name} » chez ${charge.merchant_name}, ${formatEuros(charge.amount_incl_vat_cents)}, le ${when(charge.occurred_at)} sur la ligne ${spokenNumber(charge.line_number ?? charge.msisdn)} ; reçu le ${when(charge.received_at)}${charge.batch_source ? ` (lot ${charge.batch_source} ${charge.batch_reference})` : ''}${charge.bill_reference ? `, facturé sur ${charge.bill_reference}` : ', pas encore facturé'}.`,
    gaps.length === 0
      ? `Consentement : double confirmation le ${when(charge.first_step_at as Date)} puis ${when(charge.second_step_at as Date)} (${charge.consent_channel}${charge.source_line ? `, ligne ${charge.source_line}` : ''}${charge.source_ip ? `, IP ${charge.source_ip}` : ''}).`
      : `Consentement incomplet : ${gaps.map((gap) => consentGapLabels[gap].fr).join(', ')}.`,
  ];
  if (flags.length > 0) story.push(`Signalements à l’arrivée : ${flags.join(', ')}.`);
  story.push(
    changes.length === 0
      ? 'Achats de tiers sur la ligne : autorisés (jamais modifié).'
      : `Achats de tiers sur la ligne : ${changes.map((change) => `${change.status === 'blocked' ? 'bloqués' : 'autorisés'} le ${when(change.at)} (${change.channel})`).join(' ; ')}.`,
  );
  return story;
}

export async function disputeLine(
  ctx: AppContext,
  user: AuthUser,
  input: { body: DisputeBody; idempotencyKey: string | null },
): Promise<DisputeResult> {
  const { body, idempotencyKey } = input;
  const scope = customerScopeFor(user);
  if (user.role === 'subscriber' && body.channel && body.channel !== 'portal') {
    throw badRequest('body.channel: must be portal when you dispute yourself', [
      { field: 'body.channel', message: 'must be portal when you dispute yourself' },
    ]);
  }
  const channel: Channel = user.role === 'subscriber' ? 'portal' : (body.channel ?? 'phone_in');

  // What is disputed, within the caller's scope (404 alike for "absent" and "not yours").
  const line = body.billLineId ? await findLineForDispute(ctx.db, body.billLineId, scope) : null;
  if (body.billLineId && !line) throw notFound('Bill line');
  if (line && (line.kind === 'refund' || line.kind === 'credit')) {
    throw badRequest('body.billLineId: a refund or a credit is in your favour and cannot be disputed', [
      { field: 'body.billLineId', message: 'is a refund or a credit in your favour and cannot be disputed' },
    ]);
  }
  const chargeId = line ? line.third_party_charge_id : (body.chargeId ?? null);

  const sameRequest = (found: DisputeRow) =>
    (line
      ? found.bill_line_id === line.id || (chargeId !== null && found.third_party_charge_id === chargeId)
      : false) ||
    (!line && found.third_party_charge_id === chargeId);

  const attempt = () =>
    inTransaction(ctx.db, async (trx) => {
      const charge = chargeId ? ((await lockCharge(trx, chargeId, scope)) ?? null) : null;
      if (chargeId && !charge) throw notFound('Charge');
      if (line && !chargeId) await lockBillLine(trx, line.id);
      const customerId = (charge?.customer_id ?? line?.customer_id) as string;

      if (idempotencyKey) {
        const keyed = await findDispute(trx, { customerId, idempotencyKey });
        if (keyed) {
          if (!sameRequest(keyed)) {
            throw new HttpProblem(
              422,
              'Idempotency-Key reused',
              'This Idempotency-Key was already used for a dispute of another line.',
              [{ field: 'headers.idempotency-key', message: 'was already used for another dispute' }],
            );
          }
          return { dispute: keyed, replayed: true };
        }
      }
      // One dispute per line and per charge: a second request (another key, another door) gets the first.
      const existing = await findDispute(trx, { lineId: line?.id ?? null, chargeId });
      if (existing) return { dispute: existing, replayed: true };

      const now = ctx.clock.now();
      const refundable = charge !== null && !charge.consent_complete;
      const what = charge
        ? `l’achat « ${charge.service_name} » chez ${charge.merchant_name} du ${when(charge.occurred_at)} (${formatEuros(charge.amount_incl_vat_cents)})`
        : `la ligne « ${line?.label} » de la facture ${line?.bill_reference} (${formatEuros(line?.amount_incl_vat_cents ?? 0)})`;
      const caseId = await openCase({ ...ctx, db: trx }, user, {
        customerId,
        type: 'billing_dispute',
        channel,
        summary: `Contestation de ${what} : ${body.reason}`,
        subscriptionId: charge?.subscription_id ?? line?.subscription_id ?? undefined,
        tags: ['facturation', ...(charge ? ['achat-tiers'] : [])],
        confirmNewCase: true,
      });
      const dispute = await insertDispute(trx, {
        customer_id: customerId,
        bill_id: line?.bill_id ?? null,
        bill_line_id: line?.id ?? null,
        third_party_charge_id: chargeId,
        case_id: caseId,
        reason: body.reason,
        channel,
        opened_at: now,
        opened_by_user_id: user.id,
        outcome: refundable ? 'refunded' : 'under_review',
        idempotency_key: idempotencyKey,
      });
      const timeline = (summary: string, direction: 'inbound' | 'outbound' = 'outbound') =>
        insertInteraction(trx, {
          case_id: caseId,
          customer_id: customerId,
          channel,
          direction,
          summary,
          occurred_at: now,
          handled_by_user_id: user.role === 'subscriber' ? null : user.id,
          recorded_by_user_id: user.id,
          idempotency_key: null,
        });
      if (charge) {
        const changes = await settingChangesOf(trx, charge.subscription_id);
        await timeline(`Historique de la ligne contestée :\n${chargeStory(charge, changes).join('\n')}`);
      }
      let refundCents: number | null = null;
      if (refundable && charge) {
        refundCents = charge.amount_incl_vat_cents;
        await insertLedgerEntry(trx, {
          customer_id: customerId,
          account_id: charge.account_id,
          subscription_id: charge.subscription_id,
          kind: 'refund',
          amount_incl_vat_cents: refundCents,
          vat_rate_bp: charge.vat_rate_bp,
          label: `Remboursement ${charge.merchant_name} — ${charge.service_name}`,
          third_party_charge_id: charge.id,
          dispute_id: dispute.id,
          created_at: now,
          created_by_user_id: user.id,
          billed_on_bill_id: null,
        });
        await timeline(
          `Remboursement de ${formatEuros(refundCents)} accordé aussitôt : aucune preuve de double confirmation. Il figurera sur la prochaine facture.`,
        );
      } else {
        await timeline(
          charge
            ? 'Le marchand a fourni une double confirmation : contestation à examiner par un conseiller (preuve demandée au partenaire).'
            : 'Contestation à examiner par un conseiller.',
        );
      }
      const [customer] = await findCustomersForMessages(trx, [customerId]);
      const caseReference = await findCaseReference(trx, caseId);
      if (customer) {
        const message = disputeMessage(customer, { caseReference, what, refundCents });
        await enqueueMessage(trx, {
          customerId,
          caseId,
          ...recipientOf(customer),
          subject: message.subject,
          body: message.body,
          kind: refundable ? 'billing_refund' : 'billing_dispute_opened',
          dedupeKey: `billing-dispute:${dispute.id}`,
          at: now,
        });
      }
      await recordAudit(trx, {
        actorUserId: user.id,
        action: 'billing.line_disputed',
        subjectType: 'billing_dispute',
        subjectId: dispute.id,
        details: { customerId, billLineId: line?.id ?? null, chargeId, caseId, refundCents },
      });
      const created = await findDispute(trx, { lineId: line?.id ?? null, chargeId });
      return { dispute: created as DisputeRow, replayed: false };
    });

  try {
    return await attempt();
  } catch (error) {
    // Two first requests at once: the loser's unique violation rolls it back whole; answer with the winner.
    if (isUniqueViolation(error)) return attempt();
    throw error;
  }
}
