import { loadConfig } from '../platform/config.js';
import { type DatabaseHandle, openDatabase } from '../platform/db/database.js';
import { migrate } from '../platform/db/migrate.js';

/** Opens the configured database (DATABASE_URL or the PGlite folder), migrated, for one command. */
export async function withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase(loadConfig().database);
  try {
    await migrate(handle);
    return await work(handle);
  } finally {
    await handle.close();
  }
}

/** Errors a person can act on: message on stderr, exit code 2 (usage) or 1 (failure). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
