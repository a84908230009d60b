/**
 * Importing third-party charges from the billing system or a partner (file or API batch).
 * All or nothing for form: a batch with any malformed charge is refused whole, every error listed
 * by charge. Idempotent: the same batch (source + reference + content) sent again is applied once
 * and answered with the first result; the same reference with other content is refused.
 * A charge for a line whose third-party billing is blocked is rejected and logged; every accepted
 * charge is checked for consent and unusual patterns, and a flagged one is told to the customer
 * (outbox) before the payment.
 */
import { createHash } from 'node:crypto';
import { PARIS, addDays, toLocalDate } from '../calendar/index.js';
import { recordAudit } from '../audit/queries.js';
import { inTransaction } from '../cases/queries.js';
import type { AuthUser } from '../identity/queries.js';
import { enqueueMessage } from '../outbox/enqueue.js';
import type { AppContext } from '../platform/http/context.js';
import { HttpProblem, type FieldError, badRequest } from '../platform/http/problem.js';
import { monthBounds } from './bill-run.js';
import { type ConsentRecord, consentGaps } from './consent.js';
import { type ChargeFlag, type PastCharge, detectFlags, settingAt } from './detection.js';
import { flaggedChargeMessage, recipientOf } from './messages.js';
import {
  chargeHistory,
  completeBatch,
  existingCharges,
  findBatch,
  findCustomersForMessages,
  findLines,
  insertBatch,
  insertCharge,
  insertConsent,
  insertRejection,
  isUniqueViolation,
  listSettingChanges,
  lockLinesForImport,
} from './queries.js';
import type { ChargeBatchBody, ChargeItem } from './schema.js';

export interface ImportResult {
  batchId: string;
  source: string;
  reference: string;
  accepted: number;
  rejected: Array<{ index: number; externalRef: string; line: string; reason: 'line_blocked'; message: string }>;
  flagged: Array<{ index: number; externalRef: string; chargeId: string; flags: ChargeFlag[] }>;
  replayed: boolean;
}

export function batchHash(body: ChargeBatchBody): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

/** The payment day of the bill a charge made at `at` lands on (not before the end of its month). */
export function paymentNotBefore(at: Date, now: Date, paymentDelayDays = 10): string {
  const later = at.getTime() > now.getTime() ? at : now;
  const { periodEnd } = monthBounds(toLocalDate(later, PARIS).slice(0, 7));
  return addDays(periodEnd, paymentDelayDays);
}

const field = (index: number, name: string) => `body.charges.${index}.${name}`;

type LineRow = Awaited<ReturnType<typeof findLines>>[number];

function lineOf(lines: LineRow[], line: string): LineRow | undefined {
  return lines.find((row) => row.reference === line || row.msisdn === line || row.line_number === line);
}

async function checkBatch(ctx: AppContext, body: ChargeBatchBody, now: Date) {
  const errors: FieldError[] = [];
  const lines = await findLines(ctx.db, [...new Set(body.charges.map((charge) => charge.line))]);
  const known = await existingCharges(
    ctx.db,
    body.charges.map((charge) => ({ merchantCode: charge.merchantCode, externalRef: charge.externalRef })),
  );
  const seen = new Set<string>();
  body.charges.forEach((charge, index) => {
    const line = lineOf(lines, charge.line);
    if (!line || line.merged_into_customer_id)
      errors.push({ field: field(index, 'line'), message: 'is not a line we know' });
    else if (line.status === 'terminated') errors.push({ field: field(index, 'line'), message: 'is terminated' });
    if (charge.occurredAt.getTime() > now.getTime()) {
      errors.push({ field: field(index, 'occurredAt'), message: 'must not be in the future' });
    }
    const key = `${charge.merchantCode}\u0000${charge.externalRef}`;
    if (seen.has(key)) errors.push({ field: field(index, 'externalRef'), message: 'appears twice in the batch' });
    seen.add(key);
    if (known.some((row) => row.merchant_code === charge.merchantCode && row.external_ref === charge.externalRef)) {
      errors.push({ field: field(index, 'externalRef'), message: 'was already received in an earlier batch' });
    }
    const consent = charge.consent;
    if (consent?.secondStepAt && !consent.firstStepAt) {
      errors.push({ field: field(index, 'consent.firstStepAt'), message: 'is required when secondStepAt is given' });
    }
    for (const step of ['firstStepAt', 'secondStepAt'] as const) {
      const at = consent?.[step];
      if (at && at.getTime() > now.getTime()) {
        errors.push({ field: field(index, `consent.${step}`), message: 'must not be in the future' });
      }
    }
  });
  return { errors, lines };
}

const consentOf = (charge: ChargeItem): ConsentRecord | null =>
  charge.consent
    ? {
        firstStepAt: charge.consent.firstStepAt ?? null,
        secondStepAt: charge.consent.secondStepAt ?? null,
        channel: charge.consent.channel,
        sourceIp: charge.consent.sourceIp ?? null,
        sourceLine: charge.consent.sourceLine ?? null,
      }
    : null;

export async function importCharges(ctx: AppContext, user: AuthUser, body: ChargeBatchBody): Promise<ImportResult> {
  const now = ctx.clock.now();
  const hash = batchHash(body);
  const replay = async () => {
    const existing = await findBatch(ctx.db, body.source, body.reference);
    if (!existing) return null;
    if (existing.content_sha256 !== hash) {
      throw new HttpProblem(
        409,
        'Batch reference reused',
        `Batch ${body.reference} from ${body.source} was already received with other content; send new charges under a new reference.`,
        [{ field: 'body.reference', message: 'was already used for a different batch' }],
      );
    }
    return { ...(existing.result as unknown as ImportResult), replayed: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;

  const { errors, lines } = await checkBatch(ctx, body, now);
  if (errors.length > 0) {
    const first = errors[0] as FieldError;
    throw badRequest(
      `The batch was not imported: ${errors.length} error(s), first ${first.field}: ${first.message}.`,
      errors,
    );
  }

  try {
    return await inTransaction(ctx.db, async (trx) => {
      const batch = await insertBatch(trx, {
        source: body.source,
        reference: body.reference,
        contentSha256: hash,
        at: now,
        userId: user.id,
      });
      const items = body.charges.map((charge, index) => ({
        charge,
        index,
        line: lineOf(lines, charge.line) as LineRow,
      }));
      const subscriptionIds = [...new Set(items.map((item) => item.line.id))];
      // Shared locks on the lines: a block committed before us is seen; one after us waits.
      const current = new Map(
        (await lockLinesForImport(trx, subscriptionIds)).map((row) => [row.id, row.third_party_status ?? 'allowed']),
      );
      const changes = await listSettingChanges(trx, subscriptionIds);
      const history = new Map<string, PastCharge[]>();
      for (const row of await chargeHistory(trx, subscriptionIds)) {
        const list = history.get(row.subscription_id) ?? [];
        list.push({ merchantCode: row.merchant_code, chargeType: row.charge_type, occurredAt: row.occurred_at });
        history.set(row.subscription_id, list);
      }
      const customers = new Map(
        (await findCustomersForMessages(trx, [...new Set(items.map((item) => item.line.customer_id))])).map((row) => [
          row.id,
          row,
        ]),
      );

      const result: ImportResult = {
        batchId: batch.id,
        source: body.source,
        reference: body.reference,
        accepted: 0,
        rejected: [],
        flagged: [],
        replayed: false,
      };
      const ordered = [...items].sort(
        (a, b) => a.charge.occurredAt.getTime() - b.charge.occurredAt.getTime() || a.index - b.index,
      );
      for (const { charge, index, line } of ordered) {
        if (current.get(line.id) === 'blocked') {
          await insertRejection(trx, {
            batch_id: batch.id,
            customer_id: line.customer_id,
            subscription_id: line.id,
            merchant_code: charge.merchantCode,
            merchant_name: charge.merchantName,
            service_name: charge.serviceName,
            external_ref: charge.externalRef,
            occurred_at: charge.occurredAt,
            amount_incl_vat_cents: charge.amountCents,
            reason: 'line_blocked',
            at: now,
          });
          result.rejected.push({
            index,
            externalRef: charge.externalRef,
            line: charge.line,
            reason: 'line_blocked',
            message: 'Third-party billing is blocked on this line: the charge is refused and will not be billed.',
          });
          continue;
        }
        const consent = consentOf(charge);
        const gaps = consentGaps(consent, charge.occurredAt);
        const past = history.get(line.id) ?? [];
        const lineChanges = changes.filter((change) => change.subscription_id === line.id);
        const flags = detectFlags(
          {
            merchantCode: charge.merchantCode,
            chargeType: charge.chargeType,
            occurredAt: charge.occurredAt,
            consentComplete: gaps.length === 0,
          },
          past,
          settingAt(lineChanges, charge.occurredAt),
        );
        const consentRow = consent
          ? await insertConsent(trx, {
              customer_id: line.customer_id,
              subscription_id: line.id,
              merchant_code: charge.merchantCode,
              service_name: charge.serviceName,
              first_step_at: consent.firstStepAt,
              second_step_at: consent.secondStepAt,
              channel: consent.channel,
              source_ip: consent.sourceIp,
              source_line: consent.sourceLine,
              confirmation_page: charge.consent?.confirmationPage ?? null,
              recorded_at: now,
            })
          : null;
        const inserted = await insertCharge(trx, {
          customer_id: line.customer_id,
          account_id: line.account_id,
          subscription_id: line.id,
          batch_id: batch.id,
          merchant_code: charge.merchantCode,
          merchant_name: charge.merchantName,
          service_name: charge.serviceName,
          charge_type: charge.chargeType,
          external_ref: charge.externalRef,
          occurred_at: charge.occurredAt,
          amount_incl_vat_cents: charge.amountCents,
          vat_rate_bp: charge.vatRateBp ?? 2000,
          consent_id: consentRow?.id ?? null,
          consent_complete: gaps.length === 0,
          flags: JSON.stringify(flags),
          received_at: now,
        });
        past.push({ merchantCode: charge.merchantCode, chargeType: charge.chargeType, occurredAt: charge.occurredAt });
        history.set(line.id, past);
        result.accepted++;
        if (flags.length === 0) continue;
        result.flagged.push({ index, externalRef: charge.externalRef, chargeId: inserted.id, flags });
        const customer = customers.get(line.customer_id);
        if (!customer) continue;
        const message = flaggedChargeMessage(customer, {
          merchantName: charge.merchantName,
          serviceName: charge.serviceName,
          occurredAt: charge.occurredAt,
          amountCents: charge.amountCents,
          lineNumber: line.line_number ?? line.msisdn,
          flags,
          consentGaps: gaps,
          paymentNotBefore: paymentNotBefore(charge.occurredAt, now),
        });
        await enqueueMessage(trx, {
          customerId: line.customer_id,
          ...recipientOf(customer),
          subject: message.subject,
          body: message.body,
          kind: 'third_party_charge_flagged',
          dedupeKey: `third-party-charge-flagged:${inserted.id}`,
          at: now,
        });
      }
      result.rejected.sort((a, b) => a.index - b.index);
      result.flagged.sort((a, b) => a.index - b.index);
      await completeBatch(trx, batch.id, {
        accepted: result.accepted,
        rejected: result.rejected.length,
        result: result as unknown as Record<string, unknown>,
      });
      await recordAudit(trx, {
        actorUserId: user.id,
        action: 'billing.charges_imported',
        subjectType: 'billing_charge_batch',
        subjectId: batch.id,
        details: {
          source: body.source,
          reference: body.reference,
          accepted: result.accepted,
          rejected: result.rejected.length,
        },
      });
      return result;
    });
  } catch (error) {
    // The same batch sent twice at once: the second waits for the first, then finds it.
    if (isUniqueViolation(error)) {
      const again = await replay();
      if (again) return again;
      // Another batch brought one of these charges at the same moment: nothing of this one was kept.
      throw new HttpProblem(
        409,
        'Charge received meanwhile',
        'A charge of this batch arrived in another batch at the same moment; nothing was imported. Send the batch again to see which.',
      );
    }
    throw error;
  }
}
