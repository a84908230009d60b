/**
 * Account tokens: the single-use links that let a person set their first password (`activation`)
 * or choose a new one (`reset`). The account_tokens table keeps only the token's sha256, but the
 * raw link is, by design, in the message written through the outbox in the same transaction
 * (outbox_messages.body, the customer's in-app mailbox): a link is single-use, short-lived and
 * replaced by the next one, and staff reading a customer's messages see it redacted. The token is
 * in the URL fragment (`/reset-password#token=…`), which browsers never send to the server, so it
 * does not reach request logs. Spending a token is one conditional UPDATE, so two simultaneous
 * requests with the same link cannot both succeed; the new password, the revoked sessions and the
 * audit event commit with it.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../audit/queries.js';
import { enqueueMessage } from '../outbox/enqueue.js';
import { type Config, defaultAccountTokenConfig } from '../platform/config.js';
import type { Database } from '../platform/db/schema.js';
import type { AppContext } from '../platform/http/context.js';
import { passwordResetText } from './account-messages.js';
import type { AccountTokenPurpose } from './tables.js';
import { hashSecret, newSecret } from './tokens.js';

type Db = Kysely<Database>;

export function accountTokenTtlMs(config: Config, purpose: AccountTokenPurpose): number {
  const ttl = config.accountTokens ?? defaultAccountTokenConfig;
  return purpose === 'activation' ? ttl.activationTtlHours * 3_600_000 : ttl.resetTtlMinutes * 60_000;
}

/**
 * Where links in account messages point: PUBLIC_URL, else the address the server listens on (the
 * embedded default on one machine). Never the request's Host header: a caller could choose it and
 * send a customer a reset link to another site.
 */
export function linkBaseFor(config: Config, server: FastifyInstance): string {
  if (config.publicUrl) return config.publicUrl;
  const bound = server.server.address();
  if (typeof bound !== 'object' || !bound) return `http://${config.host}:${config.port}`;
  const anyAddress = bound.address === '0.0.0.0' || bound.address === '::';
  const host = anyAddress ? 'localhost' : bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  return `http://${host}:${bound.port}`;
}

const pagePaths: Record<AccountTokenPurpose, string> = { activation: '/activate', reset: '/reset-password' };

/** The link sent to the person: the token is in the fragment, which never reaches a server or its logs. */
export function accountLink(base: string, purpose: AccountTokenPurpose, token: string): string {
  return `${base}${pagePaths[purpose]}#token=${encodeURIComponent(token)}`;
}

/**
 * Per account, whatever the caller's address: no new reset link while the last one is under a
 * minute old (that one stays valid), and at most 5 reset links in any hour. Someone asking from
 * many addresses can neither flood a customer's mailbox nor keep replacing her real link.
 * The same limits apply to activation links asked for with “Créer mon espace” (account-claims.ts).
 */
export const resetLinkLimits = { minIntervalMs: 60_000, maxPerHour: 5 } as const;

/**
 * Whether the account already received as many links of this purpose as `resetLinkLimits` allow.
 * Locks the account's row first (call inside the transaction that would issue the link), so that
 * simultaneous requests are counted one after the other.
 */
export async function linkLimitReached(
  trx: Db,
  input: { userId: string; purpose: AccountTokenPurpose; now: Date },
): Promise<boolean> {
  const { userId, purpose, now } = input;
  await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().executeTakeFirst();
  const recent = await trx
    .selectFrom('account_tokens')
    .select((eb) => [eb.fn.countAll<string | number>().as('count'), eb.fn.max('created_at').as('latest')])
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('created_at', '>', new Date(now.getTime() - 3_600_000))
    .executeTakeFirstOrThrow();
  const latest = recent.latest ? new Date(recent.latest) : null;
  return (
    Number(recent.count) >= resetLinkLimits.maxPerHour ||
    (latest !== null && now.getTime() - latest.getTime() < resetLinkLimits.minIntervalMs)
  );
}

export interface IssuedToken {
  id: string;
  token: string;
  expiresAt: Date;
}

/** A new token for the user; their earlier live tokens for the same purpose stop working. Call inside the transaction that sends it. */
export async function issueAccountToken(
  trx: Db,
  input: { userId: string; purpose: AccountTokenPurpose; now: Date; ttlMs: number },
): Promise<IssuedToken> {
  await trx
    .updateTable('account_tokens')
    .set({ revoked_at: input.now })
    .where('user_id', '=', input.userId)
    .where('purpose', '=', input.purpose)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
  const token = newSecret();
  const expiresAt = new Date(input.now.getTime() + Math.max(input.ttlMs, 1000));
  const row = await trx
    .insertInto('account_tokens')
    .values({
      user_id: input.userId,
      purpose: input.purpose,
      token_hash: hashSecret(token),
      created_at: input.now,
      expires_at: expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token, expiresAt };
}

/** Why a link no longer works: `unknown` also covers a disabled account, so nothing is learnt from it. */
export type TokenRefusal = 'unknown' | 'expired' | 'used' | 'replaced';

export type ConsumeResult =
  | { ok: true; userId: string; purpose: AccountTokenPurpose; sessionsRevoked: number }
  | { ok: false; reason: TokenRefusal };

/**
 * Spends the token and sets the password (already hashed with argon2 by the caller, outside the
 * transaction): the token is marked used only if it is still live, in the same statement that
 * reads it, so a concurrent second request finds it used. The user's sessions end (someone who
 * had the old password is logged out) and their other live links stop working.
 */
export async function consumeAccountToken(
  db: Db,
  input: { token: string; passwordHash: string; now: Date },
): Promise<ConsumeResult> {
  const tokenHash = hashSecret(input.token);
  return db.transaction().execute(async (trx: Transaction<Database>) => {
    const spent = await trx
      .updateTable('account_tokens')
      .set({ used_at: input.now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', input.now)
      .where((eb) =>
        eb('user_id', 'in', eb.selectFrom('users').select('users.id').where('users.disabled_at', 'is', null)),
      )
      .returning(['id', 'user_id', 'purpose'])
      .executeTakeFirst();
    if (!spent) return { ok: false as const, reason: await refusalOf(trx, tokenHash, input.now) };
    await trx.updateTable('users').set({ password_hash: input.passwordHash }).where('id', '=', spent.user_id).execute();
    await trx
      .updateTable('account_tokens')
      .set({ revoked_at: input.now })
      .where('user_id', '=', spent.user_id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
    const revoked = await trx.deleteFrom('sessions').where('user_id', '=', spent.user_id).executeTakeFirst();
    const sessionsRevoked = Number(revoked.numDeletedRows ?? 0);
    await recordAudit(trx, {
      actorUserId: spent.user_id,
      action: spent.purpose === 'activation' ? 'account.activated' : 'account.password_reset',
      subjectType: 'user',
      subjectId: spent.user_id,
      details: { tokenId: spent.id, sessionsRevoked },
    });
    return { ok: true as const, userId: spent.user_id, purpose: spent.purpose, sessionsRevoked };
  });
}

async function refusalOf(trx: Db, tokenHash: string, now: Date): Promise<TokenRefusal> {
  const row = await trx
    .selectFrom('account_tokens')
    .innerJoin('users', 'users.id', 'account_tokens.user_id')
    .select(['account_tokens.used_at', 'account_tokens.revoked_at', 'account_tokens.expires_at', 'users.disabled_at'])
    .where('account_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.disabled_at) return 'unknown';
  if (row.used_at) return 'used';
  if (row.revoked_at) return 'replaced';
  if (row.expires_at <= now) return 'expired';
  return 'unknown';
}

/** The account a reset may be sent for: a subscriber, not disabled, with the customer's contact details. */
async function resettableAccount(db: Db, email: string) {
  return db
    .selectFrom('users')
    .innerJoin('customers', 'customers.id', 'users.customer_id')
    .select([
      'users.id',
      'users.email',
      'users.customer_id',
      'customers.first_name',
      'customers.email as customer_email',
      'customers.phone',
      'customers.preferred_language',
    ])
    .where((eb) => eb(eb.fn('lower', ['users.email']), '=', email.toLowerCase()))
    .where('users.disabled_at', 'is', null)
    .where('users.role', '=', 'subscriber')
    .executeTakeFirst();
}

/** What became of a reset request; never told to the caller, whose answer is always the same. */
export type ResetRequestOutcome = 'sent' | 'no-account' | 'no-contact' | 'throttled';

/**
 * A reset link for the account with this e-mail, if there is one: by e-mail to the account's
 * address (or by SMS to the customer's phone when there is no address), through the outbox.
 * Says nothing about whether the account exists; staff accounts are reset by an administrator.
 * Limited per account (`resetLinkLimits`): the account's row is locked while counting its recent
 * links, so simultaneous requests are counted one after the other.
 */
export async function requestPasswordReset(
  ctx: AppContext,
  input: { email: string; linkBase: string; now?: Date },
): Promise<ResetRequestOutcome> {
  const account = await resettableAccount(ctx.db, input.email);
  if (!account?.customer_id) return 'no-account';
  const customerId = account.customer_id;
  const address = account.email || account.customer_email;
  const route = address
    ? { channel: 'email' as const, recipient: address }
    : account.phone
      ? { channel: 'sms' as const, recipient: account.phone }
      : null;
  // Nowhere to send it: issuing a link would only cancel the live one.
  if (!route) return 'no-contact';
  const now = input.now ?? ctx.clock.now();
  const ttlMs = accountTokenTtlMs(ctx.config, 'reset');
  return ctx.db.transaction().execute(async (trx): Promise<ResetRequestOutcome> => {
    if (await linkLimitReached(trx, { userId: account.id, purpose: 'reset', now })) return 'throttled';
    const issued = await issueAccountToken(trx, { userId: account.id, purpose: 'reset', now, ttlMs });
    const text = passwordResetText(
      { firstName: account.first_name, language: account.preferred_language },
      { link: accountLink(input.linkBase, 'reset', issued.token), validMinutes: Math.round(ttlMs / 60_000) },
    );
    await enqueueMessage(trx, {
      customerId,
      ...route,
      ...text,
      kind: 'password_reset',
      dedupeKey: `account-token:${issued.id}`,
      at: now,
    });
    await recordAudit(trx, {
      actorUserId: null,
      action: 'account.reset_requested',
      subjectType: 'user',
      subjectId: account.id,
      details: { tokenId: issued.id, channel: route.channel, expiresAt: issued.expiresAt.toISOString() },
    });
    return 'sent';
  });
}
