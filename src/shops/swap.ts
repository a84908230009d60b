/**
 * A device swap at the counter, in one transaction: the faulty box leaves the subscription and is
 * tracked back to repair, the replacement leaves the shop's shelf for the subscription, and the
 * visit lands on the customer's device-swap case (opened now if there is none) as a shop-visit
 * contact that resolves it, so the advisor on the phone sees it. A retried request with the same
 * Idempotency-Key answers with the first swap and changes nothing.
 */
import type { Transaction } from 'kysely';
import { invalidField } from '../cases/errors.js';
import { insertInteraction } from '../cases/interaction-queries.js';
import { caseReference } from '../cases/open-case.js';
import { settleOpenPromises } from '../cases/promise-changes.js';
import { firstPromiseOf } from '../cases/promises.js';
import {
  inTransaction,
  insertCase,
  insertHistory,
  insertPromise,
  insertPromiseEvent,
  lockCase,
  nextCaseNumber,
  updateCaseAtVersion,
} from '../cases/queries.js';
import type { AuthUser } from '../identity/queries.js';
import type { Database } from '../platform/db/schema.js';
import type { AppContext } from '../platform/http/context.js';
import { HttpProblem, conflict } from '../platform/http/problem.js';
import {
  type ShopRow,
  findSwapByKey,
  findSubscriptionOf,
  insertMovements,
  insertSwap,
  lockAppointment,
  lockDeviceBySerial,
  openDeviceSwapCase,
  setAppointmentStatus,
  updateDevice,
} from './queries.js';
import type { SwapBody } from './schema.js';

interface SwapFacts {
  shop: ShopRow;
  user: AuthUser;
  customerId: string;
  subscriptionId: string;
  summary: string;
  now: Date;
}

/** The timeline entry and resolution on the open device-swap case, or a new case that records it. */
async function recordOnCase(trx: Transaction<Database>, facts: SwapFacts): Promise<string> {
  const { user, now, customerId } = facts;
  const open = await openDeviceSwapCase(trx, facts.subscriptionId);
  let caseId: string;
  if (open) {
    caseId = open.id;
  } else {
    const created = await insertCase(trx, {
      reference: caseReference(now, await nextCaseNumber(trx)),
      customer_id: customerId,
      subscription_id: facts.subscriptionId,
      type: 'device_swap',
      priority: 'normal',
      summary: facts.summary,
      opened_channel: 'shop_visit',
      opened_at: now,
      opened_by_user_id: user.id,
      owner_user_id: user.id,
      site_id: user.site?.id ?? facts.shop.id,
      tags: JSON.stringify(['boutique']),
      flags: JSON.stringify([]),
      created_at: now,
      updated_at: now,
    });
    caseId = created.id;
    await insertHistory(trx, [
      {
        case_id: caseId,
        customer_id: customerId,
        at: now,
        actor_user_id: user.id,
        field: 'owner',
        from_value: null,
        to_value: user.id,
        reason: 'opened',
      },
    ]);
    const first = firstPromiseOf('device_swap', now);
    const promise = await insertPromise(trx, {
      caseId,
      customerId,
      kind: first.kind,
      promisedBy: user.id,
      startsAt: now,
      dueAt: first.due.dueAt,
      dueDate: first.due.dueDate,
    });
    await insertPromiseEvent(trx, {
      promise_id: promise.id,
      case_id: caseId,
      at: now,
      actor_user_id: user.id,
      event: 'made',
      reason: first.reason,
    });
  }
  const row = await lockCase(trx, caseId, { kind: 'all' });
  if (!row) throw new Error('the device-swap case just found cannot be locked');
  await insertInteraction(trx, {
    case_id: caseId,
    customer_id: customerId,
    channel: 'shop_visit',
    direction: 'inbound',
    summary: facts.summary,
    occurred_at: now,
    handled_by_user_id: user.id,
    recorded_by_user_id: user.id,
    idempotency_key: null,
  });
  // The swap is what the customer asked for: the case is resolved and its promises settled.
  const change = { caseId, customerId, actorUserId: user.id, at: now };
  await settleOpenPromises(trx, change);
  const updated = await updateCaseAtVersion(trx, caseId, row.version, {
    status: 'resolved',
    resolved_at: now,
    waiting_since: null,
    waiting_reason: null,
    updated_at: now,
  });
  if (!updated) throw conflict('The case changed during the swap; please try again.');
  await insertHistory(trx, [
    {
      case_id: caseId,
      customer_id: customerId,
      at: now,
      actor_user_id: user.id,
      field: 'status',
      from_value: row.status,
      to_value: 'resolved',
      reason: 'Box échangée en boutique',
    },
  ]);
  return caseId;
}

export async function swapDevice(
  ctx: AppContext,
  user: AuthUser,
  input: { shop: ShopRow; body: SwapBody; idempotencyKey: string | null },
): Promise<{ swapId: string; replayed: boolean }> {
  const { shop, body, idempotencyKey } = input;
  const now = ctx.clock.now();
  if (body.faultySerial === body.replacementSerial) {
    throw invalidField('body.replacementSerial', 'must differ from the faulty serial');
  }
  return inTransaction(ctx.db, async (trx) => {
    // Lock the faulty unit first: a retry of the same swap waits here, then finds the first one.
    const faulty = await lockDeviceBySerial(trx, body.faultySerial);
    if (idempotencyKey) {
      const previous = await findSwapByKey(trx, user.id, idempotencyKey);
      if (previous) {
        if (previous.faulty_device_id !== faulty?.id || previous.fault !== body.fault) {
          throw new HttpProblem(
            422,
            'Idempotency-Key reused',
            'This Idempotency-Key was already used for another swap.',
          );
        }
        return { swapId: previous.id, replayed: true };
      }
    }
    if (!faulty) throw invalidField('body.faultySerial', 'is not a known device');
    if (faulty.status !== 'installed' || !faulty.subscription_id) {
      throw new HttpProblem(
        409,
        'Device not installed',
        `The faulty box is ${faulty.status}, not installed at a customer's.`,
        [{ field: 'body.faultySerial', message: `is ${faulty.status}, not installed at a customer's` }],
      );
    }
    const replacement = await lockDeviceBySerial(trx, body.replacementSerial);
    if (!replacement) throw invalidField('body.replacementSerial', 'is not a known device');
    if (replacement.status !== 'in_stock' || replacement.site_id !== shop.id) {
      throw new HttpProblem(409, 'Replacement not available', 'The replacement box is not on this shop’s shelf.', [
        { field: 'body.replacementSerial', message: 'is not in this shop’s stock' },
      ]);
    }
    const subscription = await findSubscriptionOf(trx, faulty.subscription_id);
    if (!subscription) throw new Error('an installed device points to a missing subscription');
    const summary = `Échange de box à la ${shop.name} : ${faulty.model} n° ${faulty.serial} (panne : ${body.fault}) remplacée par ${replacement.model} n° ${replacement.serial}. L’ancienne box part en réparation.`;
    const caseId = await recordOnCase(trx, {
      shop,
      user,
      customerId: subscription.customer_id,
      subscriptionId: subscription.id,
      summary: summary.slice(0, 4000),
      now,
    });
    if (body.appointmentId) {
      const appointment = await lockAppointment(trx, body.appointmentId);
      if (!appointment || appointment.site_id !== shop.id || appointment.customer_id !== subscription.customer_id) {
        throw invalidField('body.appointmentId', 'is not an appointment of this customer at this shop');
      }
      if (appointment.status === 'booked') await setAppointmentStatus(trx, appointment.id, { status: 'done' });
    }
    // Off the subscription first: a subscription holds one installed box (unique index).
    await updateDevice(trx, faulty.id, {
      status: 'to_repair',
      site_id: shop.id,
      subscription_id: null,
      updated_at: now,
    });
    await updateDevice(trx, replacement.id, {
      status: 'installed',
      site_id: null,
      subscription_id: subscription.id,
      updated_at: now,
    });
    const swap = await insertSwap(trx, {
      site_id: shop.id,
      customer_id: subscription.customer_id,
      subscription_id: subscription.id,
      faulty_device_id: faulty.id,
      replacement_device_id: replacement.id,
      case_id: caseId,
      fault: body.fault,
      performed_by_user_id: user.id,
      performed_at: now,
      idempotency_key: idempotencyKey,
    });
    await insertMovements(trx, [
      {
        device_id: faulty.id,
        at: now,
        from_status: 'installed',
        to_status: 'to_repair',
        site_id: shop.id,
        subscription_id: subscription.id,
        swap_id: swap.id,
        actor_user_id: user.id,
        note: body.fault,
      },
      {
        device_id: replacement.id,
        at: now,
        from_status: 'in_stock',
        to_status: 'installed',
        site_id: shop.id,
        subscription_id: subscription.id,
        swap_id: swap.id,
        actor_user_id: user.id,
        note: null,
      },
    ]);
    return { swapId: swap.id, replayed: false };
  });
}
