/**
 * Cases at operator scale on PostgreSQL: a fresh database with 1,000,000 demo customers (the real
 * seed), ~1 case per customer and 5,000,000 interactions (bulk SQL), then the real app in-process
 * (`app.inject`) measures case creation throughput and the latency of the customer page, each
 * beside a bare one-row query through the same Kysely pool in the same run.
 *
 * Sizes: BENCH_CASE_CUSTOMERS (default 1,000,000), BENCH_CASE_CASES (default = customers),
 * BENCH_CASE_INTERACTIONS (default 5,000,000), BENCH_CASE_CREATES (default 2,000),
 * BENCH_CASE_PAGES (default 1,000), BENCH_CASE_HEAVY (interactions on the one long case, default 1,000).
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { systemClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import { type DatabaseHandle, openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { buildApp } from '../src/platform/http/app.js';
import { customerIdOf } from '../src/seed/customers.js';
import { seedDemo } from '../src/seed/seed.js';
import type { Figure } from './startup.js';

const CONCURRENCY = 8;
const POOL_SIZE = 10;

function sizeFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

const log = (message: string) => process.stderr.write(`[bench cases] ${message}\n`);
const fmt = (n: number) => n.toLocaleString('en');
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Nearest-rank percentile of the samples (ms). */
function percentile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

/** Runs work(0..count-1) with at most `concurrency` in flight; returns each call's duration in ms. */
async function runConcurrently(
  count: number,
  concurrency: number,
  work: (index: number) => Promise<void>,
): Promise<{ seconds: number; samples: number[] }> {
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      for (let index = next++; index < count; index = next++) {
        const t0 = performance.now();
        await work(index);
        samples.push(performance.now() - t0);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, samples };
}

async function timed<T>(label: string, phases: Array<[string, number]>, work: () => Promise<T>): Promise<T> {
  log(`${label}…`);
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  phases.push([label, seconds]);
  log(`${label}: ${round(seconds, 1)} s`);
  return result;
}

interface Sizes {
  customers: number;
  cases: number;
  interactions: number;
  heavy: number;
}

/** Cases (one promise, one 'made' event, one owner history row each) and interactions, in SQL. */
async function bulkCases(client: pg.Client, sizes: Sizes, phases: Array<[string, number]>) {
  const { customers, cases, interactions, heavy } = sizes;
  await client.query(`set synchronous_commit = off`);
  await client.query(`select setseed(0.4242)`);
  await timed('plan: number customers and advisors', phases, async () => {
    await client.query(`create temp table bench_customer as
      select row_number() over (order by id)::int as n, id, serving_site_id from customers`);
    await client.query(`alter table bench_customer add primary key (n)`);
    await client.query(`create temp table bench_advisor as
      select row_number() over (order by id)::int as n, id, site_id from users
      where role in ('advisor', 'senior_advisor') and advisor_code is not null and disabled_at is null`);
    await client.query(`alter table bench_advisor add primary key (n)`);
    const advisors = (await client.query('select count(*)::int as n from bench_advisor')).rows[0].n as number;
    // Customers drawn uniformly: ~37 % have no case, a few have five or more (Poisson, mean cases/customers).
    await client.query(
      `create temp table bench_case as
      with draw as materialized (
        select g as n, 1 + floor(random() * $1)::int as customer_n, 1 + floor(random() * $2)::int as advisor_n,
          random() as r, random() as age
        from generate_series(1, $3) g
      )
      select draw.n, gen_random_uuid() as id, c.id as customer_id, a.id as owner_id, a.site_id as owner_site_id,
        now() - draw.age * interval '1095 days' as opened_at,
        (array['line_move', 'fault_repair', 'number_porting', 'device_swap', 'billing_dispute', 'contract_change',
          'termination', 'general_request'])[1 + draw.n % 8] as type,
        (array['phone_in', 'email', 'chat', 'portal', 'phone_in', 'shop_visit'])[1 + draw.n % 6] as channel,
        case when draw.r < 0.70 then 'closed' when draw.r < 0.78 then 'resolved' when draw.r < 0.93 then 'open'
          when draw.r < 0.98 then 'in_progress' else 'waiting_on_customer' end as status
      from draw
      join bench_customer c on c.n = draw.customer_n
      join bench_advisor a on a.n = draw.advisor_n`,
      [customers, advisors, cases],
    );
    await client.query(`alter table bench_case add primary key (n)`);
    await client.query('analyze bench_customer, bench_advisor, bench_case');
  });
  await timed(`insert ${fmt(cases)} cases`, phases, async () => {
    await client.query(`insert into cases (id, reference, customer_id, type, status, priority, summary, opened_channel,
        opened_at, opened_by_user_id, owner_user_id, site_id, tags, flags, waiting_since, waiting_reason, resolved_at,
        closed_at, created_at, updated_at)
      select id, 'DOS-' || to_char(opened_at at time zone 'Europe/Paris', 'YYYY') || '-'
          || lpad(n::text, greatest(6, length(n::text)), '0'),
        customer_id, type, status, 'normal', 'Demande n° ' || n || ' : le client signale un problème sur sa ligne',
        channel, opened_at, owner_id, owner_id, owner_site_id, '[]', '[]',
        case when status = 'waiting_on_customer' then opened_at + interval '1 day' end,
        case when status = 'waiting_on_customer' then 'Justificatif demandé' end,
        case when status in ('resolved', 'closed') then opened_at + interval '3 days' end,
        case when status = 'closed' then opened_at + interval '5 days' end,
        opened_at, opened_at
      from bench_case order by n`);
    await client.query(`select setval('case_reference_seq', $1)`, [cases]);
  });
  await timed(`insert ${fmt(cases)} promises, promise events, history rows`, phases, async () => {
    await client.query(`insert into case_promises (case_id, customer_id, kind, promised_by_user_id, starts_at, due_at,
        due_date, status, settled_at, created_at)
      select id, customer_id, case when type = 'device_swap' then 'device_delivery' else 'resolution' end, owner_id,
        opened_at, opened_at + interval '7 days', ((opened_at + interval '7 days') at time zone 'Europe/Paris')::date,
        case when status in ('resolved', 'closed') then 'kept' else 'open' end,
        case when status in ('resolved', 'closed') then opened_at + interval '3 days' end, opened_at
      from bench_case order by n`);
    await client.query(`insert into case_promise_events (promise_id, case_id, at, actor_user_id, event, reason)
      select id, case_id, created_at, promised_by_user_id, 'made', 'Délai de traitement standard'
      from case_promises order by created_at`);
    await client.query(`insert into case_history (case_id, customer_id, at, actor_user_id, field, to_value, reason)
      select id, customer_id, opened_at, owner_id, 'owner', owner_id::text, 'opened' from bench_case order by n`);
  });
  // Every case's opening contact, then `heavy` contacts on case 1 (the long timeline), then the
  // rest spread uniformly over the cases, in chunks for progress.
  const opening = `insert into case_interactions (case_id, customer_id, channel, direction, summary, occurred_at,
      handled_by_user_id, recorded_by_user_id, created_at)
    select id, customer_id, channel, 'inbound', 'Premier contact : le client signale un problème sur sa ligne',
      opened_at, owner_id, owner_id, opened_at
    from bench_case where n between $1 and $2 order by n`;
  const followUps = `insert into case_interactions (case_id, customer_id, channel, direction, summary, occurred_at,
      handled_by_user_id, recorded_by_user_id, created_at)
    select c.id, c.customer_id, d.channel, case when d.channel in ('phone_out', 'sms') then 'outbound' else 'inbound' end,
      'Suivi n° ' || d.g || ' : point fait avec le client', least(now(), c.opened_at + d.after), c.owner_id, c.owner_id,
      least(now(), c.opened_at + d.after)
    from (
      select g, case when $3 then 1 else 1 + floor(random() * $4)::int end as case_n,
        (array['phone_in', 'phone_out', 'email', 'sms', 'chat', 'portal'])[1 + floor(random() * 6)::int] as channel,
        random() * interval '30 days' as after
      from generate_series($1::int, $2::int) g
      offset 0
    ) d
    join bench_case c on c.n = d.case_n`;
  const chunk = 1_000_000;
  await timed(`insert ${fmt(interactions)} interactions`, phases, async () => {
    let done = 0;
    for (let from = 1; from <= cases; from += chunk) {
      const to = Math.min(cases, from + chunk - 1);
      await client.query(opening, [from, to]);
      done += to - from + 1;
      log(`  interactions ${fmt(done)} / ${fmt(interactions)}`);
    }
    await client.query(followUps, [1, heavy, true, cases]);
    done += heavy;
    const rest = interactions - done;
    for (let from = 1; from <= rest; from += chunk) {
      const to = Math.min(rest, from + chunk - 1);
      await client.query(followUps, [from, to, false, cases]);
      done += to - from + 1;
      log(`  interactions ${fmt(done)} / ${fmt(interactions)}`);
    }
  });
  await timed('analyze', phases, () => client.query('analyze'));
  const heavyCase = await client.query<{ id: string; n: number }>(
    `select c.id, count(*)::int as n from bench_case c join case_interactions i on i.case_id = c.id where c.n = 1
     group by c.id`,
  );
  const sample = await client.query<{ id: string }>(
    `select id from bench_case where n > 1 order by random() limit 1000`,
  );
  return {
    heavyCaseId: heavyCase.rows[0]!.id,
    heavyCaseInteractions: heavyCase.rows[0]!.n,
    sampleCaseIds: sample.rows.map((row) => row.id),
  };
}

async function login(app: FastifyInstance, email: string): Promise<{ cookie: string; csrf: string }> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email, password: 'demo-suivi' },
  });
  if (response.statusCode !== 200) throw new Error(`login as ${email} failed: ${response.statusCode} ${response.body}`);
  const cookies = response.cookies as Array<{ name: string; value: string }>;
  const session = cookies.find((cookie) => cookie.name === 'suivi_session');
  const csrf = cookies.find((cookie) => cookie.name === 'csrf-token');
  if (!session || !csrf) throw new Error('login did not set both cookies');
  return { cookie: `suivi_session=${session.value}; csrf-token=${csrf.value}`, csrf: csrf.value };
}

async function expectStatus(promise: Promise<{ statusCode: number; body: string }>, status: number, what: string) {
  const response = await promise;
  if (response.statusCode !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.statusCode} ${response.body.slice(0, 300)}`);
  }
}

export async function runCasesBench(options: { postgresUrl: string }): Promise<Figure[]> {
  const sizes: Sizes = {
    customers: sizeFrom('BENCH_CASE_CUSTOMERS', 1_000_000),
    cases: 0,
    interactions: 0,
    heavy: sizeFrom('BENCH_CASE_HEAVY', 1_000),
  };
  sizes.cases = sizeFrom('BENCH_CASE_CASES', sizes.customers);
  sizes.interactions = Math.max(sizeFrom('BENCH_CASE_INTERACTIONS', 5_000_000), sizes.cases + sizes.heavy);
  const creates = sizeFrom('BENCH_CASE_CREATES', 2_000);
  const pages = sizeFrom('BENCH_CASE_PAGES', 1_000);
  const phases: Array<[string, number]> = [];
  const figures: Figure[] = [];
  const scale = `${fmt(sizes.customers)} customers, ${fmt(sizes.cases)} cases, ${fmt(sizes.interactions)} interactions`;
  log(`sizes: ${scale}`);

  const database = `suivi_bench_cases_${process.pid}`;
  const admin = new pg.Client({ connectionString: options.postgresUrl });
  await admin.connect();
  await admin.query(`create database ${database}`);
  const url = new URL(options.postgresUrl);
  url.pathname = `/${database}`;
  let handle: DatabaseHandle | undefined;
  let app: FastifyInstance | undefined;
  const bulk = new pg.Client({ connectionString: url.toString() });
  try {
    handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: POOL_SIZE });
    const db = handle.db;
    await timed('migrate', phases, () => migrate(handle!));
    let reported = 0;
    await timed(`seed ${fmt(sizes.customers)} customers (seedDemo)`, phases, () =>
      seedDemo(db, {
        customers: sizes.customers,
        batchSize: 20_000,
        customerModules: false,
        onProgress: (done, total) => {
          if (done === total || done - reported >= Math.max(20_000, total / 10)) {
            reported = done;
            log(`  customers ${fmt(done)} / ${fmt(total)}`);
          }
        },
      }),
    );
    await bulk.connect();
    const data = await bulkCases(bulk, sizes, phases);
    await bulk.end();

    const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), loginRateLimitPerMinute: 1000 };
    app = await buildApp({ db, clock: systemClock, config });
    await app.ready();
    const advisor = await login(app, 'advisor@demo.suivi');
    const headers = { cookie: advisor.cookie, 'x-csrf-token': advisor.csrf };
    const randomCustomer = () => customerIdOf(Math.floor(Math.random() * sizes.customers));
    await sql`create table bench_bare_insert (id uuid primary key default gen_random_uuid(),
      customer_id uuid not null, created_at timestamptz not null default now())`.execute(db);

    // Case creation: POST /api/cases (8 in flight) beside a bare one-row insert (8 in flight).
    const openCase = () =>
      expectStatus(
        app!.inject({
          method: 'POST',
          url: '/api/cases',
          headers,
          payload: {
            customerId: randomCustomer(),
            type: 'general_request',
            channel: 'phone_in',
            summary: 'Le client demande un changement de forfait',
          },
        }),
        201,
        'POST /api/cases',
      );
    const bareInsert = async () => {
      await sql`insert into bench_bare_insert (customer_id) values (${randomCustomer()})`.execute(db);
    };
    log('warm-up');
    await runConcurrently(100, CONCURRENCY, openCase);
    await runConcurrently(100, CONCURRENCY, bareInsert);
    const created = await timed(`POST /api/cases × ${fmt(creates)}`, phases, () =>
      runConcurrently(creates, CONCURRENCY, openCase),
    );
    const inserted = await timed(`bare insert × ${fmt(creates)}`, phases, () =>
      runConcurrently(creates, CONCURRENCY, bareInsert),
    );
    const createRate = creates / created.seconds;
    const insertRate = creates / inserted.seconds;
    figures.push({
      name: `case creation: POST /api/cases, ${CONCURRENCY} in flight, ${fmt(creates)} cases`,
      value: Math.round(createRate),
      unit: 'cases/s',
      note: `p50 ${round(percentile(created.samples, 0.5))} ms, p95 ${round(percentile(created.samples, 0.95))} ms per request`,
    });
    figures.push({
      name: `baseline: bare one-row insert through Kysely, ${CONCURRENCY} in flight, ${fmt(creates)} rows`,
      value: Math.round(insertRate),
      unit: 'rows/s',
      note: `p50 ${round(percentile(inserted.samples, 0.5))} ms; case creation is ${round(insertRate / createRate, 1)}× slower`,
    });

    // The customer page: its two requests together (as the web app sends them), one page at a time.
    const customerIds = Array.from({ length: pages }, randomCustomer);
    const openPage = async (customerId: string) => {
      await Promise.all([
        expectStatus(app!.inject({ method: 'GET', url: `/api/customers/${customerId}`, headers }), 200, 'customer'),
        expectStatus(app!.inject({ method: 'GET', url: `/api/customers/${customerId}/cases`, headers }), 200, 'cases'),
      ]);
    };
    const bareSelect = async (table: 'customers' | 'cases', id: string) => {
      await sql`select 1 from ${sql.table(table)} where id = ${id}`.execute(db);
    };
    for (let index = 0; index < 100; index++) {
      await openPage(randomCustomer());
      await bareSelect('customers', randomCustomer());
    }
    const page = await timed(`customer page × ${fmt(pages)}`, phases, () =>
      runConcurrently(pages, 1, (index) => openPage(customerIds[index]!)),
    );
    const bare = await timed(`bare select × ${fmt(pages)}`, phases, () =>
      runConcurrently(pages, 1, (index) => bareSelect('customers', customerIds[index]!)),
    );
    const pageNote = `GET /api/customers/:id + GET /api/customers/:id/cases in parallel, ${fmt(pages)} random customers, one page at a time`;
    const bareNote = 'select 1 from customers where id = $1, same customers';
    const p50 = percentile(page.samples, 0.5);
    const p95 = percentile(page.samples, 0.95);
    const bareP50 = percentile(bare.samples, 0.5);
    const bareP95 = percentile(bare.samples, 0.95);
    figures.push({ name: 'customer page with its cases, p50', value: round(p50), unit: 'ms', note: pageNote });
    figures.push({ name: 'customer page with its cases, p95', value: round(p95), unit: 'ms', note: pageNote });
    figures.push({
      name: 'baseline: bare one-row select through Kysely, p50',
      value: round(bareP50),
      unit: 'ms',
      note: `${bareNote}; page is ${round(p50 / bareP50, 1)}× it`,
    });
    figures.push({
      name: 'baseline: bare one-row select through Kysely, p95',
      value: round(bareP95),
      unit: 'ms',
      note: `${bareNote}; page is ${round(p95 / bareP95, 1)}× it`,
    });

    // The case page (timeline): typical cases, and the one long case.
    const caseIds = data.sampleCaseIds.slice(0, Math.min(pages, data.sampleCaseIds.length));
    const openCasePage = (caseId: string) =>
      expectStatus(app!.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers }), 200, 'case file');
    const typical = await timed(`GET /api/cases/:id × ${fmt(caseIds.length)}`, phases, () =>
      runConcurrently(caseIds.length, 1, (index) => openCasePage(caseIds[index]!)),
    );
    const heavyRuns = 100;
    await openCasePage(data.heavyCaseId);
    const heavy = await timed(`GET /api/cases/:id (long case) × ${heavyRuns}`, phases, () =>
      runConcurrently(heavyRuns, 1, () => openCasePage(data.heavyCaseId)),
    );
    const bareCase = await runConcurrently(caseIds.length, 1, (index) => bareSelect('cases', caseIds[index]!));
    const bareCaseP50 = percentile(bareCase.samples, 0.5);
    const typicalP50 = percentile(typical.samples, 0.5);
    figures.push({
      name: 'case file GET /api/cases/:id, typical case, p50',
      value: round(typicalP50),
      unit: 'ms',
      note: `${fmt(caseIds.length)} random cases (~${round(sizes.interactions / sizes.cases, 1)} interactions each); bare select 1 from cases p50 ${round(bareCaseP50)} ms (${round(typicalP50 / bareCaseP50, 1)}×)`,
    });
    figures.push({
      name: 'case file GET /api/cases/:id, typical case, p95',
      value: round(percentile(typical.samples, 0.95)),
      unit: 'ms',
      note: `bare select p95 ${round(percentile(bareCase.samples, 0.95))} ms`,
    });
    figures.push({
      name: `case file GET /api/cases/:id, long case (${fmt(data.heavyCaseInteractions)} interactions), p50`,
      value: round(percentile(heavy.samples, 0.5)),
      unit: 'ms',
      note: `${heavyRuns} reads`,
    });
    figures.push({
      name: `case file GET /api/cases/:id, long case (${fmt(data.heavyCaseInteractions)} interactions), p95`,
      value: round(percentile(heavy.samples, 0.95)),
      unit: 'ms',
      note: `${heavyRuns} reads`,
    });
    for (const [label, seconds] of phases.filter(([label]) => !/×/.test(label))) {
      figures.push({ name: `setup: ${label}`, value: round(seconds, 1), unit: 's', note: scale });
    }
    return figures;
  } finally {
    await app?.close().catch(() => undefined);
    await handle?.close().catch(() => undefined);
    await bulk.end().catch(() => undefined);
    // pool.end() resolves before its backends have gone; a forced drop would then kill an idle
    // pool client whose 'error' event nobody listens to any more. Wait for them to leave first.
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
