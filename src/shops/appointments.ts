/**
 * Booking a shop visit. The slot must be one the shop's calendar offers; the partial unique index
 * on (shop, start) decides between simultaneous bookings, so exactly one wins whatever the code
 * does. The reminder is written to the outbox in the same transaction, due the day before.
 */
import { findCustomerInScope, inTransaction } from '../cases/queries.js';
import { invalidField } from '../cases/errors.js';
import { customerScopeFor } from '../customers/scope.js';
import type { AuthUser } from '../identity/queries.js';
import { insertOutboxMessage } from '../outbox/queries.js';
import type { AppContext } from '../platform/http/context.js';
import { HttpProblem, conflict, notFound } from '../platform/http/problem.js';
import { type ShopHours, slotProblem } from './hours.js';
import { appointmentReminderText, recipientFor } from './notify.js';
import {
  type ShopRow,
  findAddressee,
  findShopByCode,
  findSubscriptionOf,
  insertAppointment,
  lockAppointment,
  setAppointmentStatus,
  withdrawPendingMessage,
} from './queries.js';
import type { BookAppointmentBody } from './schema.js';

const REMINDER_LEAD_MS = 24 * 3_600_000;

export function hoursOf(shop: ShopRow): ShopHours {
  return {
    timeZone: shop.timezone,
    weekly: shop.weekly_hours,
    exceptions: shop.exceptions,
    slotMinutes: shop.slot_minutes,
    bookingHorizonDays: shop.booking_horizon_days,
  };
}

const slotMessages = {
  in_the_past: 'is in the past',
  beyond_horizon: 'is too far ahead; appointments open a limited number of days in advance',
  not_a_slot: 'is not a free slot of this shop (outside opening hours or not on a slot boundary)',
} as const;

export const reminderKey = (appointmentId: string) => `shop-appointment-reminder:${appointmentId}`;

/** The customer a request is about: a subscriber's own file, or the one staff named (customer scope applies). */
export async function customerFor(
  ctx: AppContext,
  user: AuthUser,
  customerId: string | undefined,
  field = 'body.customerId',
): Promise<string> {
  const id = user.role === 'subscriber' ? (customerId ?? user.customerId) : customerId;
  if (!id) throw invalidField(field, 'is required');
  const customer = await findCustomerInScope(ctx.db, id, customerScopeFor(user));
  if (!customer) throw invalidField(field, 'is not a customer you can act for');
  return customer.id;
}

export async function bookAppointment(ctx: AppContext, user: AuthUser, body: BookAppointmentBody): Promise<string> {
  const now = ctx.clock.now();
  const shop = await findShopByCode(ctx.db, body.shopCode);
  if (!shop) throw invalidField('body.shopCode', 'is not a shop');
  const customerId = await customerFor(ctx, user, body.customerId);
  if (body.subscriptionId) {
    const subscription = await findSubscriptionOf(ctx.db, body.subscriptionId);
    if (subscription?.customer_id !== customerId) {
      throw invalidField('body.subscriptionId', 'is not a subscription of this customer');
    }
  }
  const problem = slotProblem(hoursOf(shop), body.startsAt, now);
  if (problem) throw invalidField('body.startsAt', slotMessages[problem]);
  const endsAt = new Date(body.startsAt.getTime() + shop.slot_minutes * 60_000);
  return inTransaction(ctx.db, async (trx) => {
    const inserted = await insertAppointment(trx, {
      site_id: shop.id,
      customer_id: customerId,
      subscription_id: body.subscriptionId ?? null,
      purpose: body.purpose,
      starts_at: body.startsAt,
      ends_at: endsAt,
      note: body.note || null,
      booked_by_user_id: user.id,
      created_at: now,
    });
    if (!inserted) {
      throw new HttpProblem(
        409,
        'Slot taken',
        'This slot has just been booked by someone else; please choose another.',
        [{ field: 'body.startsAt', message: 'is no longer free' }],
      );
    }
    const customer = await findAddressee(trx, customerId);
    if (!customer) throw notFound('Customer');
    const { channel, recipient } = recipientFor(customer);
    const text = appointmentReminderText(customer, {
      shopName: shop.name,
      address: shop.address,
      startsAt: body.startsAt,
      purpose: body.purpose,
    });
    const dueAt = new Date(Math.max(now.getTime(), body.startsAt.getTime() - REMINDER_LEAD_MS));
    await insertOutboxMessage(trx, {
      customer_id: customerId,
      case_id: null,
      channel,
      recipient,
      subject: text.subject,
      body: text.body,
      kind: 'shop_appointment_reminder',
      dedupe_key: reminderKey(inserted.id),
      next_attempt_at: dueAt,
      created_at: now,
    });
    return inserted.id;
  });
}

/** The customer (or staff for them) cancels: the slot frees up at once and the unsent reminder goes. */
export async function cancelAppointment(ctx: AppContext, user: AuthUser, appointmentId: string): Promise<void> {
  const now = ctx.clock.now();
  const scope = customerScopeFor(user);
  await inTransaction(ctx.db, async (trx) => {
    const row = await lockAppointment(trx, appointmentId);
    if (!row || !(await findCustomerInScope(trx, row.customer_id, scope))) throw notFound('Appointment');
    if (row.status === 'cancelled') return;
    if (row.status !== 'booked') throw conflict(`This appointment is already ${row.status}; it cannot be cancelled.`);
    if (row.starts_at.getTime() <= now.getTime()) throw conflict('This appointment has already started.');
    await setAppointmentStatus(trx, row.id, { status: 'cancelled', cancelled_at: now });
    await withdrawPendingMessage(trx, reminderKey(row.id));
  });
}

/** Shop staff mark how a visit went (a swap marks its own appointment done). */
export async function setOutcome(
  ctx: AppContext,
  siteId: string | null,
  appointmentId: string,
  status: 'done' | 'no_show',
): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const row = await lockAppointment(trx, appointmentId);
    if (!row || (siteId && row.site_id !== siteId)) throw notFound('Appointment');
    if (row.status === status) return;
    if (row.status !== 'booked') throw conflict(`This appointment is already ${row.status}.`);
    await setAppointmentStatus(trx, row.id, { status });
  });
}
