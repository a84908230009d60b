/** A fresh, migrated database per test file: in-memory PGlite, or a clone on PostgreSQL. */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { databaseUrlFor, dropDatabaseWhenIdle, quoteIdent, withAdminClient } from './postgres-admin.js';

export async function createTestDatabase(): Promise<DatabaseHandle> {
  const baseUrl = process.env.DATABASE_URL;
  const template = inject('templateDatabase');
  if (!baseUrl || !template) {
    const templatePath = inject('pgliteTemplate');
    if (templatePath) {
      const { readFileSync } = await import('node:fs');
      return openDatabase({ kind: 'pglite', dataDir: null, template: new Blob([readFileSync(templatePath)]) });
    }
    const handle = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrate(handle);
    return handle;
  }
  const parentPid = template.replace('suivi_tpl_', '');
  const name = `suivi_t_${parentPid}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(baseUrl, (client) =>
    client.query(`create database ${quoteIdent(name)} template ${quoteIdent(template)}`),
  );
  const handle = await openDatabase({ kind: 'postgres', url: databaseUrlFor(baseUrl, name), poolSize: 4 });
  return {
    ...handle,
    async close() {
      await handle.close();
      await withAdminClient(baseUrl, (client) => dropDatabaseWhenIdle(client, name));
    },
  };
}

/**
 * An empty database that a child process can open through its environment (SUIVI_DATA_DIR
 * for PGlite, DATABASE_URL for PostgreSQL), for tests of the CLI and of crashes.
 */
export async function createDatabaseForChildProcess(): Promise<{
  env: Record<string, string>;
  open(): Promise<DatabaseHandle>;
  dispose(): Promise<void>;
}> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dataDir = mkdtempSync(join(tmpdir(), 'suivi-test-'));
    return {
      env: { SUIVI_DATA_DIR: dataDir },
      open: () => openDatabase({ kind: 'pglite', dataDir }),
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const template = inject('templateDatabase') ?? 'postgres';
  const name = `${template.replace('suivi_tpl_', 'suivi_t_')}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(baseUrl, (client) => client.query(`create database ${quoteIdent(name)}`));
  const url = databaseUrlFor(baseUrl, name);
  return {
    env: { DATABASE_URL: url },
    open: () => openDatabase({ kind: 'postgres', url, poolSize: 2 }),
    dispose: () => withAdminClient(baseUrl, (client) => dropDatabaseWhenIdle(client, name)),
  };
}
