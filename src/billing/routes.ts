/** Billing routes: thin — check access, validate, run one use case, present the result. */
import type { FastifyInstance } from 'fastify';
import { logStaffRead } from '../audit/queries.js';
import { PARIS, toLocalDate } from '../calendar/index.js';
import { customerScopeFor } from '../customers/scope.js';
import { requireAccess } from '../identity/auth.js';
import type { AuthUser } from '../identity/queries.js';
import type { AppContext } from '../platform/http/context.js';
import { decodeCursor, encodeCursor } from '../platform/http/cursor.js';
import { idempotencyKeyOf } from '../platform/http/idempotency-key.js';
import { HttpProblem, badRequest, notFound } from '../platform/http/problem.js';
import { defineRoute } from '../platform/http/route.js';
import { monthBounds, runBills } from './bill-run.js';
import { renderBillPdf } from './bill-pdf.js';
import { parseChargeCsv, renameToLines } from './csv.js';
import { disputeLine } from './dispute.js';
import { importCharges } from './import-charges.js';
import { decideDispute } from './review.js';
import { findDisputeOfCase } from './review-queries.js';
import { disputeReviewView, presentDecision } from './review-view.js';
import { presentBill, presentBillSummary, presentCharge, presentLines, presentRejection } from './present.js';
import {
  findBill,
  findCustomerInScope,
  listBillLines,
  listBills,
  listCharges,
  listCustomerLines,
  listRejections,
  listSettingChanges,
} from './queries.js';
import {
  billIdParams,
  billRunBody,
  billsQuery,
  caseIdParams,
  chargeBatchBody,
  csvBatchBody,
  customerIdParams,
  disputeBody,
  disputeIdParams,
  reviewDecisionBody,
  subscriptionIdParams,
  thirdPartySettingBody,
} from './schema.js';
import { setThirdPartyBilling } from './third-party-setting.js';

export function registerBillingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const today = () => toLocalDate(ctx.clock.now(), PARIS);

  const loadBill = async (user: AuthUser, billId: string) => {
    const bill = await findBill(ctx.db, billId, customerScopeFor(user));
    if (!bill) throw notFound('Bill');
    return presentBill(bill, await listBillLines(ctx.db, [bill.id]), today());
  };

  defineRoute(app, {
    method: 'GET',
    url: '/api/customers/:id/bills',
    summary: "A customer's bills, newest first, with totals and the number of flagged third-party lines",
    tags: ['billing'],
    params: customerIdParams,
    query: billsQuery,
    responses: { 200: 'A page of bills', 401: 'Not logged in', 404: 'No such customer visible to you' },
    handler: async ({ request, params, query }) => {
      const user = requireAccess(request, 'bill:read');
      if (!(await findCustomerInScope(ctx.db, params.id, customerScopeFor(user)))) throw notFound('Customer');
      const after = decodeCursor(query.cursor, 2) as [string, string] | null;
      const rows = await listBills(ctx.db, { customerId: params.id, limit: query.limit + 1, after });
      const page = rows.slice(0, query.limit);
      await logStaffRead(ctx.db, user, params.id, 'GET /api/customers/:id/bills', request.id);
      const last = page.at(-1);
      const day = today();
      return {
        items: page.map((row) => presentBillSummary(row, day)),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.period_start, last.id]) : null,
      };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/bills/:id',
    summary:
      'A bill: totals, VAT per rate, every line with its plain-French (and English) explanation, flags, disputes',
    tags: ['billing'],
    params: billIdParams,
    responses: { 200: 'The bill', 401: 'Not logged in', 404: 'No such bill visible to you' },
    handler: async ({ request, params }) => {
      const user = requireAccess(request, 'bill:read');
      const bill = await loadBill(user, params.id);
      await logStaffRead(ctx.db, user, bill.customerId, 'GET /api/bills/:id', request.id);
      return bill;
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/bills/:id/pdf',
    summary: 'The bill as a PDF',
    tags: ['billing'],
    params: billIdParams,
    responses: { 200: 'application/pdf', 401: 'Not logged in', 404: 'No such bill visible to you' },
    handler: async ({ request, reply, params }) => {
      const user = requireAccess(request, 'bill:read');
      const row = await findBill(ctx.db, params.id, customerScopeFor(user));
      if (!row) throw notFound('Bill');
      const bill = presentBill(row, await listBillLines(ctx.db, [row.id]), today());
      await logStaffRead(ctx.db, user, row.customer_id, 'GET /api/bills/:id/pdf', request.id);
      const pdf = await renderBillPdf({
        bill,
        customer: {
          civility: row.civility,
          firstName: row.first_name,
          lastName: row.last_name,
          reference: row.customer_reference,
          addressLines: [row.address_line1, row.address_line2, `${row.postcode} ${row.city}`].filter(
            (line): line is string => Boolean(line),
          ),
        },
      });
      reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="facture-${bill.reference}.pdf"`)
        .header('cache-control', 'private, no-store');
      return reply.send(pdf);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/customers/:id/third-party-billing',
    summary:
      "Third-party billing of a customer's lines (allowed or blocked, with history), their charges and refused charges",
    tags: ['billing'],
    params: customerIdParams,
    responses: {
      200: 'Lines, charges (newest first, at most 100) and rejections',
      404: 'No such customer visible to you',
    },
    handler: async ({ request, params }) => {
      const user = requireAccess(request, 'bill:read');
      if (!(await findCustomerInScope(ctx.db, params.id, customerScopeFor(user)))) throw notFound('Customer');
      const lines = await listCustomerLines(ctx.db, params.id);
      const changes = await listSettingChanges(
        ctx.db,
        lines.map((line) => line.id),
      );
      const charges = await listCharges(ctx.db, params.id, 100);
      const rejections = await listRejections(ctx.db, params.id, 100);
      await logStaffRead(ctx.db, user, params.id, 'GET /api/customers/:id/third-party-billing', request.id);
      return {
        lines: presentLines(lines, changes),
        charges: charges.map(presentCharge),
        rejections: rejections.map(presentRejection),
      };
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/subscriptions/:id/third-party-billing',
    summary: 'Block or allow third-party billing on a line: free, immediate, recorded',
    tags: ['billing'],
    params: subscriptionIdParams,
    body: thirdPartySettingBody,
    responses: { 200: 'The line’s setting', 400: 'Invalid request', 404: 'No such line visible to you' },
    handler: async ({ request, params, body }) => {
      const user = requireAccess(request, 'bill:block');
      return setThirdPartyBilling(ctx, user, { subscriptionId: params.id, body });
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/billing/disputes',
    summary:
      'Dispute a bill line or a third-party charge: opens a billing_dispute case; refunds at once a charge without complete consent. Exactly once per line, whatever the retries.',
    tags: ['billing'],
    body: disputeBody,
    responses: {
      201: 'The dispute, its case and its refund',
      200: 'The line was already disputed: the first dispute (Idempotent-Replayed: true)',
      400: 'Invalid request',
      404: 'No such line or charge visible to you',
      422: 'Idempotency-Key reused for another line',
    },
    handler: async ({ request, reply, body }) => {
      const user = requireAccess(request, 'bill:dispute');
      const result = await disputeLine(ctx, user, { body, idempotencyKey: idempotencyKeyOf(request) });
      const { dispute } = result;
      if (result.replayed) reply.code(200).header('idempotent-replayed', 'true');
      else reply.code(201);
      return {
        id: dispute.id,
        billLineId: dispute.bill_line_id,
        chargeId: dispute.third_party_charge_id,
        outcome: dispute.outcome,
        openedAt: dispute.opened_at.toISOString(),
        case: { id: dispute.case_id, reference: dispute.case_reference },
        refund: dispute.refund_id
          ? { id: dispute.refund_id, amountCents: dispute.refund_cents, onNextBill: true }
          : null,
      };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/cases/:id/billing-dispute',
    summary:
      'The billing dispute of a case: the charge, its consent record, what was refunded, the review decisions and what you may decide',
    tags: ['billing'],
    params: caseIdParams,
    responses: { 200: 'The dispute', 401: 'Not logged in', 404: 'No case visible to you, or no dispute on it' },
    handler: async ({ request, params }) => {
      const user = requireAccess(request, 'bill:read');
      const dispute = await findDisputeOfCase(ctx.db, params.id, customerScopeFor(user));
      if (!dispute) throw notFound('Billing dispute');
      await logStaffRead(ctx.db, user, dispute.customer_id, 'GET /api/cases/:id/billing-dispute', request.id);
      return disputeReviewView(ctx.db, user, dispute);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/billing/disputes/:id/decisions',
    summary:
      'Review a disputed charge: grant a refund (all that remains, or amountCents) or decline it with a reason the customer is shown. Resolves the case (the case it was merged into, if it was). One decision per Idempotency-Key, and keys are scoped to the dispute, not to the user as on other routes: any reviewer resending the key gets the first decision back.',
    tags: ['billing'],
    params: disputeIdParams,
    body: reviewDecisionBody,
    responses: {
      201: 'The decision and its refund',
      200: 'The same Idempotency-Key again: the first decision (Idempotent-Replayed: true)',
      400: 'Invalid request, or no Idempotency-Key',
      403: 'Not a billing reviewer',
      404: 'No such dispute visible to you',
      409: 'Already declined, or nothing left to refund',
      422: 'More than remains refundable, not a charge, or Idempotency-Key reused for another decision',
    },
    handler: async ({ request, reply, params, body }) => {
      const user = requireAccess(request, 'bill:review');
      const result = await decideDispute(ctx, user, {
        disputeId: params.id,
        body,
        idempotencyKey: idempotencyKeyOf(request),
      });
      if (result.replayed) reply.code(200).header('idempotent-replayed', 'true');
      else reply.code(201);
      return { ...presentDecision(result.decision), case: { id: result.caseId, reference: result.caseReference } };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/billing/charge-batches',
    summary:
      'Import a batch of third-party charges (billing system or partner). A malformed batch is refused whole with every error; the same batch twice is applied once.',
    tags: ['billing'],
    body: chargeBatchBody,
    responses: {
      201: 'Accepted, rejected (line blocked) and flagged charges',
      200: 'The same batch again: the first result (Idempotent-Replayed: true)',
      400: 'Malformed batch: nothing imported, errors listed per charge',
      409: 'Reference already used for another batch',
    },
    handler: async ({ request, reply, body }) => {
      const user = requireAccess(request, 'billing:import');
      const result = await importCharges(ctx, user, body);
      if (result.replayed) reply.code(200).header('idempotent-replayed', 'true');
      else reply.code(201);
      return result;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/billing/charge-batches/csv',
    summary: 'Import a CSV file of third-party charges; errors name the file line; same rules as a JSON batch',
    tags: ['billing'],
    body: csvBatchBody,
    responses: { 201: 'As for a JSON batch', 200: 'Replay', 400: 'Malformed file: nothing imported, errors per line' },
    handler: async ({ request, reply, body }) => {
      const user = requireAccess(request, 'billing:import');
      const { lineNumbers, ...batch } = parseChargeCsv(body);
      const result = await importCharges(ctx, user, batch).catch((error: unknown) => {
        throw error instanceof HttpProblem ? renameToLines(error, lineNumbers) : error;
      });
      if (result.replayed) reply.code(200).header('idempotent-replayed', 'true');
      else reply.code(201);
      return result;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/billing/runs',
    summary: 'Bill a finished month for every active account not yet billed for it',
    tags: ['billing'],
    body: billRunBody,
    responses: { 200: 'How many bills and lines were written', 400: 'The month is not over' },
    handler: async ({ request, body }) => {
      requireAccess(request, 'billing:run');
      const now = ctx.clock.now();
      const { periodEnd } = monthBounds(body.month);
      if (periodEnd >= toLocalDate(now, PARIS)) {
        throw badRequest('body.month: must be a month that is over', [
          { field: 'body.month', message: 'must be a month that is over' },
        ]);
      }
      return runBills(ctx.db, { month: body.month, issuedAt: now });
    },
  });
}
