/** Starting Suivi: open the database, migrate, seed an empty demo, build the app, start the outbox worker. */
import type { FastifyInstance } from 'fastify';
import { startOutboxWorker } from '../outbox/worker.js';
import { transportsFromConfig } from '../outbox/transports-from-config.js';
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
  const clock = options.clock ?? systemClock;
  const app = await buildApp({ db: database.db, clock, config });
  const worker = config.outbox.workerEnabled ? startWorker(app, database, clock, config) : null;
  return {
    app,
    database,
    async close() {
      // The worker first: its current round finishes while the database is still open.
      await worker?.stop();
      await app.close();
      await database.close();
    },
  };
}

function startWorker(app: FastifyInstance, database: DatabaseHandle, clock: Clock, config: Config) {
  const log = app.log.child({ module: 'outbox' });
  const { transports, close } = transportsFromConfig(config.outbox, {
    db: database.db,
    clock,
    log: (line, details) => log.info(details, line),
  });
  const worker = startOutboxWorker({
    db: database.db,
    clock,
    config,
    transports,
    log: (level, message, details) => log[level](details ?? {}, message),
  });
  return {
    async stop() {
      await worker.stop();
      close();
    },
  };
}
