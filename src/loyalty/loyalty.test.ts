import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, type TestApp, createTestApp, login } from '../../test/test-app.js';
import { fixedClock } from '../platform/clock.js';
import { customerIdOf } from '../seed/customers.js';
import { insertTransaction } from './queries.js';
import { OPERATOR_ACCOUNTS } from './tables.js';

// Tuesday 8 December 2026, 11:00 in Paris.
const start = new Date('2026-12-08T10:00:00Z');
const clock = fixedClock(start);
let t: TestApp;
let advisor: LoggedIn;
let subscriber: LoggedIn;
let supervisor: LoggedIn;
const claire = customerIdOf(0);

type Body = Record<string, unknown>;
const send = (
  session: LoggedIn,
  method: 'POST' | 'PUT' | 'GET' | 'DELETE',
  url: string,
  payload?: Body,
  headers = {},
) =>
  t.app.inject({ method, url, payload, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...headers } });

const earn = (customerId: string, points: number, headers = {}) =>
  send(
    supervisor,
    'POST',
    '/api/loyalty/earnings',
    { customerId, kind: 'earn_spend', points, description: 'Facture payée' },
    headers,
  );
const balanceOf = async (customerId: string) =>
  (await send(supervisor, 'GET', `/api/customers/${customerId}/loyalty`)).json().balance as number;
const memberAccountId = async (customerId: string) =>
  (
    await t.database.db
      .selectFrom('loyalty_accounts')
      .select('id')
      .where('customer_id', '=', customerId)
      .executeTakeFirstOrThrow()
  ).id;
let rewardSeq = 0;
const newReward = async (points: Record<string, number>) => {
  rewardSeq++;
  const response = await send(supervisor, 'POST', '/api/loyalty/rewards', {
    code: `test-reward-${rewardSeq}`,
    nameFr: `Cadeau ${rewardSeq}`,
    nameEn: `Reward ${rewardSeq}`,
    thresholds: points,
  });
  expect(response.statusCode).toBe(201);
  return response.json().id as string;
};
const redeem = (session: LoggedIn, customerId: string, rewardId: string, headers = {}) =>
  send(session, 'POST', `/api/customers/${customerId}/loyalty/redemptions`, { rewardId }, headers);

beforeAll(async () => {
  t = await createTestApp({ customers: 60, clock, config: { sessionTtlHours: 24 * 3000 } });
  [advisor, subscriber, supervisor] = await Promise.all([
    login(t.app, 'advisor@demo.suivi'),
    login(t.app, 'subscriber@demo.suivi'),
    login(t.app, 'supervisor@demo.suivi'),
  ]);
});
afterAll(() => t.close());

describe('the database guards the ledger', () => {
  it('refuses an unbalanced entry, a balance below zero, and any update or delete', async () => {
    const db = t.database.db;
    await earn(customerIdOf(30), 100);
    const balance = await balanceOf(customerIdOf(30));
    const account = await memberAccountId(customerIdOf(30));
    const tx = (kind: 'adjustment' | 'redemption') => ({
      kind,
      customerId: customerIdOf(30),
      occurredAt: start,
      description: 'test',
      reason: 'test',
      authorUserId: supervisor.user.id,
    });
    await expect(
      db.transaction().execute((trx) =>
        insertTransaction(trx, tx('adjustment'), [
          { accountId: account, amount: 50 },
          { accountId: OPERATOR_ACCOUNTS.adjustments, amount: -40 },
        ]),
      ),
    ).rejects.toThrow(/unbalanced/);
    await expect(
      db.transaction().execute((trx) =>
        insertTransaction(trx, tx('adjustment'), [
          { accountId: account, amount: -(balance + 1) },
          { accountId: OPERATOR_ACCOUNTS.adjustments, amount: balance + 1 },
        ]),
      ),
    ).rejects.toMatchObject({ code: '23514' });
    await expect(sql`update loyalty_postings set amount = amount + 1`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from loyalty_transactions`.execute(db)).rejects.toThrow(/append-only/);
    await expect(
      sql`update loyalty_accounts set balance = balance + 1000 where id = ${account}`.execute(db),
    ).rejects.toThrow(/derive from postings/);
    expect(await balanceOf(customerIdOf(30))).toBe(balance);
  });

  it('lets only one of two concurrent spenders use the same points, even without the application lock', async () => {
    const customer = customerIdOf(31);
    await earn(customer, 300);
    const balance = await balanceOf(customer);
    // More than half the balance: any two spends together exceed it.
    const amount = Math.floor(balance / 2) + 1;
    const account = await memberAccountId(customer);
    const spend = () =>
      t.database.db.transaction().execute((trx) =>
        insertTransaction(
          trx,
          {
            kind: 'adjustment',
            customerId: customer,
            occurredAt: start,
            description: 'x',
            reason: 'x',
            authorUserId: supervisor.user.id,
          },
          [
            { accountId: account, amount: -amount },
            { accountId: OPERATOR_ACCOUNTS.adjustments, amount },
          ],
        ),
      );
    const results = await Promise.allSettled([spend(), spend(), spend()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await balanceOf(customer)).toBe(balance - amount);
  });
});

describe('points', () => {
  it('earns idempotently and shows every movement with its expiry', async () => {
    const customer = customerIdOf(32);
    const before = await balanceOf(customer);
    const first = await earn(customer, 120, { 'idempotency-key': 'earn-32-a' });
    const again = await earn(customer, 120, { 'idempotency-key': 'earn-32-a' });
    expect(first.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().transactionId).toBe(first.json().transactionId);
    expect(await balanceOf(customer)).toBe(before + 120);
    const reused = await earn(customer, 130, { 'idempotency-key': 'earn-32-a' });
    expect(reused.statusCode).toBe(422);
    const movements = (await send(advisor, 'GET', `/api/customers/${customer}/loyalty/movements?limit=1`)).json();
    expect(movements.items[0]).toMatchObject({ kind: 'earn_spend', points: 120, expiresOn: '2028-12-08' });
  });

  it('adjusts only with a reason and the right role, recording the author', async () => {
    const customer = customerIdOf(33);
    const url = `/api/customers/${customer}/loyalty/adjustments`;
    expect((await send(advisor, 'POST', url, { points: 50, reason: 'Geste' })).statusCode).toBe(403);
    const noReason = await send(supervisor, 'POST', url, { points: 50 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('body.reason');
    const ok = await send(supervisor, 'POST', url, { points: 50, reason: 'Panne de 3 jours' });
    expect(ok.statusCode).toBe(201);
    const too = await send(supervisor, 'POST', url, { points: -1_000_000, reason: 'Erreur' });
    expect(too.statusCode).toBe(409);
    expect(too.json().errors[0].field).toBe('body.points');
    const movements = (await send(advisor, 'GET', `/api/customers/${customer}/loyalty/movements`)).json();
    expect(movements.items[0]).toMatchObject({
      kind: 'adjustment',
      reason: 'Panne de 3 jours',
      author: expect.any(String),
    });
  });

  it('transfers within a household only', async () => {
    const [a, b, c] = [customerIdOf(34), customerIdOf(35), customerIdOf(36)];
    await earn(a, 200);
    await earn(b, 1);
    await earn(c, 1);
    const household = '7b0c5a1e-0000-4000-8000-000000000034';
    await t.database.db
      .updateTable('loyalty_accounts')
      .set({ household_id: household })
      .where('customer_id', 'in', [a, b])
      .execute();
    const [beforeA, beforeB] = [await balanceOf(a), await balanceOf(b)];
    const ok = await send(supervisor, 'POST', `/api/customers/${a}/loyalty/transfers`, {
      toCustomerId: b,
      points: 150,
    });
    expect(ok.statusCode).toBe(201);
    expect([await balanceOf(a), await balanceOf(b)]).toEqual([beforeA - 150, beforeB + 150]);
    const outside = await send(supervisor, 'POST', `/api/customers/${a}/loyalty/transfers`, {
      toCustomerId: c,
      points: 10,
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors[0].field).toBe('body.toCustomerId');
  });

  it('expires the oldest points after their validity, once', async () => {
    const customer = customerIdOf(37);
    const before = await balanceOf(customer);
    await earn(customer, 80);
    clock.set(new Date('2029-01-15T10:00:00Z'));
    const run = (await send(supervisor, 'POST', '/api/loyalty/expiry-runs')).json();
    expect(run.points).toBeGreaterThanOrEqual(80);
    expect(await balanceOf(customer)).toBeLessThanOrEqual(before);
    const rerun = (await send(supervisor, 'POST', '/api/loyalty/expiry-runs')).json();
    expect(rerun).toEqual({ members: 0, points: 0 });
    clock.set(start);
  });

  it('keeps a subscriber to their own points', async () => {
    expect((await send(subscriber, 'GET', `/api/customers/${customerIdOf(5)}/loyalty`)).statusCode).toBe(404);
    expect((await send(subscriber, 'GET', `/api/customers/${claire}/loyalty`)).statusCode).toBe(200);
    const body = { customerId: claire, kind: 'earn_event', points: 1000, description: 'Moi-même' };
    expect((await send(subscriber, 'POST', '/api/loyalty/earnings', body)).statusCode).toBe(403);
  });
});

describe('concurrent operations (property)', () => {
  it('never make a balance negative nor let two redemptions spend the same points', async () => {
    const members = [customerIdOf(40), customerIdOf(41), customerIdOf(42)];
    const household = '7b0c5a1e-0000-4000-8000-000000000040';
    for (const member of members) await earn(member, 1); // open the accounts
    await t.database.db
      .updateTable('loyalty_accounts')
      .set({ household_id: household })
      .where('customer_id', 'in', members)
      .execute();
    const reward = await newReward({ essentiel: 100, argent: 100, or: 100 });
    const op = fc.oneof(
      fc.record({ kind: fc.constant('earn' as const), who: fc.nat(2), points: fc.integer({ min: 1, max: 150 }) }),
      fc.record({ kind: fc.constant('redeem' as const), who: fc.nat(2) }),
      fc.record({ kind: fc.constant('spend' as const), who: fc.nat(2), points: fc.integer({ min: 1, max: 150 }) }),
      fc.record({
        kind: fc.constant('transfer' as const),
        who: fc.nat(2),
        to: fc.nat(2),
        points: fc.integer({ min: 1, max: 150 }),
      }),
    );
    const ledger = async () => {
      const rows = await sql<{ customer_id: string; balance: number; posted: number }>`
        select a.customer_id, a.balance, coalesce(sum(p.amount), 0)::int as posted
        from loyalty_accounts a left join loyalty_postings p on p.account_id = a.id
        where a.customer_id in (${sql.join(members)}) group by a.customer_id, a.balance`.execute(t.database.db);
      return rows.rows;
    };
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 2, maxLength: 12 }), async (ops) => {
        const before = await ledger();
        const requests = ops.map((o) => {
          const who = members[o.who] as string;
          if (o.kind === 'earn') return earn(who, o.points);
          if (o.kind === 'redeem') return redeem(supervisor, who, reward);
          if (o.kind === 'spend') {
            return send(supervisor, 'POST', `/api/customers/${who}/loyalty/adjustments`, {
              points: -o.points,
              reason: 'Correction concurrente',
            });
          }
          return send(supervisor, 'POST', `/api/customers/${who}/loyalty/transfers`, {
            toCustomerId: members[o.to],
            points: o.points,
          });
        });
        const responses = await Promise.all(requests);
        for (const response of responses) expect([201, 400, 409]).toContain(response.statusCode);
        const after = await ledger();
        let delta = 0;
        for (const row of after) {
          expect(row.balance).toBeGreaterThanOrEqual(0);
          expect(row.balance).toBe(row.posted);
          delta += row.balance - (before.find((b) => b.customer_id === row.customer_id)?.balance ?? 0);
        }
        // Points out of the household = successful redemptions and spends; in = successful earnings.
        let expected = 0;
        ops.forEach((o, i) => {
          if (responses[i]?.statusCode !== 201) return;
          if (o.kind === 'earn') expected += o.points;
          if (o.kind === 'redeem') expected -= 100;
          if (o.kind === 'spend') expected -= o.points;
        });
        expect(delta).toBe(expected);
        const unbalanced = await sql<{ n: number }>`
          select count(*)::int as n from (select transaction_id from loyalty_postings group by transaction_id
          having sum(amount) <> 0) x`.execute(t.database.db);
        expect(unbalanced.rows[0]?.n).toBe(0);
      }),
      { numRuns: 15 },
    );
  });
});

describe('rewards and fair threshold changes', () => {
  it('schedules an increase only after notice, tells every member, protects the close ones and goals', async () => {
    const reward = await newReward({ essentiel: 2400, argent: 2400, or: 2400 });
    const [near, far, goal] = [customerIdOf(50), customerIdOf(51), customerIdOf(52)];
    await earn(near, 2100);
    await earn(far, 1);
    await earn(goal, 10);
    const tierOf = async (id: string) =>
      (
        await t.database.db
          .selectFrom('loyalty_accounts')
          .select('tier')
          .where('customer_id', '=', id)
          .executeTakeFirstOrThrow()
      ).tier;
    await t.database.db
      .updateTable('loyalty_accounts')
      .set({ tier: 'argent' })
      .where('customer_id', 'in', [near, far, goal])
      .execute();
    expect(await tierOf(near)).toBe('argent');
    const farBalance = await balanceOf(far);
    expect(farBalance).toBeLessThan(1900);
    expect((await send(supervisor, 'PUT', `/api/customers/${goal}/loyalty/goals/${reward}`)).statusCode).toBe(204);

    const tooSoon = await send(supervisor, 'POST', `/api/loyalty/rewards/${reward}/threshold-changes`, {
      tier: 'argent',
      points: 2900,
      effectiveOn: '2026-12-20',
      reason: 'Hausse du prix des smartphones',
    });
    expect(tooSoon.statusCode).toBe(400);
    expect(tooSoon.json().errors[0]).toMatchObject({
      field: 'body.effectiveOn',
      message: expect.stringContaining('2027-01-09'),
    });

    const scheduled = await send(supervisor, 'POST', `/api/loyalty/rewards/${reward}/threshold-changes`, {
      tier: 'argent',
      points: 2900,
      reason: 'Hausse du prix des smartphones',
    });
    expect(scheduled.statusCode).toBe(201);
    const change = scheduled.json();
    const members = await t.database.db
      .selectFrom('loyalty_accounts')
      .select('customer_id')
      .where('tier', '=', 'argent')
      .execute();
    expect(change).toMatchObject({ previousPoints: 2400, points: 2900, effectiveOn: '2027-01-09', increase: true });
    expect(change.notified).toBe(members.length);
    const notices = await t.database.db
      .selectFrom('outbox_messages')
      .select(['customer_id', 'channel', 'body'])
      .where('kind', '=', 'loyalty_threshold_change')
      .where('dedupe_key', 'like', `loyalty-threshold:${change.id}:%`)
      .execute();
    expect(new Set(notices.map((n) => n.customer_id))).toEqual(new Set(members.map((m) => m.customer_id)));
    expect(notices.find((n) => n.customer_id === near)?.body).toContain('reste à 2400 points');
    const protectedIds = Object.fromEntries(
      (
        await t.database.db
          .selectFrom('loyalty_threshold_protections')
          .select(['customer_id', 'reason'])
          .where('threshold_id', '=', change.id)
          .execute()
      ).map((row) => [row.customer_id, row.reason]),
    );
    expect(protectedIds[near]).toBe('near_threshold');
    expect(protectedIds[goal]).toBe('goal');
    expect(protectedIds[far]).toBeUndefined();

    // Before the change everyone pays 2400; the portal shows the announcement and what the member keeps.
    const view = (await send(supervisor, 'GET', `/api/customers/${near}/loyalty`)).json();
    const entry = view.rewards.find((r: { id: string }) => r.id === reward);
    expect(entry).toMatchObject({ points: 2400, pointsAway: 2400 - view.balance });
    expect(entry.announced[0]).toMatchObject({ points: 2900, youKeep: { points: 2400 } });

    // After the change: the protected member still redeems at 2400, an unprotected one pays 2900.
    clock.set(new Date('2027-01-12T10:00:00Z'));
    await earn(near, 400);
    await earn(far, 2450 - farBalance);
    const nearBefore = await balanceOf(near);
    const protectedRedeem = await redeem(supervisor, near, reward);
    expect(protectedRedeem.statusCode).toBe(201);
    expect(await balanceOf(near)).toBe(nearBefore - 2400);
    const unprotected = await redeem(supervisor, far, reward);
    expect(unprotected.statusCode).toBe(409);
    expect(unprotected.json().detail).toContain('2900');
    // After the protection date the old threshold is gone.
    clock.set(new Date(new Date(change.protectionUntil).getTime() + 1000));
    const later = (await send(supervisor, 'GET', `/api/customers/${goal}/loyalty`)).json();
    expect(later.rewards.find((r: { id: string }) => r.id === reward)).toMatchObject({
      points: 2900,
      protectedUntil: null,
    });
    clock.set(start);
  });

  it('lets a decrease take effect at once and refuses a second announcement', async () => {
    const reward = await newReward({ essentiel: 1000 });
    clock.advance(60_000);
    const down = await send(supervisor, 'POST', `/api/loyalty/rewards/${reward}/threshold-changes`, {
      tier: 'essentiel',
      points: 800,
      reason: 'Promotion',
    });
    expect(down.json()).toMatchObject({ increase: false, effectiveOn: '2026-12-08', protectedMembers: 0 });
    const catalogue = (await send(subscriber, 'GET', '/api/loyalty/rewards')).json();
    expect(catalogue.items.find((r: { id: string }) => r.id === reward).thresholds[0]).toMatchObject({ points: 800 });
    const up = { tier: 'essentiel', points: 1200, reason: 'Hausse' };
    expect((await send(supervisor, 'POST', `/api/loyalty/rewards/${reward}/threshold-changes`, up)).statusCode).toBe(
      201,
    );
    expect((await send(supervisor, 'POST', `/api/loyalty/rewards/${reward}/threshold-changes`, up)).statusCode).toBe(
      409,
    );
    expect((await send(advisor, 'POST', `/api/loyalty/rewards/${reward}/threshold-changes`, up)).statusCode).toBe(403);
    clock.set(start);
  });
});

describe('the catalogue for those who manage the programme', () => {
  it('gives the earliest day an increase may take effect and each announced change with its protected members', async () => {
    const reward = await newReward({ or: 400 });
    const member = customerIdOf(53);
    await earn(member, 10);
    await t.database.db.updateTable('loyalty_accounts').set({ tier: 'or' }).where('customer_id', '=', member).execute();
    const before = (await send(supervisor, 'GET', '/api/loyalty/rewards')).json();
    // Announced on Tuesday 8 December 2026 with one month of notice: from Saturday 9 January 2027.
    expect(before.notice).toEqual({
      months: 1,
      earliestIncreaseOn: '2027-01-09',
      protectionMonths: 6,
      protectionDistancePoints: 500,
    });
    const scheduled = await send(supervisor, 'POST', `/api/loyalty/rewards/${reward}/threshold-changes`, {
      tier: 'or',
      points: 600,
      effectiveOn: '2027-02-01',
      reason: 'Nouveau modèle',
    });
    expect(scheduled.statusCode).toBe(201);
    expect(scheduled.json().protectedMembers).toBeGreaterThanOrEqual(1);
    type Catalogue = {
      items: Array<{ id: string; thresholds: Array<{ tier: string; announced: Array<Record<string, unknown>> }> }>;
    };
    const tierOr = (body: Catalogue) =>
      body.items.find((item) => item.id === reward)?.thresholds.find((th) => th.tier === 'or');
    const managed = tierOr((await send(supervisor, 'GET', '/api/loyalty/rewards')).json());
    expect(managed).toMatchObject({
      points: 400,
      announced: [
        {
          id: scheduled.json().id,
          points: 600,
          previousPoints: 400,
          effectiveFrom: '2027-01-31T23:00:00.000Z',
          reason: 'Nouveau modèle',
          protectedMembers: scheduled.json().protectedMembers,
        },
      ],
    });
    // A member sees the announcement, not how many others are protected.
    const seen = tierOr((await send(subscriber, 'GET', '/api/loyalty/rewards')).json());
    expect(seen?.announced[0]).toMatchObject({ points: 600, reason: 'Nouveau modèle' });
    expect(seen?.announced[0]).not.toHaveProperty('protectedMembers');
  });
});

describe('customers before prospects', () => {
  it('refuses a prospects offer below what customers pay, or publishes it with a retention alert', async () => {
    const offer = (body: Body) => send(supervisor, 'POST', '/api/offers', body);
    const customers = await offer({
      product: 'fibre-1g',
      name: 'Fibre 1 Gb/s clients',
      audience: 'existing_customers',
      monthlyPriceCents: 3499,
    });
    expect(customers.statusCode).toBe(201);
    const prospects = {
      product: 'fibre-1g',
      name: 'Fibre 1 Gb/s bienvenue',
      audience: 'new_customers',
      monthlyPriceCents: 2499,
    };
    const blocked = await offer(prospects);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().errors[0].field).toBe('body.monthlyPriceCents');
    const alerted = await offer({ ...prospects, onRetentionGap: 'alert' });
    expect(alerted.statusCode).toBe(201);
    expect(alerted.json().retentionAlert).toMatchObject({ prospectPriceCents: 2499, existingPriceCents: 3499 });
    const list = (await send(supervisor, 'GET', '/api/offers')).json();
    expect(list.retentionAlerts[0]).toMatchObject({ product: 'fibre-1g' });
    const segment = await offer({ product: 'fibre-1g', name: 'x', audience: 'segment', monthlyPriceCents: 1 });
    expect(segment.json().errors[0].field).toBe('body.segment');
  });

  it('resolves a retention alert once, with a note kept in the audit trail, for loyalty managers only', async () => {
    const offer = (body: Body) => send(supervisor, 'POST', '/api/offers', body);
    const base = { product: 'box-tv-4k', name: 'Box TV 4K', monthlyPriceCents: 1999 };
    expect((await offer({ ...base, audience: 'existing_customers' })).statusCode).toBe(201);
    const raised = await offer({ ...base, audience: 'new_customers', monthlyPriceCents: 999, onRetentionGap: 'alert' });
    const alertId = raised.json().retentionAlert.id as string;
    const openIds = async () =>
      ((await send(supervisor, 'GET', '/api/offers')).json().retentionAlerts as { id: string }[]).map((a) => a.id);
    expect(await openIds()).toContain(alertId);
    const url = `/api/offers/retention-alerts/${alertId}/resolve`;
    const note = 'Offre clients alignée sur 9,99 €';

    expect((await send(advisor, 'POST', url, { note })).statusCode).toBe(403);
    expect((await send(subscriber, 'POST', url, { note })).statusCode).toBe(403);
    const blank = await send(supervisor, 'POST', url, { note: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0].field).toBe('body.note');
    expect((await send(supervisor, 'POST', url, { note: 'x'.repeat(1001) })).statusCode).toBe(400);
    expect(await openIds()).toContain(alertId);

    const resolved = await send(supervisor, 'POST', url, { note });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ id: alertId, product: 'box-tv-4k', resolvedAt: start.toISOString(), note });
    expect(await openIds()).not.toContain(alertId);
    const row = await t.database.db
      .selectFrom('offer_retention_alerts')
      .select('resolved_at')
      .where('id', '=', alertId)
      .executeTakeFirstOrThrow();
    expect(row.resolved_at?.toISOString()).toBe(start.toISOString());
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['actor_user_id', 'action', 'details'])
      .where('subject_id', '=', alertId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: supervisor.user.id, action: 'offer_retention_alert.resolved' });
    const details = typeof audit[0]?.details === 'string' ? JSON.parse(audit[0].details) : audit[0]?.details;
    expect(details).toMatchObject({ note });

    expect((await send(supervisor, 'POST', url, { note })).statusCode).toBe(409);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(
      (await send(supervisor, 'POST', `/api/offers/retention-alerts/${unknown}/resolve`, { note })).statusCode,
    ).toBe(404);
    expect((await send(supervisor, 'POST', '/api/offers/retention-alerts/nope/resolve', { note })).statusCode).toBe(
      400,
    );
  });

  it('shows advisors the best offer the customer is entitled to, beside what a prospect gets', async () => {
    await send(supervisor, 'POST', '/api/offers', {
      product: 'fibre-1g',
      name: 'Fidélité fibre',
      audience: 'existing_customers',
      monthlyPriceCents: 2299,
    });
    const best = (await send(advisor, 'GET', `/api/customers/${claire}/offers`)).json();
    expect(best.existingCustomer).toBe(true);
    expect(best.items.find((o: { product: string }) => o.product === 'fibre-1g')).toMatchObject({
      name: 'Fidélité fibre',
      monthlyPriceCents: 2299,
      prospectMonthlyPriceCents: 2499,
    });
  });
});
