/**
 * Who is calling: a session cookie (browser) or a personal API token (scripts). Cookie-borne
 * writes must echo the CSRF token in `x-csrf-token`; bearer tokens cannot be sent by a browser
 * on its own, so they need none.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/http/context.js';
import { HttpProblem, forbidden, unauthorized } from '../platform/http/problem.js';
import { type AuthUser, findUserByApiTokenHash, findUserBySessionHash, toAuthUser, touchApiToken } from './queries.js';
import { type Permission, roleHas } from './roles.js';
import { csrfTokenFor, hashSecret, sameSecret } from './tokens.js';

export const SESSION_COOKIE = 'suivi_session';
export const CSRF_COOKIE = 'csrf-token';
export const CSRF_HEADER = 'x-csrf-token';

export interface Auth {
  user: AuthUser;
  via: 'session' | 'token';
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth | null;
  }
  interface FastifyContextConfig {
    /** Routes that must work without (or despite a stale) session, such as logging in. */
    skipAuth?: boolean;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

async function resolveAuth(ctx: AppContext, request: FastifyRequest): Promise<Auth | null> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw unauthorized('The Authorization header must be "Bearer <token>".');
    const row = await findUserByApiTokenHash(ctx.db, hashSecret(match[1]));
    if (!row) throw unauthorized('This API token is unknown or revoked.');
    await touchApiToken(ctx.db, row.token_id, ctx.clock.now());
    return { user: toAuthUser(row), via: 'token' };
  }
  const sessionSecret = request.cookies[SESSION_COOKIE];
  if (!sessionSecret) return null;
  const row = await findUserBySessionHash(ctx.db, hashSecret(sessionSecret), ctx.clock.now());
  if (!row) return null;
  if (!safeMethods.has(request.method)) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !sameSecret(sent, csrfTokenFor(sessionSecret))) {
      throw new HttpProblem(
        403,
        'CSRF token missing or wrong',
        `Send the csrf-token cookie's value in the ${CSRF_HEADER} header.`,
      );
    }
  }
  return { user: toAuthUser(row), via: 'session' };
}

export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('auth', null);
  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/api/') || request.routeOptions.config.skipAuth) return;
    request.auth = await resolveAuth(ctx, request);
  });
}

/** The one access check at the top of every handler. */
export function requireAccess(request: FastifyRequest, permission: Permission): AuthUser {
  const auth = request.auth;
  if (!auth) throw unauthorized();
  if (!roleHas(auth.user.role, permission)) throw forbidden();
  return auth.user;
}

export function requireUser(request: FastifyRequest): AuthUser {
  if (!request.auth) throw unauthorized();
  return request.auth.user;
}
