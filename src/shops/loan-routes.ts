/** Equipment-loan routes: the shop's loanable items, lending, returns, overdue list and reminders. */
import type { FastifyInstance } from 'fastify';
import { logCustomerRead } from '../audit/queries.js';
import { addDays, toLocalDate } from '../calendar/index.js';
import { requireAccess } from '../identity/auth.js';
import type { AppContext } from '../platform/http/context.js';
import { conflict, notFound } from '../platform/http/problem.js';
import { defineRoute } from '../platform/http/route.js';
import { customerFor } from './appointments.js';
import { type LoanView, customerLoans, findLoan, insertLoanItem, listLoanItems, overdueLoans } from './loan-queries.js';
import { lendItem, loanPolicy, remindOverdueLoans, returnLoan } from './loans.js';
import { shopOr404, shopWhereUserWorks } from './access.js';
import { z } from 'zod';
import {
  idParams,
  itemConditions,
  loanCategories,
  loanListQuery,
  newLoanBody,
  oneOf,
  returnLoanBody,
  shopCodeParams,
} from './schema.js';

function presentLoan(row: LoanView, now: Date) {
  return {
    id: row.id,
    item: { id: row.item_id, name: row.item_name, assetTag: row.asset_tag, category: row.category },
    shop: { code: row.shop_code, name: row.shop_name },
    borrower: { id: row.customer_id, reference: row.customer_reference, name: `${row.first_name} ${row.last_name}` },
    borrowedAt: row.borrowed_at.toISOString(),
    dueDate: row.due_date,
    dueAt: row.due_at.toISOString(),
    conditionOut: row.condition_out,
    returnedAt: row.returned_at?.toISOString() ?? null,
    conditionIn: row.condition_in,
    overdue: row.returned_at === null && row.due_at.getTime() < now.getTime(),
  };
}

export function registerLoanRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/shops/:code/loan-items',
    summary: 'Loanable items of a shop with their condition and whether they are available',
    tags: ['loans'],
    params: shopCodeParams,
    handler: async ({ request, params }) => {
      const user = requireAccess(request, 'loan:borrow');
      const shop = await shopOr404(ctx.db, params.code);
      const staff = user.role !== 'subscriber';
      const rows = await listLoanItems(ctx.db, shop.id);
      const today = toLocalDate(ctx.clock.now(), shop.timezone);
      return {
        limit: loanPolicy.maxOpenLoansPerMember,
        // The due dates a loan made now may take (shop's local dates): the default and the latest.
        defaultDueDate: addDays(today, loanPolicy.defaultLoanDays),
        latestDueDate: addDays(today, loanPolicy.maxLoanDays),
        items: rows.map((row) => ({
          id: row.id,
          assetTag: row.asset_tag,
          name: row.name,
          category: row.category,
          condition: row.condition,
          available: row.loan_id === null,
          // Who has it is for staff; a member sees only when it comes back.
          ...(row.loan_id
            ? {
                loan: {
                  id: staff ? row.loan_id : null,
                  dueDate: row.due_date,
                  borrowerId: staff ? row.borrower_id : null,
                  borrower:
                    staff && row.borrower_id
                      ? {
                          id: row.borrower_id,
                          reference: row.borrower_reference,
                          name: `${row.borrower_first_name} ${row.borrower_last_name}`,
                        }
                      : null,
                },
              }
            : {}),
        })),
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/shops/:code/loan-items',
    summary: 'Add a loanable item (box, development board, tool) to a shop',
    tags: ['loans'],
    params: shopCodeParams,
    body: z
      .object({
        /** The label stuck on the item, unique, e.g. NCY-RPI-004 */
        assetTag: z.string().trim().min(1, 'must not be empty').max(40, 'must have at most 40 characters'),
        /** What it is, e.g. "Raspberry Pi 5 kit" */
        name: z.string().trim().min(1, 'must not be empty').max(200, 'must have at most 200 characters'),
        /** Kind of item */
        category: oneOf(loanCategories),
        /** Its condition now */
        condition: oneOf(itemConditions),
      })
      .strict(),
    responses: { 201: 'The item', 409: 'Asset tag already used' },
    handler: async ({ request, reply, params, body }) => {
      const user = requireAccess(request, 'loan:manage');
      const shop = await shopWhereUserWorks(ctx.db, user, params.code);
      const row = await insertLoanItem(ctx.db, {
        site_id: shop.id,
        asset_tag: body.assetTag,
        name: body.name,
        category: body.category,
        condition: body.condition,
        retired_at: null,
      });
      if (!row) throw conflict(`The asset tag ${body.assetTag} is already used.`);
      reply.code(201);
      return { id: row.id, ...body, available: true };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/loans',
    summary: 'Lend an item to a member (within the per-member limit)',
    tags: ['loans'],
    body: newLoanBody,
    responses: { 201: 'The loan', 400: 'Invalid request (the field is named)', 409: 'Item on loan or limit reached' },
    handler: async ({ request, reply, body }) => {
      const user = requireAccess(request, 'loan:borrow');
      const id = await lendItem(ctx, user, body);
      const row = await findLoan(ctx.db, id);
      if (!row) throw notFound('Loan');
      reply.code(201).header('location', `/api/loans/${id}`);
      return presentLoan(row, ctx.clock.now());
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/loans',
    summary: "A member's loans, current and past",
    tags: ['loans'],
    query: loanListQuery,
    handler: async ({ request, query }) => {
      const user = requireAccess(request, 'loan:borrow');
      const customerId = await customerFor(ctx, user, query.customerId, 'query.customerId');
      if (user.role !== 'subscriber') {
        await logCustomerRead(ctx.db, {
          staffUserId: user.id,
          customerId,
          route: 'GET /api/loans',
          requestId: request.id,
        });
      }
      const now = ctx.clock.now();
      return {
        limit: loanPolicy.maxOpenLoansPerMember,
        items: (await customerLoans(ctx.db, customerId)).map((row) => presentLoan(row, now)),
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/loans/:id/return',
    summary: 'Take an item back, noting its condition',
    tags: ['loans'],
    params: idParams,
    body: returnLoanBody,
    handler: async ({ request, params, body }) => {
      const user = requireAccess(request, 'loan:manage');
      await returnLoan(ctx, user, params.id, body.condition);
      const row = await findLoan(ctx.db, params.id);
      if (!row) throw notFound('Loan');
      return presentLoan(row, ctx.clock.now());
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/loans/overdue',
    summary: 'Loans past their due date, oldest first',
    tags: ['loans'],
    handler: async ({ request }) => {
      requireAccess(request, 'loan:manage');
      const now = ctx.clock.now();
      return { items: (await overdueLoans(ctx.db, now, 500)).map((row) => presentLoan(row, now)) };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/loans/overdue-reminders',
    summary: 'Write a reminder to every overdue borrower (at most one a week per loan)',
    tags: ['loans'],
    handler: async ({ request }) => {
      requireAccess(request, 'loan:manage');
      return { reminded: await remindOverdueLoans(ctx) };
    },
  });
}
