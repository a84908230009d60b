import type { Generated, JSONColumnType } from 'kysely';

export interface CustomerAccessLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  staff_user_id: string;
  customer_id: string;
  route: string;
  request_id: string | null;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_user_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  details: JSONColumnType<Record<string, unknown>, string, string>;
}
