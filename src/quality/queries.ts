/**
 * Database reads for the quality report (Kysely). Each returns counts already grouped by site,
 * so the report costs the same for 60 customers or 6 million; indicators.ts does the arithmetic.
 */
import { type Kysely, sql } from 'kysely';
import type { PromiseStatus } from '../cases/policy.js';
import type { Database } from '../platform/db/schema.js';
import type { ContactGroupRow, PromiseGroupRow, SiteCountRow, SiteInfo } from './indicators.js';

type Db = Kysely<Database>;
interface Bounds {
  start: Date;
  end: Date;
}

// bigint counts come back as strings from node-postgres and as numbers from PGlite.
const count = (value: unknown) => Number(value ?? 0);

export async function listSites(db: Db): Promise<SiteInfo[]> {
  const rows = await db
    .selectFrom('sites')
    .select(['id', 'code', 'name', 'kind', 'vendor_name'])
    .orderBy('kind')
    .orderBy('name')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    vendorName: row.vendor_name,
  }));
}

/** Promises due in the period (superseded ones left out), by the case's site, Paris due day and status. */
export async function promiseGroups(db: Db, bounds: Bounds, now: Date): Promise<PromiseGroupRow[]> {
  const due = db
    .selectFrom('case_promises')
    .innerJoin('cases', 'cases.id', 'case_promises.case_id')
    .select([
      'cases.site_id',
      'case_promises.due_date',
      'case_promises.status',
      sql<boolean>`(cases.type = 'written_complaint' and case_promises.kind = 'written_reply')`.as('complaint_reply'),
      sql<boolean>`(case_promises.due_at < ${now})`.as('past_due'),
    ])
    .where('case_promises.due_at', '>=', bounds.start)
    .where('case_promises.due_at', '<=', bounds.end)
    .where('case_promises.status', '!=', 'superseded');
  const rows = await db
    .selectFrom(due.as('p'))
    .select(['p.site_id', 'p.due_date', 'p.status', 'p.complaint_reply', 'p.past_due'])
    .select((eb) => eb.fn.countAll().as('n'))
    .groupBy(['p.site_id', 'p.due_date', 'p.status', 'p.complaint_reply', 'p.past_due'])
    .execute();
  return rows.map((row) => ({
    siteId: row.site_id,
    dueDate: String(row.due_date).slice(0, 10),
    status: row.status as PromiseStatus,
    complaintReply: Boolean(row.complaint_reply),
    pastDue: Boolean(row.past_due),
    count: count(row.n),
  }));
}

/**
 * Inbound contacts in the period, by the case's site: cases contacted, those with a repeat
 * contact (an inbound contact in the period that follows another inbound contact on the same case
 * within `windowDays`, the rule that flags a case), and the number of contacts.
 */
export async function contactGroups(db: Db, bounds: Bounds, windowDays: number): Promise<ContactGroupRow[]> {
  // Contacts from before the period are read only to find the one preceding a contact in it.
  const since = new Date(bounds.start.getTime() - windowDays * 86_400_000);
  const inbound = db
    .selectFrom('case_interactions as ci')
    .innerJoin('cases as c', 'c.id', 'ci.case_id')
    .select([
      'ci.case_id',
      'c.site_id',
      'ci.occurred_at',
      sql<Date | null>`lag(ci.occurred_at) over (partition by ci.case_id order by ci.occurred_at, ci.id)`.as(
        'previous_at',
      ),
    ])
    .where('ci.direction', '=', 'inbound')
    .where('ci.occurred_at', '>=', since)
    .where('ci.occurred_at', '<=', bounds.end);
  const perCase = db
    .selectFrom(inbound.as('i'))
    .select([
      'i.case_id',
      'i.site_id',
      sql<number>`count(*) filter (where i.occurred_at >= ${bounds.start})`.as('contacts'),
      sql<boolean>`coalesce(bool_or(i.occurred_at >= ${bounds.start}
        and i.previous_at >= i.occurred_at - make_interval(days => ${windowDays}::int)), false)`.as('repeat'),
    ])
    .groupBy(['i.case_id', 'i.site_id']);
  const rows = await db
    .selectFrom(perCase.as('p'))
    .select([
      'p.site_id',
      sql<number>`count(*) filter (where p.contacts > 0)`.as('cases'),
      sql<number>`count(*) filter (where p.contacts > 0 and p.repeat)`.as('repeat_cases'),
      sql<number>`coalesce(sum(p.contacts), 0)`.as('contacts'),
    ])
    .groupBy('p.site_id')
    .execute();
  return rows.map((row) => ({
    siteId: row.site_id,
    casesWithInboundContact: count(row.cases),
    repeatContactCases: count(row.repeat_cases),
    inboundContacts: count(row.contacts),
  }));
}

/** Written complaints opened in the period, by the serving site of the customer who wrote. */
export async function complaintsBySite(db: Db, bounds: Bounds): Promise<SiteCountRow[]> {
  const rows = await db
    .selectFrom('cases')
    .innerJoin('customers', 'customers.id', 'cases.customer_id')
    .select(['customers.serving_site_id', (eb) => eb.fn.countAll().as('n')])
    .where('cases.type', '=', 'written_complaint')
    .where('cases.opened_at', '>=', bounds.start)
    .where('cases.opened_at', '<=', bounds.end)
    .groupBy('customers.serving_site_id')
    .execute();
  return rows.map((row) => ({ siteId: row.serving_site_id, count: count(row.n) }));
}

/**
 * Active customers, by serving site: customers with a subscription in service at some time in
 * the period (started by its end, not terminated before its start; pending ones not yet in service).
 */
export async function activeCustomersBySite(db: Db, bounds: Bounds): Promise<SiteCountRow[]> {
  const rows = await db
    .selectFrom('customers')
    .select(['customers.serving_site_id', (eb) => eb.fn.countAll().as('n')])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('subscriptions')
          .select('subscriptions.id')
          .whereRef('subscriptions.customer_id', '=', 'customers.id')
          .where('subscriptions.status', '!=', 'pending')
          .where('subscriptions.started_at', '<=', bounds.end)
          .where((eb) =>
            eb.or([
              eb('subscriptions.terminated_at', 'is', null),
              eb('subscriptions.terminated_at', '>=', bounds.start),
            ]),
          ),
      ),
    )
    .groupBy('customers.serving_site_id')
    .execute();
  return rows.map((row) => ({ siteId: row.serving_site_id, count: count(row.n) }));
}
