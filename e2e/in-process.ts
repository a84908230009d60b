/**
 * The whole product in the test's own process, so the test holds the clock: the real app on a
 * free port (web build included), the outbox worker sending e-mail to a real SMTP peer, a fresh
 * database seeded with the demo. Plus a small logged-in API client for steps the UI does not need.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type SmtpSink, startSmtpSink } from '../src/outbox/test-smtp-sink.js';
import { fixedClock } from '../src/platform/clock.js';
import { type Config, databaseTargetFrom } from '../src/platform/config.js';
import { type Suivi, startSuivi } from '../src/platform/server.js';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { createDatabaseForChildProcess } from '../test/test-database.js';
import { screenshots } from './product.js';

export interface InProcessSuivi {
  url: string;
  clock: ReturnType<typeof fixedClock>;
  smtp: SmtpSink;
  suivi: Suivi;
  stop(): Promise<void>;
}

export async function startInProcess(options: {
  demoCustomers: number;
  start: Date;
  /** Run the outbox worker (default); off, nothing is scanned or sent in the background: messages stay queued. */
  outboxWorker?: boolean;
}): Promise<InProcessSuivi> {
  mkdirSync(screenshots, { recursive: true });
  const clock = fixedClock(options.start);
  const smtp = await startSmtpSink();
  const target = await createDatabaseForChildProcess();
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    database: databaseTargetFrom(process.env),
    seedDemo: true,
    demoCustomers: options.demoCustomers,
    cookieSecure: false,
    sessionTtlHours: 12,
    loginRateLimitPerMinute: 1000,
    logLevel: 'silent',
    webDistDir: resolve('web/dist'),
    casePromiseDelays: {},
    outbox: {
      workerEnabled: options.outboxWorker ?? true,
      smtpUrl: smtp.url,
      mailFrom: 'Suivi <no-reply@suivi.test>',
      printSpoolDir: null,
      // Short rounds: a moved clock is acted on within a fraction of a second.
      pollMs: 200,
      brokenPromiseScanMs: 200,
      batchSize: 20,
      leaseMs: 120_000,
      maxAttempts: 8,
      retryBaseMs: 30_000,
      brokenPromiseExtraBusinessDays: 3,
    },
  };
  let suivi: Suivi | undefined;
  try {
    suivi = await startSuivi(config, { clock, database: await target.open() });
    const address = await suivi.app.listen({ port: 0, host: '127.0.0.1' });
    // Known only now (a free port): links in messages (activation, password reset) point here.
    config.publicUrl = address;
    const running = suivi;
    return {
      url: address,
      clock,
      smtp,
      suivi: running,
      async stop() {
        await running.close();
        await smtp.close();
        await target.dispose();
      },
    };
  } catch (error) {
    await suivi?.close().catch(() => undefined);
    await smtp.close();
    await target.dispose();
    throw error;
  }
}

export interface ApiSession {
  get<T>(path: string): Promise<{ status: number; body: T }>;
  post<T>(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
}

/** Logs in over HTTP like the web app does (session cookie + CSRF token) and calls the API. */
export async function apiSession(baseUrl: string, email: string): Promise<ApiSession> {
  const login = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo-suivi' }),
  });
  if (!login.ok) throw new Error(`login of ${email} answered ${login.status}`);
  const cookies = login.headers.getSetCookie().map((cookie) => cookie.split(';')[0] ?? '');
  const csrf = decodeURIComponent(cookies.find((cookie) => cookie.startsWith('csrf-token='))?.split('=')[1] ?? '');
  const cookie = cookies.join('; ');
  const call = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie,
        ...(body === undefined ? {} : { 'content-type': 'application/json', 'x-csrf-token': csrf }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body, headers) => call('POST', path, body, headers),
  };
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** A page in a new browser context whose clock is the product's test clock; close the context when done. */
export async function openPageAtTestTime(
  browser: Browser,
  product: InProcessSuivi,
  options: BrowserContextOptions = {},
) {
  const context = await browser.newContext({ viewport: DESKTOP, ...options });
  await context.clock.setFixedTime(product.clock.now());
  return { context, page: await context.newPage() };
}
