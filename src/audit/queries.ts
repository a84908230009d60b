/** The audit trail (who changed what) and the log of staff reads of customer files (GDPR). */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';

export interface AuditEvent {
  actorUserId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Record<string, unknown>;
}

export async function recordAudit(db: Kysely<Database>, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      actor_user_id: event.actorUserId,
      action: event.action,
      subject_type: event.subjectType,
      subject_id: event.subjectId,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
}

/** A staff member's read of a customer's data, logged like a read of the file; a subscriber's own reads are not. */
export async function logStaffRead(
  db: Kysely<Database>,
  user: { id: string; role: string },
  customerId: string,
  route: string,
  requestId: string,
): Promise<void> {
  if (user.role === 'subscriber') return;
  await logCustomerRead(db, { staffUserId: user.id, customerId, route, requestId });
}

/** One read per customer listed (a dialler's page of names and phone numbers), in one insert. */
export async function logStaffReads(
  db: Kysely<Database>,
  user: { id: string; role: string },
  customerIds: readonly string[],
  route: string,
  requestId: string,
): Promise<void> {
  if (user.role === 'subscriber' || customerIds.length === 0) return;
  await db
    .insertInto('customer_access_log')
    .values(
      [...new Set(customerIds)].map((customerId) => ({
        staff_user_id: user.id,
        customer_id: customerId,
        route,
        request_id: requestId,
      })),
    )
    .execute();
}

export async function logCustomerRead(
  db: Kysely<Database>,
  read: { staffUserId: string; customerId: string; route: string; requestId: string },
): Promise<void> {
  await db
    .insertInto('customer_access_log')
    .values({
      staff_user_id: read.staffUserId,
      customer_id: read.customerId,
      route: read.route,
      request_id: read.requestId,
    })
    .execute();
}

export async function listCustomerReads(
  db: Kysely<Database>,
  filter: { customerId?: string; beforeId?: number; limit: number },
) {
  let query = db
    .selectFrom('customer_access_log as log')
    .innerJoin('users', 'users.id', 'log.staff_user_id')
    .innerJoin('customers', 'customers.id', 'log.customer_id')
    .select([
      'log.id',
      'log.at',
      'log.route',
      'users.id as staff_id',
      'users.display_name as staff_name',
      'customers.id as customer_id',
      'customers.reference as customer_reference',
      'customers.first_name',
      'customers.last_name',
    ])
    .orderBy('log.id', 'desc')
    .limit(filter.limit);
  if (filter.customerId) query = query.where('log.customer_id', '=', filter.customerId);
  if (filter.beforeId !== undefined) query = query.where('log.id', '<', filter.beforeId);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    route: row.route,
    staff: { id: row.staff_id, displayName: row.staff_name },
    customer: { id: row.customer_id, reference: row.customer_reference, name: `${row.first_name} ${row.last_name}` },
  }));
}
