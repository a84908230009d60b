/**
 * Properties, with fast-check: over random sequences of charge imports (with and without consent),
 * disputes replayed with random Idempotency-Keys (also concurrently, also by an advisor), review
 * decisions (grant all or part, decline; replayed and concurrent), blocks and bill runs, every
 * bill always reconciles with its lines, and no charge is ever refunded more than it cost — it is
 * refunded exactly its amount when disputed without a complete consent, and otherwise exactly what
 * reviewers granted. Plus the pure money rules the database checks.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, login } from '../../test/test-app.js';
import { createTestDatabase } from '../../test/test-database.js';
import { fixedClock } from '../platform/clock.js';
import { type Config, loadConfig } from '../platform/config.js';
import type { DatabaseHandle } from '../platform/db/database.js';
import { buildApp } from '../platform/http/app.js';
import { seedDemo } from '../seed/seed.js';
import { fromExclVat, fromInclVat, totalsOf } from './money.js';

describe('money', () => {
  it('derives VAT within the cent the database allows, and totals that add up', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            cents: fc.integer({ min: -1_000_000, max: 1_000_000 }),
            rate: fc.constantFrom(0, 210, 550, 1000, 2000),
            inclusive: fc.boolean(),
          }),
          { maxLength: 40 },
        ),
        (inputs) => {
          const lines = inputs.map((input) => (input.inclusive ? fromInclVat : fromExclVat)(input.cents, input.rate));
          for (const line of lines) {
            expect(line.amountExclVatCents + line.vatCents).toBe(line.amountInclVatCents);
            expect(Math.abs(line.vatCents * 10_000 - line.amountExclVatCents * line.vatRateBp)).toBeLessThanOrEqual(
              10_000,
            );
          }
          const totals = totalsOf(lines);
          expect(totals.totalInclVatCents).toBe(lines.reduce((sum, line) => sum + line.amountInclVatCents, 0));
        },
      ),
      { numRuns: 500 },
    );
  });
});

const clock = fixedClock(new Date('2026-12-18T09:00:00Z'));
let database: DatabaseHandle;
let app: FastifyInstance;
let subscriber: LoggedIn;
let advisor: LoggedIn;
let admin: LoggedIn;
let complaints: LoggedIn;
let lines: Array<{ id: string; number: string }> = [];

const send = (session: LoggedIn, method: 'POST' | 'PUT', url: string, payload: Record<string, unknown>, headers = {}) =>
  app.inject({ method, url, payload, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...headers } });

type Command =
  | { kind: 'import'; line: number; consent: boolean; amount: number; minutesAgo: number }
  | { kind: 'dispute'; charge: number; key: string | null; copies: number; byAdvisor: boolean }
  | { kind: 'block'; line: number; blocked: boolean }
  | { kind: 'review'; charge: number; grant: boolean; amount: number | null; key: string; copies: number }
  | { kind: 'billRun' };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('import' as const),
      line: fc.nat(9),
      consent: fc.boolean(),
      amount: fc.integer({ min: 1, max: 30_000 }),
      minutesAgo: fc.integer({ min: 1, max: 600 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('dispute' as const),
      charge: fc.nat(50),
      key: fc.option(fc.constantFrom('k1', 'k2', 'k3')),
      copies: fc.integer({ min: 1, max: 3 }),
      byAdvisor: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('block' as const), line: fc.nat(9), blocked: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('billRun' as const) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('review' as const),
      charge: fc.nat(50),
      grant: fc.boolean(),
      amount: fc.option(fc.integer({ min: 1, max: 30_000 })),
      key: fc.constantFrom('r1', 'r2', 'r3'),
      copies: fc.integer({ min: 1, max: 3 }),
    }),
  },
);

let run = 0;
let sequence = 0;
const charges: string[] = [];

async function apply(step: Command) {
  const line = lines[('line' in step ? step.line : 0) % lines.length] as { id: string; number: string };
  if (step.kind === 'import') {
    const at = new Date(clock.now().getTime() - step.minutesAgo * 60_000);
    const response = await send(admin, 'POST', '/api/billing/charge-batches', {
      source: 'property',
      reference: `p-${++sequence}`,
      charges: [
        {
          externalRef: `p-${sequence}`,
          line: line.number,
          merchantCode: 'PROP',
          merchantName: 'Propriété SA',
          serviceName: 'Service',
          chargeType: 'purchase',
          occurredAt: at.toISOString(),
          amountCents: step.amount,
          ...(step.consent
            ? {
                consent: {
                  firstStepAt: new Date(at.getTime() - 40_000).toISOString(),
                  secondStepAt: new Date(at.getTime() - 10_000).toISOString(),
                  channel: 'box',
                  sourceLine: line.number,
                },
              }
            : {}),
        },
      ],
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    if (body.accepted === 1) charges.push(body.flagged[0]?.chargeId ?? (await lastChargeId()));
  } else if (step.kind === 'dispute') {
    const chargeId = charges[step.charge % Math.max(1, charges.length)];
    if (!chargeId) return;
    const session = step.byAdvisor ? advisor : subscriber;
    const headers = step.key ? { 'idempotency-key': `${run}-${step.key}` } : {};
    const body = {
      chargeId,
      reason: 'Je ne reconnais pas cet achat',
      ...(step.byAdvisor ? { channel: 'phone_in' } : {}),
    };
    const responses = await Promise.all(
      Array.from({ length: step.copies }, () => send(session, 'POST', '/api/billing/disputes', body, headers)),
    );
    for (const response of responses) expect([200, 201, 422]).toContain(response.statusCode);
  } else if (step.kind === 'review') {
    // A complaints officer grants (all, or an amount) or declines the charge's dispute, replayed and concurrent.
    const chargeId = charges[step.charge % Math.max(1, charges.length)];
    if (!chargeId) return;
    const dispute = await database.db
      .selectFrom('billing_disputes')
      .select('id')
      .where('third_party_charge_id', '=', chargeId)
      .executeTakeFirst();
    if (!dispute) return;
    const body = step.grant
      ? { decision: 'grant', ...(step.amount ? { amountCents: step.amount } : {}) }
      : { decision: 'decline', reason: 'Double confirmation vérifiée' };
    const responses = await Promise.all(
      Array.from({ length: step.copies }, () =>
        send(complaints, 'POST', `/api/billing/disputes/${dispute.id}/decisions`, body, {
          'idempotency-key': `${run}-${step.key}`,
        }),
      ),
    );
    for (const response of responses) expect([200, 201, 409, 422]).toContain(response.statusCode);
  } else if (step.kind === 'block') {
    const response = await send(subscriber, 'PUT', `/api/subscriptions/${line.id}/third-party-billing`, {
      status: step.blocked ? 'blocked' : 'allowed',
    });
    expect(response.statusCode).toBe(200);
  } else {
    // Move to the next month and bill the one that just ended.
    const now = clock.now();
    const month = now.toISOString().slice(0, 7);
    clock.set(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 2, 9)));
    const response = await send(admin, 'POST', '/api/billing/runs', { month });
    expect(response.statusCode).toBe(200);
  }
}

async function lastChargeId() {
  const row = await database.db
    .selectFrom('third_party_charges')
    .select('id')
    .where('external_ref', '=', `p-${sequence}`)
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, { customers: 8, now: clock.now() });
  const config: Config = {
    ...loadConfig({}),
    logLevel: 'silent',
    loginRateLimitPerMinute: 1000,
    sessionTtlHours: 24 * 4000,
  };
  app = await buildApp({ db: database.db, clock, config });
  [subscriber, advisor, admin, complaints] = await Promise.all([
    login(app, 'subscriber@demo.suivi'),
    login(app, 'advisor@demo.suivi'),
    login(app, 'admin@demo.suivi'),
    login(app, 'complaints@demo.suivi'),
  ]);
  // Claire's own lines: the subscriber can dispute and block them herself.
  const rows = await database.db
    .selectFrom('subscriptions')
    .select(['id', 'msisdn', 'line_number'])
    .where('customer_id', '=', subscriber.user.customerId as string)
    .execute();
  lines = rows.map((row) => ({ id: row.id, number: (row.line_number ?? row.msisdn) as string }));
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('bills and refunds under any sequence of imports, disputes, reviews, retries, blocks and bill runs', () => {
  it('always reconcile, and never refund more than was charged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 12 }), async (steps) => {
        run++;
        for (const step of steps) await apply(step);

        const unbalanced = await sql<{ n: number }>`
          select count(*)::int as n from bills b
          left join (select bill_id, sum(amount_excl_vat_cents) as excl, sum(vat_cents) as vat, sum(amount_incl_vat_cents) as incl
                       from bill_lines group by bill_id) l on l.bill_id = b.id
          where l.bill_id is null or l.excl <> b.total_excl_vat_cents or l.vat <> b.vat_cents or l.incl <> b.total_incl_vat_cents`.execute(
          database.db,
        );
        expect(unbalanced.rows[0]?.n).toBe(0);

        const perCharge = await sql<{
          charged: number;
          refunded: number;
          disputed: boolean;
          consent_complete: boolean;
          refund_lines: number;
          granted: number;
        }>`
          select c.amount_incl_vat_cents::int as charged, c.consent_complete,
                 coalesce((select sum(e.amount_incl_vat_cents) from billing_ledger_entries e where e.third_party_charge_id = c.id and e.kind = 'refund'), 0)::int as refunded,
                 exists (select 1 from billing_disputes d where d.third_party_charge_id = c.id) as disputed,
                 coalesce((select -sum(l.amount_incl_vat_cents) from bill_lines l join billing_ledger_entries e on e.id = l.ledger_entry_id
                            where e.third_party_charge_id = c.id and e.kind = 'refund'), 0)::int as refund_lines,
                 coalesce((select sum(x.amount_cents) from billing_dispute_decisions x join billing_disputes d on d.id = x.dispute_id
                            where d.third_party_charge_id = c.id and x.decision = 'grant'), 0)::int as granted
            from third_party_charges c where c.external_ref like 'p-%'`.execute(database.db);
        for (const row of perCharge.rows) {
          expect(row.refunded).toBeLessThanOrEqual(row.charged);
          // At once without consent; with consent, exactly what reviewers granted (0 if none).
          expect(row.refunded).toBe(row.disputed && !row.consent_complete ? row.charged : row.granted);
          // What the bills paid back is never more than the ledger's refund.
          expect(row.refund_lines).toBeLessThanOrEqual(row.refunded);
        }
      }),
      { numRuns: 20 },
    );
  });
});
