import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Database } from '../db/schema.js';

/** What every module's routes receive: the database, the clock and the configuration. */
export interface AppContext {
  db: Kysely<Database>;
  clock: Clock;
  config: Config;
}
