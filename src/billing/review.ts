/**
 * The review of a disputed charge (issue 7): a charge WITH a complete consent is not refunded at
 * the dispute; billing staff review it and either grant a refund (all of what remains refundable,
 * or part of it) or decline it with a reason the customer is shown. In one transaction: the
 * decision, its refund (a ledger entry for the next bill), the dispute's outcome, the case's
 * timeline, its open promise settled and the case resolved, the customer's message (outbox) and
 * the audit trail. One Idempotency-Key per decision: the same key answers with the same decision.
 * Keys are scoped to the dispute, not to the user as on other routes: two reviewers sending the
 * same key on one dispute get the one decision (and on two disputes, two decisions).
 * A dispute whose case was merged into another is decided on the case that carries on.
 * The dispute row is locked, so decisions on one dispute go one at a time; the database refuses
 * refunds that would add up to more than the charge (migrations/0006 and 0015), whatever the code.
 */
import { recordAudit } from '../audit/queries.js';
import { insertInteraction } from '../cases/interaction-queries.js';
import { finishedStatuses } from '../cases/policy.js';
import { settleOpenPromises } from '../cases/promise-changes.js';
import { inTransaction, insertHistory, lockCase, updateCaseAtVersion } from '../cases/queries.js';
import { customerScopeFor } from '../customers/scope.js';
import type { AuthUser } from '../identity/queries.js';
import { enqueueMessage } from '../outbox/enqueue.js';
import type { AppContext } from '../platform/http/context.js';
import { HttpProblem, badRequest, conflict, notFound } from '../platform/http/problem.js';
import { recipientOf, reviewDecisionMessage } from './messages.js';
import { formatEuros } from './money.js';
import { findCustomersForMessages, insertLedgerEntry, isUniqueViolation, lockCharge } from './queries.js';
import {
  type DecisionRow,
  findDecision,
  insertDecision,
  lockDispute,
  refundedSoFar,
  setDisputeOutcome,
  survivingCaseOf,
} from './review-queries.js';
import type { ReviewDecisionBody } from './schema.js';
import type { DisputeOutcome } from './tables.js';

export interface ReviewResult {
  decision: DecisionRow;
  caseId: string;
  caseReference: string;
  replayed: boolean;
}

const refusal = (status: number, title: string, field: string, message: string) =>
  new HttpProblem(status, title, `${field}: ${message}`, [{ field, message }]);

/** The same key must carry the same decision; anything else is a mistake worth a clear 422. */
function sameDecision(found: DecisionRow, body: ReviewDecisionBody): boolean {
  return (
    found.decision === body.decision &&
    (body.amountCents === undefined || found.amount_cents === body.amountCents) &&
    (found.reason ?? undefined) === body.reason
  );
}

export async function decideDispute(
  ctx: AppContext,
  user: AuthUser,
  input: { disputeId: string; body: ReviewDecisionBody; idempotencyKey: string | null },
): Promise<ReviewResult> {
  const { body, idempotencyKey, disputeId } = input;
  if (!idempotencyKey) {
    throw badRequest('headers.idempotency-key: is required, one key per decision', [
      { field: 'headers.idempotency-key', message: 'is required, one key per decision' },
    ]);
  }
  const scope = customerScopeFor(user);

  const attempt = () =>
    inTransaction(ctx.db, async (trx) => {
      const dispute = await lockDispute(trx, disputeId, scope);
      if (!dispute) throw notFound('Dispute');
      // The dispute's case may have been merged into another (several times over): the decision
      // goes on the case that carries on, which is the one still being worked on.
      const surviving = await survivingCaseOf(trx, dispute.case_id);
      const base = { caseId: surviving.id, caseReference: surviving.reference };

      const keyed = await findDecision(trx, { disputeId, idempotencyKey });
      if (keyed) {
        if (!sameDecision(keyed, body)) {
          throw new HttpProblem(
            422,
            'Idempotency-Key reused',
            'This Idempotency-Key was already used for another decision on this dispute.',
            [{ field: 'headers.idempotency-key', message: 'was already used for another decision' }],
          );
        }
        return { ...base, decision: keyed, replayed: true };
      }

      if (dispute.outcome === 'declined') {
        throw conflict('This dispute was already declined; the decision stands.');
      }
      if (dispute.outcome === 'refunded') {
        throw conflict(
          'This charge was refunded in full when it was disputed (no complete consent): nothing to review.',
        );
      }
      if (body.decision === 'decline' && dispute.outcome !== 'under_review') {
        throw conflict('A refund was already granted on this dispute; it can no longer be declined.');
      }

      const charge = dispute.third_party_charge_id
        ? await lockCharge(trx, dispute.third_party_charge_id, { kind: 'all' })
        : null;
      const now = ctx.clock.now();
      let outcome: DisputeOutcome = 'declined';
      let amount: number | null = null;
      if (body.decision === 'grant') {
        if (!charge) {
          throw refusal(
            422,
            'Not a third-party charge',
            'body.decision',
            'only a disputed third-party charge can be refunded here; correct other lines with a credit',
          );
        }
        const remaining = charge.amount_incl_vat_cents - (await refundedSoFar(trx, charge.id));
        if (remaining <= 0) throw conflict('This charge has already been refunded in full.');
        amount = body.amountCents ?? remaining;
        if (amount > remaining) {
          throw refusal(
            422,
            'More than remains refundable',
            'body.amountCents',
            `must be at most ${remaining} (what remains refundable of ${charge.amount_incl_vat_cents})`,
          );
        }
        outcome = amount === remaining ? 'granted' : 'partially_granted';
      }

      const created = await insertDecision(trx, {
        customer_id: dispute.customer_id,
        dispute_id: dispute.id,
        decision: body.decision,
        amount_cents: amount,
        reason: body.reason ?? null,
        decided_at: now,
        decided_by_user_id: user.id,
        idempotency_key: idempotencyKey,
      });
      if (charge && amount !== null) {
        await insertLedgerEntry(trx, {
          customer_id: dispute.customer_id,
          account_id: charge.account_id,
          subscription_id: charge.subscription_id,
          kind: 'refund',
          amount_incl_vat_cents: amount,
          vat_rate_bp: charge.vat_rate_bp,
          label: `Remboursement${amount < charge.amount_incl_vat_cents ? ' partiel' : ''} ${charge.merchant_name} — ${charge.service_name}`,
          third_party_charge_id: charge.id,
          dispute_id: dispute.id,
          decision_id: created.id,
          created_at: now,
          created_by_user_id: user.id,
          billed_on_bill_id: null,
        });
      }
      await setDisputeOutcome(trx, dispute.id, outcome);

      // The case: the decision on its timeline, sent on the customer's channel; resolved with its promise settled.
      const [customer] = await findCustomersForMessages(trx, [dispute.customer_id]);
      const recipient = customer ? recipientOf(customer) : null;
      const summary =
        body.decision === 'grant'
          ? `Après examen, remboursement ${outcome === 'partially_granted' ? 'partiel ' : ''}de ${formatEuros(amount ?? 0)} accordé${charge ? ` sur les ${formatEuros(charge.amount_incl_vat_cents)} de l’achat « ${charge.service_name} »` : ''} ; il figurera sur la prochaine facture.${body.reason ? ` Motif : ${body.reason}` : ''}`
          : `Après examen, contestation refusée. Motif communiqué au client : ${body.reason}`;
      const row = await lockCase(trx, surviving.id, { kind: 'all' });
      if (!row) throw new Error('the dispute’s case cannot be locked');
      if (row.status === 'merged') {
        throw conflict('The case was merged into another during the decision; please try again.');
      }
      await insertInteraction(trx, {
        case_id: row.id,
        customer_id: row.customer_id,
        channel: recipient?.channel ?? 'letter',
        direction: 'outbound',
        summary,
        occurred_at: now,
        handled_by_user_id: user.id,
        recorded_by_user_id: user.id,
        idempotency_key: null,
      });
      if (!finishedStatuses.has(row.status)) {
        const change = { caseId: row.id, customerId: row.customer_id, actorUserId: user.id, at: now };
        await settleOpenPromises(trx, change);
        const updated = await updateCaseAtVersion(trx, row.id, row.version, {
          status: 'resolved',
          resolved_at: now,
          waiting_since: null,
          waiting_reason: null,
          updated_at: now,
        });
        if (!updated) throw conflict('The case changed during the decision; please try again.');
        await insertHistory(trx, [
          {
            case_id: row.id,
            customer_id: row.customer_id,
            at: now,
            actor_user_id: user.id,
            field: 'status',
            from_value: row.status,
            to_value: 'resolved',
            reason:
              body.decision === 'grant' ? 'Remboursement accordé après examen' : 'Contestation refusée après examen',
          },
        ]);
      }
      if (customer && recipient) {
        const message = reviewDecisionMessage(customer, {
          caseReference: row.reference,
          merchantName: charge?.merchant_name ?? '',
          serviceName: charge?.service_name ?? '',
          decision: body.decision,
          amountCents: amount,
          chargedCents: charge?.amount_incl_vat_cents ?? 0,
          reason: body.reason ?? null,
        });
        await enqueueMessage(trx, {
          customerId: dispute.customer_id,
          caseId: row.id,
          ...recipient,
          subject: message.subject,
          body: message.body,
          kind: body.decision === 'grant' ? 'billing_refund_granted' : 'billing_dispute_declined',
          dedupeKey: `billing-dispute-decision:${created.id}`,
          at: now,
        });
      }
      await recordAudit(trx, {
        actorUserId: user.id,
        action: body.decision === 'grant' ? 'billing.dispute_granted' : 'billing.dispute_declined',
        subjectType: 'billing_dispute',
        subjectId: dispute.id,
        details: {
          customerId: dispute.customer_id,
          caseId: row.id,
          chargeId: charge?.id ?? null,
          decisionId: created.id,
          amountCents: amount,
          reason: body.reason ?? null,
          outcome,
        },
      });
      const decision = await findDecision(trx, { id: created.id });
      return { ...base, decision: decision as DecisionRow, replayed: false };
    });

  try {
    return await attempt();
  } catch (error) {
    if (!isUniqueViolation(error)) refuseOrRethrow(error);
  }
  // Two first requests with one key at once: the loser rolls back whole and answers with the winner.
  // The retry gets the same mapping, and a second unique violation (another decision recorded at
  // the same instant) is a conflict too: no path answers 500.
  try {
    return await attempt();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict('Another decision on this dispute was recorded at the same time; reload it and decide again.');
    }
    refuseOrRethrow(error);
  }
}

/** The database's last word on money: refunds never add up to more than the charge (409). */
function refuseOrRethrow(error: unknown): never {
  if ((error as { constraint?: unknown } | null)?.constraint === 'billing_refund_within_charge') {
    throw conflict('This charge has already been refunded in full.');
  }
  throw error;
}
