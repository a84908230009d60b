/**
 * Broken promises (PRODUCT.md, Escalation): a promise past due on a case still being worked on
 * is marked broken and replaced by a new date, the case is flagged escalated, and the customer
 * is told the new date and the reason before they have to ask — all in one transaction, so the
 * message exists exactly when the change does. Run periodically by the outbox worker.
 */
import type { Kysely } from 'kysely';
import { FRENCH_CALENDAR, addBusinessDays } from '../calendar/index.js';
import {
  inTransaction,
  insertPromise,
  insertPromiseEvent,
  linkSupersededPromise,
  lockCase,
  openPromises,
  settlePromise,
  updateCaseAtVersion,
} from '../cases/queries.js';
import type { Clock } from '../platform/clock.js';
import type { OutboxConfig } from '../platform/config.js';
import type { Database } from '../platform/db/schema.js';
import { brokenPromiseMessage, chooseRecipient } from './broken-promise-message.js';
import { findMessageContext, listBrokenPromises } from './broken-promise-queries.js';
import { enqueueMessage } from './enqueue.js';

/** The flag a supervisor filters on: the case missed a promise and is watched more closely. */
export const ESCALATED_FLAG = 'escalated';

/** Promises handled per run; the next run takes the rest. */
const SCAN_BATCH = 200;

const REASON = {
  fr: 'La date promise est dépassée : votre dossier a été transmis à un responsable, qui en suit désormais la résolution et s’engage sur cette nouvelle date.',
  en: 'The promised date has passed: your case has been passed to a supervisor, who now follows it through and commits to this new date.',
};

export interface ScanDeps {
  db: Kysely<Database>;
  clock: Clock;
  config: { outbox: Pick<OutboxConfig, 'brokenPromiseExtraBusinessDays'> };
  log?: (level: 'info' | 'error', message: string, details?: Record<string, unknown>) => void;
}

/** Escalates every broken promise found; returns how many. Running it again changes nothing. */
export async function escalateBrokenPromises(deps: ScanDeps): Promise<number> {
  const now = deps.clock.now();
  let escalated = 0;
  for (const candidate of await listBrokenPromises(deps.db, { now, limit: SCAN_BATCH })) {
    try {
      if (await escalateOne(deps, candidate, now)) escalated++;
    } catch (error) {
      // One case that cannot be escalated (bad data, a deadlock) must not hold up the others.
      deps.log?.('error', 'broken promise not escalated', { promiseId: candidate.promise_id, err: error });
    }
  }
  return escalated;
}

async function escalateOne(deps: ScanDeps, candidate: { promise_id: string; case_id: string }, now: Date) {
  return inTransaction(deps.db, async (trx) => {
    // The case lock serialises us with advisors and other workers; re-check under it.
    const row = await lockCase(trx, candidate.case_id, { kind: 'all' });
    if (!row || !['open', 'in_progress'].includes(row.status)) return false;
    const promise = (await openPromises(trx, row.id)).find((open) => open.id === candidate.promise_id);
    if (!promise || promise.due_at.getTime() >= now.getTime()) return false;

    const due = addBusinessDays(now, deps.config.outbox.brokenPromiseExtraBusinessDays, FRENCH_CALENDAR);
    await settlePromise(trx, promise.id, { status: 'broken', at: now });
    const replacement = await insertPromise(trx, {
      caseId: row.id,
      customerId: row.customer_id,
      kind: promise.kind,
      promisedBy: row.owner_user_id,
      startsAt: now,
      dueAt: due.dueAt,
      dueDate: due.dueDate,
    });
    await linkSupersededPromise(trx, promise.id, replacement.id);
    const event = { case_id: row.id, at: now, actor_user_id: null, reason: REASON.fr };
    await insertPromiseEvent(trx, { ...event, promise_id: promise.id, event: 'broken' });
    await insertPromiseEvent(trx, { ...event, promise_id: replacement.id, event: 'made' });
    const flags = row.flags.includes(ESCALATED_FLAG) ? row.flags : [...row.flags, ESCALATED_FLAG];
    await updateCaseAtVersion(trx, row.id, row.version, { flags: JSON.stringify(flags), updated_at: now });

    const customer = await findMessageContext(trx, row.id);
    const { channel, recipient } = chooseRecipient(customer);
    const facts = { brokenDueDate: promise.due_date, newDueAt: due.dueAt, newDueIsDay: true, reason: REASON };
    await enqueueMessage(trx, {
      customerId: row.customer_id,
      caseId: row.id,
      channel,
      recipient,
      ...brokenPromiseMessage(customer, facts, channel),
      kind: 'promise_broken',
      dedupeKey: `promise-broken:${promise.id}`,
      at: now,
    });
    return true;
  });
}
