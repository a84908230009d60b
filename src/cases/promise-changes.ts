/** Writes that change promises, each with the reason the customer is shown. Run inside the case's transaction. */
import type { Kysely } from 'kysely';
import { type Due, toLocalDate } from '../calendar/index.js';
import type { Database } from '../platform/db/schema.js';
import type { PromiseKind } from './policy.js';
import { dueAfterPause, settlementAt } from './promises.js';
import { insertPromise, insertPromiseEvent, linkSupersededPromise, openPromises, settlePromise } from './queries.js';

interface Change {
  caseId: string;
  customerId: string;
  actorUserId: string;
  at: Date;
}

/** On resolution each open promise is kept if the case was resolved by its due time, else broken. */
export async function settleOpenPromises(trx: Kysely<Database>, change: Change): Promise<void> {
  for (const promise of await openPromises(trx, change.caseId)) {
    const status = settlementAt(promise.due_at, change.at);
    await settlePromise(trx, promise.id, { status, at: change.at });
    await insertPromiseEvent(trx, {
      promise_id: promise.id,
      case_id: change.caseId,
      at: change.at,
      actor_user_id: change.actorUserId,
      event: status,
      reason: status === 'kept' ? 'Dossier résolu dans le délai promis.' : 'Dossier résolu après la date promise.',
    });
  }
}

/**
 * A new date replaces the open promise of that kind (superseded, never edited in place), or is
 * made afresh when none is open. The new promise's delay runs from now.
 */
export async function supersedePromise(
  trx: Kysely<Database>,
  change: Change & { kind: PromiseKind; due: Due; promisedBy: string; reason: string; startsAt?: Date },
): Promise<string> {
  const previous = (await openPromises(trx, change.caseId)).find((promise) => promise.kind === change.kind);
  // Settle first: at most one promise of a kind may be open (unique index).
  if (previous) await settlePromise(trx, previous.id, { status: 'superseded', at: change.at });
  const created = await insertPromise(trx, {
    caseId: change.caseId,
    customerId: change.customerId,
    kind: change.kind,
    promisedBy: change.promisedBy,
    startsAt: change.startsAt ?? change.at,
    dueAt: change.due.dueAt,
    dueDate: change.due.dueDate,
  });
  const event = { case_id: change.caseId, at: change.at, actor_user_id: change.actorUserId, reason: change.reason };
  if (previous) {
    await linkSupersededPromise(trx, previous.id, created.id);
    await insertPromiseEvent(trx, { ...event, promise_id: previous.id, event: 'superseded' });
  }
  await insertPromiseEvent(trx, { ...event, promise_id: created.id, event: 'made' });
  return created.id;
}

/**
 * When the customer has answered, every open promise moves by the time the case waited on them
 * (superseded with the reason shown to the customer); the delay keeps its original start.
 */
export async function extendPromisesAfterPause(trx: Kysely<Database>, change: Change & { waitingSince: Date }) {
  const pause = { from: change.waitingSince, to: change.at };
  for (const promise of await openPromises(trx, change.caseId)) {
    const current = { startsAt: promise.starts_at, dueAt: promise.due_at, dueDate: promise.due_date };
    const due = dueAfterPause(current, pause);
    if (due.dueAt.getTime() <= promise.due_at.getTime()) continue;
    await supersedePromise(trx, {
      ...change,
      kind: promise.kind,
      due,
      promisedBy: promise.promised_by_user_id,
      startsAt: promise.starts_at,
      reason: `Délai prolongé du temps d’attente de votre réponse (du ${toLocalDate(pause.from)} au ${toLocalDate(pause.to)}).`,
    });
  }
}
