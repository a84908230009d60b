/**
 * Bill generation throughput on PostgreSQL: a fresh database with N accounts (default 1,000,000;
 * `npx tsx bench/run.ts billing 200000` or BENCH_BILLING_ACCOUNTS), their subscriptions, options,
 * usage and third-party charges generated set-based, then the real monthly bill run
 * (src/billing/bill-run.ts) bills one month for every account in one statement — the database
 * checking at commit that every bill reconciles with its lines. Beside it, in the same run and on
 * the same data:
 *   - the same bill run with the reconciliation and issued-bill triggers switched off (what the
 *     database-enforced guarantees cost), run between two checked months,
 *   - the first bill run ever, on an empty bills table, reported apart,
 *   - a bare baseline: the plan lines alone copied into a table without keys, indexes or triggers
 *     (what the machine does at best with that many rows).
 */
import { sql } from 'kysely';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { runBills } from '../src/billing/bill-run.js';
import type { Figure } from './startup.js';

const log = (message: string) => process.stderr.write(`[bench billing] ${message}\n`);
const fmt = (n: number) => n.toLocaleString('en');
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export function billingAccountsFrom(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  const raw = argv[0] ?? env.BENCH_BILLING_ACCOUNTS ?? '1000000';
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < 1) throw new Error(`accounts must be a positive integer, got "${raw}"`);
  return value;
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  log(`${label}…`);
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  log(`${label}: ${round(seconds, 2)} s`);
  return { seconds, result };
}

/** N customers, one account each, a box for all and a mobile for half, options, usage, charges. */
async function generate(handle: DatabaseHandle, accounts: number) {
  const db = handle.db;
  await sql`
    insert into customers (id, reference, civility, first_name, last_name, search_name, email, address_line1, postcode, city, created_at, updated_at)
    select md5('c' || i)::uuid, 'BC-' || i, 'Mme', 'Cliente', 'Banc ' || i, 'banc ' || i, null, i || ' rue du Banc', '75001', 'Paris',
           '2020-01-01', '2020-01-01'
      from generate_series(1, ${accounts}) as i`.execute(db);
  await sql`
    insert into accounts (id, customer_id, reference, billing_method, created_at)
    select md5('a' || i)::uuid, md5('c' || i)::uuid, 'BA-' || i, 'direct_debit', '2020-01-01'
      from generate_series(1, ${accounts}) as i`.execute(db);
  await sql`
    insert into subscriptions (id, customer_id, account_id, reference, kind, plan, status, msisdn, line_number,
                               service_address_line1, service_postcode, service_city, started_at)
    select md5('b' || i)::uuid, md5('c' || i)::uuid, md5('a' || i)::uuid, 'BS-' || i || '-1', 'fixed_box'::text,
           (array['Box Fibre Essentiel', 'Box Fibre Pop', 'Box Fibre Ultra 8 Gb/s'])[1 + i % 3], 'active'::text, null::text,
           '+339' || lpad(i::text, 8, '0'), i || ' rue du Banc', '75001', 'Paris', '2020-01-01'::timestamptz
      from generate_series(1, ${accounts}) as i
    union all
    select md5('m' || i)::uuid, md5('c' || i)::uuid, md5('a' || i)::uuid, 'BS-' || i || '-2', 'mobile_line',
           (array['Forfait 2 h', 'Forfait 5G 150 Go', 'Forfait 5G 350 Go'])[1 + i % 3], 'active',
           '+336' || lpad(i::text, 8, '0'), null, null, null, null, '2021-01-01'::timestamptz
      from generate_series(1, ${accounts}) as i where i % 2 = 0`.execute(db);
  await sql`
    insert into billing_recurring_items (customer_id, subscription_id, kind, label, monthly_excl_vat_cents, starts_on)
    select md5('c' || i)::uuid, md5('b' || i)::uuid, 'equipment', 'Décodeur TV 4K', 250, '2020-01-01'
      from generate_series(1, ${accounts}) as i where i % 3 <> 0`.execute(db);
  await sql`
    insert into billing_ledger_entries (customer_id, account_id, subscription_id, kind, amount_incl_vat_cents, label, created_at)
    select md5('c' || i)::uuid, md5('a' || i)::uuid, md5('m' || i)::uuid, 'usage', 100 + i % 900, 'Hors forfait', '2026-10-15'
      from generate_series(1, ${accounts}) as i where i % 10 = 0`.execute(db);
  await sql`
    insert into third_party_charges (customer_id, account_id, subscription_id, merchant_code, merchant_name, service_name,
                                     charge_type, external_ref, occurred_at, amount_incl_vat_cents, consent_complete, flags, received_at)
    select md5('c' || i)::uuid, md5('a' || i)::uuid, md5('b' || i)::uuid, 'BENCH', 'Banc+', 'Service', 'purchase',
           'bench-' || i, '2026-10-20 20:00+00', 499, false, '["no_consent"]', '2026-10-20 21:00+00'
      from generate_series(1, ${accounts}) as i where i % 50 = 0`.execute(db);
  await sql`analyze`.execute(db);
}

export async function runBillingBench(options: { postgresUrl: string; accounts: number }): Promise<Figure[]> {
  const { accounts } = options;
  const scale = `${fmt(accounts)} accounts`;
  const database = `suivi_bench_billing_${process.pid}`;
  const admin = new pg.Client({ connectionString: options.postgresUrl });
  await admin.connect();
  await admin.query(`create database ${database}`);
  const url = new URL(options.postgresUrl);
  url.pathname = `/${database}`;
  let handle: DatabaseHandle | undefined;
  try {
    handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
    const db = handle.db;
    await migrate(handle);
    const setup = await timed(`generate ${scale}`, () => generate(handle as DatabaseHandle, accounts));

    // The very first bill run meets an empty bills table (and its statistics): reported apart.
    const first = await timed('first bill run, October 2026 (checks on, empty bills table)', () =>
      runBills(db, { month: '2026-10', issuedAt: new Date('2026-11-01T03:00:00Z') }),
    );
    await sql`analyze bills`.execute(db);
    await sql`analyze bill_lines`.execute(db);
    await sql`alter table bills disable trigger bills_reconcile_on_insert`.execute(db);
    await sql`alter table bill_lines disable trigger bill_lines_with_their_bill`.execute(db);
    const unchecked = await timed('bill run, November 2026 (database checks off)', () =>
      runBills(db, { month: '2026-11', issuedAt: new Date('2026-12-01T03:00:00Z') }),
    );
    await sql`alter table bills enable trigger bills_reconcile_on_insert`.execute(db);
    await sql`alter table bill_lines enable trigger bill_lines_with_their_bill`.execute(db);
    const checked = await timed('bill run, December 2026 (checks on)', () =>
      runBills(db, { month: '2026-12', issuedAt: new Date('2027-01-01T03:00:00Z') }),
    );
    const { rows: unbalanced } = await sql<{ n: number }>`
      select count(*)::int as n from bills b
      join (select bill_id, sum(amount_incl_vat_cents) as incl from bill_lines group by bill_id) l on l.bill_id = b.id
      where l.incl <> b.total_incl_vat_cents`.execute(db);
    if (Number(unbalanced[0]?.n) !== 0) throw new Error('bench: some bills do not reconcile');

    await sql`create table bench_bare_lines (account_id uuid, label text, amount bigint)`.execute(db);
    const bare = await timed('baseline: plan lines into a bare table', () =>
      sql`insert into bench_bare_lines select s.account_id, s.plan, p.monthly_excl_vat_cents
            from subscriptions s join billing_plan_prices p on p.plan = s.plan`.execute(db),
    );
    const bareRows = Number(bare.result.numAffectedRows ?? 0);

    const perSecond = (count: number, seconds: number) => Math.round(count / seconds);
    return [
      {
        name: 'bill run (all database checks)',
        value: perSecond(checked.result.bills, checked.seconds),
        unit: 'bills/s',
        note: `${fmt(checked.result.bills)} bills, ${fmt(checked.result.lines)} lines in ${round(checked.seconds)} s`,
      },
      {
        name: 'bill run, lines',
        value: perSecond(checked.result.lines, checked.seconds),
        unit: 'lines/s',
        note: scale,
      },
      {
        name: 'first bill run ever (checks on, empty bills table)',
        value: perSecond(first.result.bills, first.seconds),
        unit: 'bills/s',
        note: `${fmt(first.result.bills)} bills in ${round(first.seconds)} s`,
      },
      {
        name: 'same run, reconciliation triggers off',
        value: perSecond(unchecked.result.bills, unchecked.seconds),
        unit: 'bills/s',
        note: `${fmt(unchecked.result.bills)} bills in ${round(unchecked.seconds)} s (what the guarantees cost)`,
      },
      {
        name: 'baseline: bare insert of plan lines',
        value: perSecond(bareRows, bare.seconds),
        unit: 'rows/s',
        note: `${fmt(bareRows)} rows in ${round(bare.seconds)} s, no keys or triggers`,
      },
      { name: 'setup: generate data', value: round(setup.seconds), unit: 's', note: scale },
    ];
  } finally {
    await handle?.close().catch(() => undefined);
    for (let tries = 0; tries < 100; tries++) {
      const { rows } = await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [
        database,
      ]);
      if (rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
}
