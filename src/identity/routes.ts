import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../audit/queries.js';
import type { AppContext } from '../platform/http/context.js';
import { decodeCursor, encodeCursor } from '../platform/http/cursor.js';
import { HttpProblem, badRequest, conflict, notFound, unauthorized } from '../platform/http/problem.js';
import { defineRoute } from '../platform/http/route.js';
import { registerAccountAccessRoutes } from './account-routes.js';
import { CSRF_COOKIE, SESSION_COOKIE, requireAccess, requireUser } from './auth.js';
import { verifyPassword } from './passwords.js';
import { deleteSession, findUserById, findUserForLogin, insertApiToken, insertSession, toAuthUser } from './queries.js';
import { createTokenBody, createUserBody, loginBody, pageQuery, userIdParams } from './schema.js';
import { csrfTokenFor, hashSecret, newSecret } from './tokens.js';
import { createStaffUser, listUsers } from './users.js';

export function registerIdentityRoutes(app: FastifyInstance, ctx: AppContext): void {
  const cookieBase = { path: '/', sameSite: 'lax' as const, secure: ctx.config.cookieSecure };
  registerAccountAccessRoutes(app, ctx);

  defineRoute(app, {
    method: 'POST',
    url: '/api/session',
    summary: 'Log in with e-mail and password; sets the session and csrf-token cookies',
    tags: ['session'],
    body: loginBody,
    responses: {
      200: 'Logged in',
      400: 'Malformed request',
      401: 'Wrong e-mail or password',
      429: 'Too many attempts',
    },
    config: {
      skipAuth: true,
      rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
    },
    handler: async ({ body, request, reply }) => {
      const row = await findUserForLogin(ctx.db, body.email);
      const passwordOk = await verifyPassword(row?.password_hash ?? null, body.password);
      if (!row || !passwordOk || row.disabled_at) throw unauthorized('Wrong e-mail address or password.');
      const secret = newSecret();
      const now = ctx.clock.now();
      await insertSession(ctx.db, {
        tokenHash: hashSecret(secret),
        userId: row.id,
        expiresAt: new Date(now.getTime() + ctx.config.sessionTtlHours * 3_600_000),
        ip: request.ip,
        userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
      });
      const maxAge = ctx.config.sessionTtlHours * 3600;
      reply.setCookie(SESSION_COOKIE, secret, { ...cookieBase, httpOnly: true, maxAge });
      reply.setCookie(CSRF_COOKIE, csrfTokenFor(secret), { ...cookieBase, httpOnly: false, maxAge });
      return { user: toAuthUser(row) };
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/session',
    summary: 'Log out: the session is deleted on the server',
    tags: ['session'],
    responses: { 204: 'Logged out', 401: 'Not logged in' },
    handler: async ({ request, reply }) => {
      requireUser(request);
      const secret = request.cookies[SESSION_COOKIE];
      if (secret) await deleteSession(ctx.db, hashSecret(secret));
      reply.clearCookie(SESSION_COOKIE, cookieBase).clearCookie(CSRF_COOKIE, cookieBase);
      reply.code(204);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/me',
    summary: 'The current user, with role and site',
    tags: ['session'],
    responses: { 200: 'The current user', 401: 'Not logged in' },
    handler: async ({ request }) => ({ user: requireUser(request) }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/users',
    summary: 'Staff and subscriber accounts, newest first (admin)',
    tags: ['users'],
    query: pageQuery,
    handler: async ({ request, query }) => {
      requireAccess(request, 'user:manage');
      const after = decodeCursor(query.cursor, 2) as [string, string] | null;
      const rows = await listUsers(ctx.db, query.limit + 1, after);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(({ createdAt: _createdAt, ...user }) => user),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/users',
    summary: 'Create a staff account (admin)',
    tags: ['users'],
    body: createUserBody,
    responses: { 201: 'Created', 400: 'Invalid', 409: 'E-mail already used' },
    handler: async ({ request, reply, body }) => {
      const admin = requireAccess(request, 'user:manage');
      const created = await createStaffUser(ctx.db, body, admin.id);
      if (created === 'email_taken') throw conflict(`An account already uses ${body.email}.`);
      if (created === 'unknown_site') {
        throw badRequest('body.siteId: no such site', [{ field: 'body.siteId', message: 'no such site' }]);
      }
      reply.code(201);
      return created;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/users/:id/tokens',
    summary: 'Create a personal API token for a user (admin); the token is shown only once',
    tags: ['users'],
    params: userIdParams,
    body: createTokenBody,
    responses: { 201: 'Created', 404: 'No such user' },
    handler: async ({ request, reply, params, body }) => {
      const admin = requireAccess(request, 'user:manage');
      const target = await findUserById(ctx.db, params.id);
      if (!target) throw notFound('User');
      if (target.role === 'subscriber') throw new HttpProblem(422, 'Not allowed', 'API tokens are for staff accounts.');
      const token = newSecret('suivi_');
      const row = await insertApiToken(ctx.db, {
        userId: target.id,
        name: body.name,
        tokenHash: hashSecret(token),
        createdBy: admin.id,
      });
      await recordAudit(ctx.db, {
        actorUserId: admin.id,
        action: 'api_token.created',
        subjectType: 'user',
        subjectId: target.id,
        details: { tokenId: row.id, name: body.name },
      });
      reply.code(201);
      return { id: row.id, name: row.name, token };
    },
  });
}
