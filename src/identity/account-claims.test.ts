import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../test/test-app.js';
import { fixedClock } from '../platform/clock.js';
import { afterReplyWorkDone } from '../platform/http/after-reply.js';
import { customerIdOf } from '../seed/customers.js';

// Friday 18 December 2026, 10:00 in Paris. Links are limited per account over time, so the clock
// moves forward between tests.
const clock = fixedClock(new Date('2026-12-18T09:00:00Z'));
const minutes = (count: number) => count * 60_000;
let t: TestApp;
let nextAddress = 0;
/** Each request speaks from its own address unless told, so that the rate limit (5 a minute here) counts only its own. */
const address = () => `10.50.0.${++nextAddress}`;

async function claim(customerReference: string, email: string, remoteAddress = address()) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/account-claims',
    payload: { customerReference, email },
    remoteAddress,
  });
  await afterReplyWorkDone(t.app);
  return response;
}
const consume = (token: string, password: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/account-tokens/consume',
    payload: { token, password },
    remoteAddress: address(),
  });
const logIn = (email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/session', payload: { email, password }, remoteAddress: address() });

/** A seeded customer with an e-mail on file and no account (index > 0: only Claire, index 0, has one). */
async function customerWithoutAccount(from: number) {
  for (let index = from; index < 20; index++) {
    const row = await t.database.db
      .selectFrom('customers')
      .select(['id', 'reference', 'email', 'first_name', 'preferred_language'])
      .where('id', '=', customerIdOf(index))
      .executeTakeFirstOrThrow();
    const account = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('customer_id', '=', row.id)
      .executeTakeFirst();
    if (row.email && !account) return { ...row, email: row.email, index };
  }
  throw new Error('no seeded customer with an e-mail and no account');
}

const usersOf = (customerId: string) =>
  t.database.db
    .selectFrom('users')
    .select(['id', 'email', 'role', 'password_hash', 'display_name'])
    .where('customer_id', '=', customerId)
    .execute();
const messagesOf = (customerId: string) =>
  t.database.db
    .selectFrom('outbox_messages')
    .select(['id', 'kind', 'channel', 'recipient', 'subject', 'body'])
    .where('customer_id', '=', customerId)
    .where('kind', 'in', ['account_activation', 'password_reset'])
    .execute();
async function counts() {
  const [users, tokens, messages] = await Promise.all([
    t.database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow(),
    t.database.db
      .selectFrom('account_tokens')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow(),
    t.database.db
      .selectFrom('outbox_messages')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { users: Number(users.n), tokens: Number(tokens.n), messages: Number(messages.n) };
}
const activationToken = (body: string) => /\/activate#token=([\w-]+)/.exec(body)?.[1];
const resetToken = (body: string) => /\/reset-password#token=([\w-]+)/.exec(body)?.[1];

beforeAll(async () => {
  t = await createTestApp({
    customers: 20,
    clock,
    config: {
      loginRateLimitPerMinute: 5,
      sessionTtlHours: 24 * 400,
      publicUrl: 'https://suivi.example.fr',
      accountTokens: { activationTtlHours: 72, resetTtlMinutes: 30 },
    },
  });
});
afterAll(() => t.close());

let firstClaimBody = '';

describe('claiming an online space', () => {
  it('creates one subscriber account for a matching reference and e-mail, and sends one activation link that opens it', async () => {
    const customer = await customerWithoutAccount(1);
    // Reference and address as a person may type them: any case, spaces around.
    const response = await claim(` ${customer.reference.toLowerCase()} `, customer.email.toUpperCase());
    expect(response.statusCode).toBe(202);
    firstClaimBody = response.body;

    const users = await usersOf(customer.id);
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ email: customer.email.toLowerCase(), role: 'subscriber', password_hash: null });
    const messages = await messagesOf(customer.id);
    expect(messages).toHaveLength(1);
    const message = messages[0];
    expect(message).toMatchObject({ kind: 'account_activation', channel: 'email', recipient: customer.email });
    expect(message?.subject).toBe(
      customer.preferred_language === 'en' ? 'Open your Suivi space' : 'Ouvrez votre espace Suivi',
    );
    expect(message?.body).toContain(customer.first_name);
    expect(message?.body).toMatch(/https:\/\/suivi\.example\.fr\/activate#token=[\w-]{40,}/);

    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('subject_id', '=', users[0]?.id ?? '')
      .execute();
    expect(audit.map((row) => row.action).sort()).toEqual([
      'account.activation_requested',
      'account.claimed',
      'user.created',
    ]);
    expect(audit.find((row) => row.action === 'account.claimed')?.details).toMatchObject({
      customerId: customer.id,
      customerReference: customer.reference,
    });

    const token = activationToken(message?.body ?? '') ?? '';
    expect((await consume(token, 'mon espace enfin ouvert')).statusCode).toBe(204);
    const session = await logIn(customer.email, 'mon espace enfin ouvert');
    expect(session.statusCode, session.body).toBe(200);
    expect(session.json().user).toMatchObject({ role: 'subscriber', customerId: customer.id });
  });

  it('creates nothing for a wrong e-mail, an unknown reference or a merged customer, with the same answer', async () => {
    clock.advance(minutes(5));
    const customer = await customerWithoutAccount(1);
    const survivor = await customerWithoutAccount(customer.index + 1);
    const merged = await customerWithoutAccount(survivor.index + 1);
    await t.database.db
      .updateTable('customers')
      .set({ merged_into_customer_id: survivor.id, merged_at: clock.now() })
      .where('id', '=', merged.id)
      .execute();
    const before = await counts();

    const responses = [
      await claim(customer.reference, `autre-${customer.email}`),
      await claim('CL-9999999', customer.email),
      await claim(merged.reference, merged.email),
      // Another customer's e-mail with this reference.
      await claim(customer.reference, survivor.email),
    ];
    for (const response of responses) {
      expect(response.statusCode).toBe(202);
      expect(response.body).toBe(firstClaimBody);
      expect(response.headers['content-type']).toBe(responses[0]?.headers['content-type']);
    }
    expect(await counts()).toEqual(before);
    expect(await usersOf(customer.id)).toHaveLength(0);
    expect(await usersOf(merged.id)).toHaveLength(0);
  });

  it('sends a reset link to a customer who already has an account, and creates no second one', async () => {
    clock.advance(minutes(5));
    const claire = await t.database.db
      .selectFrom('customers')
      .select(['id', 'reference', 'email'])
      .where('id', '=', customerIdOf(0))
      .executeTakeFirstOrThrow();
    if (!claire.email) throw new Error('Claire has no e-mail on file');
    const accountsBefore = await usersOf(claire.id);
    expect(accountsBefore).toHaveLength(1);

    const response = await claim(claire.reference, claire.email);
    expect(response.statusCode).toBe(202);
    expect(response.body).toBe(firstClaimBody);
    expect(await usersOf(claire.id)).toEqual(accountsBefore);
    const messages = await messagesOf(claire.id);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ kind: 'password_reset', channel: 'email', recipient: claire.email });

    // The link lets her choose a new password for the account she already had.
    const token = resetToken(messages[0]?.body ?? '') ?? '';
    expect((await consume(token, 'je l’avais oublié celui-là')).statusCode).toBe(204);
    expect((await logIn('subscriber@demo.suivi', 'je l’avais oublié celui-là')).statusCode).toBe(200);
  });

  it('sends a new activation link to a customer who claimed before but never chose a password, within the per-account limits', async () => {
    clock.advance(minutes(5));
    const customer = await customerWithoutAccount(1);
    await claim(customer.reference, customer.email);
    const [first] = await messagesOf(customer.id);
    // Under a minute later: no new link, the first stays valid.
    clock.advance(30_000);
    await claim(customer.reference, customer.email);
    expect(await messagesOf(customer.id)).toHaveLength(1);
    clock.advance(minutes(2));
    await claim(customer.reference, customer.email);
    const messages = await messagesOf(customer.id);
    expect(messages).toHaveLength(2);
    expect(messages.map((message) => message.kind)).toEqual(['account_activation', 'account_activation']);
    expect(await usersOf(customer.id)).toHaveLength(1);
    // The newer link replaces the older one.
    const older = await consume(activationToken(first?.body ?? '') ?? '', 'avec le premier lien');
    expect(older.json().reason).toBe('replaced');
    const newer = messages.find((message) => message.id !== first?.id);
    expect((await consume(activationToken(newer?.body ?? '') ?? '', 'avec le second lien')).statusCode).toBe(204);
  });

  it('creates one account and sends one link for simultaneous claims', async () => {
    clock.advance(minutes(5));
    const customer = await customerWithoutAccount(1);
    const responses = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        t.app.inject({
          method: 'POST',
          url: '/api/account-claims',
          payload: { customerReference: customer.reference, email: customer.email },
          remoteAddress: `10.51.0.${n}`,
        }),
      ),
    );
    await afterReplyWorkDone(t.app);
    expect(responses.map((response) => response.statusCode)).toEqual([202, 202, 202, 202]);
    expect(await usersOf(customer.id)).toHaveLength(1);
    expect(await messagesOf(customer.id)).toHaveLength(1);
  });

  it('names a missing reference or a malformed e-mail', async () => {
    const missing = await claim('  ', 'quelqu.un@exemple.fr');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((error: { field: string }) => error.field)).toEqual(['body.customerReference']);
    const malformed = await claim('CL-0000002', 'pas-une-adresse');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors.map((error: { field: string }) => error.field)).toEqual(['body.email']);
  });

  it('limits claims per address with 429, matching or not', async () => {
    clock.advance(minutes(5));
    const customer = await customerWithoutAccount(1);
    const from = '10.52.0.1';
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      const reference = attempt % 2 ? customer.reference : `CL-99999${attempt}0`;
      statuses.push((await claim(reference, customer.email, from)).statusCode);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429, 429]);
    expect((await claim('CL-9999990', customer.email, '10.52.0.2')).statusCode).toBe(202);
  });
});
