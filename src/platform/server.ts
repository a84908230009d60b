/** Starting Suivi: open the database, migrate, seed an empty demo, build the app. */
import type { FastifyInstance } from 'fastify';
import { seedDemo, seededCustomerCount } from '../seed/seed.js';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import { type DatabaseHandle, openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { buildApp } from './http/app.js';

export interface Suivi {
  app: FastifyInstance;
  database: DatabaseHandle;
  close(): Promise<void>;
}

export async function startSuivi(
  config: Config,
  options: { clock?: Clock; database?: DatabaseHandle } = {},
): Promise<Suivi> {
  const database = options.database ?? (await openDatabase(config.database));
  await migrate(database);
  if (config.seedDemo && (await seededCustomerCount(database.db)) === null) {
    await seedDemo(database.db, {
      customers: config.demoCustomers,
      stories: true,
      now: (options.clock ?? systemClock).now(),
    });
  }
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
