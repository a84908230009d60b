import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabaseForChildProcess, createTestDatabase } from '../../test/test-database.js';
import type { DatabaseHandle } from '../platform/db/database.js';
import { customerIdOf, demoCustomer } from './customers.js';
import { seedDemo, seededCustomerCount } from './seed.js';

async function consistency(handle: DatabaseHandle) {
  const { db } = handle;
  const count = async (table: 'customers' | 'accounts' | 'users') =>
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  const orphans = await db
    .selectFrom('customers')
    .leftJoin('accounts', 'accounts.customer_id', 'customers.id')
    .where('accounts.id', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const withoutLines = await db
    .selectFrom('customers')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('subscriptions').select('id').whereRef('subscriptions.customer_id', '=', 'customers.id'))),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    seeded: await seededCustomerCount(db),
    customers: await count('customers'),
    accounts: await count('accounts'),
    users: await count('users'),
    orphans: orphans.n,
    withoutLines: withoutLines.n,
  };
}

describe('demo seed', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle.close());

  it('seeds in batches, then extends without duplicates, every customer complete', async () => {
    const progress: number[] = [];
    const first = await seedDemo(handle.db, {
      customers: 25,
      batchSize: 10,
      onProgress: (done) => progress.push(done),
    });
    expect(first).toEqual({ customers: 25, added: 25 });
    expect(progress).toEqual([10, 20, 25]);
    const second = await seedDemo(handle.db, { customers: 40, batchSize: 10 });
    expect(second).toEqual({ customers: 40, added: 15 });
    const state = await consistency(handle);
    expect(state).toMatchObject({ seeded: 40, customers: 40, accounts: 40, orphans: 0, withoutLines: 0 });
    const again = await seedDemo(handle.db, { customers: 40 });
    expect(again.added).toBe(0);
  });

  it('is deterministic: customer N is the same person in every run', async () => {
    const stored = await handle.db
      .selectFrom('customers')
      .select(['id', 'reference', 'first_name', 'last_name', 'phone'])
      .where('reference', '=', 'CL-0000031')
      .executeTakeFirstOrThrow();
    const generated = demoCustomer(30).customer;
    expect(stored).toEqual({
      id: generated.id,
      reference: generated.reference,
      first_name: generated.first_name,
      last_name: generated.last_name,
      phone: generated.phone,
    });
  });

  it('creates the nine demo logins with argon2id hashes and staff at every site', async () => {
    const logins = await handle.db
      .selectFrom('users')
      .select(['email', 'password_hash'])
      .where('email', 'like', '%@demo.suivi')
      .execute();
    expect(logins.map((row) => row.email).sort()).toEqual(
      [
        'admin',
        'advisor',
        'complaints',
        'director',
        'planner',
        'shop',
        'subscriber',
        'supervisor',
        'vendor.advisor',
      ].map((name) => `${name}@demo.suivi`),
    );
    for (const row of logins) expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const sitesWithoutStaff = await handle.db
      .selectFrom('sites')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('users').select('id').whereRef('users.site_id', '=', 'sites.id'))),
      )
      .select('code')
      .execute();
    expect(sitesWithoutStaff).toEqual([]);
  });
});

describe('a seed killed with SIGKILL', () => {
  it('leaves a consistent database, and the next run carries on', async () => {
    const target = await createDatabaseForChildProcess();
    try {
      const child = spawn(
        process.execPath,
        ['bin/suivi.mjs', 'seed', '--customers', '100000', '--batch-size', '200', '--quiet'],
        {
          env: { ...process.env, ...target.env },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          // kill in the middle of the third batch's transaction
          if (output.includes('seeded 400/')) setTimeout(() => child.kill('SIGKILL'), 30);
        });
        child.on('exit', () => resolve());
        child.on('error', reject);
      });
      expect(child.signalCode).toBe('SIGKILL');
      const handle = await target.open();
      try {
        const state = await consistency(handle);
        expect(state.seeded).not.toBeNull();
        expect(state.customers).toBe(state.seeded);
        expect(state.accounts).toBe(state.customers);
        expect(state.orphans).toBe(0);
        expect(state.customers % 200).toBe(0);
        const resumed = await seedDemo(handle.db, { customers: (state.seeded ?? 0) + 50, batchSize: 200 });
        expect(resumed.added).toBe(50);
        expect((await consistency(handle)).customers).toBe((state.seeded ?? 0) + 50);
      } finally {
        await handle.close();
      }
    } finally {
      await target.dispose();
    }
  }, 90_000);
});

describe('demo stories', () => {
  it("tell Claire Martin's overdue line move, her repeated calls and her letter", async () => {
    const handle = await createTestDatabase();
    try {
      const now = new Date('2026-11-26T10:00:00Z');
      await seedDemo(handle.db, { customers: 30, stories: true, now });
      const claire = await handle.db
        .selectFrom('cases')
        .selectAll()
        .where('customer_id', '=', customerIdOf(0))
        .orderBy('opened_at')
        .execute();
      expect(claire.map((c) => c.type)).toEqual(['line_move', 'written_complaint']);
      const [lineMove] = claire;
      expect(lineMove?.flags).toContain('repeat_contact');
      const promise = await handle.db
        .selectFrom('case_promises')
        .select(['due_at', 'status'])
        .where('case_id', '=', lineMove?.id ?? '')
        .executeTakeFirstOrThrow();
      // promised ten business days after opening, 27 days ago: overdue today
      expect(promise.due_at.getTime()).toBeLessThan(now.getTime());
      const interactions = await handle.db
        .selectFrom('case_interactions')
        .select('id')
        .where('case_id', '=', lineMove?.id ?? '')
        .execute();
      expect(interactions).toHaveLength(3);
      const others = await handle.db
        .selectFrom('cases')
        .select('id')
        .where('customer_id', '!=', customerIdOf(0))
        .execute();
      expect(others.length).toBeGreaterThan(10);
    } finally {
      await handle.close();
    }
  });
});
