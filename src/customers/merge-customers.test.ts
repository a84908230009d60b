import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, type TestApp, createTestApp, login } from '../../test/test-app.js';
import { customerIdOf } from '../seed/customers.js';

let t: TestApp;
let advisor: LoggedIn;
let supervisor: LoggedIn;

// Every table that carried customer_id in migrations 0001–0003; later tables are found in the catalogue.
const knownTables = [
  'accounts',
  'case_history',
  'case_interactions',
  'case_promises',
  'cases',
  'customer_access_log',
  'outbox_local_deliveries',
  'outbox_messages',
  'subscriptions',
  'users',
];

// Merged by their own module (loyalty ledger, consents), checked in their own tests below.
const mergedByTheirModule = [
  'customer_consents',
  'loyalty_accounts',
  'loyalty_goals',
  'loyalty_threshold_protections',
  'loyalty_transactions',
];

const send = (session: LoggedIn, method: 'POST' | 'GET', url: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method, url, payload, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } });

async function tablesWithCustomerId(): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.columns
    where table_schema = current_schema() and column_name = 'customer_id' order by table_name`.execute(t.database.db);
  return rows.map((row) => row.table_name);
}

async function countRows(customerId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tablesWithCustomerId()) {
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from ${sql.table(table)} where customer_id = ${customerId}`.execute(t.database.db);
    counts[table] = Number(rows[0]?.n);
  }
  return counts;
}

beforeAll(async () => {
  t = await createTestApp({ customers: 30 });
  [advisor, supervisor] = await Promise.all([
    login(t.app, 'advisor@demo.suivi'),
    login(t.app, 'supervisor@demo.suivi'),
  ]);
});
afterAll(() => t.close());

describe('merging duplicate customer records', () => {
  it('moves every child row, re-links the subscriber login, hides the duplicate from search, and audits it', async () => {
    // The duplicate (customer 0, the subscriber's own record) gets cases, contacts, promises, a message and reads.
    const absorbedId = customerIdOf(0);
    const intoId = customerIdOf(1);
    const openCase = async (channel: string) => {
      const response = await send(advisor, 'POST', '/api/cases', {
        customerId: absorbedId,
        type: 'line_move',
        channel,
        summary: 'Déménagement',
      });
      return response.json() as { id: string; version: number };
    };
    const a = await openCase('phone_in');
    const b = await openCase('email');
    const merged = await send(advisor, 'POST', `/api/cases/${a.id}/merge`, {
      intoCaseId: b.id,
      reason: 'Même demande',
      version: a.version,
      intoVersion: b.version,
    });
    expect(merged.statusCode).toBe(200);
    expect((await send(advisor, 'GET', `/api/customers/${absorbedId}`)).statusCode).toBe(200);
    const byReference = async () =>
      (await send(advisor, 'GET', '/api/customers?q=CL-0000001')).json().items as Array<{ id: string }>;
    expect((await byReference()).map((item) => item.id)).toEqual([absorbedId]);

    const catalogue = await tablesWithCustomerId();
    expect(catalogue).toEqual(expect.arrayContaining(knownTables));
    const absorbedBefore = await countRows(absorbedId);
    const intoBefore = await countRows(intoId);
    for (const table of [
      'accounts',
      'subscriptions',
      'cases',
      'case_history',
      'case_interactions',
      'case_promises',
      'outbox_messages',
      'customer_access_log',
      'users',
    ]) {
      expect(absorbedBefore[table], table).toBeGreaterThan(0);
    }

    const response = await send(supervisor, 'POST', `/api/customers/${absorbedId}/merge`, {
      intoCustomerId: intoId,
      reason: 'Même personne : fiche créée en boutique puis par courrier',
    });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json();
    expect(result.customer.id).toBe(intoId);

    const absorbedAfter = await countRows(absorbedId);
    const intoAfter = await countRows(intoId);
    for (const table of catalogue.filter((name) => !mergedByTheirModule.includes(name))) {
      // Nothing is lost or duplicated; what moved is what the answer says moved.
      const [before, after] = [absorbedBefore[table] ?? 0, absorbedAfter[table] ?? 0];
      expect(after + (intoAfter[table] ?? 0), table).toBe(before + (intoBefore[table] ?? 0));
      expect(result.moved[table], table).toBe(before - after);
    }
    // The core customer file moves entirely.
    for (const table of knownTables) expect(absorbedAfter[table], table).toBe(0);
    expect(result.customer.subscriptions.length).toBe(
      (absorbedBefore.subscriptions ?? 0) + (intoBefore.subscriptions ?? 0),
    );

    // The subscriber's login now opens the surviving record, with the moved cases.
    const subscriber = await login(t.app, 'subscriber@demo.suivi');
    expect(subscriber.user.customerId).toBe(intoId);
    const cases = (await send(subscriber, 'GET', `/api/customers/${intoId}/cases`)).json().items as Array<{
      id: string;
    }>;
    expect(cases.map((item) => item.id)).toEqual(expect.arrayContaining([a.id, b.id]));

    // The tombstone: out of search, a pointer instead of the file, no new cases.
    expect(await byReference()).toEqual([]);
    const old = await send(advisor, 'GET', `/api/customers/${absorbedId}`);
    expect(old.statusCode).toBe(308);
    expect(old.headers.location).toBe(`/api/customers/${intoId}`);
    expect(old.json()).toEqual({ mergedInto: { id: intoId, reference: 'CL-0000002' } });
    const onTombstone = await send(advisor, 'POST', '/api/cases', {
      customerId: absorbedId,
      type: 'line_move',
      channel: 'phone_in',
      summary: 'x',
    });
    expect(onTombstone.json().errors[0].field).toBe('body.customerId');

    const audit = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'customer.merged')
      .where('subject_id', '=', absorbedId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: supervisor.user.id, subject_type: 'customer' });
    expect(audit[0]?.details).toMatchObject({ survivingCustomerId: intoId, moved: result.moved });

    // Retried: same answer, nothing moved twice, no second audit event.
    const retried = await send(supervisor, 'POST', `/api/customers/${absorbedId}/merge`, {
      intoCustomerId: intoId,
      reason: 'Même personne',
    });
    expect(retried.statusCode).toBe(200);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.json().moved).toEqual(result.moved);
    const again = await t.database.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'customer.merged')
      .where('subject_id', '=', absorbedId)
      .execute();
    expect(again).toHaveLength(1);
    // Merging elsewhere, or into the tombstone, is refused.
    expect(
      (
        await send(supervisor, 'POST', `/api/customers/${absorbedId}/merge`, {
          intoCustomerId: customerIdOf(2),
          reason: 'x',
        })
      ).statusCode,
    ).toBe(409);
    const intoTombstone = await send(supervisor, 'POST', `/api/customers/${customerIdOf(3)}/merge`, {
      intoCustomerId: absorbedId,
      reason: 'x',
    });
    expect(intoTombstone.json().errors[0].field).toBe('body.intoCustomerId');
  });

  it('is for supervisors and admins only, and names the wrong field', async () => {
    const body = { intoCustomerId: customerIdOf(5), reason: 'Doublon' };
    for (const email of [
      'advisor@demo.suivi',
      'complaints@demo.suivi',
      'director@demo.suivi',
      'subscriber@demo.suivi',
    ]) {
      const session = await login(t.app, email);
      const response = await send(session, 'POST', `/api/customers/${customerIdOf(4)}/merge`, body);
      expect(response.statusCode, email).toBe(403);
    }
    expect(await countRows(customerIdOf(4))).toMatchObject({ accounts: expect.any(Number) });
    const tombstones = await t.database.db
      .selectFrom('customers')
      .select('id')
      .where('merged_into_customer_id', 'is not', null)
      .execute();
    expect(tombstones.map((row) => row.id)).not.toContain(customerIdOf(4));
    const self = await send(supervisor, 'POST', `/api/customers/${customerIdOf(4)}/merge`, {
      intoCustomerId: customerIdOf(4),
      reason: 'x',
    });
    expect(self.json().errors[0].field).toBe('body.intoCustomerId');
    const unknown = await send(supervisor, 'POST', `/api/customers/${customerIdOf(4)}/merge`, {
      intoCustomerId: '00000000-0000-4000-8000-000000000000',
      reason: 'x',
    });
    expect(unknown.json().errors[0].field).toBe('body.intoCustomerId');
    expect(
      (await send(supervisor, 'POST', '/api/customers/00000000-0000-4000-8000-000000000000/merge', body)).statusCode,
    ).toBe(404);
    const admin = await login(t.app, 'admin@demo.suivi');
    expect((await send(admin, 'POST', `/api/customers/${customerIdOf(4)}/merge`, body)).statusCode).toBe(200);
  });
});

describe('merging what other modules own', () => {
  it("moves the duplicate's valid points in one ledger entry and keeps each person's latest consent", async () => {
    const absorbedId = customerIdOf(10);
    const intoId = customerIdOf(11);
    const db = t.database.db;
    const consent = (customerId: string, purpose: string, status: string, recordedAt: string) =>
      sql`insert into customer_consents (customer_id, purpose, status, source, recorded_at)
          values (${customerId}, ${purpose}, ${status}, 'advisor', ${recordedAt}::timestamptz)
          on conflict (customer_id, purpose) do update
          set status = excluded.status, recorded_at = excluded.recorded_at`.execute(db);
    // Granted on the survivor in 2025, withdrawn on the duplicate later: the withdrawal wins.
    await consent(intoId, 'marketing_phone', 'granted', '2025-03-01T10:00:00Z');
    await consent(absorbedId, 'marketing_phone', 'withdrawn', '2026-02-01T10:00:00Z');
    // Withdrawn on the survivor last: an older grant on the duplicate does not revive it.
    await consent(intoId, 'marketing_sms', 'withdrawn', '2026-02-01T10:00:00Z');
    await consent(absorbedId, 'marketing_sms', 'granted', '2025-03-01T10:00:00Z');

    const balance = async (customerId: string) =>
      (
        await db
          .selectFrom('loyalty_accounts')
          .select('balance')
          .where('customer_id', '=', customerId)
          .executeTakeFirst()
      )?.balance ?? 0;
    const history = async (customerId: string) =>
      (await db.selectFrom('loyalty_transactions').select('id').where('customer_id', '=', customerId).execute()).length;
    const [absorbedPoints, intoPoints, absorbedHistory] = [
      await balance(absorbedId),
      await balance(intoId),
      await history(absorbedId),
    ];

    const response = await send(supervisor, 'POST', `/api/customers/${absorbedId}/merge`, {
      intoCustomerId: intoId,
      reason: 'Même personne',
    });
    expect(response.statusCode, response.body).toBe(200);
    const transferred = response.json().moved.loyalty_points as number;
    expect(transferred).toBeGreaterThan(0);
    expect(transferred).toBeLessThanOrEqual(absorbedPoints);
    expect(await balance(intoId)).toBe(intoPoints + transferred);
    expect(await balance(absorbedId)).toBe(absorbedPoints - transferred);
    // The duplicate's history stays where it was written, plus the transfer entry when points moved.
    expect(await history(absorbedId)).toBe(absorbedHistory + (transferred > 0 ? 1 : 0));

    const consents = await db
      .selectFrom('customer_consents')
      .select(['purpose', 'status'])
      .where('customer_id', '=', intoId)
      .where('purpose', 'in', ['marketing_phone', 'marketing_sms'])
      .orderBy('purpose')
      .execute();
    expect(consents).toEqual([
      { purpose: 'marketing_phone', status: 'withdrawn' },
      { purpose: 'marketing_sms', status: 'withdrawn' },
    ]);
  });
});
