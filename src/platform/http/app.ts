/**
 * The Fastify application: security headers, cookies, login rate limit, OpenAPI, the module
 * routes, the web app, and the one error handler that turns everything into problem+json.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { registerAuditRoutes } from '../../audit/routes.js';
import { registerBillingRoutes } from '../../billing/routes.js';
import { registerCaseRoutes } from '../../cases/routes.js';
import { registerCustomerRoutes } from '../../customers/routes.js';
import { registerAuth } from '../../identity/auth.js';
import { registerIdentityRoutes } from '../../identity/routes.js';
import { registerOutboxRoutes } from '../../outbox/routes.js';
import { registerOutreachRoutes } from '../../outreach/routes.js';
import { loyaltyMergeStep } from '../../loyalty/merge.js';
import { registerLoyaltyRoutes } from '../../loyalty/routes.js';
import { consentMergeStep } from '../../outreach/merge.js';
import { registerPlanningRoutes } from '../../planning/routes.js';
import { registerShopRoutes } from '../../shops/routes.js';
import { registerCommunityRoutes } from '../../community/routes.js';
import { registerQualityRoutes } from '../../quality/routes.js';
import { registerSiteRoutes } from '../../sites/routes.js';
import type { AppContext } from './context.js';
import { HttpProblem, problemBody } from './problem.js';
import { requestLogValue } from './redact-tokens.js';
import { defineRoute } from './route.js';
import { sql } from 'kysely';

export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    // The request log never records a `token=` value (account links opened before tokens moved to the fragment).
    logger:
      ctx.config.logLevel === 'silent'
        ? false
        : { level: ctx.config.logLevel, serializers: { req: (request) => requestLogValue(request) } },
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 1_048_576,
    trustProxy: process.env.TRUST_PROXY === 'true',
    // A URL the router cannot read (broken percent-encoding, a segment over 100 characters) gets a
    // problem like every other 4xx, not Fastify's own JSON.
    frameworkErrors: (error, request, reply) => {
      const problem = toProblem(error);
      const problemReply = reply as FastifyReply;
      return problemReply.code(problem.status).type('application/problem+json').send(problemBody(problem, request.url));
    },
  });

  // zod validates inside defineRoute; Fastify keeps the schemas only for the OpenAPI document.
  app.setValidatorCompiler(() => (value) => ({ value }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  app.setErrorHandler((error: FastifyError | HttpProblem, request, reply) => {
    const problem = toProblem(error);
    if (problem.status === 503) reply.header('retry-after', '1');
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(problem.status).type('application/problem+json').send(problemBody(problem, request.url));
  });

  await app.register(helmet, {
    // TLS ends at the load balancer in production, which sets HSTS; on http://localhost it must not.
    hsts: false,
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new HttpProblem(
        429,
        'Too many attempts',
        `Too many attempts; try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
      ),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Suivi API',
        version: '0.1.0',
        description: 'Customer care for telecom operators: customers, cases, promises, planning.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'suivi_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerAuth(app, ctx);

  defineRoute(app, {
    method: 'GET',
    url: '/api/health',
    summary: 'Liveness and database status',
    tags: ['health'],
    config: { skipAuth: true },
    responses: { 200: 'Up', 503: 'Database unavailable' },
    handler: async ({ reply }) => {
      const started = performance.now();
      try {
        await sql`select 1`.execute(ctx.db);
        return {
          status: 'ok',
          database: { status: 'ok', latencyMs: Math.round((performance.now() - started) * 10) / 10 },
        };
      } catch {
        reply.code(503);
        return { status: 'degraded', database: { status: 'unavailable' } };
      }
    },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerIdentityRoutes(app, ctx);
  registerCustomerRoutes(app, ctx, [loyaltyMergeStep, consentMergeStep]);
  registerSiteRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerCaseRoutes(app, ctx);
  registerOutboxRoutes(app, ctx);
  registerOutreachRoutes(app, ctx);
  registerLoyaltyRoutes(app, ctx);
  registerQualityRoutes(app, ctx);
  registerBillingRoutes(app, ctx);
  registerPlanningRoutes(app, ctx);
  registerShopRoutes(app, ctx);
  registerCommunityRoutes(app, ctx);

  const hasWeb = existsSync(`${ctx.config.webDistDir}/index.html`);
  if (hasWeb) await app.register(fastifyStatic, { root: ctx.config.webDistDir, wildcard: false, index: false });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // Only page routes fall back to the app; a missing asset (e.g. after a rebuild) is a real 404.
    const isPage =
      request.method === 'GET' && !path.startsWith('/api/') && path !== '/api' && !/\.[a-z0-9]+$/i.test(path);
    if (isPage && hasWeb) return reply.type('text/html').sendFile('index.html');
    const problem = new HttpProblem(404, 'Not found', `There is nothing at ${request.method} ${path}.`);
    return reply.code(404).type('application/problem+json').send(problemBody(problem, request.url));
  });
  return app;
}

function toProblem(error: FastifyError | HttpProblem): HttpProblem {
  if (error instanceof HttpProblem) return error;
  const status = error.statusCode ?? 500;
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
    return new HttpProblem(400, 'Malformed JSON', 'The request body is not valid JSON.', [
      { field: 'body', message: 'is not valid JSON' },
    ]);
  }
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return new HttpProblem(400, 'Empty body', 'The request body is empty but JSON was declared.', [
      { field: 'body', message: 'is required' },
    ]);
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new HttpProblem(415, 'Unsupported media type', error.message, [
      { field: 'headers.content-type', message: 'is not accepted by this route' },
    ]);
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new HttpProblem(413, 'Body too large', error.message, [{ field: 'body', message: 'is too large' }]);
  }
  if (error.code === 'FST_ERR_BAD_URL') {
    return new HttpProblem(400, 'Invalid URL', 'The URL path is not validly percent-encoded.', [
      { field: 'url', message: 'is not validly percent-encoded' },
    ]);
  }
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return new HttpProblem(414, 'URI too long', 'A segment of the URL path is longer than 100 characters.', [
      { field: 'url', message: 'has a path segment longer than 100 characters' },
    ]);
  }
  if (status >= 400 && status < 500)
    return new HttpProblem(status, error.name === 'Error' ? 'Bad request' : error.name, error.message);
  // PostgreSQL gave up on a transaction racing another one (deadlock, serialization failure): it was
  // rolled back whole, so the same request (same Idempotency-Key) can simply be sent again.
  if (error.code === '40P01' || error.code === '40001') {
    return new HttpProblem(
      503,
      'Busy',
      'Another request changed the same records at the same moment; nothing was saved. Please try again.',
    );
  }
  return new HttpProblem(500, 'Internal error', 'Something went wrong on our side; the error was logged.');
}
