/**
 * Equipment loans in the developer space: an item goes to one member at a time (unique index on
 * open loans), a member holds at most `maxOpenLoansPerMember` items (checked under a lock on the
 * member, so simultaneous requests cannot both pass), and overdue loans get a reminder by the
 * member's preferred channel, at most one a week per loan.
 */
import { type LocalDate, addDays, endOfLocalDay, toLocalDate } from '../calendar/index.js';
import { invalidField } from '../cases/errors.js';
import { inTransaction } from '../cases/queries.js';
import { customerScopeFor } from '../customers/scope.js';
import type { AuthUser } from '../identity/queries.js';
import { enqueueMessage } from '../outbox/enqueue.js';
import type { AppContext } from '../platform/http/context.js';
import { HttpProblem, conflict, notFound } from '../platform/http/problem.js';
import { findCustomerInScope } from '../cases/queries.js';
import { customerFor } from './appointments.js';
import {
  closeLoan,
  countOpenLoans,
  insertLoan,
  lockCustomer,
  lockLoan,
  lockLoanItem,
  overdueLoans,
  setItemCondition,
} from './loan-queries.js';
import { loanOverdueText, recipientFor } from './notify.js';
import { findAddressee } from './queries.js';
import type { NewLoanBody } from './schema.js';
import type { ItemCondition } from './tables.js';

export const loanPolicy = { maxOpenLoansPerMember: 3, defaultLoanDays: 14, maxLoanDays: 60, reminderEveryDays: 7 };

const DAY_MS = 86_400_000;

export async function lendItem(ctx: AppContext, user: AuthUser, body: NewLoanBody): Promise<string> {
  const now = ctx.clock.now();
  const customerId = await customerFor(ctx, user, body.customerId);
  return inTransaction(ctx.db, async (trx) => {
    await lockCustomer(trx, customerId);
    const item = await lockLoanItem(trx, body.itemId);
    if (!item) throw invalidField('body.itemId', 'is not a loanable item');
    if (item.retired_at) throw invalidField('body.itemId', 'is retired and can no longer be lent');
    const today = toLocalDate(now, item.timezone);
    const dueDate: LocalDate = body.dueDate ?? addDays(today, loanPolicy.defaultLoanDays);
    if (dueDate < today) throw invalidField('body.dueDate', 'must be today or later');
    if (dueDate > addDays(today, loanPolicy.maxLoanDays)) {
      throw invalidField('body.dueDate', `must be within ${loanPolicy.maxLoanDays} days`);
    }
    const open = await countOpenLoans(trx, customerId);
    if (open >= loanPolicy.maxOpenLoansPerMember) {
      throw new HttpProblem(
        409,
        'Borrowing limit reached',
        `A member may borrow at most ${loanPolicy.maxOpenLoansPerMember} items at a time; bring one back first.`,
        [{ field: 'body.customerId', message: `already has ${open} items on loan` }],
      );
    }
    const inserted = await insertLoan(trx, {
      item_id: item.id,
      customer_id: customerId,
      borrowed_at: now,
      due_date: dueDate,
      due_at: endOfLocalDay(dueDate, item.timezone),
      condition_out: item.condition,
      lent_by_user_id: user.id,
    });
    if (!inserted) {
      throw new HttpProblem(409, 'Item on loan', 'This item is already lent to someone.', [
        { field: 'body.itemId', message: 'is already on loan' },
      ]);
    }
    return inserted.id;
  });
}

export async function returnLoan(ctx: AppContext, user: AuthUser, loanId: string, condition: ItemCondition) {
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const loan = await lockLoan(trx, loanId);
    if (!loan || !(await findCustomerInScope(trx, loan.customer_id, customerScopeFor(user)))) throw notFound('Loan');
    if (loan.returned_at) {
      if (loan.condition_in === condition) return;
      throw conflict('This loan was already returned.');
    }
    await closeLoan(trx, loan.id, { returned_at: now, condition_in: condition, returned_to_user_id: user.id });
    await setItemCondition(trx, loan.item_id, condition);
  });
}

/** Reminds every overdue borrower (at most once per week and loan); returns how many were written. */
export async function remindOverdueLoans(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<number> {
  const now = ctx.clock.now();
  let written = 0;
  for (const loan of await overdueLoans(ctx.db, now, 500)) {
    const week = Math.floor((now.getTime() - loan.due_at.getTime()) / (loanPolicy.reminderEveryDays * DAY_MS));
    const id = await inTransaction(ctx.db, async (trx) => {
      const customer = await findAddressee(trx, loan.customer_id);
      if (!customer) return null;
      const { channel, recipient } = recipientFor(customer);
      const text = loanOverdueText(customer, {
        itemName: loan.item_name,
        dueAt: loan.due_at,
        shopName: loan.shop_name,
      });
      return enqueueMessage(trx, {
        customerId: loan.customer_id,
        channel,
        recipient,
        subject: text.subject,
        body: text.body,
        kind: 'loan_overdue',
        dedupeKey: `loan-overdue:${loan.id}:${week}`,
        at: now,
      });
    });
    if (id) written++;
  }
  return written;
}
