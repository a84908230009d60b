/** Case-file shapes as the API returns them (see src/cases/present.ts). */

export const CASE_TYPES = [
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
export type CaseType = (typeof CASE_TYPES)[number];

export const CASE_STATUSES = ['open', 'in_progress', 'waiting_on_customer', 'resolved', 'closed', 'merged'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Allowed status moves (mirrors the server; it stays the authority). */
export const STATUS_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  open: ['in_progress', 'waiting_on_customer', 'resolved', 'closed'],
  in_progress: ['open', 'waiting_on_customer', 'resolved', 'closed'],
  waiting_on_customer: ['open', 'in_progress', 'resolved', 'closed'],
  resolved: ['in_progress', 'closed'],
  closed: [],
  merged: [],
};

export const FINISHED_STATUSES: readonly CaseStatus[] = ['resolved', 'closed', 'merged'];

export const CHANNELS = [
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
export type Channel = (typeof CHANNELS)[number];
export type Direction = 'inbound' | 'outbound';

/** Channels whose direction is fixed by their name. */
export const FIXED_DIRECTION: Partial<Record<Channel, Direction>> = { phone_in: 'inbound', phone_out: 'outbound' };

export type PromiseRisk = 'on_track' | 'at_risk' | 'broken';
export type PromiseStatus = 'open' | 'kept' | 'broken' | 'superseded';
export type EscalationReason = 'complaint_overdue' | 'broken' | 'at_risk';

export interface Person {
  id: string;
  displayName: string;
}

export interface CasePromise {
  id: string;
  kind: string;
  status: PromiseStatus;
  promisedBy: Person | null;
  startsAt: string;
  dueAt: string;
  dueDate: string;
  settledAt: string | null;
  risk?: PromiseRisk;
  delayUsed?: number;
}

export interface CaseSummary {
  id: string;
  reference: string;
  customerId: string;
  subscriptionId: string | null;
  type: CaseType;
  status: CaseStatus;
  statusLabel: { fr: string; en: string };
  priority: string;
  summary: string;
  channel: Channel;
  openedAt: string;
  owner: Person | null;
  site: { id: string; name: string | null; code: string | null } | null;
  tags: string[];
  flags: string[];
  routing: { to: Person | null; at: string; reason: string | null } | null;
  waiting: { since: string; whatWeNeedFromYou: string | null } | null;
  currentPromise: CasePromise | null;
  resolvedAt: string | null;
  closedAt: string | null;
  /** Set on a case merged into another: the one that carries on. */
  mergedInto?: { id: string; reference: string; at: string | null } | null;
  version: number;
  updatedAt: string;
}

export interface Interaction {
  id: string;
  caseId: string;
  channel: Channel;
  direction: Direction;
  summary: string;
  occurredAt: string;
  handledBy: Person | null;
  /** Set on a message the outbox wrote (broken promise, merge…): what it is and where it stands. */
  message?: {
    kind: string;
    status: 'pending' | 'sending' | 'sent' | 'failed';
    sentAt: string | null;
    createdAt: string;
  };
}

export interface CaseDocument {
  id: string;
  kind: 'reply_letter' | 'attachment';
  filename: string;
  contentType: 'application/pdf' | 'image/png' | 'image/jpeg';
  size: number;
  sha256: string;
  createdAt: string;
  createdBy: string;
  /** Download link (application/pdf). */
  url: string;
}

export interface PromiseHistoryEntry {
  at: string;
  event: 'made' | 'kept' | 'broken' | 'superseded';
  reason: string | null;
  promise: { id: string; kind: string; dueAt: string; dueDate: string };
}

export interface CaseHistoryEntry {
  at: string;
  field: 'owner' | 'status' | 'priority' | 'tags' | 'routing' | 'merge';
  from: string | null;
  to: string | null;
  reason: string | null;
}

export interface MediationDates {
  complaintDate: string;
  secondLevelFrom: string;
  mediatorFrom: string;
  mediatorUntil: string;
}

export interface CaseFile extends CaseSummary {
  timeline: Interaction[];
  documents: CaseDocument[];
  promises: CasePromise[];
  promiseHistory: PromiseHistoryEntry[];
  history: CaseHistoryEntry[];
  /** Cases merged into this one; their contacts are in the timeline. */
  mergedFrom?: Array<{ id: string; reference: string }>;
  mediation: MediationDates | null;
}

export interface NewCase {
  customerId: string;
  type: CaseType;
  channel: Channel;
  summary: string;
  subscriptionId?: string;
  /** Open a new case even though the line has an unfinished one (after a 409 offering it). */
  confirmNewCase?: boolean;
}

/** An unfinished case on the same line, offered for linking by a 409 from POST /api/cases. */
export interface OpenCaseOnLine {
  id: string;
  reference: string;
  type: CaseType;
  status: CaseStatus;
  summary: string;
  openedAt: string;
  owner: { displayName: string };
}

export interface NewInteraction {
  channel: Channel;
  direction: Direction;
  summary: string;
}

export interface CaseChange {
  version: number;
  status?: CaseStatus;
  reason?: string;
  /** Hand the case to this advisor (one of GET /api/cases/:id/owner-candidates). */
  ownerId?: string;
  promise?: { dueDate: string; reason: string };
}

/** An unfinished written complaint in the complaints team's list, nearest reply deadline first. */
export interface WrittenComplaintItem {
  case: Omit<CaseSummary, 'currentPromise'>;
  reply: {
    id: string;
    dueAt: string;
    dueDate: string;
    delayUsed: number;
    escalation: EscalationReason | null;
  } | null;
  mediation: MediationDates;
}

export interface AtRiskItem {
  reason: EscalationReason;
  promise: { id: string; kind: string; dueAt: string; dueDate: string; delayUsed: number };
  case: Omit<CaseSummary, 'currentPromise'>;
}
