/**
 * Getting into an account without a password: asking for a reset link, and setting a password
 * with a reset or activation link. Public, rate-limited per address like logging in (and reset
 * links per account, see `resetLinkLimits`), and never telling whether an e-mail address has an
 * account: the reset request is answered before any lookup, and the work runs after the reply.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/http/context.js';
import { HttpProblem } from '../platform/http/problem.js';
import { runAfterReply, trackAfterReplyWork } from '../platform/http/after-reply.js';
import { defineRoute } from '../platform/http/route.js';
import { claimAccount } from './account-claims.js';
import { type TokenRefusal, consumeAccountToken, linkBaseFor, requestPasswordReset } from './account-tokens.js';
import { hashPassword } from './passwords.js';
import { accountClaimBody, consumeAccountTokenBody, passwordResetBody } from './schema.js';

const refusals: Record<TokenRefusal, { status: number; title: string; message: string }> = {
  unknown: { status: 400, title: 'Invalid link', message: 'is not a valid link' },
  expired: { status: 410, title: 'Link expired', message: 'has expired' },
  used: { status: 410, title: 'Link already used', message: 'has already been used' },
  replaced: { status: 410, title: 'Link replaced', message: 'was replaced by a newer link' },
};

export function registerAccountAccessRoutes(app: FastifyInstance, ctx: AppContext): void {
  const rateLimit = { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' };
  trackAfterReplyWork(app);

  defineRoute(app, {
    method: 'POST',
    url: '/api/password-resets',
    summary:
      'Ask for a link to choose a new password; always 202, whether or not an account uses the address (subscribers; staff ask an administrator)',
    tags: ['session'],
    body: passwordResetBody,
    responses: { 202: 'Accepted: a link was sent if an account uses this address', 400: 'Malformed', 429: 'Too many' },
    config: { skipAuth: true, rateLimit },
    handler: async ({ body, request, reply }) => {
      // Not awaited: a known address must not take longer to answer than an unknown one.
      const input = { email: body.email, linkBase: linkBaseFor(ctx.config, request.server), now: ctx.clock.now() };
      runAfterReply(app, request.log, 'password reset request', () => requestPasswordReset(ctx, input));
      reply.code(202);
      return { message: 'If an account uses this address, a link to choose a new password has been sent to it.' };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/account-claims',
    summary:
      'An existing customer asks for her online space with her customer reference and the e-mail on file; always 202, whether or not they match (an activation link, or a reset link if she already has an account, goes to the e-mail on file)',
    tags: ['session'],
    body: accountClaimBody,
    responses: {
      202: 'Accepted: an e-mail was sent if the details match a customer',
      400: 'Malformed',
      429: 'Too many',
    },
    config: { skipAuth: true, rateLimit },
    handler: async ({ body, request, reply }) => {
      // Not awaited: a matching customer must not take longer to answer than a wrong reference.
      const input = {
        customerReference: body.customerReference,
        email: body.email,
        linkBase: linkBaseFor(ctx.config, request.server),
        now: ctx.clock.now(),
      };
      runAfterReply(app, request.log, 'account claim', () => claimAccount(ctx, input));
      reply.code(202);
      return { message: 'If these details match a customer, an e-mail has been sent to the address on file.' };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/account-tokens/consume',
    summary: 'Set a password with an activation or reset link; the link then stops working and other sessions end',
    tags: ['session'],
    body: consumeAccountTokenBody,
    responses: {
      204: 'Password set; log in with it',
      400: 'Invalid link or weak password (body.token or body.password named)',
      410: 'Link expired, already used, or replaced by a newer one (reason given)',
      429: 'Too many attempts',
    },
    config: { skipAuth: true, rateLimit },
    handler: async ({ body, reply }) => {
      const passwordHash = await hashPassword(body.password);
      const result = await consumeAccountToken(ctx.db, { token: body.token, passwordHash, now: ctx.clock.now() });
      if (!result.ok) {
        const refusal = refusals[result.reason];
        throw new HttpProblem(
          refusal.status,
          refusal.title,
          `body.token: ${refusal.message}`,
          [{ field: 'body.token', message: refusal.message }],
          { reason: result.reason },
        );
      }
      reply.code(204);
    },
  });
}
