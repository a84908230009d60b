/**
 * Plain, ordered SQL migrations from /migrations, applied at start and by `suivi db migrate`.
 * Each file runs in its own transaction together with its bookkeeping row, so a crash leaves
 * either the whole file applied or none of it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { DatabaseHandle } from './database.js';

export const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), '../../../migrations');

export function listMigrations(dir = migrationsDir): Array<{ name: string; sqlText: string }> {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ name: file.replace(/\.sql$/, ''), sqlText: readFileSync(join(dir, file), 'utf8') }));
}

export async function migrate(handle: DatabaseHandle, dir = migrationsDir): Promise<string[]> {
  await handle.execScript(
    'create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())',
  );
  const applied = await sql<{ name: string }>`select name from schema_migrations`.execute(handle.db);
  const done = new Set(applied.rows.map((row) => row.name));
  const newlyApplied: string[] = [];
  for (const migration of listMigrations(dir)) {
    if (done.has(migration.name)) continue;
    // Several app servers starting together should leave migrations to `suivi db migrate`.
    await handle.execScript(
      `begin;\n${migration.sqlText}\n;insert into schema_migrations (name) values ('${migration.name}') on conflict do nothing;\ncommit;`,
    );
    newlyApplied.push(migration.name);
  }
  return newlyApplied;
}
