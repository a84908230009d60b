/**
 * `npm run bench`: every benchmark in one run, printed as a table. Set BENCH_POSTGRES_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres when reachable) to include PostgreSQL figures.
 * One section alone: `npx tsx bench/run.ts wfm|startup|cases`.
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
if (!only || only === 'startup') {
  const seedCustomers = Number(process.env.BENCH_SEED_CUSTOMERS ?? 100_000);
  print(
    'Start-up and seeding',
    await runStartupBench({ seedCustomers, postgresUrl: withPostgres ? postgresUrl : undefined }),
  );
}
if (!only || only === 'cases') {
  if (withPostgres) print('Cases on PostgreSQL', await runCasesBench({ postgresUrl }));
  else console.error(`cases: skipped, PostgreSQL is not reachable at ${postgresUrl}`);
}
