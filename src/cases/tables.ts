import type { Generated, JSONColumnType } from 'kysely';
import type {
  CaseStatus,
  CaseType,
  Channel,
  Direction,
  HistoryField,
  Priority,
  PromiseEvent,
  PromiseKind,
  PromiseStatus,
} from './policy.js';

export interface CasesTable {
  id: Generated<string>;
  reference: string;
  customer_id: string;
  subscription_id: string | null;
  type: CaseType;
  status: Generated<CaseStatus>;
  priority: Generated<Priority>;
  summary: string;
  opened_channel: Channel;
  opened_at: Date;
  opened_by_user_id: string;
  owner_user_id: string;
  site_id: string | null;
  tags: JSONColumnType<string[], string, string>;
  flags: JSONColumnType<string[], string, string>;
  routed_to_user_id: string | null;
  routed_at: Date | null;
  routing_reason: string | null;
  waiting_since: Date | null;
  waiting_reason: string | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  /** Set when the case was merged into another (status 'merged'). */
  merged_into_case_id: Generated<string | null>;
  merged_at: Generated<Date | null>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CaseHistoryTable {
  id: Generated<number>;
  case_id: string;
  customer_id: string;
  at: Date;
  actor_user_id: string | null;
  field: HistoryField;
  from_value: string | null;
  to_value: string | null;
  reason: string | null;
}

export interface CasePromisesTable {
  id: Generated<string>;
  case_id: string;
  customer_id: string;
  kind: PromiseKind;
  promised_by_user_id: string;
  starts_at: Date;
  due_at: Date;
  /** 'YYYY-MM-DD' (both drivers return date columns as text). */
  due_date: string;
  status: Generated<PromiseStatus>;
  superseded_by: string | null;
  settled_at: Date | null;
  created_at: Generated<Date>;
}

export interface CasePromiseEventsTable {
  id: Generated<number>;
  promise_id: string;
  case_id: string;
  at: Date;
  actor_user_id: string | null;
  event: PromiseEvent;
  reason: string;
}

export interface CaseInteractionsTable {
  id: Generated<string>;
  case_id: string;
  customer_id: string;
  channel: Channel;
  direction: Direction;
  summary: string;
  occurred_at: Date;
  handled_by_user_id: string | null;
  recorded_by_user_id: string;
  idempotency_key: string | null;
  created_at: Generated<Date>;
}
