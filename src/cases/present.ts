/** Database rows → API shapes (close to TMF621 Trouble Ticket in spirit, flattened for the web app). */
import type { CaseFile, CaseView, HistoryView, PromiseEventView, PromiseView } from './file-queries.js';
import type { InteractionRow } from './interaction-queries.js';
import { mediationDates } from './mediation.js';
import { presentCaseMessage } from './case-messages.js';
import { presentDocument } from '../documents/present.js';
import { ownerDisplayName } from './owner.js';
import { casePolicies, statusLabels } from './policy.js';
import { promiseProgress, promiseRisk } from './promises.js';

const person = (id: string | null, name: string | null, code: string | null) =>
  id && name ? { id, displayName: ownerDisplayName(name, code) } : null;

/** The promise the customer is waiting on: the open one of the policy's kind, else the soonest open, else the last made. */
export function currentPromiseOf(type: CaseView['type'], promises: readonly PromiseView[]): PromiseView | null {
  const open = promises.filter((promise) => promise.status === 'open');
  const policyKind = casePolicies[type].firstPromise.kind;
  return (
    open.find((promise) => promise.kind === policyKind) ??
    [...open].sort((a, b) => a.due_at.getTime() - b.due_at.getTime())[0] ??
    promises.at(-1) ??
    null
  );
}

export function presentPromise(promise: PromiseView, now: Date) {
  const due = { startsAt: promise.starts_at, dueAt: promise.due_at, dueDate: promise.due_date };
  return {
    id: promise.id,
    kind: promise.kind,
    status: promise.status,
    promisedBy: person(promise.promised_by_user_id, promise.promiser_name, promise.promiser_code),
    startsAt: promise.starts_at,
    dueAt: promise.due_at,
    dueDate: promise.due_date,
    settledAt: promise.settled_at,
    // Only an open promise has a live gauge; a settled one is what it is.
    ...(promise.status === 'open'
      ? { risk: promiseRisk(due, now), delayUsed: Math.round(promiseProgress(due, now) * 100) / 100 }
      : {}),
  };
}

export function presentPromiseEvent(event: PromiseEventView) {
  return {
    at: event.at,
    event: event.event,
    reason: event.reason,
    promise: { id: event.promise_id, kind: event.kind, dueAt: event.due_at, dueDate: event.due_date },
  };
}

export function presentInteraction(row: InteractionRow) {
  return {
    id: row.id,
    caseId: row.case_id,
    channel: row.channel,
    direction: row.direction,
    summary: row.summary,
    occurredAt: row.occurred_at,
    handledBy: person(row.handled_by_user_id, row.handler_name, row.handler_code),
  };
}

function presentHistory(entry: HistoryView) {
  return {
    at: entry.at,
    field: entry.field,
    from: entry.from_value,
    to: entry.to_value,
    reason: entry.reason,
  };
}

/** The case's own fields, shared by lists and the full file. */
export function presentCaseSummary(row: CaseView, promises: readonly PromiseView[], now: Date) {
  const current = currentPromiseOf(row.type, promises);
  return {
    id: row.id,
    reference: row.reference,
    customerId: row.customer_id,
    subscriptionId: row.subscription_id,
    type: row.type,
    status: row.status,
    statusLabel: statusLabels[row.status],
    priority: row.priority,
    summary: row.summary,
    channel: row.opened_channel,
    openedAt: row.opened_at,
    owner: person(row.owner_user_id, row.owner_name, row.owner_code),
    site: row.site_id ? { id: row.site_id, name: row.site_name, code: row.site_code } : null,
    tags: row.tags,
    flags: row.flags,
    routing: row.routed_at
      ? {
          to: person(row.routed_to_user_id, row.routed_name, row.routed_code),
          at: row.routed_at,
          reason: row.routing_reason,
        }
      : null,
    waiting: row.waiting_since ? { since: row.waiting_since, whatWeNeedFromYou: row.waiting_reason } : null,
    currentPromise: current ? presentPromise(current, now) : null,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    // A merged case points to the case that carries on with its timeline and promise.
    mergedInto:
      row.merged_into_case_id && row.merged_into_reference
        ? { id: row.merged_into_case_id, reference: row.merged_into_reference, at: row.merged_at }
        : null,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

export function presentCaseFile(file: CaseFile, now: Date) {
  return {
    ...presentCaseSummary(file.case, file.promises, now),
    // Contacts and the messages the outbox wrote, one timeline, oldest first.
    timeline: [...file.timeline.map(presentInteraction), ...file.messages.map(presentCaseMessage)].sort(
      (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime(),
    ),
    documents: file.documents.map(presentDocument),
    promises: file.promises.map((promise) => presentPromise(promise, now)),
    promiseHistory: file.promiseEvents.map(presentPromiseEvent),
    history: file.history.map(presentHistory),
    /** Cases merged into this one: their contacts are in `timeline` (each entry's caseId says where it was recorded). */
    mergedFrom: file.mergedFrom.map((merged) => ({ id: merged.id, reference: merged.reference })),
    mediation: file.case.type === 'written_complaint' ? mediationDates(file.case.opened_at) : null,
  };
}
