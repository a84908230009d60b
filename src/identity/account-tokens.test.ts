import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp, login } from '../../test/test-app.js';
import { fixedClock } from '../platform/clock.js';
import { afterReplyWorkDone, runAfterReply, trackAfterReplyWork } from '../platform/http/after-reply.js';
import { redactTokens, requestLogValue } from '../platform/http/redact-tokens.js';
import { customerIdOf } from '../seed/customers.js';
import { resetLinkLimits } from './account-tokens.js';
import { hashSecret } from './tokens.js';

// Friday 18 December 2026, 10:00 in Paris. The clock only moves forward: reset links are limited
// per account over time (one a minute, five an hour), so each test moves past the earlier ones.
const clock = fixedClock(new Date('2026-12-18T09:00:00Z'));
const minutes = (count: number) => count * 60_000;
let t: TestApp;
let nextAddress = 0;
/** Each test speaks from its own address, so that the rate limit (5 a minute here) counts only its own requests. */
const address = () => `10.20.0.${++nextAddress}`;
const claire = customerIdOf(0);

/** Asks for a reset link and waits for the work done after the answer (finding the account, writing the message). */
async function askReset(email: string, remoteAddress = address()) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/password-resets',
    payload: { email },
    remoteAddress,
  });
  await afterReplyWorkDone(t.app);
  return response;
}
const consume = (token: string, password: string, remoteAddress = address()) =>
  t.app.inject({ method: 'POST', url: '/api/account-tokens/consume', payload: { token, password }, remoteAddress });
const logIn = (email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/session', payload: { email, password }, remoteAddress: address() });

async function resetMessages() {
  return t.database.db
    .selectFrom('outbox_messages')
    .select(['id', 'channel', 'recipient', 'subject', 'body', 'customer_id'])
    .where('kind', '=', 'password_reset')
    .execute();
}

const tokenInLink = /\/reset-password#token=([\w-]+)/;

/** A quarter of an hour later (so the per-account limit allows it), asks for a reset for Claire and returns the token sent. */
async function claireToken(): Promise<string> {
  clock.advance(minutes(15));
  const before = new Set((await resetMessages()).map((message) => message.id));
  expect((await askReset('subscriber@demo.suivi')).statusCode).toBe(202);
  const added = (await resetMessages()).filter((message) => !before.has(message.id));
  expect(added).toHaveLength(1);
  const token = tokenInLink.exec(added[0]?.body ?? '')?.[1];
  if (!token) throw new Error('no token in the reset message');
  return token;
}

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

describe('asking for a password reset', () => {
  it('answers a known and an unknown address alike, and writes a message only for the known one', async () => {
    const before = new Set((await resetMessages()).map((message) => message.id));
    const known = await askReset('Subscriber@Demo.Suivi');
    const unknown = await askReset('nobody-here@demo.suivi');
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    expect(unknown.headers['content-type']).toBe(known.headers['content-type']);

    const added = (await resetMessages()).filter((message) => !before.has(message.id));
    expect(added).toHaveLength(1);
    const message = added[0];
    expect(message).toMatchObject({ channel: 'email', recipient: 'subscriber@demo.suivi', customer_id: claire });
    expect(message?.subject).toBe('Choisissez un nouveau mot de passe pour votre espace Suivi');
    // The token is in the fragment, which the browser never sends to the server (nor to its logs).
    expect(message?.body).toMatch(/https:\/\/suivi\.example\.fr\/reset-password#token=[\w-]{40,}/);
    expect(message?.body).not.toContain('?token=');
    expect(message?.body).toContain('valable 30 minutes');
  });

  it('stores only the hash of the token', async () => {
    const token = await claireToken();
    const rows = await t.database.db.selectFrom('account_tokens').select('token_hash').execute();
    expect(rows.map((row) => row.token_hash)).toContain(hashSecret(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('sends nothing for a staff account, which an administrator resets, with the same answer', async () => {
    const before = (await resetMessages()).length;
    const staff = await askReset('advisor@demo.suivi');
    const unknown = await askReset('nobody-here@demo.suivi');
    expect(staff.statusCode).toBe(202);
    expect(staff.body).toBe(unknown.body);
    expect(await resetMessages()).toHaveLength(before);
  });

  it('names a malformed address', async () => {
    const response = await askReset('not-an-address');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('body.email');
  });

  it('hides the link from staff reading the customer’s messages', async () => {
    const token = await claireToken();
    const advisor = await login(t.app, 'supervisor@demo.suivi');
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/outbox/messages?customerId=${claire}&limit=100`,
      headers: { cookie: advisor.cookie },
    });
    expect(response.statusCode).toBe(200);
    const reset = response.json().items.find((item: { kind: string }) => item.kind === 'password_reset');
    expect(reset.body).toContain('/reset-password#token=…');
    expect(response.body).not.toContain(token);
  });
});

describe('setting a password with a link', () => {
  it('refuses a weak password naming the field, and the link still works afterwards', async () => {
    const token = await claireToken();
    const weak = await consume(token, 'short');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors.map((error: { field: string }) => error.field)).toEqual(['body.password']);
    expect(weak.json().errors[0].message).toBe('must have at least 12 characters');
    const used = await t.database.db
      .selectFrom('account_tokens')
      .select('used_at')
      .where('token_hash', '=', hashSecret(token))
      .executeTakeFirstOrThrow();
    expect(used.used_at).toBeNull();
  });

  it('refuses an unknown link with 400 naming the token', async () => {
    const response = await consume('made-up-token', 'a long enough password');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ reason: 'unknown', errors: [{ field: 'body.token' }] });
  });

  it('sets the password, ends every session of the account, and is audited', async () => {
    const oldSession = await login(t.app, 'subscriber@demo.suivi');
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: oldSession.cookie } });
    expect(me.statusCode).toBe(200);
    const token = await claireToken();
    const response = await consume(token, 'nouveau mot de passe solide');
    expect(response.statusCode, response.body).toBe(204);

    const after = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: oldSession.cookie } });
    expect(after.statusCode).toBe(401);
    expect((await logIn('subscriber@demo.suivi', 'demo-suivi')).statusCode).toBe(401);
    const fresh = await logIn('subscriber@demo.suivi', 'nouveau mot de passe solide');
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().user.customerId).toBe(claire);

    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'actor_user_id', 'details'])
      .where('subject_id', '=', oldSession.user.id)
      .where('action', '=', 'account.password_reset')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_user_id).toBe(oldSession.user.id);
    expect(audit[0]?.details).toMatchObject({ sessionsRevoked: 1 });

    const again = await consume(token, 'encore un autre mot de passe');
    expect(again.statusCode).toBe(410);
    expect(again.json()).toMatchObject({
      reason: 'used',
      errors: [{ field: 'body.token', message: 'has already been used' }],
    });
  });

  it('lets only one of two simultaneous requests with the same link through', async () => {
    const token = await claireToken();
    const audited = () =>
      t.database.db
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'account.password_reset')
        .execute()
        .then((rows) => rows.length);
    const auditsBefore = await audited();
    const [first, second] = await Promise.all([
      consume(token, 'premier mot de passe choisi'),
      consume(token, 'second mot de passe choisi'),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([204, 410]);
    const loser = first.statusCode === 410 ? first : second;
    expect(loser.json().reason).toBe('used');
    const winner = first.statusCode === 204 ? 'premier mot de passe choisi' : 'second mot de passe choisi';
    const loserPassword = first.statusCode === 204 ? 'second mot de passe choisi' : 'premier mot de passe choisi';
    expect((await logIn('subscriber@demo.suivi', winner)).statusCode).toBe(200);
    expect((await logIn('subscriber@demo.suivi', loserPassword)).statusCode).toBe(401);
    expect(await audited()).toBe(auditsBefore + 1);
  });

  it('refuses a link past its lifetime (30 minutes here) with 410 expired', async () => {
    const token = await claireToken();
    clock.advance(minutes(30) + 1000);
    const response = await consume(token, 'trop tard pour ce lien');
    expect(response.statusCode).toBe(410);
    expect(response.json()).toMatchObject({
      reason: 'expired',
      errors: [{ field: 'body.token', message: 'has expired' }],
    });
  });

  it('works until just before the end of its lifetime', async () => {
    const token = await claireToken();
    clock.advance(minutes(29));
    expect((await consume(token, 'juste à temps pour ce lien')).statusCode).toBe(204);
  });

  it('stops an older link when a newer one is sent', async () => {
    const older = await claireToken();
    const newer = await claireToken();
    const response = await consume(older, 'avec le vieux lien');
    expect(response.statusCode).toBe(410);
    expect(response.json().reason).toBe('replaced');
    expect((await consume(newer, 'avec le nouveau lien')).statusCode).toBe(204);
  });
});

describe('per-account limit on reset links, whatever the caller’s address', () => {
  const claireLinks = async () =>
    (await resetMessages()).filter((message) => message.customer_id === claire).map((message) => message.id);
  const newSince = async (before: string[]) =>
    (await resetMessages()).filter((message) => message.customer_id === claire && !before.includes(message.id));
  const revokedAt = async (token: string) =>
    (
      await t.database.db
        .selectFrom('account_tokens')
        .select('revoked_at')
        .where('token_hash', '=', hashSecret(token))
        .executeTakeFirstOrThrow()
    ).revoked_at;

  it('sends no new link within a minute of the last one, and keeps that one working', async () => {
    clock.advance(minutes(120));
    const before = await claireLinks();
    const first = await askReset('subscriber@demo.suivi', '10.40.0.1');
    clock.advance(30_000);
    const second = await askReset('subscriber@demo.suivi', '10.40.0.2');
    const third = await askReset('SUBSCRIBER@demo.suivi', '10.40.0.3');
    expect([first.statusCode, second.statusCode, third.statusCode]).toEqual([202, 202, 202]);
    expect(second.body).toBe(first.body);
    expect(third.body).toBe(first.body);
    const sent = await newSince(before);
    expect(sent).toHaveLength(1);
    const token = tokenInLink.exec(sent[0]?.body ?? '')?.[1] ?? '';
    expect(await revokedAt(token)).toBeNull();

    // A minute after the first, a new link may be sent again, and it replaces the first.
    clock.advance(30_000);
    await askReset('subscriber@demo.suivi', '10.40.0.4');
    expect(await newSince(before)).toHaveLength(2);
    expect(await revokedAt(token)).not.toBeNull();
  });

  it('lets the customer use her link while someone keeps asking for new ones', async () => {
    clock.advance(minutes(120));
    const token = await claireToken();
    clock.advance(10_000);
    await askReset('subscriber@demo.suivi', '10.40.1.1');
    await askReset('subscriber@demo.suivi', '10.40.1.2');
    expect((await consume(token, 'toujours mon propre lien')).statusCode).toBe(204);
  });

  it(`sends at most ${resetLinkLimits.maxPerHour} links an hour, then again once the oldest is an hour old`, async () => {
    clock.advance(minutes(120));
    const before = await claireLinks();
    const statuses: number[] = [];
    // Seven requests two minutes apart, each from its own address: links at 0, 2, 4, 6 and 8 minutes.
    for (let attempt = 0; attempt < 7; attempt++) {
      statuses.push((await askReset('subscriber@demo.suivi', `10.41.0.${attempt + 1}`)).statusCode);
      clock.advance(minutes(2));
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 202, 202]);
    expect(await newSince(before)).toHaveLength(5);

    // 60 minutes and 1 second after the first link, four remain in the last hour: one more is sent…
    clock.advance(minutes(46) + 1000);
    await askReset('subscriber@demo.suivi', '10.41.1.1');
    const sent = await newSince(before);
    expect(sent).toHaveLength(6);
    // …and a minute later the hour holds five again: nothing, and the sixth link stays valid.
    clock.advance(minutes(1) + 1000);
    expect((await askReset('subscriber@demo.suivi', '10.41.1.2')).statusCode).toBe(202);
    expect(await newSince(before)).toHaveLength(6);
    const latest = await t.database.db
      .selectFrom('account_tokens')
      .innerJoin('users', 'users.id', 'account_tokens.user_id')
      .select(['account_tokens.revoked_at', 'account_tokens.used_at'])
      .where('users.customer_id', '=', claire)
      .where('account_tokens.purpose', '=', 'reset')
      .orderBy('account_tokens.created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(latest).toEqual({ revoked_at: null, used_at: null });
  });

  it('sends one link for simultaneous requests from several addresses', async () => {
    clock.advance(minutes(120));
    const before = await claireLinks();
    const responses = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        t.app.inject({
          method: 'POST',
          url: '/api/password-resets',
          payload: { email: 'subscriber@demo.suivi' },
          remoteAddress: `10.42.0.${n}`,
        }),
      ),
    );
    await afterReplyWorkDone(t.app);
    expect(responses.map((response) => response.statusCode)).toEqual([202, 202, 202, 202]);
    expect(await newSince(before)).toHaveLength(1);
  });
});

describe('work done after the reply', () => {
  it('logs a failure with the request logger instead of rejecting, and can be awaited', async () => {
    const app = Fastify();
    trackAfterReplyWork(app);
    const logged: unknown[][] = [];
    const log = { error: (...args: unknown[]) => logged.push(args) } as unknown as Parameters<typeof runAfterReply>[1];
    let otherDone = false;
    runAfterReply(app, log, 'password reset request', async () => {
      throw new Error('database went away');
    });
    runAfterReply(app, log, 'other work', async () => {
      otherDone = true;
    });
    await afterReplyWorkDone(app);
    expect(otherDone).toBe(true);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.[1]).toBe('password reset request failed after the reply');
    expect((logged[0]?.[0] as { err?: Error } | undefined)?.err?.message).toBe('database went away');
    await app.close();
  });

  it('is finished before the app closes', async () => {
    const app = Fastify();
    trackAfterReplyWork(app);
    let done = false;
    runAfterReply(app, app.log, 'slow work', async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      done = true;
    });
    await app.close();
    expect(done).toBe(true);
  });
});

describe('tokens kept out of logs', () => {
  it('redacts token values from the URL the request logger records (links sent before the fragment)', () => {
    expect(
      requestLogValue({
        method: 'GET',
        url: '/reset-password?token=Abc-123_xyz&lang=fr',
        headers: {},
        host: 'suivi.example.fr',
        ip: '10.0.0.1',
        socket: { remotePort: 51000 },
      }),
    ).toEqual({
      method: 'GET',
      url: '/reset-password?token=…&lang=fr',
      version: undefined,
      host: 'suivi.example.fr',
      remoteAddress: '10.0.0.1',
      remotePort: 51000,
    });
    expect(redactTokens('/activate?lang=fr&token=Abc-123')).toBe('/activate?lang=fr&token=…');
    expect(redactTokens('ouvrez https://suivi.example.fr/reset-password#token=Abc-123\nmerci')).toBe(
      'ouvrez https://suivi.example.fr/reset-password#token=…\nmerci',
    );
    expect(redactTokens('/api/customers?q=tokens&tokenize=1')).toBe('/api/customers?q=tokens&tokenize=1');
  });
});

describe('rate limit', () => {
  it('limits reset requests per address with 429, the same for known and unknown addresses', async () => {
    const from = '10.30.0.1';
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      const email = attempt % 2 ? 'subscriber@demo.suivi' : `nobody-${attempt}@demo.suivi`;
      statuses.push((await askReset(email, from)).statusCode);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429, 429]);
    expect((await askReset('nobody@demo.suivi', '10.30.0.2')).statusCode).toBe(202);
  });

  it('limits attempts to use a link per address, so tokens cannot be guessed quickly', async () => {
    const from = '10.30.0.3';
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      statuses.push((await consume(`guess-${attempt}`, 'a long enough password', from)).statusCode);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429]);
  });
});
