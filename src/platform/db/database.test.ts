import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.js';
import type { DatabaseHandle } from './database.js';
import { listMigrations, migrate } from './migrate.js';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe(`database driver (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('returns int8 as number, numeric as exact string, date as YYYY-MM-DD, timestamptz as Date, jsonb parsed', async () => {
    const { rows } = await sql<{
      count: unknown;
      amount: unknown;
      day: unknown;
      at: unknown;
      doc: unknown;
    }>`select 9007199254740991::int8 as count, 1234.50::numeric(10,2) as amount, '2026-03-29'::date as day,
        '2026-03-29T01:30:00Z'::timestamptz as at, '{"x":[1,2]}'::jsonb as doc`.execute(handle.db);
    const row = rows[0];
    expect(row?.count).toBe(9007199254740991);
    expect(row?.amount).toBe('1234.50');
    expect(row?.day).toBe('2026-03-29');
    expect(row?.at).toBeInstanceOf(Date);
    expect((row?.at as Date | undefined)?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(row?.doc).toEqual({ x: [1, 2] });
  });

  it('has applied every migration once, and a second run applies nothing', async () => {
    const applied = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(handle.db);
    expect(applied.rows.map((row) => row.name)).toEqual(listMigrations().map((migration) => migration.name));
    expect(await migrate(handle)).toEqual([]);
  });

  it('rolls a transaction back whole when one statement fails', async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('sites')
          .values({
            code: 'TMP',
            name: 'Temp',
            kind: 'inhouse',
            vendor_name: null,
            city: 'X',
            country: 'FR',
            timezone: 'Europe/Paris',
            seats: 1,
          })
          .execute();
        await trx
          .insertInto('sites')
          .values({
            code: 'TMP',
            name: 'Dup',
            kind: 'inhouse',
            vendor_name: null,
            city: 'X',
            country: 'FR',
            timezone: 'Europe/Paris',
            seats: 1,
          })
          .execute();
      }),
    ).rejects.toThrow();
    const left = await handle.db.selectFrom('sites').select('code').where('code', '=', 'TMP').execute();
    expect(left).toEqual([]);
  });

  it('serialises concurrent transactions without losing an update', async () => {
    await handle.db
      .insertInto('sites')
      .values({
        code: 'CNT',
        name: 'Counter',
        kind: 'inhouse',
        vendor_name: null,
        city: 'X',
        country: 'FR',
        timezone: 'Europe/Paris',
        seats: 0,
      })
      .execute();
    await Promise.all(
      Array.from({ length: 20 }, () =>
        handle.db.transaction().execute(async (trx) => {
          const current = await trx
            .selectFrom('sites')
            .select('seats')
            .where('code', '=', 'CNT')
            .forUpdate()
            .executeTakeFirstOrThrow();
          await trx
            .updateTable('sites')
            .set({ seats: current.seats + 1 })
            .where('code', '=', 'CNT')
            .execute();
        }),
      ),
    );
    const final = await handle.db
      .selectFrom('sites')
      .select('seats')
      .where('code', '=', 'CNT')
      .executeTakeFirstOrThrow();
    expect(final.seats).toBe(20);
  });
});
