/**
 * The review of a disputed charge WITH consent (issue 7), through the API on a seeded operator
 * (both databases): billing reviewers grant a refund (whole, or part then the rest) or decline it
 * with a reason; once per Idempotency-Key, even under concurrent requests; never more than the
 * charge, the database having the last word; the case resolved with its promise settled, the
 * customer told on her channel and the audit trail written; other roles refused.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, login } from '../../test/test-app.js';
import { createTestDatabase } from '../../test/test-database.js';
import { fixedClock } from '../platform/clock.js';
import { type Config, loadConfig } from '../platform/config.js';
import type { DatabaseHandle } from '../platform/db/database.js';
import { buildApp } from '../platform/http/app.js';
import { customerIdOf } from '../seed/customers.js';
import { seedDemo } from '../seed/seed.js';

const clock = fixedClock(new Date('2026-12-18T09:00:00Z'));
const claire = customerIdOf(0);
let database: DatabaseHandle;
let app: FastifyInstance;
let subscriber: LoggedIn;
let advisor: LoggedIn;
let complaints: LoggedIn;
let supervisor: LoggedIn;
let shop: LoggedIn;
let planner: LoggedIn;
let admin: LoggedIn;
let boxNumber = '';

type Body = Record<string, unknown>;
const send = (session: LoggedIn, method: 'POST' | 'GET', url: string, payload?: Body, headers = {}) =>
  app.inject({ method, url, payload, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...headers } });

let counter = 0;
/** A charge on Claire's box, with a complete double confirmation unless told otherwise; disputed by her. */
async function disputedCharge(amountCents: number, consented = true) {
  const ref = `review-${++counter}`;
  const imported = await send(admin, 'POST', '/api/billing/charge-batches', {
    source: 'partner-review',
    reference: ref,
    charges: [
      {
        externalRef: ref,
        line: boxNumber,
        merchantCode: consented ? 'CINEVOD' : 'CONTACTPLUS',
        merchantName: consented ? 'CinéVOD' : 'Contact+ Services',
        serviceName: `Film ${counter}`,
        chargeType: 'purchase',
        occurredAt: '2026-12-16T20:14:00Z',
        amountCents,
        ...(consented
          ? {
              consent: {
                firstStepAt: '2026-12-16T20:13:00Z',
                secondStepAt: '2026-12-16T20:13:30Z',
                channel: 'box',
                sourceLine: boxNumber,
              },
            }
          : {}),
      },
    ],
  });
  expect(imported.statusCode).toBe(201);
  const charge = await database.db
    .selectFrom('third_party_charges')
    .select('id')
    .where('external_ref', '=', ref)
    .executeTakeFirstOrThrow();
  const dispute = await send(subscriber, 'POST', '/api/billing/disputes', {
    chargeId: charge.id,
    reason: 'Je ne me souviens pas de cet achat',
  });
  expect(dispute.statusCode).toBe(201);
  return { chargeId: charge.id, disputeId: dispute.json().id as string, caseId: dispute.json().case.id as string };
}

const decide = (session: LoggedIn, disputeId: string, body: Body, key: string | null) =>
  send(session, 'POST', `/api/billing/disputes/${disputeId}/decisions`, body, key ? { 'idempotency-key': key } : {});

const refundsOf = async (chargeId: string) =>
  (
    await database.db
      .selectFrom('billing_ledger_entries')
      .select('amount_incl_vat_cents')
      .where('third_party_charge_id', '=', chargeId)
      .where('kind', '=', 'refund')
      .execute()
  ).map((row) => row.amount_incl_vat_cents);

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, { customers: 40, now: clock.now() });
  const config: Config = { ...loadConfig({}), logLevel: 'silent', loginRateLimitPerMinute: 1000 };
  app = await buildApp({ db: database.db, clock, config });
  const as = (name: string) => login(app, `${name}@demo.suivi`);
  [subscriber, advisor, complaints, supervisor, shop, planner, admin] = await Promise.all([
    as('subscriber'),
    as('advisor'),
    as('complaints'),
    as('supervisor'),
    as('shop'),
    as('planner'),
    as('admin'),
  ]);
  const box = await database.db
    .selectFrom('subscriptions')
    .select(['line_number'])
    .where('customer_id', '=', claire)
    .where('kind', '=', 'fixed_box')
    .executeTakeFirstOrThrow();
  boxNumber = box.line_number ?? '';
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('reviewing a disputed charge with consent', () => {
  it('shows reviewers the charge and its consent record, and the customer the same without the buttons', async () => {
    const { caseId, disputeId } = await disputedCharge(1000);
    const staff = await send(complaints, 'GET', `/api/cases/${caseId}/billing-dispute`);
    expect(staff.statusCode).toBe(200);
    expect(staff.json()).toMatchObject({
      id: disputeId,
      outcome: 'under_review',
      refundedCents: 0,
      refundableCents: 1000,
      canGrant: true,
      canDecline: true,
      charge: {
        merchantName: 'CinéVOD',
        amountInclVatCents: 1000,
        consentComplete: true,
        consent: { channel: 'box', firstStepAt: '2026-12-16T20:13:00.000Z', secondStepAt: '2026-12-16T20:13:30.000Z' },
      },
      decisions: [],
    });
    const own = await send(subscriber, 'GET', `/api/cases/${caseId}/billing-dispute`);
    expect(own.json()).toMatchObject({ id: disputeId, canGrant: false, canDecline: false });
    expect((await send(advisor, 'GET', `/api/cases/${caseId}/billing-dispute`)).json()).toMatchObject({
      canGrant: false,
    });
    expect((await send(planner, 'GET', `/api/cases/${caseId}/billing-dispute`)).statusCode).toBe(403);
    const other = await send(advisor, 'POST', '/api/cases', {
      customerId: claire,
      type: 'fault_repair',
      channel: 'phone_in',
      summary: 'Box muette',
      confirmNewCase: true,
    });
    expect((await send(complaints, 'GET', `/api/cases/${other.json().id}/billing-dispute`)).statusCode).toBe(404);
  });

  it('refuses the decision to the customer, advisors, shop staff and planners, and without a key or a reason', async () => {
    const { disputeId, chargeId } = await disputedCharge(700);
    for (const session of [subscriber, advisor, shop, planner]) {
      expect((await decide(session, disputeId, { decision: 'grant' }, `refused-${session.csrf}`)).statusCode).toBe(403);
    }
    const noKey = await decide(complaints, disputeId, { decision: 'grant' }, null);
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().errors).toEqual([{ field: 'headers.idempotency-key', message: expect.any(String) }]);
    const noReason = await decide(complaints, disputeId, { decision: 'decline' }, 'decline-no-reason');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([{ field: 'body.reason', message: expect.stringContaining('required') }]);
    expect(await refundsOf(chargeId)).toEqual([]);
  });

  it('grants part then the rest, never more than the charge, once per key, and resolves the case', async () => {
    const { disputeId, chargeId, caseId } = await disputedCharge(1000);
    const partial = await decide(complaints, disputeId, { decision: 'grant', amountCents: 300 }, 'part-1');
    expect(partial.statusCode).toBe(201);
    expect(partial.json()).toMatchObject({ decision: 'grant', amountCents: 300, refund: { amountCents: 300 } });
    const replays = await Promise.all([
      decide(complaints, disputeId, { decision: 'grant', amountCents: 300 }, 'part-1'),
      decide(supervisor, disputeId, { decision: 'grant', amountCents: 300 }, 'part-1'),
      decide(complaints, disputeId, { decision: 'grant', amountCents: 300 }, 'part-1'),
    ]);
    for (const replay of replays) {
      expect(replay.statusCode).toBe(200);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.json().id).toBe(partial.json().id);
    }
    expect((await decide(complaints, disputeId, { decision: 'grant', amountCents: 400 }, 'part-1')).statusCode).toBe(
      422,
    );
    const tooMuch = await decide(complaints, disputeId, { decision: 'grant', amountCents: 701 }, 'part-2');
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().errors[0].field).toBe('body.amountCents');
    const view = (await send(subscriber, 'GET', `/api/cases/${caseId}/billing-dispute`)).json();
    expect(view).toMatchObject({ outcome: 'partially_granted', refundedCents: 300, refundableCents: 700 });
    // The case is resolved at the first decision, its promise settled.
    const file = (await send(complaints, 'GET', `/api/cases/${caseId}`)).json();
    expect(file.status).toBe('resolved');
    const promises = await database.db
      .selectFrom('case_promises')
      .select('status')
      .where('case_id', '=', caseId)
      .execute();
    expect(promises.map((promise) => promise.status)).toEqual(['kept']);
    expect((await decide(complaints, disputeId, { decision: 'decline', reason: 'non' }, 'late-no')).statusCode).toBe(
      409,
    );
    clock.advance(3_600_000);
    const rest = await decide(supervisor, disputeId, { decision: 'grant' }, 'rest');
    expect(rest.statusCode).toBe(201);
    expect(rest.json()).toMatchObject({ amountCents: 700 });
    const more = await Promise.all(
      ['more-1', 'more-2', 'more-3'].map((key) => decide(complaints, disputeId, { decision: 'grant' }, key)),
    );
    expect(more.map((response) => response.statusCode)).toEqual([409, 409, 409]);
    expect(await refundsOf(chargeId)).toEqual(expect.arrayContaining([300, 700]));
    expect((await refundsOf(chargeId)).length).toBe(2);
    const after = (await send(subscriber, 'GET', `/api/cases/${caseId}/billing-dispute`)).json();
    expect(after).toMatchObject({ outcome: 'granted', refundedCents: 1000, refundableCents: 0 });
    expect(after.decisions.map((decision: { amountCents: number }) => decision.amountCents)).toEqual([300, 700]);
    // Her charges list shows the charge once, with everything refunded.
    const charges = (await send(subscriber, 'GET', `/api/customers/${claire}/third-party-billing`)).json().charges;
    const seen = charges.filter((item: { id: string }) => item.id === chargeId);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ dispute: { outcome: 'granted' }, refund: { amountCents: 1000 } });
    const timeline = (await send(complaints, 'GET', `/api/cases/${caseId}`)).json().timeline;
    const summaries = timeline.map((entry: { summary: string }) => entry.summary).join('\n');
    expect(summaries).toContain('Après examen, remboursement partiel de 3,00 €');
    expect(summaries).toContain('Après examen, remboursement de 7,00 €');
    const messages = await database.db
      .selectFrom('outbox_messages')
      .select(['kind', 'subject'])
      .where('case_id', '=', caseId)
      .where('kind', '=', 'billing_refund_granted')
      .execute();
    expect(messages).toHaveLength(2);
    const audit = await database.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', disputeId)
      .where('action', '=', 'billing.dispute_granted')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('grants once when reviewers click at the same time, with one key or several', async () => {
    const one = await disputedCharge(500);
    const sameKey = await Promise.all(
      [1, 2, 3, 4].map(() => decide(complaints, one.disputeId, { decision: 'grant' }, 'same-key')),
    );
    expect(sameKey.map((response) => response.statusCode).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(sameKey.map((response) => response.json().id)).size).toBe(1);
    expect(await refundsOf(one.chargeId)).toEqual([500]);

    const two = await disputedCharge(500);
    const keys = await Promise.all(
      ['a', 'b', 'c', 'd'].map((key) => decide(complaints, two.disputeId, { decision: 'grant' }, `many-${key}`)),
    );
    expect(keys.map((response) => response.statusCode).sort()).toEqual([201, 409, 409, 409]);
    expect(await refundsOf(two.chargeId)).toEqual([500]);
  });

  it('declines with a reason the customer is told, once', async () => {
    const { disputeId, chargeId, caseId } = await disputedCharge(900);
    const reason = 'La double confirmation a été faite depuis votre box, à 30 secondes d’intervalle.';
    const declined = await decide(complaints, disputeId, { decision: 'decline', reason }, 'no-1');
    expect(declined.statusCode).toBe(201);
    expect(declined.json()).toMatchObject({ decision: 'decline', amountCents: null, reason, refund: null });
    expect((await decide(complaints, disputeId, { decision: 'grant' }, 'after-no')).statusCode).toBe(409);
    expect((await decide(complaints, disputeId, { decision: 'decline', reason: 'x' }, 'no-2')).statusCode).toBe(409);
    expect(await refundsOf(chargeId)).toEqual([]);
    const view = (await send(subscriber, 'GET', `/api/cases/${caseId}/billing-dispute`)).json();
    expect(view).toMatchObject({ outcome: 'declined', decisions: [{ decision: 'decline', reason }] });
    const message = await database.db
      .selectFrom('outbox_messages')
      .select(['body', 'channel'])
      .where('case_id', '=', caseId)
      .where('kind', '=', 'billing_dispute_declined')
      .executeTakeFirstOrThrow();
    expect(message.body).toContain(reason);
    expect((await send(complaints, 'GET', `/api/cases/${caseId}`)).json().status).toBe('resolved');
  });

  it('cannot grant again a charge refunded at once for lack of consent, and the database agrees', async () => {
    const { disputeId, chargeId } = await disputedCharge(400, false);
    expect(await refundsOf(chargeId)).toEqual([400]);
    const again = await decide(admin, disputeId, { decision: 'grant' }, 'auto-again');
    expect(again.statusCode).toBe(409);
    expect(await refundsOf(chargeId)).toEqual([400]);
    // Even a decision written straight to the database cannot add a refund beyond the charge.
    const decision = await database.db
      .insertInto('billing_dispute_decisions')
      .values({
        customer_id: claire,
        dispute_id: disputeId,
        decision: 'grant',
        amount_cents: 1,
        reason: null,
        decided_at: clock.now(),
        decided_by_user_id: (
          await database.db
            .selectFrom('users')
            .select('id')
            .where('email', '=', 'admin@demo.suivi')
            .executeTakeFirstOrThrow()
        ).id,
        idempotency_key: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const charge = await database.db
      .selectFrom('third_party_charges')
      .select(['account_id'])
      .where('id', '=', chargeId)
      .executeTakeFirstOrThrow();
    await expect(
      database.db
        .insertInto('billing_ledger_entries')
        .values({
          customer_id: claire,
          account_id: charge.account_id,
          subscription_id: null,
          kind: 'refund',
          amount_incl_vat_cents: 1,
          label: 'encore',
          third_party_charge_id: chargeId,
          dispute_id: disputeId,
          decision_id: decision.id,
          created_at: clock.now(),
          created_by_user_id: null,
          billed_on_bill_id: null,
        })
        .execute(),
    ).rejects.toThrow(/exceed/);
  });

  it('decides on the case a disputed case was merged into, over several merges, and shows the dispute there', async () => {
    const { disputeId, chargeId, caseId: disputeCaseId } = await disputedCharge(1200);
    const openCase = async (summary: string) => {
      const opened = await send(advisor, 'POST', '/api/cases', {
        customerId: claire,
        type: 'general_request',
        channel: 'phone_in',
        summary,
        confirmNewCase: true,
      });
      expect(opened.statusCode, opened.body).toBe(201);
      return opened.json().id as string;
    };
    const versionOf = async (id: string) => (await send(advisor, 'GET', `/api/cases/${id}`)).json().version as number;
    const merge = async (absorbedId: string, intoId: string) => {
      const merged = await send(advisor, 'POST', `/api/cases/${absorbedId}/merge`, {
        intoCaseId: intoId,
        reason: 'Même achat contesté',
        version: await versionOf(absorbedId),
        intoVersion: await versionOf(intoId),
      });
      expect(merged.statusCode, merged.body).toBe(200);
    };
    // The dispute's case into a second case, then that one into a third: two hops.
    const middleId = await openCase('Appel : achat CinéVOD contesté');
    const survivingId = await openCase('Rappel : toujours l’achat CinéVOD');
    await merge(disputeCaseId, middleId);
    await merge(middleId, survivingId);

    // The panel shows on the surviving case (and on the cases merged into it, each finding the dispute).
    const shown = await send(complaints, 'GET', `/api/cases/${survivingId}/billing-dispute`);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ id: disputeId, outcome: 'under_review', canGrant: true });
    expect((await send(subscriber, 'GET', `/api/cases/${survivingId}/billing-dispute`)).statusCode).toBe(200);
    expect((await send(complaints, 'GET', `/api/cases/${disputeCaseId}/billing-dispute`)).json().id).toBe(disputeId);

    const granted = await decide(complaints, disputeId, { decision: 'grant' }, 'merged-grant');
    expect(granted.statusCode, granted.body).toBe(201);
    expect(granted.json()).toMatchObject({ amountCents: 1200, case: { id: survivingId } });
    expect(await refundsOf(chargeId)).toHaveLength(1);
    const replay = await decide(complaints, disputeId, { decision: 'grant' }, 'merged-grant');
    expect(replay.statusCode).toBe(200);
    expect(replay.json().case.id).toBe(survivingId);

    // The surviving case is resolved, its promise settled, the decision on its own timeline.
    const surviving = (await send(complaints, 'GET', `/api/cases/${survivingId}`)).json();
    expect(surviving.status).toBe('resolved');
    const promises = await database.db
      .selectFrom('case_promises')
      .select('status')
      .where('case_id', '=', survivingId)
      .execute();
    expect(promises.length).toBeGreaterThan(0);
    expect(promises.map((promise) => promise.status)).not.toContain('open');
    const entry = surviving.timeline.find((item: { summary: string }) =>
      item.summary.startsWith('Après examen, remboursement de 12,00 €'),
    );
    expect(entry).toMatchObject({ caseId: survivingId });
    // The absorbed cases stay merged; the message names the surviving case.
    for (const id of [disputeCaseId, middleId]) {
      expect((await send(complaints, 'GET', `/api/cases/${id}`)).json().status).toBe('merged');
    }
    const messages = await database.db
      .selectFrom('outbox_messages')
      .select(['case_id', 'kind'])
      .where('kind', '=', 'billing_refund_granted')
      .where('case_id', 'in', [survivingId, middleId, disputeCaseId])
      .execute();
    expect(messages).toEqual([{ case_id: survivingId, kind: 'billing_refund_granted' }]);
    const after = (await send(subscriber, 'GET', `/api/cases/${survivingId}/billing-dispute`)).json();
    expect(after).toMatchObject({ outcome: 'granted', refundedCents: 1200, refundableCents: 0 });
  });

  it('grants part of a charge above 300 €, refusing only more than remains refundable', async () => {
    const { disputeId, chargeId } = await disputedCharge(1000);
    // Partners send at most 300 € per charge; an older or corrected charge may cost more.
    await database.db
      .updateTable('third_party_charges')
      .set({ amount_incl_vat_cents: 45_000 })
      .where('id', '=', chargeId)
      .execute();
    const partial = await decide(complaints, disputeId, { decision: 'grant', amountCents: 40_000 }, 'big-part');
    expect(partial.statusCode, partial.body).toBe(201);
    expect(partial.json()).toMatchObject({ amountCents: 40_000, refund: { amountCents: 40_000 } });
    const tooMuch = await decide(complaints, disputeId, { decision: 'grant', amountCents: 5_001 }, 'big-over');
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().errors).toEqual([{ field: 'body.amountCents', message: expect.stringContaining('5000') }]);
    const absurd = await decide(complaints, disputeId, { decision: 'grant', amountCents: 10_000_001 }, 'big-absurd');
    expect(absurd.statusCode).toBe(400);
    expect(absurd.json().errors[0].field).toBe('body.amountCents');
    const rest = await decide(complaints, disputeId, { decision: 'grant' }, 'big-rest');
    expect(rest.statusCode).toBe(201);
    expect(rest.json().amountCents).toBe(5_000);
    expect((await refundsOf(chargeId)).length).toBe(2);
  });

  it('answers 409, never 500, when the retry after a duplicate key fails again', async () => {
    // Test-only faults on this file's database: a key that always collides, and one that collides
    // once then meets the database's refund ceiling (a sequence counts across the rollbacks).
    await sql`create sequence review_fault_seq`.execute(database.db);
    await sql
      .raw(`create function review_fault() returns trigger language plpgsql as $$
begin
  if new.idempotency_key = 'fault-dup-twice' then
    raise exception 'test: duplicate decision' using errcode = '23505';
  end if;
  if new.idempotency_key = 'fault-dup-then-over' then
    if nextval('review_fault_seq') = 1 then
      raise exception 'test: duplicate decision' using errcode = '23505';
    end if;
    raise exception 'test: refunds would exceed' using errcode = '23514', constraint = 'billing_refund_within_charge';
  end if;
  return new;
end $$`)
      .execute(database.db);
    await sql`create trigger review_fault before insert on billing_dispute_decisions
      for each row execute function review_fault()`.execute(database.db);
    try {
      const { disputeId, chargeId, caseId } = await disputedCharge(600);
      const twice = await decide(complaints, disputeId, { decision: 'grant' }, 'fault-dup-twice');
      expect(twice.statusCode, twice.body).toBe(409);
      const over = await decide(complaints, disputeId, { decision: 'grant' }, 'fault-dup-then-over');
      expect(over.statusCode, over.body).toBe(409);
      expect(over.json().detail).toContain('refunded in full');
      expect(await refundsOf(chargeId)).toEqual([]);
      const view = (await send(complaints, 'GET', `/api/cases/${caseId}/billing-dispute`)).json();
      expect(view).toMatchObject({ outcome: 'under_review', decisions: [] });
    } finally {
      await sql`drop trigger review_fault on billing_dispute_decisions`.execute(database.db);
    }
  });
});
