/**
 * `npm run bench`: every benchmark in one run, printed as a table. Set BENCH_POSTGRES_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres when reachable) to include PostgreSQL figures.
 * One section alone: `npx tsx bench/run.ts wfm|startup|cases|billing` (billing takes an account count:
 * `npx tsx bench/run.ts billing 200000`; default BENCH_BILLING_ACCOUNTS or 1,000,000).
 */
import { existsSync } from 'node:fs';
import pg from 'pg';
import { runCasesBench } from './cases.js';
import { type Figure, runStartupBench } from './startup.js';

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function print(section: string, figures: Figure[]) {
  console.log(`\n## ${section}\n`);
  console.log('| measure | value | note |\n|---|---:|---|');
  for (const figure of figures)
    console.log(`| ${figure.name} | ${figure.value.toLocaleString('en')} ${figure.unit} | ${figure.note ?? ''} |`);
}

const only = process.argv[2];
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const withPostgres = await reachable(postgresUrl);

if (!only || only === 'wfm') {
  if (existsSync(new URL('./wfm.ts', import.meta.url))) {
    const { runWfmBench } = await import('./wfm.js');
    print('Workforce engine', await runWfmBench());
  }
}
if (!only || only === 'planning') {
  // A year of 15-minute intervals, 5 queues × 5 sites: through the API (job + worker) beside the engine alone.
  const { runPlanningBench } = await import('./planning.js');
  print('Planning', await runPlanningBench({ postgresUrl: withPostgres ? postgresUrl : undefined }));
}
if (!only || only === 'startup') {
  const seedCustomers = Number(process.env.BENCH_SEED_CUSTOMERS ?? 100_000);
  print(
    'Start-up and seeding',
    await runStartupBench({ seedCustomers, postgresUrl: withPostgres ? postgresUrl : undefined }),
  );
}
if (!only || only === 'billing') {
  if (withPostgres) {
    const { billingAccountsFrom, runBillingBench } = await import('./billing.js');
    const accounts = billingAccountsFrom(only === 'billing' ? process.argv.slice(3) : [], process.env);
    print('Billing on PostgreSQL', await runBillingBench({ postgresUrl, accounts }));
  } else console.error(`billing: skipped, PostgreSQL is not reachable at ${postgresUrl}`);
}
if (!only || only === 'cases') {
  if (withPostgres) print('Cases on PostgreSQL', await runCasesBench({ postgresUrl }));
  else console.error(`cases: skipped, PostgreSQL is not reachable at ${postgresUrl}`);
}
if (!only || only === 'shops') {
  // Bookings and event registrations under contention (one winner per slot, never above capacity).
  const { runShopsBench } = await import('./shops.js');
  print('Shops and community', await runShopsBench({ postgresUrl: withPostgres ? postgresUrl : undefined }));
}
if (!only || only === 'dialler') {
  // Customers screened per second by the campaign dialler (BENCH_DIALLER_CUSTOMERS, default 1,000,000),
  // and customers reserved per second by parallel dialler agents (BENCH_DIALLER_AGENTS, default 4).
  if (withPostgres) {
    const { runDiallerBench } = await import('./dialler.js');
    print('Outreach dialler on PostgreSQL', await runDiallerBench({ postgresUrl }));
  } else console.error(`dialler: skipped, PostgreSQL is not reachable at ${postgresUrl}`);
}
