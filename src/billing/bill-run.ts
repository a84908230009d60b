/**
 * The monthly bill run, set-based: one statement per run bills every account of the run for a
 * calendar month — plans, options and equipment of the subscriptions active that month, then
 * everything pending on the account (third-party charges, usage, fees, refunds and credits) up to
 * the end of the month. Accounts already billed for the month are skipped, so a rerun (after a
 * crash, or for late accounts) bills only the rest. The database checks at commit that every
 * bill's totals equal its lines (migrations/0006_billing.sql).
 */
import { type Kysely, sql } from 'kysely';
import { PARIS, addDays, startOfLocalDay } from '../calendar/index.js';
import type { Database } from '../platform/db/schema.js';

export interface BillRun {
  /** The month billed, 'YYYY-MM'. */
  month: string;
  issuedAt: Date;
  /** Calendar days between the end of the month and the payment. */
  paymentDelayDays?: number;
  /** Only these accounts (e.g. one seed batch); all active accounts when absent. */
  accountIds?: readonly string[];
}

export function monthBounds(month: string): { periodStart: string; periodEnd: string } {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error(`month must be YYYY-MM, got ${month}`);
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const next = monthNumber === 12 ? `${year + 1}-01-01` : `${year}-${String(monthNumber + 1).padStart(2, '0')}-01`;
  return { periodStart: `${month}-01`, periodEnd: addDays(next, -1) };
}

/** Bills the month; returns how many bills and lines were written. */
export async function runBills(db: Kysely<Database>, run: BillRun): Promise<{ bills: number; lines: number }> {
  const { periodStart, periodEnd } = monthBounds(run.month);
  const paymentDue = addDays(periodEnd, run.paymentDelayDays ?? 10);
  const accountFilter = run.accountIds ? sql`and a.id in (select unnest(${[...run.accountIds]}::uuid[]))` : sql``;
  const yyyymm = run.month.replace('-', '');
  // The month's bounds as instants (Paris midnight): constants the planner can estimate with.
  const t0 = startOfLocalDay(periodStart, PARIS);
  const t1 = startOfLocalDay(addDays(periodEnd, 1), PARIS);
  const { rows } = await sql<{ bills: number; lines: number }>`
    with target as materialized (
      select a.id as account_id, a.customer_id, a.reference from accounts a
      where a.status = 'active' ${accountFilter}
        and not exists (select 1 from bills b where b.account_id = a.id and b.period_start = ${periodStart}::date)
    ),
    active_subscriptions as (
      select s.* from target t join subscriptions s on s.account_id = t.account_id
      where s.status <> 'pending' and s.started_at < ${t1}
        and (s.terminated_at is null or s.terminated_at >= ${t0})
    ),
    raw_lines as (
      select s.account_id, s.id as subscription_id, 'plan'::text as kind, s.plan as label, '{}'::jsonb as details,
             p.monthly_excl_vat_cents as excl, p.vat_rate_bp as rate,
             round(p.monthly_excl_vat_cents * p.vat_rate_bp / 10000.0)::bigint as vat,
             null::uuid as charge_id, null::uuid as entry_id, 1 as sort, s.started_at as at
        from active_subscriptions s join billing_plan_prices p on p.plan = s.plan
      union all
      select s.account_id, s.id, r.kind, r.label, '{}'::jsonb, r.monthly_excl_vat_cents, r.vat_rate_bp,
             round(r.monthly_excl_vat_cents * r.vat_rate_bp / 10000.0)::bigint, null, null,
             case r.kind when 'option' then 2 else 3 end, s.started_at
        from active_subscriptions s join billing_recurring_items r on r.subscription_id = s.id
       where r.starts_on <= ${periodEnd}::date and (r.ends_on is null or r.ends_on >= ${periodStart}::date)
      union all
      select c.account_id, c.subscription_id, 'third_party', c.service_name, '{}'::jsonb,
             round(c.amount_incl_vat_cents * 10000.0 / (10000 + c.vat_rate_bp))::bigint, c.vat_rate_bp,
             c.amount_incl_vat_cents - round(c.amount_incl_vat_cents * 10000.0 / (10000 + c.vat_rate_bp))::bigint,
             c.id, null, 5, c.occurred_at
        from third_party_charges c
       where c.billed_on_bill_id is null and c.occurred_at < ${t1}
         and c.account_id in (select account_id from target)
      union all
      select e.account_id, e.subscription_id,
             case e.kind when 'fee' then 'one_off' else e.kind end, e.label, e.details,
             s.sgn * round(e.amount_incl_vat_cents * 10000.0 / (10000 + e.vat_rate_bp))::bigint, e.vat_rate_bp,
             s.sgn * (e.amount_incl_vat_cents - round(e.amount_incl_vat_cents * 10000.0 / (10000 + e.vat_rate_bp))::bigint),
             null, e.id, case when s.sgn < 0 then 6 else 4 end, e.created_at
        from billing_ledger_entries e
        cross join lateral (select case when e.kind in ('refund', 'credit') then -1 else 1 end as sgn) s
       where e.billed_on_bill_id is null and e.created_at < ${t1}
         and e.account_id in (select account_id from target)
    ),
    numbered as (
      select r.*, row_number() over (
        partition by r.account_id
        order by r.sort, r.at, r.label, r.subscription_id, r.charge_id, r.entry_id
      ) as position
      from raw_lines r
    ),
    totals as (
      select account_id, sum(excl)::bigint as excl, sum(vat)::bigint as vat from numbered group by account_id
    ),
    new_bills as (
      insert into bills (account_id, customer_id, reference, period_start, period_end, issued_at, payment_due_date,
                         total_excl_vat_cents, vat_cents, total_incl_vat_cents)
      select t.account_id, t.customer_id, 'FA-' || ${yyyymm} || '-' || t.reference, ${periodStart}::date,
             ${periodEnd}::date, ${run.issuedAt}, ${paymentDue}::date, x.excl, x.vat, x.excl + x.vat
        from totals x join target t on t.account_id = x.account_id
      returning id, account_id, customer_id
    ),
    new_lines as (
      insert into bill_lines (bill_id, customer_id, subscription_id, position, kind, label, details,
                              amount_excl_vat_cents, vat_rate_bp, vat_cents, amount_incl_vat_cents,
                              third_party_charge_id, ledger_entry_id)
      select b.id, b.customer_id, n.subscription_id, n.position, n.kind, n.label, n.details,
             n.excl, n.rate, n.vat, n.excl + n.vat, n.charge_id, n.entry_id
        from numbered n join new_bills b on b.account_id = n.account_id
      returning bill_id, third_party_charge_id, ledger_entry_id
    ),
    billed_charges as (
      update third_party_charges c set billed_on_bill_id = l.bill_id
        from new_lines l where l.third_party_charge_id = c.id
      returning 1
    ),
    billed_entries as (
      update billing_ledger_entries e set billed_on_bill_id = l.bill_id
        from new_lines l where l.ledger_entry_id = e.id
      returning 1
    )
    select (select count(*) from new_bills)::int as bills, (select count(*) from new_lines)::int as lines,
           (select count(*) from billed_charges)::int as charges, (select count(*) from billed_entries)::int as entries
  `.execute(db);
  const row = rows[0];
  return { bills: Number(row?.bills ?? 0), lines: Number(row?.lines ?? 0) };
}
