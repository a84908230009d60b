/**
 * Seeds the demo operator and N demo customers. The operator, the demo logins and the first
 * batch of customers are written in one transaction with the `seed_runs` row; every further
 * batch is its own transaction that also moves the row's count. A seed killed at any moment
 * therefore leaves a consistent database, and the next run carries on from the last batch.
 */
import { type Kysely, sql } from 'kysely';
import { hashPassword } from '../identity/passwords.js';
import { systemClock } from '../platform/clock.js';
import { bulkInsert } from '../platform/db/bulk-insert.js';
import type { Database } from '../platform/db/schema.js';
import { seedDemoBilling } from '../billing/demo.js';
import { customerIdOf, demoCustomer } from './customers.js';
import { seedPlanningDemo } from '../planning/demo.js';
import { seedDemoCases } from './demo-cases.js';
import { seedDemoLoyalty, seedLoyaltyStories } from '../loyalty/demo.js';
import { seedDemoShopDevices, seedShopsDemo } from '../shops/demo.js';
import { seedCommunityDemo } from '../community/demo.js';
import { DEMO_PASSWORD, demoLogins, demoSites, demoStaff } from './operator.js';
import { seededRandom, stableUuid } from './random.js';

export interface SeedOptions {
  customers: number;
  /** Customers per transaction; the first start uses one transaction for everything. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** Also write the demo case stories (first start and CLI; tests build their own cases). */
  stories?: boolean;
  /** "Now" for the stories' relative dates. */
  now?: Date;
  /**
   * Also write each customer's bills, points and consents (default true). Benchmarks that study
   * one module at operator scale seed bare customers and build their own data.
   */
  customerModules?: boolean;
}

// Rows per INSERT statement: large enough to amortise a round trip, small enough to stream.
const ROWS_PER_STATEMENT = 2000;

export async function seededCustomerCount(db: Kysely<Database>): Promise<number | null> {
  const row = await db.selectFrom('seed_runs').select('customers').where('name', '=', 'demo').executeTakeFirst();
  return row ? row.customers : null;
}

export async function seedDemo(
  db: Kysely<Database>,
  options: SeedOptions,
): Promise<{ customers: number; added: number }> {
  const target = Math.max(1, options.customers);
  const batchSize = options.batchSize ?? target;
  let done = await seededCustomerCount(db);
  const startedWith = done ?? 0;
  if (done === null) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const firstBatchEnd = Math.min(target, batchSize);
    await db.transaction().execute(async (trx) => {
      await insertOperator(trx);
      await seedShopsDemo(trx);
      await insertCustomers(trx, 0, firstBatchEnd, options.now ?? systemClock.now(), options.customerModules ?? true);
      await insertDemoLogins(trx, passwordHash);
      await seedCommunityDemo(trx, options.now ?? systemClock.now());
      if (options.stories) await seedDemoCases(trx, options.now ?? systemClock.now(), firstBatchEnd);
      if (options.stories) await seedLoyaltyStories(trx, options.now ?? systemClock.now(), firstBatchEnd);
      if (options.stories)
        await seedPlanningDemo(trx, options.now ?? systemClock.now(), stableUuid('user:planner@demo.suivi'));
      await trx
        .insertInto('seed_runs')
        .values({ name: 'demo', customers: firstBatchEnd, completed_at: new Date() })
        .execute();
    });
    done = firstBatchEnd;
    options.onProgress?.(done, target);
  }
  while (done < target) {
    const from = done;
    const to = Math.min(target, from + batchSize);
    await db.transaction().execute(async (trx) => {
      await insertCustomers(trx, from, to, options.now ?? systemClock.now(), options.customerModules ?? true);
      await trx
        .updateTable('seed_runs')
        .set({ customers: to, completed_at: new Date() })
        .where('name', '=', 'demo')
        .execute();
    });
    done = to;
    options.onProgress?.(done, target);
  }
  await sql`select setval('customer_reference_seq', ${Math.max(done, 1)})`.execute(db);
  return { customers: done, added: done - startedWith };
}

async function insertOperator(trx: Kysely<Database>) {
  await trx
    .insertInto('sites')
    .values(demoSites.map(({ advisors: _advisors, ...siteRow }) => siteRow))
    .execute();
  const staff = demoStaff(seededRandom(20120110));
  for (let start = 0; start < staff.length; start += ROWS_PER_STATEMENT) {
    await trx
      .insertInto('users')
      .values(staff.slice(start, start + ROWS_PER_STATEMENT))
      .execute();
  }
}

async function insertDemoLogins(trx: Kysely<Database>, passwordHash: string) {
  for (const login of demoLogins) {
    const id = stableUuid(`user:${login.email}`);
    if (login.role === 'subscriber') {
      await trx
        .insertInto('users')
        .values({
          id,
          email: login.email,
          display_name: login.displayName,
          role: 'subscriber',
          customer_id: customerIdOf(0),
          password_hash: passwordHash,
        })
        .execute();
    } else {
      await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
    }
  }
}

const customerColumns = {
  id: 'uuid',
  reference: 'text',
  civility: 'text',
  first_name: 'text',
  last_name: 'text',
  search_name: 'text',
  email: 'text',
  phone: 'text',
  address_line1: 'text',
  address_line2: 'text',
  postcode: 'text',
  city: 'text',
  preferred_channel: 'text',
  preferred_language: 'text',
  serving_site_id: 'uuid',
  created_at: 'timestamptz',
  updated_at: 'timestamptz',
} as const;
const accountColumns = {
  id: 'uuid',
  customer_id: 'uuid',
  reference: 'text',
  billing_method: 'text',
  created_at: 'timestamptz',
} as const;
const subscriptionColumns = {
  id: 'uuid',
  customer_id: 'uuid',
  account_id: 'uuid',
  reference: 'text',
  kind: 'text',
  plan: 'text',
  status: 'text',
  msisdn: 'text',
  line_number: 'text',
  service_address_line1: 'text',
  service_postcode: 'text',
  service_city: 'text',
  started_at: 'timestamptz',
  terminated_at: 'timestamptz',
} as const;

async function insertCustomers(trx: Kysely<Database>, from: number, to: number, now: Date, withModules: boolean) {
  for (let start = from; start < to; start += ROWS_PER_STATEMENT) {
    const end = Math.min(to, start + ROWS_PER_STATEMENT);
    const batch = Array.from({ length: end - start }, (_, offset) => demoCustomer(start + offset));
    await bulkInsert(
      trx,
      'customers',
      customerColumns,
      batch.map((entry) => entry.customer),
    );
    await bulkInsert(
      trx,
      'accounts',
      accountColumns,
      batch.map((entry) => entry.account),
    );
    await bulkInsert(
      trx,
      'subscriptions',
      subscriptionColumns,
      batch.flatMap((entry) => entry.subscriptions),
    );
    if (!withModules) continue;
    // A year of bills for the batch (src/billing/demo.ts), set-based.
    await seedDemoBilling(trx, { accountIds: batch.map((entry) => entry.account.id as string), now });
    // Points, tiers and consents for the batch (src/loyalty/demo.ts), set-based.
    await seedDemoLoyalty(trx, start, end, now);
    // A box installed on each fixed line (src/shops/demo.ts), set-based.
    await seedDemoShopDevices(trx, start, end);
  }
}
