/** The real app on a real database, seeded with a small demo operator, for API tests. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { type Clock, systemClock } from '../src/platform/clock.js';
import { type Config, loadConfig } from '../src/platform/config.js';
import type { DatabaseHandle } from '../src/platform/db/database.js';
import { buildApp } from '../src/platform/http/app.js';
import { seedDemo } from '../src/seed/seed.js';
import { createTestDatabase } from './test-database.js';

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  close(): Promise<void>;
}

export async function createTestApp(
  options: { customers?: number; config?: Partial<Config>; clock?: Clock } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  await seedDemo(database.db, { customers: options.customers ?? 60 });
  const config: Config = {
    ...loadConfig({}),
    logLevel: 'silent',
    loginRateLimitPerMinute: 1000,
    ...options.config,
  };
  const app = await buildApp({ db: database.db, clock: options.clock ?? systemClock, config });
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export interface LoggedIn {
  cookie: string;
  csrf: string;
  user: { id: string; role: string; customerId: string | null; site: { id: string; kind: string } | null };
}

export async function login(app: FastifyInstance, email: string, password = 'demo-suivi'): Promise<LoggedIn> {
  const response = await app.inject({ method: 'POST', url: '/api/session', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`login as ${email} failed: ${response.statusCode} ${response.body}`);
  return { ...cookiesOf(response), user: response.json().user };
}

export function cookiesOf(response: LightMyRequestResponse): { cookie: string; csrf: string } {
  const cookies = response.cookies as Array<{ name: string; value: string }>;
  const session = cookies.find((cookie) => cookie.name === 'suivi_session');
  const csrf = cookies.find((cookie) => cookie.name === 'csrf-token');
  if (!session || !csrf) throw new Error('login did not set both cookies');
  return { cookie: `suivi_session=${session.value}; csrf-token=${csrf.value}`, csrf: csrf.value };
}
