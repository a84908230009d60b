/**
 * Opens the database: PGlite in a local folder by default, PostgreSQL when DATABASE_URL is set.
 * Both drivers return values the same way: int8 as number, numeric as string (exact),
 * date as 'YYYY-MM-DD', timestamptz as Date, json as parsed values.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PgliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

const asNumber = (text: string) => Number(text);
const asText = (text: string) => text;

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  readonly kind: DatabaseKind;
  readonly db: Kysely<Database>;
  /** Runs a script of several statements (migrations); no parameters allowed. */
  execScript(sqlText: string): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the data directory as a tarball, to start other databases from. */
  dumpDataDir?: () => Promise<Blob>;
}

export type DatabaseTarget =
  | {
      kind: 'pglite';
      dataDir: string | null /* null = in memory */;
      /** A dumped data directory to start from (tests: a migrated template, skipping initdb). */
      template?: Blob;
    }
  | { kind: 'postgres'; url: string; poolSize?: number };

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  return target.kind === 'postgres'
    ? openPostgres(target.url, target.poolSize ?? 10)
    : openPglite(target.dataDir, target.template);
}

async function openPglite(dataDir: string | null, template: Blob | undefined): Promise<DatabaseHandle> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite({
    dataDir: dataDir ?? undefined,
    loadDataDir: template,
    parsers: { [INT8]: asNumber, [NUMERIC]: asText, [DATE]: asText },
  });
  await pglite.waitReady;
  const dialect = new PgliteDialect(pglite);
  const db = new Kysely<Database>({ dialect });
  return {
    kind: 'pglite',
    db,
    execScript: (sqlText) => dialect.driver.execScript(sqlText),
    close: () => db.destroy(),
    dumpDataDir: () => pglite.dumpDataDir('none'),
  };
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const typeParsers: Record<number, (text: string) => unknown> = {
    [INT8]: asNumber,
    [NUMERIC]: asText,
    [DATE]: asText,
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        typeParsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client whose server connection ends (a restart, a failover) is dropped by the pool and
  // replaced at the next checkout; without a listener its 'error' event would end the process.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    async execScript(sqlText) {
      const client = await pool.connect();
      try {
        await client.query(sqlText);
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}
