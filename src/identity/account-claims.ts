/**
 * “Créer mon espace”: an existing customer without an online account asks for one with the
 * customer reference printed on her bills and the e-mail address she gave us. When both match a
 * live customer (not merged into another), the subscriber account is created without a password
 * and an activation link goes to the e-mail address ON FILE (never to an address the caller
 * chose); when the customer already has an account, she gets a link to choose a new password (or,
 * if she never chose one, a new activation link), so a customer who forgot she had a space still
 * gets in. The caller is never told which happened: the route answers before any lookup and this
 * runs after the reply. Links are limited per account like reset links (`resetLinkLimits`), and
 * the customer's row is locked while deciding, so simultaneous claims create one account.
 */
import { recordAudit } from '../audit/queries.js';
import { enqueueMessage } from '../outbox/enqueue.js';
import type { AppContext } from '../platform/http/context.js';
import { accountActivationText, passwordResetText } from './account-messages.js';
import { accountLink, accountTokenTtlMs, issueAccountToken, linkLimitReached } from './account-tokens.js';
import type { AccountTokenPurpose } from './tables.js';
import { createSubscriberUser } from './users.js';

/** What became of a claim; never told to the caller, whose answer is always the same. */
export type ClaimOutcome =
  | 'created'
  | 'activation-sent'
  | 'reset-sent'
  | 'no-match'
  | 'email-taken'
  | 'disabled'
  | 'throttled';

export async function claimAccount(
  ctx: AppContext,
  input: { customerReference: string; email: string; linkBase: string; now?: Date },
): Promise<ClaimOutcome> {
  const reference = input.customerReference.trim().toUpperCase();
  const customer = await ctx.db
    .selectFrom('customers')
    .select(['id', 'reference', 'first_name', 'last_name', 'email', 'preferred_language'])
    .where('reference', '=', reference)
    .where('merged_into_customer_id', 'is', null)
    .executeTakeFirst();
  const onFile = customer?.email?.trim();
  if (!customer || !onFile || onFile.toLowerCase() !== input.email.trim().toLowerCase()) return 'no-match';
  const now = input.now ?? ctx.clock.now();

  return ctx.db.transaction().execute(async (trx): Promise<ClaimOutcome> => {
    // One claim at a time per customer: the second of two simultaneous claims sees the first's account.
    const locked = await trx
      .selectFrom('customers')
      .select('id')
      .where('id', '=', customer.id)
      .where('merged_into_customer_id', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!locked) return 'no-match';
    const accounts = await trx
      .selectFrom('users')
      .select(['id', 'password_hash', 'disabled_at'])
      .where('customer_id', '=', customer.id)
      .where('role', '=', 'subscriber')
      .orderBy('created_at')
      .execute();
    const person = { firstName: customer.first_name, language: customer.preferred_language };
    const route = { channel: 'email' as const, recipient: onFile };

    if (accounts.length > 0) {
      const account = accounts.find((row) => !row.disabled_at);
      // A disabled account stays disabled: only staff can open it again.
      if (!account) return 'disabled';
      const purpose: AccountTokenPurpose = account.password_hash ? 'reset' : 'activation';
      if (await linkLimitReached(trx, { userId: account.id, purpose, now })) return 'throttled';
      await sendLink(ctx, trx, { userId: account.id, customerId: customer.id, purpose, person, route, input, now });
      return purpose === 'reset' ? 'reset-sent' : 'activation-sent';
    }

    // The address already opens another account (staff, or another customer's): no second one.
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', onFile.toLowerCase()))
      .executeTakeFirst();
    if (taken) return 'email-taken';
    const userId = await createSubscriberUser(
      trx,
      { email: onFile, displayName: `${customer.first_name} ${customer.last_name}`, customerId: customer.id },
      null,
    );
    if (!userId) return 'email-taken';
    const tokenId = await sendLink(ctx, trx, {
      userId,
      customerId: customer.id,
      purpose: 'activation',
      person,
      route,
      input,
      now,
    });
    await recordAudit(trx, {
      actorUserId: null,
      action: 'account.claimed',
      subjectType: 'user',
      subjectId: userId,
      details: { customerId: customer.id, customerReference: customer.reference, tokenId },
    });
    return 'created';
  });
}

async function sendLink(
  ctx: AppContext,
  trx: AppContext['db'],
  args: {
    userId: string;
    customerId: string;
    purpose: AccountTokenPurpose;
    person: { firstName: string; language: 'fr' | 'en' };
    route: { channel: 'email'; recipient: string };
    input: { linkBase: string };
    now: Date;
  },
): Promise<string> {
  const { userId, customerId, purpose, person, route, now } = args;
  const ttlMs = accountTokenTtlMs(ctx.config, purpose);
  const issued = await issueAccountToken(trx, { userId, purpose, now, ttlMs });
  const link = accountLink(args.input.linkBase, purpose, issued.token);
  const text =
    purpose === 'activation'
      ? accountActivationText(person, { link, validHours: Math.round(ttlMs / 3_600_000) })
      : passwordResetText(person, { link, validMinutes: Math.round(ttlMs / 60_000) });
  await enqueueMessage(trx, {
    customerId,
    ...route,
    ...text,
    kind: purpose === 'activation' ? 'account_activation' : 'password_reset',
    dedupeKey: `account-token:${issued.id}`,
    at: now,
  });
  await recordAudit(trx, {
    actorUserId: null,
    action: purpose === 'reset' ? 'account.reset_requested' : 'account.activation_requested',
    subjectType: 'user',
    subjectId: userId,
    details: { tokenId: issued.id, channel: route.channel, expiresAt: issued.expiresAt.toISOString(), via: 'claim' },
  });
  return issued.id;
}
