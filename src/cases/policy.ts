/**
 * What a case is: its types and their promise policy, statuses and their words for the customer,
 * channels. Every number here is configuration with the product's defaults (PRODUCT.md).
 */
import type { Delay } from '../calendar/index.js';

export const caseTypes = [
  'line_move',
  'fault_repair',
  'number_porting',
  'device_swap',
  'billing_dispute',
  'written_complaint',
  'contract_change',
  'termination',
  'general_request',
] as const;
export type CaseType = (typeof caseTypes)[number];

export const promiseKinds = ['resolution', 'callback', 'written_reply', 'technician_visit', 'device_delivery'] as const;
export type PromiseKind = (typeof promiseKinds)[number];
export type PromiseStatus = 'open' | 'kept' | 'broken' | 'superseded';
export type PromiseEvent = 'made' | 'kept' | 'broken' | 'superseded';

export interface CasePolicy {
  /** The first promise, made when the case opens, due this long after the opening. */
  firstPromise: { kind: PromiseKind; delay: Delay };
  /** Channels a case of this type may be opened on (undefined: any). */
  openingChannels?: readonly Channel[];
}

const businessDays = (n: number, kind: PromiseKind = 'resolution') => ({ kind, delay: { businessDays: n } });

export const casePolicies: Record<CaseType, CasePolicy> = {
  line_move: { firstPromise: businessDays(10) },
  fault_repair: { firstPromise: { kind: 'resolution', delay: { hours: 48 } } },
  number_porting: { firstPromise: businessDays(3) },
  device_swap: { firstPromise: businessDays(3, 'device_delivery') },
  billing_dispute: { firstPromise: businessDays(5) },
  // A written complaint is answered in writing; its reply deadline also starts the mediation clock.
  written_complaint: {
    firstPromise: businessDays(2, 'written_reply'),
    openingChannels: ['letter', 'email', 'portal'],
  },
  contract_change: { firstPromise: businessDays(5) },
  termination: { firstPromise: businessDays(5) },
  general_request: { firstPromise: businessDays(5) },
};

/** The operator's own first-promise delays, per type; the rest keep the defaults above. */
export type PromiseDelays = Partial<Record<CaseType, Delay>>;

/**
 * "line_move=8bd,fault_repair=24h" → delays (bd: business days, h: hours). Throws a message that
 * names the faulty entry, so a wrong setting stops the server at start, not a customer's case.
 */
export function parsePromiseDelays(text: string | undefined): PromiseDelays {
  const delays: PromiseDelays = {};
  for (const entry of (text ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^([a-z_]+)=(\d{1,4})(bd|h)$/.exec(entry);
    const type = match?.[1] as CaseType | undefined;
    if (!match || !type || !caseTypes.includes(type)) {
      throw new Error(
        `CASE_PROMISE_DELAYS: "${entry}" must be <type>=<number>bd or <type>=<number>h with a type among ${caseTypes.join(', ')}`,
      );
    }
    const amount = Number(match[2]);
    if (amount < 1) throw new Error(`CASE_PROMISE_DELAYS: "${entry}" must be at least 1`);
    delays[type] = match[3] === 'bd' ? { businessDays: amount } : { hours: amount };
  }
  return delays;
}

// 'merged': absorbed into another case of the same customer (merge-cases.ts); reached only by a merge.
export const caseStatuses = ['open', 'in_progress', 'waiting_on_customer', 'resolved', 'closed', 'merged'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** Words a customer understands, shown beside the code in every response. */
export const statusLabels: Record<CaseStatus, { fr: string; en: string }> = {
  open: { fr: 'Ouvert', en: 'Open' },
  in_progress: { fr: 'En cours de traitement', en: 'In progress' },
  waiting_on_customer: { fr: 'En attente de votre réponse', en: 'Waiting for your reply' },
  resolved: { fr: 'Résolu', en: 'Resolved' },
  closed: { fr: 'Clos', en: 'Closed' },
  merged: { fr: 'Fusionné avec un autre dossier', en: 'Merged into another case' },
};

/** Statuses after which the case is no longer being worked on: promises are settled. */
export const finishedStatuses: ReadonlySet<CaseStatus> = new Set(['resolved', 'closed', 'merged']);

/** Allowed status moves; a resolved case may reopen, a closed one may not. */
export const statusTransitions: Record<CaseStatus, readonly CaseStatus[]> = {
  open: ['in_progress', 'waiting_on_customer', 'resolved', 'closed'],
  in_progress: ['open', 'waiting_on_customer', 'resolved', 'closed'],
  waiting_on_customer: ['open', 'in_progress', 'resolved', 'closed'],
  resolved: ['in_progress', 'closed'],
  closed: [],
  merged: [],
};

export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof priorities)[number];

export const channels = [
  'phone_in',
  'phone_out',
  'email',
  'letter',
  'sms',
  'chat',
  'portal',
  'shop_visit',
  'community',
] as const;
export type Channel = (typeof channels)[number];
export type Direction = 'inbound' | 'outbound';

/** Channels whose direction is fixed by their name. */
export const channelDirection: Partial<Record<Channel, Direction>> = { phone_in: 'inbound', phone_out: 'outbound' };

export type HistoryField = 'owner' | 'status' | 'priority' | 'tags' | 'routing' | 'merge';

/** Repeat contact (PRODUCT.md): 2nd inbound contact within the window flags, 3rd routes. */
export const repeatContact = { windowDays: 7, flagAt: 2, routeAt: 3 } as const;
