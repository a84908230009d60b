/**
 * Declares an API route once: its zod schemas validate the request and document it in OpenAPI.
 * Fastify's own validation and serialisation are switched off in app.ts, so zod is the single
 * source of request types and of their error messages.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { type ZodType, z } from 'zod';
import { badRequest, fieldErrorsFromZod, unauthorized } from './problem.js';

// Messages name the problem the way a person would; the field name comes from the error's path.
z.config({
  customError: (issue) => {
    if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
    if (issue.code === 'invalid_type') return `must be a ${issue.expected}`;
    if (issue.code === 'unrecognized_keys') return 'is not a known field';
    return undefined;
  },
});

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteInput<Body, Query, Params> {
  body: Body;
  query: Query;
  params: Params;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<Body, Query, Params> {
  method: Method;
  url: string;
  summary: string;
  tags: string[];
  body?: ZodType<Body>;
  query?: ZodType<Query>;
  params?: ZodType<Params>;
  /** Status code → description, for the OpenAPI document. */
  responses?: Record<number, string>;
  config?: RouteShorthandOptions['config'];
  /** Largest accepted body in bytes, when the app's 1 MiB default does not fit (file uploads). */
  bodyLimit?: number;
  handler: (input: RouteInput<Body, Query, Params>) => Promise<unknown>;
}

export function parseInput<T>(schema: ZodType<T>, data: unknown, location: string): T {
  const result = schema.safeParse(data ?? (location === 'body' ? undefined : {}));
  if (result.success) {
    // PostgreSQL cannot store the NUL character in text: refuse it here, naming the field, not as a 500.
    const withNul = fieldsWithNul(result.data, location);
    if (withNul.length === 0) return result.data;
    const message = 'must not contain the NUL character';
    throw badRequest(
      `${withNul[0]}: ${message}`,
      withNul.map((field) => ({ field, message })),
    );
  }
  const errors = fieldErrorsFromZod(result.error, location);
  const first = errors[0];
  throw badRequest(first ? `${first.field}: ${first.message}` : `The request ${location} is invalid.`, errors);
}

function fieldsWithNul(value: unknown, path: string, found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path);
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) fieldsWithNul(item, `${path}.${index}`, found);
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date) && !ArrayBuffer.isView(value)) {
    for (const [key, item] of Object.entries(value)) fieldsWithNul(item, `${path}.${key}`, found);
  }
  return found;
}

function openApiSchema(schema: ZodType) {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' });
}

export function defineRoute<Body = undefined, Query = Record<string, never>, Params = Record<string, never>>(
  app: FastifyInstance,
  spec: RouteSpec<Body, Query, Params>,
): void {
  const response: Record<number, { description: string }> = {};
  for (const [status, description] of Object.entries(spec.responses ?? { 200: 'OK' })) {
    response[Number(status)] = { description };
  }
  app.route({
    method: spec.method,
    url: spec.url,
    config: spec.config,
    ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
    schema: {
      summary: spec.summary,
      tags: spec.tags,
      ...(spec.body ? { body: openApiSchema(spec.body) } : {}),
      ...(spec.query ? { querystring: openApiSchema(spec.query) } : {}),
      ...(spec.params ? { params: openApiSchema(spec.params) } : {}),
      response,
    },
    handler: async (request, reply) => {
      // Who you are comes before what you sent: an anonymous caller learns nothing from validation.
      if (!spec.config?.skipAuth && !request.auth) throw unauthorized();
      const params = spec.params ? parseInput(spec.params, request.params, 'params') : ({} as Params);
      const query = spec.query ? parseInput(spec.query, request.query, 'query') : ({} as Query);
      const body = spec.body ? parseInput(spec.body, request.body, 'body') : (undefined as Body);
      const result = await spec.handler({ body, query, params, request, reply });
      if (reply.sent) return reply;
      return result === undefined ? reply.code(reply.statusCode === 200 ? 204 : reply.statusCode).send() : result;
    },
  });
}
