/**
 * The campaign dialler on PostgreSQL: how many customers per second the "next callable customers"
 * screening (consent or contract offer, calling hours in the customer's zone, 4 attempts per
 * 30 days, 60 days after a refusal) gets through, paging over every customer with the real use case
 * (`nextCallable`, the same code as GET /api/outreach/campaigns/:id/callable), beside a bare keyset
 * scan of the same customers with the same page size in the same run.
 *
 * Data (bulk SQL into a fresh database): N customers (BENCH_DIALLER_CUSTOMERS, default 1,000,000)
 * with an account and a subscription (90 % active), marketing-phone consent for 30 % (withdrawn for
 * 10 %), 3 % in overseas time zones, and N call attempts over the last 60 days (10 % refusals).
 * Page size BENCH_DIALLER_PAGE (default 500).
 *
 * Reservations: BENCH_DIALLER_AGENTS dialler agents (default 4) in parallel take customers of the
 * contract-offer campaign in requests of BENCH_DIALLER_BATCH (default 10) with the real use case
 * (`reserveCallable`, the same code as POST /api/outreach/campaigns/:id/reservations), each going on
 * with its cursor, until BENCH_DIALLER_RESERVATIONS customers (default 20,000) are held; the run
 * checks that no customer was reserved twice.
 */
import pg from 'pg';
import { fixedClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import { type DatabaseHandle, openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { nextCallable, reserveCallable } from '../src/outreach/calls.js';
import { DEFAULT_OUTREACH_POLICY } from '../src/outreach/rules.js';
import { seedDemo } from '../src/seed/seed.js';
import type { Figure } from './startup.js';

const log = (message: string) => process.stderr.write(`[bench dialler] ${message}\n`);
const fmt = (n: number) => n.toLocaleString('en');
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

function sizeFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

// Tuesday 8 December 2026, 11:00 in Paris: inside the calling window for mainland France.
const NOW = new Date('2026-12-08T10:00:00Z');

async function bulkData(client: pg.Client, customers: number) {
  await client.query('set synchronous_commit = off');
  await client.query('select setseed(0.0808)');
  const step = async (label: string, text: string, values: unknown[] = []) => {
    const started = performance.now();
    await client.query(text, values);
    log(`${label}: ${round((performance.now() - started) / 1000, 1)} s`);
  };
  await step(
    `insert ${fmt(customers)} customers`,
    `insert into customers (id, reference, civility, first_name, last_name, search_name, phone, address_line1, postcode, city)
     select md5('bench-customer:' || g)::uuid, 'BX-' || lpad(g::text, 8, '0'), 'Mme', 'Cliente', 'Banc ' || g,
            'banc ' || g || ' cliente', '+336' || lpad((g % 100000000)::text, 8, '0'), '1 rue du Banc', '54000', 'Nancy'
     from generate_series(1, $1::int) g`,
    [customers],
  );
  await step(
    'accounts',
    `insert into accounts (id, customer_id, reference, billing_method)
     select md5('bench-account:' || g)::uuid, md5('bench-customer:' || g)::uuid, 'BXA-' || g, 'direct_debit'
     from generate_series(1, $1::int) g`,
    [customers],
  );
  await step(
    'subscriptions',
    `insert into subscriptions (customer_id, account_id, reference, kind, plan, status, line_number,
       service_address_line1, started_at)
     select md5('bench-customer:' || g)::uuid, md5('bench-account:' || g)::uuid, 'BXS-' || g, 'fixed_box', 'Fibre',
       case when random() < 0.9 then 'active' else 'terminated' end,
       '+339' || lpad((g % 100000000)::text, 8, '0'), '1 rue du Banc', now() - interval '3 years'
     from generate_series(1, $1::int) g`,
    [customers],
  );
  await step(
    'consents',
    `insert into customer_consents (customer_id, purpose, status, source, recorded_at, evidence)
     select c.id, 'marketing_phone', case when r < 0.3 then 'granted' else 'withdrawn' end,
            case when r < 0.3 then 'call' else 'portal' end, $1::timestamptz - interval '200 days', 'bench'
     from (select id, random() as r from customers where reference like 'BX-%') c
     where c.r < 0.4`,
    [NOW],
  );
  await step(
    'time zones',
    `insert into customer_time_zones (customer_id, time_zone)
     select id, (array['Indian/Reunion', 'America/Martinique', 'America/Cayenne', 'Pacific/Noumea'])[1 + floor(random() * 4)::int]
     from customers where reference like 'BX-%' and random() < 0.03`,
  );
  const supervisor = await client.query<{ id: string }>(`select id from users where email = 'supervisor@demo.suivi'`);
  const supervisorId = supervisor.rows[0]?.id;
  const campaign = await client.query<{ id: string }>(
    `insert into outreach_campaigns (name, purpose, created_by_user_id, created_at)
     values ('Bench: offre sur votre contrat', 'contract_offer', $1, $2), ('Bench: marketing', 'marketing', $1, $2)
     returning id`,
    [supervisorId, NOW],
  );
  await step(
    `insert ${fmt(customers)} attempts`,
    `insert into outreach_attempts (campaign_id, customer_id, attempted_at, status, outcome, recorded_by_user_id)
     select $2::uuid, md5('bench-customer:' || (1 + floor(random() * $1::int))::int)::uuid,
            $4::timestamptz - random() * interval '60 days', 'placed',
            case when random() < 0.1 then 'declined' else 'no_answer' end, $3::uuid
     from generate_series(1, $1::int)`,
    [customers, campaign.rows[0]?.id, supervisorId, NOW],
  );
  await step('analyze', 'analyze');
  return { contractCampaign: campaign.rows[0]?.id as string, marketingCampaign: campaign.rows[1]?.id as string };
}

export async function runDiallerBench(options: { postgresUrl: string }): Promise<Figure[]> {
  const customers = sizeFrom('BENCH_DIALLER_CUSTOMERS', 1_000_000);
  const pageSize = sizeFrom('BENCH_DIALLER_PAGE', 500);
  const agents = sizeFrom('BENCH_DIALLER_AGENTS', 4);
  const batchSize = sizeFrom('BENCH_DIALLER_BATCH', 10);
  const reservationTarget = sizeFrom('BENCH_DIALLER_RESERVATIONS', 20_000);
  const database = `suivi_bench_dialler_${process.pid}`;
  const admin = new pg.Client({ connectionString: options.postgresUrl });
  await admin.connect();
  await admin.query(`create database ${database}`);
  const url = new URL(options.postgresUrl);
  url.pathname = `/${database}`;
  let handle: DatabaseHandle | undefined;
  const bulk = new pg.Client({ connectionString: url.toString() });
  const figures: Figure[] = [];
  try {
    handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: Math.max(4, agents) });
    await migrate(handle);
    await seedDemo(handle.db, { customers: 1 }); // the operator and the demo logins
    await bulk.connect();
    const campaigns = await bulkData(bulk, customers);
    const total = Number((await bulk.query('select count(*)::int as n from customers')).rows[0].n);
    const ctx = { db: handle.db, clock: fixedClock(NOW), config: loadConfig({ LOG_LEVEL: 'silent' }) };

    const screenAll = async (campaignId: string) => {
      let after: string | null = null;
      let callable = 0;
      let pages = 0;
      const started = performance.now();
      for (;;) {
        const page = await nextCallable(ctx, DEFAULT_OUTREACH_POLICY, { campaignId, limit: pageSize, after });
        pages++;
        callable += page.rows.length;
        const last = page.rows.at(-1);
        if (page.rows.length < pageSize || !last) break;
        after = last.id;
      }
      return { seconds: (performance.now() - started) / 1000, callable, pages };
    };
    const bareScan = async () => {
      let after: string | null = null;
      let pages = 0;
      const started = performance.now();
      for (;;) {
        const rows: Array<{ id: string }> = (
          await bulk.query(
            `select id, reference, first_name, last_name, phone from customers
             where merged_into_customer_id is null and ($1::uuid is null or id > $1::uuid) order by id limit $2`,
            [after, pageSize],
          )
        ).rows;
        pages++;
        const last = rows.at(-1);
        if (rows.length < pageSize || !last) break;
        after = last.id;
      }
      return { seconds: (performance.now() - started) / 1000, pages };
    };

    const reserveAll = async (campaignId: string) => {
      const row = await bulk.query<{ id: string; email: string; display_name: string }>(
        `select id, email, display_name from users where email = 'supervisor@demo.suivi'`,
      );
      const supervisor = row.rows[0];
      if (!supervisor) throw new Error('no supervisor user');
      const user = {
        id: supervisor.id,
        email: supervisor.email,
        displayName: supervisor.display_name,
        advisorCode: null,
        role: 'supervisor' as const,
        site: null,
        customerId: null,
      };
      let reserved = 0;
      let requests = 0;
      const latencies: number[] = [];
      const started = performance.now();
      await Promise.all(
        Array.from({ length: agents }, async () => {
          let after: string | null = null;
          let empty = 0;
          while (reserved < reservationTarget && empty < 2) {
            const began = performance.now();
            const result = await reserveCallable(ctx, DEFAULT_OUTREACH_POLICY, user, {
              campaignId,
              count: batchSize,
              leaseSeconds: 3600,
              after,
              idempotencyKey: null,
            });
            latencies.push(performance.now() - began);
            requests++;
            reserved += result.items.length;
            empty = result.items.length === 0 ? empty + 1 : 0;
            after = result.batch.resume_after_customer_id;
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const check = await bulk.query<{ n: number; distinct: number }>(
        `select count(*)::int as n, count(distinct customer_id)::int as distinct
         from outreach_reservations where released_at is null`,
      );
      const held = check.rows[0];
      if (!held || held.n !== held.distinct || held.n !== reserved) {
        throw new Error(`reservations: ${held?.n} held for ${held?.distinct} customers, ${reserved} returned`);
      }
      latencies.sort((a, b) => a - b);
      const p50 = latencies[Math.floor(latencies.length / 2)] ?? 0;
      const p95 = latencies[Math.floor(latencies.length * 0.95)] ?? 0;
      return { seconds, reserved, requests, p50, p95 };
    };

    log('warm-up');
    await bareScan();
    log('screening: contract offer campaign');
    const contract = await screenAll(campaigns.contractCampaign);
    log('screening: marketing campaign');
    const marketing = await screenAll(campaigns.marketingCampaign);
    log('baseline: bare keyset scan');
    const bare = await bareScan();
    log(`reservations: ${agents} agents in parallel, requests of ${batchSize}`);
    const reservations = await reserveAll(campaigns.contractCampaign);
    const rate = (seconds: number) => Math.round(total / seconds);
    figures.push({
      name: `dialler screening, contract-offer campaign, ${fmt(total)} customers, pages of ${pageSize}`,
      value: rate(contract.seconds),
      unit: 'customers/s',
      note: `${fmt(contract.callable)} callable in ${contract.pages} pages, ${round(contract.seconds, 1)} s`,
    });
    figures.push({
      name: `dialler screening, marketing campaign (consent only), ${fmt(total)} customers`,
      value: rate(marketing.seconds),
      unit: 'customers/s',
      note: `${fmt(marketing.callable)} callable in ${marketing.pages} pages, ${round(marketing.seconds, 1)} s`,
    });
    figures.push({
      name: `baseline: bare keyset scan of the same customers, pages of ${pageSize}`,
      value: rate(bare.seconds),
      unit: 'customers/s',
      note: `${bare.pages} pages, ${round(bare.seconds, 1)} s; screening is ${round(contract.seconds / bare.seconds, 1)}× slower`,
    });
    figures.push({
      name: `dialler reservations, contract-offer campaign, ${agents} agents in parallel, requests of ${batchSize}`,
      value: Math.round(reservations.reserved / reservations.seconds),
      unit: 'customers/s',
      note: `${fmt(reservations.reserved)} reserved, none twice, in ${fmt(reservations.requests)} requests (${round(reservations.requests / reservations.seconds, 1)} requests/s, p50 ${round(reservations.p50, 1)} ms, p95 ${round(reservations.p95, 1)} ms), ${round(reservations.seconds, 1)} s`,
    });
    return figures;
  } finally {
    await bulk.end().catch(() => undefined);
    await handle?.close().catch(() => undefined);
    // pool.end() resolves before its backends have gone: wait for them before the forced drop.
    for (let tries = 0; tries < 100; tries++) {
      const { rows } = await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [
        database,
      ]);
      if (rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // BENCH_DIALLER_KEEP=1 keeps the database to look at plans (psql, then drop it by hand).
    if (process.env.BENCH_DIALLER_KEEP !== '1') await admin.query(`drop database if exists ${database} with (force)`);
    else log(`kept database ${database}`);
    await admin.end();
  }
}
