/**
 * Billing through the API on a seeded operator (both databases): Claire Martin's year of bills,
 * an unknown third-party charge imported, flagged and told to her, disputed and refunded once
 * whatever the replays, third-party billing blocked and the next charge refused, the refund on
 * the next bill, and the database refusing bills that do not reconcile.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, login } from '../../test/test-app.js';
import { createTestDatabase } from '../../test/test-database.js';
import { type Config, loadConfig } from '../platform/config.js';
import { fixedClock } from '../platform/clock.js';
import type { DatabaseHandle } from '../platform/db/database.js';
import { buildApp } from '../platform/http/app.js';
import { customerIdOf } from '../seed/customers.js';
import { seedDemo } from '../seed/seed.js';
import type { FastifyInstance } from 'fastify';

// Friday 18 December 2026, 10:00 in Paris: the seed billed December 2025 to November 2026.
const clock = fixedClock(new Date('2026-12-18T09:00:00Z'));
const claire = customerIdOf(0);
let database: DatabaseHandle;
let app: FastifyInstance;
let subscriber: LoggedIn;
let advisor: LoggedIn;
let vendorAdvisor: LoggedIn;
let admin: LoggedIn;
let claireBox = { id: '', number: '' };
let claireMobile = { id: '', number: '' };

type Body = Record<string, unknown>;
const send = (session: LoggedIn, method: 'POST' | 'PUT' | 'GET', url: string, payload?: Body, headers = {}) =>
  app.inject({ method, url, payload, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...headers } });

let batchNumber = 0;
const charge = (overrides: Body = {}): Body => ({
  externalRef: `ext-${++batchNumber}`,
  line: claireBox.number,
  merchantCode: 'INTERNETPLUS',
  merchantName: 'Internet+ Média',
  serviceName: 'Magazine en ligne',
  chargeType: 'purchase',
  occurredAt: '2026-12-16T20:14:00Z',
  amountCents: 499,
  ...overrides,
});
const importBatch = (charges: Body[], reference = `batch-${++batchNumber}`) =>
  send(admin, 'POST', '/api/billing/charge-batches', { source: 'partner-test', reference, charges });

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, { customers: 60, now: clock.now() });
  const config: Config = {
    ...loadConfig({}),
    logLevel: 'silent',
    loginRateLimitPerMinute: 1000,
    sessionTtlHours: 24 * 400,
  };
  app = await buildApp({ db: database.db, clock, config });
  [subscriber, advisor, vendorAdvisor, admin] = await Promise.all([
    login(app, 'subscriber@demo.suivi'),
    login(app, 'advisor@demo.suivi'),
    login(app, 'vendor.advisor@demo.suivi'),
    login(app, 'admin@demo.suivi'),
  ]);
  const lines = await database.db
    .selectFrom('subscriptions')
    .select(['id', 'kind', 'msisdn', 'line_number'])
    .where('customer_id', '=', claire)
    .execute();
  const box = lines.find((line) => line.kind === 'fixed_box');
  const mobile = lines.find((line) => line.kind === 'mobile_line');
  claireBox = { id: box?.id ?? '', number: box?.line_number ?? '' };
  claireMobile = { id: mobile?.id ?? '', number: mobile?.msisdn ?? '' };
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('bills a customer can understand', () => {
  it('gives Claire a year of bills whose totals equal their lines, each line explained', async () => {
    const response = await send(subscriber, 'GET', `/api/customers/${claire}/bills?limit=100`);
    expect(response.statusCode).toBe(200);
    const bills = response.json().items as Array<Record<string, unknown>>;
    expect(bills).toHaveLength(12);
    expect(bills[0]).toMatchObject({
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
      paymentDueDate: '2026-12-10',
    });
    expect(bills.at(-1)).toMatchObject({ periodStart: '2025-12-01' });
    for (const summary of bills) {
      const bill = (await send(subscriber, 'GET', `/api/bills/${summary.id}`)).json();
      const sum = (key: string) =>
        bill.lines.reduce((total: number, line: Record<string, number>) => total + (line[key] ?? 0), 0);
      expect(sum('amountExclVatCents')).toBe(bill.totalExclVatCents);
      expect(sum('vatCents')).toBe(bill.vatCents);
      expect(bill.totalExclVatCents + bill.vatCents).toBe(bill.totalInclVatCents);
      for (const line of bill.lines) {
        expect(line.explanation.fr.length).toBeGreaterThan(10);
        expect(line.explanation.en.length).toBeGreaterThan(10);
      }
    }
  });

  it('flags the Contact+ charge on the November bill and says in plain French why', async () => {
    const [november] = (await send(subscriber, 'GET', `/api/customers/${claire}/bills?limit=1`)).json().items;
    const bill = (await send(subscriber, 'GET', `/api/bills/${november.id}`)).json();
    const contact = bill.lines.find((line: { kind: string; label: string }) => line.kind === 'third_party');
    expect(contact).toMatchObject({
      amountInclVatCents: 1499,
      amountExclVatCents: 1249,
      vatCents: 250,
      thirdParty: { merchantName: 'Contact+ Services', consentComplete: false, consent: null },
      disputable: true,
    });
    expect(contact.thirdParty.flags.map((flag: { code: string }) => flag.code)).toContain('no_consent');
    expect(contact.explanation.fr).toBe(
      'Achat « Contact+ mise en relation » chez Contact+ Services le 12/11 à 11:00, sur votre box (ligne ' +
        `${claireBox.number.replace('+33', '0').replace(/(\d{2})(?=\d)/g, '$1 ')}), sans double confirmation valable (aucune preuve de consentement fournie) : contestez-le, il vous sera remboursé aussitôt.`,
    );
    expect(bill.flaggedLines).toBe(1);
    expect(bill.vatBreakdown).toEqual([
      { vatRateBp: 2000, baseCents: bill.totalExclVatCents, vatCents: bill.vatCents },
    ]);
    // A consented purchase reads as such: "confirmé deux fois depuis votre box".
    const bills = (await send(subscriber, 'GET', `/api/customers/${claire}/bills?limit=12`)).json().items;
    const august = (await send(subscriber, 'GET', `/api/bills/${bills[3].id}`)).json();
    const film = august.lines.find((line: { kind: string }) => line.kind === 'third_party');
    expect(film.explanation.fr).toMatch(
      /^Achat « Film « La Chambre verte » » chez CinéVOD le 09\/08 à 21:41, .*confirmé deux fois depuis votre box/,
    );
  });

  it('pages the bills with a cursor and hides them from other customers and other sites', async () => {
    const first = (await send(subscriber, 'GET', `/api/customers/${claire}/bills?limit=5`)).json();
    expect(first.items).toHaveLength(5);
    const second = (
      await send(subscriber, 'GET', `/api/customers/${claire}/bills?limit=5&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items[0].periodStart < first.items[4].periodStart).toBe(true);
    expect((await send(vendorAdvisor, 'GET', `/api/customers/${claire}/bills`)).statusCode).toBe(404);
    expect((await send(vendorAdvisor, 'GET', `/api/bills/${first.items[0].id}`)).statusCode).toBe(404);
    expect((await send(subscriber, 'GET', `/api/customers/${customerIdOf(1)}/bills`)).statusCode).toBe(404);
    expect((await send(advisor, 'GET', `/api/customers/${claire}/bills`)).statusCode).toBe(200);
  });

  it('serves the bill as a PDF', async () => {
    const [november] = (await send(subscriber, 'GET', `/api/customers/${claire}/bills?limit=1`)).json().items;
    const response = await send(subscriber, 'GET', `/api/bills/${november.id}/pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('importing third-party charges', () => {
  it('refuses a malformed batch whole, listing every error by charge, and imports nothing', async () => {
    const before = await database.db
      .selectFrom('third_party_charges')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    const response = await importBatch([
      charge(),
      charge({ line: '+33100000000' }),
      charge({ amountCents: -5 }),
      charge({ occurredAt: '2027-01-01T00:00:00Z' }),
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([{ field: 'body.charges.2.amountCents', message: 'must be at least 1' }]);
    // Form first (zod), then the lines and dates: fix the form and the rest is listed.
    const second = await importBatch([
      charge(),
      charge({ line: '+33100000000' }),
      charge({ occurredAt: '2027-01-01T00:00:00Z' }),
    ]);
    expect(second.statusCode).toBe(400);
    expect(second.json().errors).toEqual([
      { field: 'body.charges.1.line', message: 'is not a line we know' },
      { field: 'body.charges.2.occurredAt', message: 'must not be in the future' },
    ]);
    const after = await database.db
      .selectFrom('third_party_charges')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('applies the same batch once, refuses its reference for other content, and refuses non-admins', async () => {
    const body = [
      charge({
        line: claireMobile.number,
        merchantCode: 'ARCADE',
        merchantName: 'Arcade Club',
        serviceName: 'Pack jeux',
        consent: {
          firstStepAt: '2026-12-16T20:13:10Z',
          secondStepAt: '2026-12-16T20:13:40Z',
          channel: 'mobile',
          sourceLine: claireMobile.number,
        },
      }),
    ];
    const first = await importBatch(body, 'same-batch');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ accepted: 1, rejected: [], replayed: false });
    expect(first.json().flagged[0].flags).toEqual(['new_merchant']);
    const again = await importBatch(body, 'same-batch');
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().batchId).toBe(first.json().batchId);
    const rows = await database.db
      .selectFrom('third_party_charges')
      .select('id')
      .where('external_ref', '=', body[0]?.externalRef as string)
      .execute();
    expect(rows).toHaveLength(1);
    const other = await importBatch([charge()], 'same-batch');
    expect(other.statusCode).toBe(409);
    expect(
      (await send(advisor, 'POST', '/api/billing/charge-batches', { source: 'x', reference: 'y', charges: [charge()] }))
        .statusCode,
    ).toBe(403);
  });

  it('reads a CSV file and names the file line of each error', async () => {
    const header = 'externalRef,line,merchantCode,merchantName,serviceName,chargeType,occurredAt,amountCents';
    const bad = await send(admin, 'POST', '/api/billing/charge-batches/csv', {
      source: 'partner-csv',
      reference: 'file-1',
      csv: `${header}\ncsv-1,${claireMobile.number},ARCADE,Arcade Club,Pack,purchase,2026-12-15T10:00:00Z,abc\ncsv-2,+33100000000,ARCADE,Arcade Club,Pack,purchase,2026-12-15T10:00:00Z,100\n`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'body.csv.line 2.amountCents', message: 'must be a number' }]);
    const unknownLine = await send(admin, 'POST', '/api/billing/charge-batches/csv', {
      source: 'partner-csv',
      reference: 'file-1',
      csv: `${header}\ncsv-1,${claireMobile.number},ARCADE,Arcade Club,Pack,purchase,2026-12-15T10:00:00Z,100\ncsv-2,+33100000000,ARCADE,Arcade Club,Pack,purchase,2026-12-15T10:00:00Z,100\n`,
    });
    expect(unknownLine.json().errors).toEqual([{ field: 'body.csv.line 3.line', message: 'is not a line we know' }]);
    const good = await send(admin, 'POST', '/api/billing/charge-batches/csv', {
      source: 'partner-csv',
      reference: 'file-2',
      csv: `${header}\ncsv-3,${claireMobile.number},ARCADE,Arcade Club,"Pack ""Rétro""",purchase,2026-12-15T10:00:00Z,100\n`,
    });
    expect(good.statusCode).toBe(201);
    expect(good.json().accepted).toBe(1);
  });
});

describe('an unknown charge: told, disputed, refunded once, then blocked', () => {
  let chargeId = '';
  let disputeId = '';

  it('flags a charge without consent and tells the customer before the payment', async () => {
    const response = await importBatch([charge({ externalRef: 'unknown-1', amountCents: 799 })]);
    expect(response.statusCode).toBe(201);
    const [flagged] = response.json().flagged;
    expect(flagged.flags).toEqual(expect.arrayContaining(['no_consent']));
    chargeId = flagged.chargeId;
    const message = await database.db
      .selectFrom('outbox_messages')
      .select(['subject', 'body', 'kind'])
      .where('dedupe_key', '=', `third-party-charge-flagged:${chargeId}`)
      .executeTakeFirstOrThrow();
    expect(message.subject).toContain('Internet+ Média');
    expect(message.body).toContain('Il ne sera pas prélevé avant le 10 janvier 2027');
    const view = (await send(subscriber, 'GET', `/api/customers/${claire}/third-party-billing`)).json();
    const seen = view.charges.find((item: { id: string }) => item.id === chargeId);
    expect(seen).toMatchObject({ amountInclVatCents: 799, consentComplete: false, bill: null, disputable: true });
  });

  it('refunds at once, exactly once, whatever the replays and the door', async () => {
    const dispute = (key: string) =>
      send(
        subscriber,
        'POST',
        '/api/billing/disputes',
        { chargeId, reason: 'Je n’ai jamais acheté ça' },
        { 'idempotency-key': key },
      );
    const first = await dispute('key-1');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ outcome: 'refunded', refund: { amountCents: 799, onNextBill: true } });
    disputeId = first.json().id;
    const replays = await Promise.all([dispute('key-1'), dispute('key-1'), dispute('key-2'), dispute('key-3')]);
    for (const replay of replays) {
      expect(replay.statusCode).toBe(200);
      expect(replay.json().id).toBe(disputeId);
    }
    const byAdvisor = await send(advisor, 'POST', '/api/billing/disputes', {
      chargeId,
      reason: 'Appel',
      channel: 'phone_in',
    });
    expect(byAdvisor.json().id).toBe(disputeId);
    const refunds = await database.db
      .selectFrom('billing_ledger_entries')
      .select(['amount_incl_vat_cents'])
      .where('third_party_charge_id', '=', chargeId)
      .execute();
    expect(refunds).toEqual([{ amount_incl_vat_cents: 799 }]);
    const sameKeyOtherCharge = await send(
      subscriber,
      'POST',
      '/api/billing/disputes',
      { chargeId: (await importBatch([charge({ merchantCode: 'OTHER' })])).json().flagged[0].chargeId, reason: 'non' },
      { 'idempotency-key': 'key-1' },
    );
    expect(sameKeyOtherCharge.statusCode).toBe(422);
  });

  it('opens a billing_dispute case whose timeline tells the whole story of the line', async () => {
    const dispute = (await send(subscriber, 'POST', '/api/billing/disputes', { chargeId, reason: 'encore' })).json();
    const file = (await send(advisor, 'GET', `/api/cases/${dispute.case.id}`)).json();
    expect(file).toMatchObject({ type: 'billing_dispute', customerId: claire });
    const summaries = file.timeline.map((entry: { summary: string }) => entry.summary).join('\n');
    expect(summaries).toContain('Contestation de l’achat « Magazine en ligne » chez Internet+ Média');
    expect(summaries).toContain('Consentement incomplet : aucune preuve de consentement fournie');
    expect(summaries).toContain('Remboursement de 7,99 € accordé aussitôt');
    const message = await database.db
      .selectFrom('outbox_messages')
      .select(['kind', 'case_id'])
      .where('dedupe_key', '=', `billing-dispute:${disputeId}`)
      .executeTakeFirstOrThrow();
    expect(message).toEqual({ kind: 'billing_refund', case_id: dispute.case.id });
  });

  it('keeps a charge with a complete consent under review instead of refunding it', async () => {
    const imported = await importBatch([
      charge({
        merchantCode: 'CINEVOD',
        consent: {
          firstStepAt: '2026-12-16T20:13:00Z',
          secondStepAt: '2026-12-16T20:13:30Z',
          channel: 'box',
          sourceLine: claireBox.number,
        },
      }),
    ]);
    const id = imported.json().flagged[0]?.chargeId;
    const response = await send(advisor, 'POST', '/api/billing/disputes', {
      chargeId: id,
      reason: 'Doute',
      channel: 'phone_in',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ outcome: 'under_review', refund: null });
  });

  it('blocks third-party billing for free, at once, with history and audit; a new charge is then refused and logged', async () => {
    const blocked = await send(subscriber, 'PUT', `/api/subscriptions/${claireBox.id}/third-party-billing`, {
      status: 'blocked',
    });
    expect(blocked.statusCode).toBe(200);
    expect(blocked.json()).toMatchObject({ status: 'blocked', changed: true });
    const again = await send(subscriber, 'PUT', `/api/subscriptions/${claireBox.id}/third-party-billing`, {
      status: 'blocked',
    });
    expect(again.json()).toMatchObject({ status: 'blocked', changed: false });
    const refused = await importBatch([charge({ externalRef: 'after-block' })]);
    expect(refused.statusCode).toBe(201);
    expect(refused.json()).toMatchObject({ accepted: 0, rejected: [{ index: 0, reason: 'line_blocked' }] });
    const stored = await database.db
      .selectFrom('third_party_charges')
      .select('id')
      .where('external_ref', '=', 'after-block')
      .execute();
    expect(stored).toEqual([]);
    const view = (await send(advisor, 'GET', `/api/customers/${claire}/third-party-billing`)).json();
    const box = view.lines.find((line: { subscriptionId: string }) => line.subscriptionId === claireBox.id);
    expect(box).toMatchObject({
      thirdPartyBilling: 'blocked',
      history: [{ status: 'blocked', channel: 'portal', by: 'customer' }],
    });
    expect(view.rejections[0]).toMatchObject({ merchantName: 'Internet+ Média', reason: 'line_blocked' });
    const audit = await database.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', claireBox.id)
      .execute();
    expect(audit).toEqual([{ action: 'billing.third_party_blocked' }]);
    // The advisor unblocks on the phone an hour later: a charge that happened while blocked is flagged after_block.
    clock.advance(3_600_000);
    await send(advisor, 'PUT', `/api/subscriptions/${claireBox.id}/third-party-billing`, {
      status: 'allowed',
      channel: 'phone',
      reason: 'Demande cliente',
    });
    const late = await importBatch([charge({ externalRef: 'while-blocked', occurredAt: '2026-12-18T09:30:00Z' })]);
    expect(late.json().flagged[0].flags).toContain('after_block');
    await send(advisor, 'PUT', `/api/subscriptions/${claireBox.id}/third-party-billing`, {
      status: 'blocked',
      channel: 'phone',
    });
  });

  it('puts the charge and its refund on the next bill, which still reconciles', async () => {
    clock.set(new Date('2027-01-02T09:00:00Z'));
    expect((await send(admin, 'POST', '/api/billing/runs', { month: '2027-01' })).statusCode).toBe(400);
    const run = await send(admin, 'POST', '/api/billing/runs', { month: '2026-12' });
    expect(run.statusCode).toBe(200);
    expect(run.json().bills).toBeGreaterThan(50);
    const [december] = (await send(subscriber, 'GET', `/api/customers/${claire}/bills?limit=1`)).json().items;
    expect(december.periodStart).toBe('2026-12-01');
    const bill = (await send(subscriber, 'GET', `/api/bills/${december.id}`)).json();
    const refund = bill.lines.find((line: { kind: string }) => line.kind === 'refund');
    expect(refund).toMatchObject({ amountInclVatCents: -799, disputable: false });
    expect(refund.explanation.fr).toMatch(
      /^Remboursement de 7,99 € de l’achat chez Internet\+ Média du 16\/12, suite à votre contestation \(dossier DOS-2026-\d{6}\)\.$/,
    );
    const disputed = bill.lines.find(
      (line: { thirdParty: { chargeId: string } | null }) => line.thirdParty?.chargeId === chargeId,
    );
    expect(disputed).toMatchObject({ amountInclVatCents: 799, disputable: false, dispute: { outcome: 'refunded' } });
    // Disputing the billed line is the same dispute: no second refund.
    const viaLine = await send(subscriber, 'POST', '/api/billing/disputes', {
      billLineId: disputed.id,
      reason: 'encore',
    });
    expect(viaLine.statusCode).toBe(200);
    expect(viaLine.json().id).toBe(disputeId);
    expect(
      (await send(subscriber, 'POST', '/api/billing/disputes', { billLineId: refund.id, reason: 'x' })).statusCode,
    ).toBe(400);
    const rerun = await send(admin, 'POST', '/api/billing/runs', { month: '2026-12' });
    expect(rerun.json()).toEqual({ bills: 0, lines: 0 });
  });
});

describe('the database keeps bills honest', () => {
  const oneBill = () =>
    database.db
      .selectFrom('bills')
      .select(['id', 'total_excl_vat_cents'])
      .where('customer_id', '=', claire)
      .executeTakeFirstOrThrow();

  it('refuses totals that do not match the lines', async () => {
    const bill = await oneBill();
    await expect(
      database.db
        .updateTable('bills')
        .set({
          total_excl_vat_cents: bill.total_excl_vat_cents + 1,
          total_incl_vat_cents: sql`total_incl_vat_cents + 1`,
        })
        .where('id', '=', bill.id)
        .execute(),
    ).rejects.toThrow(/does not reconcile/);
  });

  it('refuses a line added to, changed on or removed from an issued bill', async () => {
    const bill = await oneBill();
    const line = await database.db
      .selectFrom('bill_lines')
      .selectAll()
      .where('bill_id', '=', bill.id)
      .executeTakeFirstOrThrow();
    await expect(
      database.db
        .insertInto('bill_lines')
        .values({ ...line, id: undefined, position: 99, details: JSON.stringify(line.details) })
        .execute(),
    ).rejects.toThrow(/issued bill cannot change/);
    await expect(
      database.db.updateTable('bill_lines').set({ amount_excl_vat_cents: 0 }).where('id', '=', line.id).execute(),
    ).rejects.toThrow(/issued bill cannot change/);
    await expect(database.db.deleteFrom('bill_lines').where('id', '=', line.id).execute()).rejects.toThrow(
      /issued bill cannot change/,
    );
  });

  it('refuses a line that carries another customer than its bill', async () => {
    const account = await database.db
      .selectFrom('accounts')
      .select(['id'])
      .where('customer_id', '=', claire)
      .executeTakeFirstOrThrow();
    // Bill and line in one statement, as the bill run writes them.
    await expect(
      sql`
        with bill as (
          insert into bills (account_id, customer_id, reference, period_start, period_end, issued_at, payment_due_date,
                             total_excl_vat_cents, vat_cents, total_incl_vat_cents)
          values (${account.id}, ${claire}, 'FA-TEST-1', '2030-01-01', '2030-01-31', '2030-02-01T03:00:00Z', '2030-02-10', 100, 20, 120)
          returning id
        )
        insert into bill_lines (bill_id, customer_id, position, kind, label, amount_excl_vat_cents, vat_rate_bp, vat_cents, amount_incl_vat_cents)
        select id, ${customerIdOf(1)}, 1, 'one_off', 'Frais', 100, 2000, 20, 120 from bill`.execute(database.db),
    ).rejects.toThrow(/carry its bill's customer/);
    // The same with the right customer is a bill like any other; without its line it is refused.
    await expect(
      database.db
        .insertInto('bills')
        .values({
          account_id: account.id,
          customer_id: claire,
          reference: 'FA-TEST-2',
          period_start: '2030-02-01',
          period_end: '2030-02-28',
          issued_at: new Date('2030-03-01T03:00:00Z'),
          payment_due_date: '2030-03-10',
          total_excl_vat_cents: 0,
          vat_cents: 0,
          total_incl_vat_cents: 0,
        })
        .execute(),
    ).rejects.toThrow(/does not reconcile/);
  });

  it('refuses a second refund of a charge, or one larger than the charge', async () => {
    const refunded = await database.db
      .selectFrom('billing_ledger_entries')
      .selectAll()
      .where('kind', '=', 'refund')
      .executeTakeFirstOrThrow();
    const { id: _id, details: _details, ...copy } = refunded;
    await expect(
      database.db
        .insertInto('billing_ledger_entries')
        .values({ ...copy, billed_on_bill_id: null })
        .execute(),
    ).rejects.toThrow();
    const unrefunded = await database.db
      .selectFrom('third_party_charges as c')
      .select(['c.id', 'c.customer_id', 'c.account_id', 'c.amount_incl_vat_cents'])
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('billing_ledger_entries as e').select('e.id').whereRef('e.third_party_charge_id', '=', 'c.id'),
          ),
        ),
      )
      .executeTakeFirstOrThrow();
    await expect(
      database.db
        .insertInto('billing_ledger_entries')
        .values({
          customer_id: unrefunded.customer_id,
          account_id: unrefunded.account_id,
          subscription_id: null,
          kind: 'refund',
          amount_incl_vat_cents: unrefunded.amount_incl_vat_cents + 1,
          label: 'trop',
          third_party_charge_id: unrefunded.id,
          dispute_id: null,
          created_at: new Date(),
          created_by_user_id: null,
          billed_on_bill_id: null,
        })
        .execute(),
    ).rejects.toThrow(/exceed/);
  });
});
