/**
 * With DATABASE_URL set, migrate one template database for the run; every test file clones it
 * (CREATE DATABASE … TEMPLATE), which is much faster than migrating per file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { databaseUrlFor, quoteIdent, withAdminClient } from './postgres-admin.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string | null;
    pgliteTemplate: string | null;
  }
}

export default async function setup(project: TestProject) {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    // initdb is the slow part of starting PGlite: do it once, migrate, and let files load the dump.
    const handle = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrate(handle);
    const dump = await handle.dumpDataDir?.();
    await handle.close();
    const dumpPath = join(mkdtempSync(join(tmpdir(), 'suivi-pglite-')), 'template.tar');
    if (dump) writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
    project.provide('templateDatabase', null);
    project.provide('pgliteTemplate', dump ? dumpPath : null);
    return () => rmSync(dirname(dumpPath), { recursive: true, force: true });
  }
  project.provide('pgliteTemplate', null);
  const template = `suivi_tpl_${process.pid}`;
  await withAdminClient(baseUrl, (client) => client.query(`create database ${quoteIdent(template)}`));
  const handle = await openDatabase({ kind: 'postgres', url: databaseUrlFor(baseUrl, template), poolSize: 1 });
  await migrate(handle);
  await handle.close();
  project.provide('templateDatabase', template);
  return async () => {
    await withAdminClient(baseUrl, async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        `select datname from pg_database where datname like $1 or datname = $2`,
        [`suivi_t_${process.pid}_%`, template],
      );
      for (const row of rows) await client.query(`drop database if exists ${quoteIdent(row.datname)} with (force)`);
    });
  };
}
