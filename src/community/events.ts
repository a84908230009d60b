/**
 * Event registrations. Each registration locks the event row, so registrations to one event are
 * serialised; the seat counter's check (registered_count ≤ capacity) makes overbooking impossible
 * even if code changes. A cancelled seat goes at once to the first on the waiting list, who is
 * told through the outbox in the same transaction.
 */
import { inTransaction } from '../cases/queries.js';
import { invalidField } from '../cases/errors.js';
import type { AppContext } from '../platform/http/context.js';
import { conflict, notFound } from '../platform/http/problem.js';
import { enqueueMessage } from '../outbox/enqueue.js';
import { recipientFor } from '../shops/notify.js';
import { findAddressee } from '../shops/queries.js';
import {
  firstWaitlisted,
  insertRegistration,
  liveRegistration,
  lockEvent,
  releaseSeat,
  takeSeat,
  updateRegistration,
  waitlistPosition,
} from './event-queries.js';
import { promotedText } from './messages.js';

export interface RegistrationOutcome {
  id: string;
  status: 'registered' | 'waitlisted';
  waitlistPosition: number | null;
  created: boolean;
}

export async function registerForEvent(
  ctx: AppContext,
  input: { eventId: string; customerId: string },
): Promise<RegistrationOutcome> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const event = await lockEvent(trx, input.eventId);
    if (!event) throw notFound('Event');
    if (event.cancelled_at) throw conflict('This event was cancelled.');
    if (event.starts_at.getTime() <= now.getTime()) throw conflict('This event has already started.');
    const existing = await liveRegistration(trx, event.id, input.customerId);
    if (existing && existing.status !== 'cancelled') {
      const position = existing.status === 'waitlisted' ? await waitlistPosition(trx, event.id, existing) : null;
      return { id: existing.id, status: existing.status, waitlistPosition: position, created: false };
    }
    const seated = await takeSeat(trx, event.id);
    const row = await insertRegistration(trx, {
      event_id: event.id,
      customer_id: input.customerId,
      status: seated ? 'registered' : 'waitlisted',
      queued_at: now,
      promoted_at: null,
      cancelled_at: null,
      checked_in_at: null,
    });
    const position = seated ? null : await waitlistPosition(trx, event.id, row);
    return { id: row.id, status: seated ? 'registered' : 'waitlisted', waitlistPosition: position, created: true };
  });
}

/** Cancels a member's registration; a freed seat goes to the first on the waiting list. */
export async function cancelRegistration(
  ctx: AppContext,
  input: { eventId: string; customerId: string },
): Promise<{ promotedCustomerId: string | null }> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const event = await lockEvent(trx, input.eventId);
    if (!event) throw notFound('Event');
    const registration = await liveRegistration(trx, event.id, input.customerId);
    if (!registration) throw notFound('Registration');
    await updateRegistration(trx, registration.id, { status: 'cancelled', cancelled_at: now });
    if (registration.status !== 'registered') return { promotedCustomerId: null };
    const next = event.cancelled_at || event.starts_at <= now ? undefined : await firstWaitlisted(trx, event.id);
    if (!next) {
      await releaseSeat(trx, event.id);
      return { promotedCustomerId: null };
    }
    // The seat changes hands: the count stays the same.
    await updateRegistration(trx, next.id, { status: 'registered', promoted_at: now });
    const customer = await findAddressee(trx, next.customer_id);
    if (customer) {
      const { channel, recipient } = recipientFor(customer);
      const text = promotedText(customer, { title: event.title, startsAt: event.starts_at });
      await enqueueMessage(trx, {
        customerId: next.customer_id,
        channel,
        recipient,
        subject: text.subject,
        body: text.body,
        kind: 'event_waitlist_promoted',
        dedupeKey: `event-promoted:${next.id}`,
        at: now,
      });
    }
    return { promotedCustomerId: next.customer_id };
  });
}

/** At the door: a registered member is checked in once (repeating it changes nothing). */
export async function checkIn(ctx: AppContext, input: { eventId: string; customerId: string }) {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const event = await lockEvent(trx, input.eventId);
    if (!event) throw notFound('Event');
    const registration = await liveRegistration(trx, event.id, input.customerId);
    if (!registration) throw invalidField('body.customerId', 'is not registered for this event');
    if (registration.status !== 'registered') {
      throw invalidField('body.customerId', 'is on the waiting list, not registered');
    }
    const at = registration.checked_in_at ?? now;
    if (!registration.checked_in_at) await updateRegistration(trx, registration.id, { checked_in_at: now });
    return { registrationId: registration.id, checkedInAt: at };
  });
}
