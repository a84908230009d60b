/** A fresh, migrated database per test file: in-memory PGlite, or a clone on PostgreSQL. */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { databaseUrlFor, quoteIdent, withAdminClient } from './postgres-admin.js';

export async function createTestDatabase(): Promise<DatabaseHandle> {
  const baseUrl = process.env.DATABASE_URL;
  const template = inject('templateDatabase');
  if (!baseUrl || !template) {
    const handle = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrate(handle);
    return handle;
  }
  const parentPid = template.replace('suivi_tpl_', '');
  const name = `suivi_t_${parentPid}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(baseUrl, (client) => client.query(`create database ${quoteIdent(name)} template ${quoteIdent(template)}`));
  const handle = await openDatabase({ kind: 'postgres', url: databaseUrlFor(baseUrl, name), poolSize: 4 });
  return {
    ...handle,
    async close() {
      await handle.close();
      await withAdminClient(baseUrl, (client) => client.query(`drop database if exists ${quoteIdent(name)} with (force)`));
    },
  };
}
