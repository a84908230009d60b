/**
 * Bad input never produces a 500, anywhere in the API. Every route of the OpenAPI document gets hostile
 * requests (garbage path parameters, wrong query types, malformed and mistyped bodies, one field at a
 * time set to a wrong type or an out-of-range value, and schema-valid extremes), sent as the first demo
 * role the route does not refuse. Every answer must be below 500, a problem+json for 4xx, and a 400/422
 * must name the field in `errors[].field`. Sampling uses a fixed seed, so a failure reproduces.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, type TestApp, createTestApp, login } from '../../../test/test-app.js';
import { customerIdOf } from '../../seed/customers.js';

// To explore beyond the fixed sample: NO500_SEED=<n> NO500_CASES=100000 npx vitest run <this file>.
const SEED = Number(process.env.NO500_SEED ?? 20261126);
/** Most requests sent to one route (the rest of its cases are sampled away with the fixed seed). */
const MAX_CASES_PER_ROUTE = Number(process.env.NO500_CASES ?? 100);

const logins = {
  admin: 'admin@demo.suivi',
  supervisor: 'supervisor@demo.suivi',
  shop_staff: 'shop@demo.suivi',
  planner: 'planner@demo.suivi',
  subscriber: 'subscriber@demo.suivi',
  advisor: 'advisor@demo.suivi',
  complaints_officer: 'complaints@demo.suivi',
  director: 'director@demo.suivi',
  vendor_advisor: 'vendor.advisor@demo.suivi',
} as const;
type Role = keyof typeof logins;
const roles = Object.keys(logins) as Role[];

// ---------------------------------------------------------------------------------------------
// The checker: what every answer to a hostile request must look like.

interface SentRequest {
  method: string;
  url: string;
  label: string;
  /** The input the request got wrong (`body.summary`, `query.limit`, `params.id`), when it is one field. */
  field?: string;
}

/** What is wrong with an answer to a hostile request; empty when it meets the standard. */
function problemsWith(response: LightMyRequestResponse, sent: SentRequest): string[] {
  const where = `${sent.method} ${sent.url.slice(0, 160)} [${sent.label}] → ${response.statusCode}`;
  const problems: string[] = [];
  if (response.statusCode >= 500) {
    problems.push(`${where}: server error ${response.body.slice(0, 300)}`);
    return problems;
  }
  if (response.statusCode < 400) return problems;
  if (!String(response.headers['content-type'] ?? '').includes('application/problem+json')) {
    problems.push(`${where}: 4xx without application/problem+json (${response.headers['content-type']})`);
    return problems;
  }
  // A 400 is always about the input, so it names the field; a 422 (a state the request does not fit, such as
  // a letter for a case that is not a written complaint) must when the request got one field wrong.
  if (response.statusCode !== 400 && !(response.statusCode === 422 && sent.field)) return problems;
  let body: { errors?: Array<{ field?: unknown; message?: unknown }> };
  try {
    body = response.json();
  } catch {
    return [...problems, `${where}: problem body is not JSON`];
  }
  const errors = Array.isArray(body.errors) ? body.errors : [];
  if (errors.length === 0) problems.push(`${where}: no errors[] naming the field (${response.body.slice(0, 200)})`);
  for (const error of errors) {
    if (typeof error.field !== 'string' || error.field === '' || typeof error.message !== 'string')
      problems.push(`${where}: error without field or message ${JSON.stringify(error)}`);
  }
  const expected = sent.field;
  if (expected && errors.length > 0) {
    const names = errors.map((error) => String(error.field));
    const named = names.some(
      (name) => name === expected || name.startsWith(`${expected}.`) || expected.startsWith(`${name}.`),
    );
    if (!named) problems.push(`${where}: expected ${expected} to be named, got ${names.join(', ')}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Values from a route's JSON schema: a valid one, and the ways to get each field wrong.

interface JsonSchema {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  default?: unknown;
}

let valueSeed = SEED;
const sampleOne = <T>(arbitrary: fc.Arbitrary<T>): T => {
  valueSeed += 1;
  return fc.sample(arbitrary, { seed: valueSeed, numRuns: 1 })[0] as T;
};

function flatten(schema: JsonSchema): JsonSchema {
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map(flatten)) as JsonSchema;
  const choice = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  return choice ? { ...flatten(choice), nullable: schema.nullable } : schema;
}

/** A value the schema accepts, preferring the real records this test knows (`customerId` → a real customer). */
function validValue(raw: JsonSchema, name: string, known: Map<string, string>, requiredOnly = false): unknown {
  const schema = flatten(raw);
  const real = known.get(name);
  if (real !== undefined && (schema.type === 'string' || schema.type === undefined)) return real;
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(schema.properties ?? {})) {
        if (requiredOnly && !schema.required?.includes(key)) continue;
        value[key] = validValue(child, key, known, requiredOnly);
      }
      return value;
    }
    case 'array': {
      const count = Math.max(schema.minItems ?? 0, 1);
      return Array.from({ length: Math.min(count, 3) }, () =>
        validValue(schema.items ?? {}, name, known, requiredOnly),
      );
    }
    case 'integer':
    case 'number': {
      // OpenAPI 3.0 writes an exclusive bound as `exclusiveMinimum: true` beside `minimum`.
      const step = schema.type === 'integer' ? 1 : 0.5;
      const low =
        typeof schema.minimum === 'number'
          ? schema.minimum + (schema.exclusiveMinimum === true ? step : 0)
          : (numberOr(schema.exclusiveMinimum) ?? 0) + step;
      const high = typeof schema.maximum === 'number' ? schema.maximum : numberOr(schema.exclusiveMaximum);
      const value = schema.type === 'integer' ? Math.ceil(low) : low;
      return high !== undefined && value > high ? high : value;
    }
    case 'boolean':
      return false;
    case 'string':
      return validString(schema, name);
    default:
      return 'x';
  }
}

/** Fields about what is to come (a visit, a due date, a validity) get a future day; the rest a past one. */
const isFutureField = (name: string) => /^(starts|ends|due|effective|valid|protection|expires|week|start)/i.test(name);

const numberOr = (value: unknown) => (typeof value === 'number' ? value : undefined);

function validString(schema: JsonSchema, name: string): string {
  const day = isFutureField(name) ? futureDay : pastDay;
  switch (schema.format) {
    case 'uuid':
      return randomUUID();
    case 'date':
      return day;
    case 'date-time':
      return `${day}T10:00:00Z`;
    case 'email':
      return `someone.${valueSeed++}@example.com`;
    case 'ipv4':
      return '192.0.2.10';
    case 'uri':
    case 'url':
      return 'https://example.com/page';
  }
  if (schema.pattern) {
    const max = schema.maxLength ?? 60;
    const min = schema.minLength ?? 0;
    const matching = new RegExp(schema.pattern);
    const found = fc
      .sample(fc.stringMatching(matching), { seed: valueSeed++, numRuns: 50 })
      .find((value) => value.length >= min && value.length <= max);
    if (found !== undefined) return found;
  }
  const length = Math.min(Math.max(schema.minLength ?? 1, 8), schema.maxLength ?? 8);
  return 'Valeur de test'.padEnd(length, 'x').slice(0, length);
}

interface Mutation {
  label: string;
  value: unknown;
  /** false when the value is a schema-valid extreme: it may be accepted, but must not break anything. */
  invalid: boolean;
}

const NUL = 'a\u0000b';
const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const futureDay = dayOffset(12);
const pastDay = dayOffset(-3);

function mutationsOf(raw: JsonSchema): Mutation[] {
  const schema = flatten(raw);
  const wrong = (label: string, value: unknown): Mutation => ({ label, value, invalid: true });
  const extreme = (label: string, value: unknown): Mutation => ({ label, value, invalid: false });
  const out: Mutation[] = [];
  if (!schema.nullable) out.push(wrong('null', null));
  switch (schema.type) {
    case 'string': {
      out.push(wrong('number for a string', 12345), wrong('boolean', true), wrong('array', ['x']));
      out.push(wrong('object', { $gt: '' }));
      if (schema.enum) out.push(wrong('not in the enum', 'not_a_value'));
      if (schema.format === 'uuid') out.push(wrong('not a uuid', 'x'), wrong('sql in a uuid', "' or 1=1 --"));
      if (schema.format === 'date') {
        out.push(wrong('impossible date', '2026-02-30'), wrong('french date', '31/12/2026'));
        out.push(extreme('year 1', '0001-01-01'), extreme('year 9999', '9999-12-31'), extreme('year 0', '0000-06-15'));
      }
      if (schema.format === 'date-time') {
        out.push(wrong('not a date-time', 'yesterday'), wrong('date only', '2026-12-15'));
        out.push(extreme('year 1', '0001-01-01T00:00:00Z'), extreme('year 9999', '9999-12-31T23:59:59+14:00'));
        out.push(extreme('year 0', '0000-06-15T12:00:00Z'));
      }
      if (schema.format === 'email') out.push(wrong('not an e-mail', 'not-an-email'));
      if (schema.pattern && !schema.format) out.push(wrong('against the pattern', '!! pas ça !!'));
      if ((schema.minLength ?? 0) > 0) out.push(wrong('too short', 'x'.repeat((schema.minLength ?? 1) - 1)));
      if (schema.maxLength !== undefined && schema.maxLength < 100_000)
        out.push(wrong('too long', 'x'.repeat(schema.maxLength + 1)));
      if (schema.maxLength === undefined) out.push(extreme('huge string', 'x'.repeat(200_000)));
      if (!schema.enum && !schema.format && !schema.pattern) {
        out.push(extreme('NUL character', NUL), extreme('blank', '   '), extreme('emoji and rtl', '🙂\u202ea\u0301'));
        if (schema.maxLength !== undefined && schema.maxLength < 100_000)
          out.push(extreme('longest allowed', 'é'.repeat(schema.maxLength)));
      }
      break;
    }
    case 'integer':
    case 'number': {
      out.push(wrong('string for a number', 'abc'), wrong('numeric string', '12'), wrong('boolean', true));
      out.push(wrong('array', [1]));
      if (schema.type === 'integer') out.push(wrong('fraction', 1.5));
      const low = typeof schema.minimum === 'number' ? schema.minimum : numberOr(schema.exclusiveMinimum);
      const high = typeof schema.maximum === 'number' ? schema.maximum : numberOr(schema.exclusiveMaximum);
      if (low !== undefined) out.push(wrong('below the minimum', low - 1), extreme('the minimum', low));
      else out.push(extreme('hugely negative', -1e308), extreme('minus one', -1));
      if (high !== undefined) out.push(wrong('above the maximum', high + 1), extreme('the maximum', high));
      else out.push(extreme('huge', 1e308), extreme('largest safe integer', Number.MAX_SAFE_INTEGER));
      break;
    }
    case 'boolean':
      out.push(wrong('string for a boolean', 'yes'), wrong('number for a boolean', 1));
      break;
    case 'array':
      out.push(wrong('string for an array', 'x'), wrong('object for an array', { 0: 'x' }));
      if ((schema.minItems ?? 0) > 0) out.push(wrong('too few items', []));
      else out.push(extreme('empty array', []));
      if (schema.maxItems !== undefined && schema.maxItems < 10_000) {
        const item = validValue(schema.items ?? {}, '', new Map());
        out.push(
          wrong(
            'too many items',
            Array.from({ length: schema.maxItems + 1 }, () => item),
          ),
        );
      }
      out.push(wrong('junk item', [{ nested: { junk: [null, {}] } }]));
      break;
    case 'object':
      out.push(wrong('string for an object', 'x'), wrong('array for an object', []));
      break;
  }
  return out;
}

/** Every field of a body schema with its path, one level of nesting into objects and array items. */
function fieldsOf(schema: JsonSchema, path: string[] = [], depth = 0): Array<{ path: string[]; schema: JsonSchema }> {
  const flat = flatten(schema);
  const fields: Array<{ path: string[]; schema: JsonSchema }> = [];
  for (const [key, child] of Object.entries(flat.properties ?? {})) {
    fields.push({ path: [...path, key], schema: child });
    const inner = flatten(child);
    if (depth < 2 && inner.type === 'object') fields.push(...fieldsOf(inner, [...path, key], depth + 1));
    const items = inner.type === 'array' && inner.items ? flatten(inner.items) : null;
    if (depth < 2 && items?.type === 'object') fields.push(...fieldsOf(items, [...path, key, '0'], depth + 1));
  }
  return fields;
}

function withValue(base: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  let target: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  target[path[path.length - 1] as string] = value;
  return copy;
}

// ---------------------------------------------------------------------------------------------
// The requests for one route.

interface Operation {
  method: string;
  path: string;
  pathParams: Array<{ name: string; schema: JsonSchema }>;
  queryParams: Array<{ name: string; schema: JsonSchema; required: boolean }>;
  body: JsonSchema | null;
  bodyType: string | null;
}

interface HostileRequest extends SentRequest {
  payload?: string;
  contentType?: string;
  /** The Idempotency-Key header; a fresh key by default on writes, so routes that require one go deeper. */
  idempotencyKey?: string;
}

const GARBAGE_SEGMENTS = [
  'x',
  '0',
  '-1',
  'null',
  '%00',
  'ab%00cd',
  '..%2F..%2Fetc%2Fpasswd',
  '..',
  '%E0%A4%A',
  '%F0%9F%99%82',
  "'%20or%201=1--",
  'x'.repeat(90),
  'x'.repeat(5000),
];
const QUERY_JUNK = [
  'abc',
  '-1',
  '1e999',
  '',
  '2026-13-45',
  '2026-02-30',
  '0000-01-01',
  '9999-12-31',
  '0001-01-01T00:00:00Z',
  'x'.repeat(3000),
  '%00',
  'true',
  '%5B%5D',
  '99999999999',
];

function hostileRequests(op: Operation, known: Map<string, string>, realParam: (name: string) => string | undefined) {
  const cases: HostileRequest[] = [];
  const json = (value: unknown) => JSON.stringify(value);
  const realPath = (override: Record<string, string> = {}) =>
    op.path.replace(/\{(\w+)\}/g, (_all, name: string) => {
      const schema = op.pathParams.find((param) => param.name === name)?.schema ?? {};
      return override[name] ?? encodeURIComponent(realParam(name) ?? String(validValue(schema, name, known)));
    });
  const validQuery = () =>
    op.queryParams
      .filter((param) => param.required)
      .map((param) => `${param.name}=${encodeURIComponent(String(validValue(param.schema, param.name, known)))}`);
  const url = (path: string, query: string[] = validQuery()) => (query.length ? `${path}?${query.join('&')}` : path);
  const hasBody = op.method !== 'GET' && op.method !== 'DELETE';
  const base = op.body ? validValue(op.body, '', known) : undefined;
  const minimal = op.body ? validValue(op.body, '', known, true) : undefined;
  const basePayload = () =>
    hasBody && op.body ? { payload: op.bodyType === 'application/json' ? json(base) : String(base) } : {};
  const bodyType = op.bodyType ?? 'application/json';

  // First the request as a client would send it (real records, valid query and body): the baseline
  // the hostile ones differ from, never sampled away.
  cases.push({
    method: op.method,
    url: url(realPath()),
    label: 'the valid request',
    contentType: bodyType,
    ...basePayload(),
  });
  if (hasBody && op.body && op.bodyType === 'application/json') {
    const payload = json(minimal);
    cases.push({
      method: op.method,
      url: url(realPath()),
      label: 'only the required fields',
      contentType: bodyType,
      payload,
    });
  }
  // Path parameters: garbage in one at a time, the others real.
  for (const param of op.pathParams) {
    for (const garbage of [...GARBAGE_SEGMENTS, randomUUID()]) {
      cases.push({
        method: op.method,
        url: url(realPath({ [param.name]: garbage })),
        label: `params.${param.name}=${garbage.slice(0, 20)}`,
        contentType: bodyType,
        ...basePayload(),
      });
    }
  }
  // Query strings: wrong types, duplicates, unknown and prototype-polluting keys.
  const path = realPath();
  for (const param of op.queryParams) {
    for (const junk of QUERY_JUNK) {
      const others = validQuery().filter((pair) => !pair.startsWith(`${param.name}=`));
      cases.push({
        method: op.method,
        url: url(path, [...others, `${param.name}=${junk}`]),
        label: `query.${param.name}=${junk.slice(0, 20)}`,
        contentType: bodyType,
        ...basePayload(),
      });
    }
    cases.push({
      method: op.method,
      url: url(path, [...validQuery(), `${param.name}=1`, `${param.name}=2`]),
      label: `query.${param.name} twice`,
      contentType: bodyType,
      ...basePayload(),
    });
  }
  for (const extra of ['zzz=1', '__proto__[x]=1', 'constructor=1', 'a[b][c]=1']) {
    cases.push({
      method: op.method,
      url: url(path, [...validQuery(), extra]),
      label: `unknown query ${extra}`,
      contentType: bodyType,
      ...basePayload(),
    });
  }
  if (!hasBody) return cases;

  // Bodies: malformed, of the wrong shape, then one field at a time.
  const target = url(path);
  const send = (label: string, payload: string | undefined, contentType?: string, field?: string) =>
    cases.push({ method: op.method, url: target, label, payload, contentType, field });
  send('no body', undefined);
  for (const key of ['', 'é-non-ascii', 'k'.repeat(300), 'with space']) {
    cases.push({
      method: op.method,
      url: target,
      label: `idempotency-key ${key.slice(0, 12)}`,
      payload: basePayload().payload,
      contentType: bodyType,
      idempotencyKey: key,
    });
  }
  send('empty JSON body', '', 'application/json');
  send('malformed JSON', '{"a":', 'application/json', 'body');
  send('text/plain body', 'hello', 'text/plain');
  send('form body', 'a=1&b=2', 'application/x-www-form-urlencoded');
  send('xml body', '<a>1</a>', 'application/xml');
  send('broken multipart', '--x\r\nContent-Disposition: form-data; name="f"\r\n\r\nabc', 'multipart/form-data');
  for (const [label, value] of [
    ['null body', null],
    ['array body', [1, 'a', null]],
    ['string body', 'hello'],
    ['number body', 42],
    ['boolean body', true],
    ['nested junk', { a: { b: { c: [{ d: [null, {}, []] }] } } }],
    ['prototype pollution', JSON.parse('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}')],
    ['huge string body', 'x'.repeat(300_000)],
  ] as Array<[string, unknown]>) {
    send(
      label,
      json(value),
      'application/json',
      op.body?.type === 'object' && label !== 'nested junk' ? 'body' : undefined,
    );
  }
  if (!op.body) {
    send('PDF header then junk', '%PDF-1.4\n\u0000junk', 'application/pdf');
    send('PNG of junk', '\u0089PNG junk', 'image/png');
  }
  if (op.body && op.bodyType !== 'application/json') {
    send('empty body of the declared type', '', op.bodyType ?? undefined);
    send('binary junk of the declared type', '\u0000\u00ff\u0001garbage,,,;;"', op.bodyType ?? undefined);
  }
  if (op.body && op.bodyType === 'application/json' && flatten(op.body).type === 'object') {
    send('empty object', '{}', 'application/json');
    send('unknown field', json({ ...(base as object), zzzUnknown: 1 }), 'application/json');
    for (const junk of fc.sample(fc.jsonValue({ maxDepth: 3 }), { seed: SEED, numRuns: 4 }))
      send('fast-check junk body', json(junk), 'application/json');
    for (const field of fieldsOf(op.body)) {
      const name = field.path.join('.');
      for (const mutation of mutationsOf(field.schema)) {
        send(
          `body.${name}: ${mutation.label}`,
          json(withValue(base, field.path, mutation.value)),
          'application/json',
          mutation.invalid ? `body.${name}` : undefined,
        );
      }
      // fast-check: arbitrary JSON where the field is, accepted or not, never a 500.
      send(
        `body.${name}: fast-check junk`,
        json(withValue(base, field.path, sampleOne(fc.jsonValue({ maxDepth: 2 })))),
        'application/json',
      );
    }
  }
  return cases;
}

/** Deterministic sample of at most `count` cases (mulberry32 on the fixed seed). */
function sampleCases<T>(cases: T[], count: number, seed: number): T[] {
  if (cases.length <= count) return cases;
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...cases];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, count);
}

// ---------------------------------------------------------------------------------------------

let t: TestApp;
const sessions = new Map<Role, LoggedIn>();
const known = new Map<string, string>();
const realBySegment = new Map<string, string>();

async function firstValue(table: string, column: string, where?: [string, string]): Promise<string | undefined> {
  try {
    // biome-ignore lint/suspicious/noExplicitAny: any table of the schema, for a sample row.
    let query = (t.database.db as any).selectFrom(table).select(column);
    if (where) query = query.where(where[0], '=', where[1]);
    const row = await query.limit(1).executeTakeFirst();
    return row ? String(row[column]) : undefined;
  } catch {
    return undefined;
  }
}

function operationsOf(document: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const op = raw as {
        parameters?: Array<{ in: string; name: string; required?: boolean; schema: JsonSchema }>;
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
      };
      const content = op.requestBody?.content ?? {};
      const bodyType = Object.keys(content)[0] ?? null;
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: (op.parameters ?? []).filter((p) => p.in === 'path'),
        queryParams: (op.parameters ?? [])
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema, required: p.required === true })),
        body: bodyType ? (content[bodyType]?.schema ?? null) : null,
        bodyType,
      });
    }
  }
  return operations;
}

async function send(request: HostileRequest, role: Role, retried = false): Promise<LightMyRequestResponse> {
  const session = sessions.get(role) as LoggedIn;
  const headers: Record<string, string> = { cookie: session.cookie, 'x-csrf-token': session.csrf };
  if (request.contentType && request.payload !== undefined) headers['content-type'] = request.contentType;
  if (request.method !== 'GET') headers['idempotency-key'] = request.idempotencyKey ?? randomUUID();
  const response = await t.app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers,
    payload: request.payload,
  });
  // A hostile request may have ended the session (DELETE /api/session): log in again and resend once.
  if (response.statusCode === 401 && !retried) {
    sessions.set(role, await login(t.app, logins[role]));
    return send(request, role, true);
  }
  return response;
}

/** Sends as each role in turn until one is not refused (403); checks every answer. */
async function sendAsFirstAllowedRole(request: HostileRequest) {
  const problems: string[] = [];
  let status = 0;
  for (const role of roles) {
    const response = await send(request, role);
    status = response.statusCode;
    problems.push(...problemsWith(response, { ...request, label: `${request.label} as ${role}` }));
    if (response.statusCode !== 403) return { problems, allowed: true, status };
  }
  return { problems, allowed: false, status };
}

const BROKEN = '/api/test-no-server-errors/broken/{id}';

beforeAll(async () => {
  t = await createTestApp({
    customers: 20,
    config: { loginRateLimitPerMinute: 1_000_000, logLevel: (process.env.NO500_LOG ?? 'silent') as 'silent' },
  });
  // A route that fails on its input, to prove the checker catches a 500.
  t.app.post('/api/test-no-server-errors/broken/:id', { schema: { hide: true } }, async (request) => {
    const body = request.body as { count: number };
    return { doubled: body.count.toFixed(2) };
  });
  for (const role of roles) sessions.set(role, await login(t.app, logins[role]));

  const ownCustomer = customerIdOf(0);
  const advisor = sessions.get('advisor') as LoggedIn;
  const opened = await t.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie: advisor.cookie, 'x-csrf-token': advisor.csrf },
    payload: { customerId: ownCustomer, type: 'fault_repair', channel: 'phone_in', summary: 'Box sans synchro' },
  });
  const ownCase = opened.json().id as string;
  const spare = await t.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie: advisor.cookie, 'x-csrf-token': advisor.csrf },
    payload: {
      customerId: ownCustomer,
      type: 'fault_repair',
      channel: 'phone_in',
      summary: 'Même panne',
      confirmNewCase: true,
    },
  });
  realBySegment.set('spare cases', spare.json().id as string);
  realBySegment.set('spare customers', customerIdOf(10));
  const value = async (table: string, column: string, where?: [string, string]) =>
    (await firstValue(table, column, where)) ?? '';
  const subscription = await value('subscriptions', 'id', ['customer_id', ownCustomer]);
  const segments: Record<string, string> = {
    customers: ownCustomer,
    cases: ownCase,
    bills: await value('bills', 'id', ['customer_id', ownCustomer]),
    users: sessions.get('advisor')?.user.id ?? randomUUID(),
    subscriptions: subscription,
    shops: 'NCY',
    devices: await value('shop_devices', 'serial'),
    appointments: await value('shop_appointments', 'id'),
    loans: await value('loans', 'id'),
    events: await value('community_events', 'id'),
    ideas: await value('ideas', 'id'),
    comments: await value('idea_comments', 'id'),
    reports: await value('abuse_reports', 'id'),
    'working-groups': await value('working_groups', 'id'),
    queues: await value('planning_queues', 'code'),
    sites: 'COL',
    scenarios: await value('planning_scenarios', 'id'),
    jobs: await value('planning_jobs', 'id'),
    schedules: await value('planning_schedules', 'id'),
    campaigns: await value('outreach_campaigns', 'id'),
    reservations: await value('outreach_reservations', 'id'),
    rewards: await value('loyalty_rewards', 'id'),
    goals: await value('loyalty_rewards', 'id'),
    disputes: await value('billing_disputes', 'id'),
    documents: await value('case_documents', 'id'),
    consents: 'marketing_sms',
  };
  for (const [segment, id] of Object.entries(segments)) if (id) realBySegment.set(segment, id);
  const fields: Record<string, string> = {
    customerId: ownCustomer,
    intoCustomerId: customerIdOf(1),
    toCustomerId: customerIdOf(1),
    subscriptionId: subscription,
    caseId: ownCase,
    intoCaseId: ownCase,
    ownerId: sessions.get('advisor')?.user.id ?? randomUUID(),
    siteId: sessions.get('advisor')?.user.site?.id ?? randomUUID(),
    shopCode: 'NCY',
    rewardId: segments.rewards as string,
    appointmentId: segments.appointments as string,
    itemId: await value('loan_items', 'id'),
    commentId: segments.comments as string,
    billLineId: await value('bill_lines', 'id'),
    chargeId: await value('third_party_charges', 'id'),
  };
  for (const [name, id] of Object.entries(fields)) if (id) known.set(name, id);
});
afterAll(() => t?.close());

/** The real value of a path parameter: the record named by the segment before it. */
function realParamFor(path: string) {
  return (name: string) => {
    const segments = path.split('/');
    const index = segments.indexOf(`{${name}}`);
    const before = segments[index - 1] ?? '';
    // A merge that succeeds makes its record disappear: merge a spare one, not the records the others use.
    if (path.endsWith('/merge')) return realBySegment.get(`spare ${before}`);
    return realBySegment.get(before);
  };
}

async function exercise(operations: Operation[]) {
  const problems: string[] = [];
  /** Routes that answered at least one request as some role without refusing it (403). */
  const exercised = new Set<string>();
  /** Routes that accepted at least one of the requests: the generated bodies do get past validation. */
  const succeeded = new Set<string>();
  let requests = 0;
  for (const [index, op] of operations.entries()) {
    const all = hostileRequests(op, known, realParamFor(op.path));
    const baselines = all.filter(
      (request) => request.label === 'the valid request' || request.label === 'only the required fields',
    );
    const hostile = all.filter((request) => !baselines.includes(request));
    const cases = [...baselines, ...sampleCases(hostile, MAX_CASES_PER_ROUTE, SEED + index)];
    for (const request of cases) {
      const result = await sendAsFirstAllowedRole(request);
      requests += 1;
      problems.push(...result.problems);
      if (result.allowed) exercised.add(`${op.method} ${op.path}`);
      if (result.status < 300) succeeded.add(`${op.method} ${op.path}`);
    }
  }
  return { problems, exercised, succeeded, requests };
}

describe('no server errors on bad input', () => {
  it('catches a route that answers bad input with a 500 (the checker is not vacuous)', async () => {
    const operations: Operation[] = [
      {
        method: 'POST',
        path: BROKEN,
        pathParams: [{ name: 'id', schema: { type: 'string', format: 'uuid' } }],
        queryParams: [],
        body: { type: 'object', properties: { count: { type: 'integer' } }, required: ['count'] },
        bodyType: 'application/json',
      },
    ];
    const { problems, exercised } = await exercise(operations);
    expect(exercised.has(`POST ${BROKEN}`)).toBe(true);
    // Its valid request passes; a null, an array or a string body breaks it.
    const serverErrors = problems.filter((problem) => problem.includes('server error'));
    expect(serverErrors.length).toBeGreaterThan(0);
    expect(serverErrors.every((problem) => problem.startsWith('POST /api/test-no-server-errors/broken/'))).toBe(true);
    expect(problems.some((problem) => problem.includes('[null body as admin] → 500'))).toBe(true);
    // And a 400 that does not name the field, or a 4xx that is not a problem, is caught too.
    const unnamed = { statusCode: 400, headers: { 'content-type': 'application/problem+json' }, body: '{}' };
    const asResponse = (fake: object) => ({ ...fake, json: () => ({}) }) as unknown as LightMyRequestResponse;
    const sent = { method: 'POST', url: '/x', label: 'fake', field: 'body.count' };
    expect(problemsWith(asResponse(unnamed), sent)).toHaveLength(1);
    const plain = { statusCode: 404, headers: { 'content-type': 'text/html' }, body: 'nope' };
    expect(problemsWith(asResponse(plain), sent)).toHaveLength(1);
  });

  // The 500s this test found, pinned one by one so they stay fixed whatever the sample.
  const regressions: Array<{
    name: string;
    role: Role;
    method: string;
    url: () => string;
    payload?: unknown;
    field: string;
  }> = [
    {
      name: 'a NUL character in a text field (PostgreSQL cannot store it)',
      role: 'subscriber',
      method: 'POST',
      url: () => '/api/ideas',
      payload: { title: 'Une idée\u0000', body: 'Le détail' },
      field: 'body.title',
    },
    {
      name: 'a NUL character in a path parameter',
      role: 'shop_staff',
      method: 'GET',
      url: () => '/api/devices/ab%00cd',
      field: 'params.serial',
    },
    {
      name: 'an event whose start is not a date-time (the start/end check ran on the raw text)',
      role: 'admin',
      method: 'POST',
      url: () => '/api/events',
      payload: {
        title: 'Atelier fibre',
        category: 'technical',
        startsAt: 'demain',
        endsAt: '2026-12-18T11:00:00Z',
        capacity: 10,
      },
      field: 'body.startsAt',
    },
    {
      name: 'a planning day that does not exist (2026-13-45)',
      role: 'planner',
      method: 'GET',
      url: () => '/api/planning/history?to=2026-13-45',
      field: 'query.to',
    },
    {
      name: 'a planning day in year 0, which PostgreSQL refuses',
      role: 'planner',
      method: 'GET',
      url: () => '/api/planning/achieved?from=0000-06-15&to=0000-07-01',
      field: 'query.from',
    },
    {
      name: 'a contact dated in year 1 (the Paris day before it is in year 0)',
      role: 'admin',
      method: 'POST',
      url: () => `/api/cases/${realBySegment.get('cases')}/interactions`,
      payload: { channel: 'phone_in', direction: 'inbound', summary: 'Appel', occurredAt: '0001-01-01T00:00:00Z' },
      field: 'body.occurredAt',
    },
    {
      name: 'a bill run for a month of a three-digit year',
      role: 'admin',
      method: 'POST',
      url: () => '/api/billing/runs',
      payload: { month: '0246-09' },
      field: 'body.month',
    },
    {
      name: 'a URL with broken percent-encoding',
      role: 'admin',
      method: 'GET',
      url: () => '/api/cases/%E0%A4%A',
      field: 'url',
    },
  ];
  for (const regression of regressions) {
    it(`answers ${regression.name} with a 4xx naming ${regression.field}`, async () => {
      const session = sessions.get(regression.role) as LoggedIn;
      const response = await t.app.inject({
        method: regression.method as 'GET',
        url: regression.url(),
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'idempotency-key': randomUUID() },
        ...(regression.payload === undefined ? {} : { payload: regression.payload as object }),
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors.map((error: { field: string }) => error.field)).toContain(regression.field);
    });
  }

  it('answers a path segment over 100 characters with a 414 problem', async () => {
    const session = sessions.get('admin') as LoggedIn;
    const response = await t.app.inject({ url: `/api/cases/${'x'.repeat(200)}`, headers: { cookie: session.cookie } });
    expect(response.statusCode).toBe(414);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([
      { field: 'url', message: 'has a path segment longer than 100 characters' },
    ]);
  });

  it('answers every route of the OpenAPI document with a 4xx problem, never a 500', { timeout: 240_000 }, async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const operations = operationsOf(document);
    const routeCount = Object.values(document.paths as Record<string, object>).reduce(
      (sum, methods) => sum + Object.keys(methods).length,
      0,
    );
    expect(routeCount).toBeGreaterThan(100);
    const { problems, exercised, succeeded, requests } = await exercise(operations);
    const unique = [...new Set(problems)];
    expect(unique, unique.join('\n')).toEqual([]);
    // Not vacuous: every route of the document was reached by some role, with many requests each, and
    // the generated requests are good enough that a large share of routes accepted one.
    const unreached = operations.map((op) => `${op.method} ${op.path}`).filter((name) => !exercised.has(name));
    expect(unreached).toEqual([]);
    expect(exercised.size).toBe(routeCount);
    expect(requests).toBeGreaterThan(routeCount * 20);
    expect(succeeded.size).toBeGreaterThan(routeCount * 0.4);
  });
});
