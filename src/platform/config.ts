/** Configuration from the environment, read once at start. Every number has a documented default. */
import { join, resolve } from 'node:path';
import { type PromiseDelays, parsePromiseDelays } from '../cases/policy.js';
import type { DatabaseTarget } from './db/database.js';

export interface Config {
  port: number;
  host: string;
  database: DatabaseTarget;
  /** Seed the demo operator into an empty database at start. */
  seedDemo: boolean;
  demoCustomers: number;
  cookieSecure: boolean;
  sessionTtlHours: number;
  loginRateLimitPerMinute: number;
  logLevel: string;
  webDistDir: string;
  outbox: OutboxConfig;
  /** First-promise delays that differ from the case policy's defaults (CASE_PROMISE_DELAYS). */
  casePromiseDelays: PromiseDelays;
  /**
   * Address of the web app as customers reach it, e.g. https://suivi.example.fr (PUBLIC_URL), used in
   * the links of account e-mails; unset, the address the server listens on (fine on one machine).
   */
  publicUrl?: string | null;
  /** Lifetimes of the account links (activation and password reset); defaults when absent. */
  accountTokens?: AccountTokenConfig;
}

export interface AccountTokenConfig {
  /** An activation link (first password) works this many hours (ACTIVATION_TOKEN_TTL_HOURS, default 7 days). */
  activationTtlHours: number;
  /** A password-reset link works this many minutes (RESET_TOKEN_TTL_MINUTES, default 60). */
  resetTtlMinutes: number;
}

export const defaultAccountTokenConfig: AccountTokenConfig = { activationTtlHours: 7 * 24, resetTtlMinutes: 60 };

/** Customer messages: where they go and how the background worker sends them. */
export interface OutboxConfig {
  /** Run the sending worker in this process (turn off on app servers when a dedicated worker runs). */
  workerEnabled: boolean;
  /** SMTP server for e-mail, e.g. smtp://user:pass@mail.example:587; null = the in-app mailbox. */
  smtpUrl: string | null;
  /** From address of customer e-mail; its domain also names the Message-IDs. */
  mailFrom: string;
  /** Directory letters are written to for the print house; null = letters wait in the outbox. */
  printSpoolDir: string | null;
  /** How often the worker looks for due messages. */
  pollMs: number;
  /** How often the worker looks for broken promises. */
  brokenPromiseScanMs: number;
  /** Messages claimed per round. */
  batchSize: number;
  /** A claimed message is another worker's to take after this long (must exceed the send timeout). */
  leaseMs: number;
  /** After this many attempts a message is given up (status failed). */
  maxAttempts: number;
  /** First retry delay; each further retry waits twice as long, up to an hour. */
  retryBaseMs: number;
  /** A broken promise is replaced by one due this many business days later. */
  brokenPromiseExtraBusinessDays: number;
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function flagFrom(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new Error(`${name} must be true or false, got "${env[name]}"`);
}

export function databaseTargetFrom(env: NodeJS.ProcessEnv): DatabaseTarget {
  return env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL }
    : { kind: 'pglite', dataDir: resolve(env.SUIVI_DATA_DIR ?? './data') };
}

/** PRINT_SPOOL_DIR if set ("" turns printing off); on the embedded database, a folder beside its data. */
function printSpoolDirFrom(env: NodeJS.ProcessEnv): string | null {
  if (env.PRINT_SPOOL_DIR !== undefined) return env.PRINT_SPOOL_DIR === '' ? null : resolve(env.PRINT_SPOOL_DIR);
  const target = databaseTargetFrom(env);
  return target.kind === 'pglite' && target.dataDir ? join(target.dataDir, 'print-spool') : null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFrom(env, 'PORT', 3000),
    host: env.HOST ?? 'localhost',
    database: databaseTargetFrom(env),
    seedDemo: flagFrom(env, 'SUIVI_DEMO', true),
    demoCustomers: intFrom(env, 'SUIVI_DEMO_CUSTOMERS', 2000),
    cookieSecure: flagFrom(env, 'COOKIE_SECURE', true),
    sessionTtlHours: intFrom(env, 'SESSION_TTL_HOURS', 12),
    loginRateLimitPerMinute: intFrom(env, 'LOGIN_RATE_LIMIT', 10),
    logLevel: env.LOG_LEVEL ?? 'info',
    webDistDir: resolve(env.SUIVI_WEB_DIR ?? 'web/dist'),
    casePromiseDelays: parsePromiseDelays(env.CASE_PROMISE_DELAYS),
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : null,
    accountTokens: {
      activationTtlHours: intFrom(env, 'ACTIVATION_TOKEN_TTL_HOURS', defaultAccountTokenConfig.activationTtlHours),
      resetTtlMinutes: intFrom(env, 'RESET_TOKEN_TTL_MINUTES', defaultAccountTokenConfig.resetTtlMinutes),
    },
    outbox: {
      workerEnabled: flagFrom(env, 'OUTBOX_WORKER', true),
      smtpUrl: env.SMTP_URL || null,
      mailFrom: env.SMTP_FROM || 'Suivi <no-reply@suivi.local>',
      printSpoolDir: printSpoolDirFrom(env),
      pollMs: intFrom(env, 'OUTBOX_POLL_MS', 5_000),
      brokenPromiseScanMs: intFrom(env, 'BROKEN_PROMISE_SCAN_MS', 60_000),
      batchSize: intFrom(env, 'OUTBOX_BATCH_SIZE', 20),
      leaseMs: intFrom(env, 'OUTBOX_LEASE_MS', 120_000),
      maxAttempts: intFrom(env, 'OUTBOX_MAX_ATTEMPTS', 8),
      retryBaseMs: intFrom(env, 'OUTBOX_RETRY_BASE_MS', 30_000),
      brokenPromiseExtraBusinessDays: intFrom(env, 'BROKEN_PROMISE_EXTRA_BUSINESS_DAYS', 3),
    },
  };
}
