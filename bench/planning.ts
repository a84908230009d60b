/**
 * Planning: recomputing a full year (52 weeks × 96 quarter hours) for the 5 demo queues and 5
 * call-centre sites, through the API (POST …/compute, then polling the job until it succeeds:
 * reading history, the worker thread, writing results), beside the engine alone on the same
 * input in this thread, in the same run. Then reading a day of the result back.
 */
import { sql } from 'kysely';
import { computeScenario } from '../src/planning/compute.js';
import { seedPlanningHistory, seedPlanningSetup } from '../src/planning/demo.js';
import { loadComputeInput } from '../src/planning/inputs.js';
import { scenarioDefinition } from '../src/planning/schema.js';
import { systemClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import { type DatabaseHandle, openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { buildApp } from '../src/platform/http/app.js';
import { seedDemo } from '../src/seed/seed.js';
import type { Figure } from './startup.js';

async function benchOn(label: string, database: DatabaseHandle): Promise<Figure[]> {
  const figures: Figure[] = [];
  await migrate(database);
  await seedDemo(database.db, { customers: 10 });
  const today = new Date().toISOString().slice(0, 10);
  let started = performance.now();
  await seedPlanningSetup(database.db);
  await seedPlanningHistory(database.db, today);
  const rows = await sql<{ n: number }>`select count(*)::int as n from planning_history`.execute(database.db);
  figures.push({
    name: `${label}: a year of demo history`,
    value: Math.round(performance.now() - started),
    unit: 'ms',
    note: `${rows.rows[0]?.n.toLocaleString('en')} rows of 15-minute intervals, 5 queues`,
  });

  const monday = new Date();
  monday.setUTCDate(monday.getUTCDate() + ((8 - monday.getUTCDay()) % 7 || 7));
  const definition = scenarioDefinition.parse({ startDate: monday.toISOString().slice(0, 10), weeks: 52 });

  started = performance.now();
  const { input } = await loadComputeInput(database.db, definition);
  const loaded = performance.now() - started;
  started = performance.now();
  const result = computeScenario(input);
  const engine = performance.now() - started;
  figures.push({
    name: `${label}: engine alone, 1 year × 5 queues × 5 sites`,
    value: Math.round(engine),
    unit: 'ms',
    note: `${result.intervals.toLocaleString('en')} intervals, ${result.siteQueues.length} site-queue series; reading its input took ${Math.round(loaded)} ms`,
  });

  const app = await buildApp({
    db: database.db,
    clock: systemClock,
    config: { ...loadConfig({}), logLevel: 'silent', loginRateLimitPerMinute: 1000 },
  });
  try {
    const login = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'planner@demo.suivi', password: 'demo-suivi' },
    });
    const cookies = login.cookies as Array<{ name: string; value: string }>;
    const csrf = cookies.find((c) => c.name === 'csrf-token')?.value ?? '';
    const headers = { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': csrf };
    const created = await app.inject({
      method: 'POST',
      url: '/api/planning/scenarios',
      headers,
      payload: { name: 'Bench: a year', definition },
    });
    const id = created.json().id as string;
    started = performance.now();
    const job = await app.inject({
      method: 'POST',
      url: `/api/planning/scenarios/${id}/compute`,
      headers,
      payload: {},
    });
    const jobId = job.json().id as string;
    let status = 'queued';
    let polls = 0;
    while (status === 'queued' || status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const polled = await app.inject({ method: 'GET', url: `/api/planning/jobs/${jobId}`, headers });
      status = polled.json().status;
      polls++;
    }
    const api = performance.now() - started;
    figures.push({
      name: `${label}: through the API (compute job, worker thread)`,
      value: Math.round(api),
      unit: 'ms',
      note: `job ${status} after ${polls} polls; ×${(api / engine).toFixed(1)} the engine alone (history read, thread start, results written)`,
    });
    started = performance.now();
    const read = await app.inject({ method: 'GET', url: `/api/planning/scenarios/${id}/result?days=1`, headers });
    figures.push({
      name: `${label}: read the year's summary and one day`,
      value: Math.round(performance.now() - started),
      unit: 'ms',
      note: `HTTP ${read.statusCode}, ${Math.round(read.body.length / 1024)} KiB`,
    });
  } finally {
    await app.close();
  }
  return figures;
}

export async function runPlanningBench(options: { postgresUrl?: string } = {}): Promise<Figure[]> {
  const figures: Figure[] = [];
  const pglite = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    figures.push(...(await benchOn('PGlite', pglite)));
  } finally {
    await pglite.close();
  }
  if (options.postgresUrl) {
    const { withAdminClient, databaseUrlFor, quoteIdent } = await import('../test/postgres-admin.js');
    const name = `suivi_bench_planning_${process.pid}`;
    await withAdminClient(options.postgresUrl, (client) => client.query(`create database ${quoteIdent(name)}`));
    const postgres = await openDatabase({ kind: 'postgres', url: databaseUrlFor(options.postgresUrl, name) });
    try {
      figures.push(...(await benchOn('PostgreSQL', postgres)));
    } finally {
      await postgres.close();
      await withAdminClient(options.postgresUrl, (client) =>
        client.query(`drop database if exists ${quoteIdent(name)} with (force)`),
      );
    }
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const figure of await runPlanningBench()) console.log(figure);
}
