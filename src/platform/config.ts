/** Configuration from the environment, read once at start. Every number has a documented default. */
import { resolve } from 'node:path';
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
  };
}
