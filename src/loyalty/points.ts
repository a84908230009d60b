/**
 * Points use cases: earn, redeem, adjust, transfer within a household, expire. Every write is one
 * database transaction on the member's locked account; the database refuses an unbalanced entry or
 * a balance below zero whatever the code does; a repeated Idempotency-Key returns the first result.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { toLocalDate } from '../calendar/index.js';
import type { AuthUser } from '../identity/queries.js';
import type { Database } from '../platform/db/schema.js';
import type { AppContext } from '../platform/http/context.js';
import { HttpProblem, notFound } from '../platform/http/problem.js';
import { type LoyaltyPolicy, applicableThreshold, expiryDateFor, pointsToExpire } from './ledger.js';
import {
  ensureMember,
  findReward,
  findTransactionByKey,
  insertTransaction,
  lotsOf,
  memberAccount,
  membersWithExpiredLots,
  type NewPosting,
  type NewTransaction,
  protectionsOf,
  thresholds,
} from './queries.js';
import { OPERATOR_ACCOUNTS, type TransactionKind } from './tables.js';

type Db = Kysely<Database>;
type Member = NonNullable<Awaited<ReturnType<typeof memberAccount>>>;

const pgCode = (error: unknown) =>
  typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
const constraintOf = (error: unknown) =>
  typeof error === 'object' && error !== null
    ? String((error as { constraint?: unknown }).constraint ?? (error as { message?: unknown }).message ?? '')
    : '';

export const requestHash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

const notEnoughPoints = (field: string, detail: string) =>
  new HttpProblem(409, 'Not enough points', detail, [{ field, message: 'is more than the points available' }]);

const reusedKey = () =>
  new HttpProblem(422, 'Idempotency-Key reused', 'This Idempotency-Key was used for another request.', [
    { field: 'headers.idempotency-key', message: 'was used for a different request' },
  ]);

export interface PostResult {
  transactionId: string;
  replayed: boolean;
}

interface Write {
  customerId: string;
  author: AuthUser | null;
  idempotencyKey: string | null;
  /** What the request asked, for idempotency (same key + different request = 422). */
  request: unknown;
  /** The field named when the member lacks the points. */
  amountField: string;
  /** Other members to lock too (a transfer's recipient). */
  alsoLock?: string[];
  build: (trx: Db, members: Map<string, Member>) => Promise<{ tx: NewTransaction; postings: NewPosting[] }>;
}

/** Runs one ledger write: idempotency, member locks (in id order: no deadlock), the insert, error mapping. */
export async function postForMember(ctx: AppContext, write: Write): Promise<PostResult> {
  const hash = requestHash(write.request);
  const key = write.author && write.idempotencyKey ? write.idempotencyKey : null;
  const replay = async (): Promise<PostResult | null> => {
    if (!key || !write.author) return null;
    const previous = await findTransactionByKey(ctx.db, write.author.id, key);
    if (!previous) return null;
    if (previous.request_hash !== hash) throw reusedKey();
    return { transactionId: previous.id, replayed: true };
  };
  const first = await replay();
  if (first) return first;
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const ids = [...new Set([write.customerId, ...(write.alsoLock ?? [])])].sort();
      const members = new Map<string, Member>();
      for (const id of ids) {
        await ensureMember(trx, id);
        const member = await memberAccount(trx, id, true);
        if (!member) throw notFound('Member');
        members.set(id, member);
      }
      const { tx, postings } = await write.build(trx, members);
      const transactionId = await insertTransaction(
        trx,
        { ...tx, idempotencyKey: key, requestHash: key ? hash : null },
        postings,
      );
      return { transactionId, replayed: false };
    });
  } catch (error) {
    // A concurrent request with the same key committed first: answer with its result.
    if (pgCode(error) === '23505' && constraintOf(error).includes('loyalty_transactions_idempotency')) {
      const again = await replay();
      if (again) return again;
    }
    // The database's own guard (a concurrent spender got there first).
    if (pgCode(error) === '23514' && constraintOf(error).includes('loyalty_accounts')) {
      throw notEnoughPoints(write.amountField, 'The member does not have enough points for this.');
    }
    throw error;
  }
}

export async function earnPoints(
  ctx: AppContext,
  policy: LoyaltyPolicy,
  author: AuthUser,
  input: {
    customerId: string;
    kind: TransactionKind;
    points: number;
    description: string;
    idempotencyKey: string | null;
  },
) {
  return postForMember(ctx, {
    customerId: input.customerId,
    author,
    idempotencyKey: input.idempotencyKey,
    request: { op: 'earn', ...input, idempotencyKey: undefined },
    amountField: 'body.points',
    build: async (_trx, members) => {
      const member = members.get(input.customerId) as Member;
      const now = ctx.clock.now();
      return {
        tx: {
          kind: input.kind,
          customerId: input.customerId,
          occurredAt: now,
          description: input.description,
          authorUserId: author.id,
        },
        postings: [
          { accountId: member.id, amount: input.points, expiresOn: expiryDateFor(policy, now) },
          { accountId: OPERATOR_ACCOUNTS.earnings, amount: -input.points },
        ],
      };
    },
  });
}

export async function adjustPoints(
  ctx: AppContext,
  policy: LoyaltyPolicy,
  author: AuthUser,
  input: { customerId: string; points: number; reason: string; idempotencyKey: string | null },
) {
  return postForMember(ctx, {
    customerId: input.customerId,
    author,
    idempotencyKey: input.idempotencyKey,
    request: { op: 'adjust', ...input, idempotencyKey: undefined },
    amountField: 'body.points',
    build: async (_trx, members) => {
      const member = members.get(input.customerId) as Member;
      if (member.balance + input.points < 0) {
        throw notEnoughPoints(
          'body.points',
          `The member has ${member.balance} points; cannot remove ${-input.points}.`,
        );
      }
      const now = ctx.clock.now();
      return {
        tx: {
          kind: 'adjustment',
          customerId: input.customerId,
          occurredAt: now,
          description: input.points > 0 ? 'Geste commercial' : 'Correction',
          reason: input.reason,
          authorUserId: author.id,
        },
        postings: [
          {
            accountId: member.id,
            amount: input.points,
            expiresOn: input.points > 0 ? expiryDateFor(policy, now) : null,
          },
          { accountId: OPERATOR_ACCOUNTS.adjustments, amount: -input.points },
        ],
      };
    },
  });
}

export async function transferPoints(
  ctx: AppContext,
  policy: LoyaltyPolicy,
  author: AuthUser,
  input: { customerId: string; toCustomerId: string; points: number; idempotencyKey: string | null },
) {
  if (input.toCustomerId === input.customerId) {
    throw new HttpProblem(400, 'Invalid request', 'body.toCustomerId: must be another member of the household', [
      { field: 'body.toCustomerId', message: 'must be another member of the household' },
    ]);
  }
  return postForMember(ctx, {
    customerId: input.customerId,
    alsoLock: [input.toCustomerId],
    author,
    idempotencyKey: input.idempotencyKey,
    request: { op: 'transfer', ...input, idempotencyKey: undefined },
    amountField: 'body.points',
    build: async (_trx, members) => {
      const from = members.get(input.customerId) as Member;
      const to = members.get(input.toCustomerId) as Member;
      if (!from.household_id || from.household_id !== to.household_id) {
        throw new HttpProblem(422, 'Not the same household', 'Points move only between members of one household.', [
          { field: 'body.toCustomerId', message: 'is not a member of the same household' },
        ]);
      }
      if (from.balance < input.points) {
        throw notEnoughPoints('body.points', `The member has ${from.balance} points; cannot transfer ${input.points}.`);
      }
      const now = ctx.clock.now();
      return {
        tx: {
          kind: 'transfer',
          customerId: input.customerId,
          occurredAt: now,
          description: 'Transfert au sein du foyer',
          authorUserId: author.id,
        },
        postings: [
          { accountId: from.id, amount: -input.points },
          { accountId: to.id, amount: input.points, expiresOn: expiryDateFor(policy, now) },
        ],
      };
    },
  });
}

/** The threshold this member pays for a reward now (their tier; a protected older one if lower). */
export async function thresholdFor(db: Db, member: Member, rewardId: string, now: Date) {
  const [schedule, protections] = await Promise.all([
    thresholds(db, [rewardId], member.tier ?? 'essentiel'),
    member.customer_id ? protectionsOf(db, member.customer_id) : Promise.resolve([]),
  ]);
  return applicableThreshold(
    schedule.map((row) => ({
      id: row.id,
      points: row.points,
      effectiveFrom: row.effective_from,
      previousPoints: row.previous_points,
      protectionUntil: row.protection_until,
    })),
    protections
      .filter((p) => p.reward_id === rewardId)
      .map((p) => ({ thresholdId: p.threshold_id, points: p.points, protectedUntil: p.protected_until })),
    now,
  );
}

export async function redeemReward(
  ctx: AppContext,
  author: AuthUser,
  input: { customerId: string; rewardId: string; idempotencyKey: string | null },
) {
  const reward = await findReward(ctx.db, input.rewardId);
  if (!reward?.active) throw notFound('Reward');
  return postForMember(ctx, {
    customerId: input.customerId,
    author,
    idempotencyKey: input.idempotencyKey,
    request: { op: 'redeem', ...input, idempotencyKey: undefined },
    amountField: 'body.rewardId',
    build: async (trx, members) => {
      const member = members.get(input.customerId) as Member;
      const now = ctx.clock.now();
      const threshold = await thresholdFor(trx, member, reward.id, now);
      if (!threshold) throw new HttpProblem(409, 'Not available', 'This reward has no threshold for your tier yet.');
      if (member.balance < threshold.points) {
        throw notEnoughPoints(
          'body.rewardId',
          `${reward.name_fr} needs ${threshold.points} points; the member has ${member.balance}.`,
        );
      }
      return {
        tx: {
          kind: 'redemption',
          customerId: input.customerId,
          occurredAt: now,
          description: reward.name_fr,
          authorUserId: author.id,
          rewardId: reward.id,
          thresholdPoints: threshold.points,
          protectedThreshold: threshold.protectedUntil !== null,
        },
        postings: [
          { accountId: member.id, amount: -threshold.points },
          { accountId: OPERATOR_ACCOUNTS.redemptions, amount: threshold.points },
        ],
      };
    },
  });
}

/** Expires what is due for one member (idempotent: a rerun finds nothing more to expire). */
export async function expireMember(ctx: AppContext, customerId: string, today: string): Promise<number> {
  let expired = 0;
  await ctx.db.transaction().execute(async (trx) => {
    const member = await memberAccount(trx, customerId, true);
    if (!member) return;
    const { lots, debited } = await lotsOf(trx, member.id);
    expired = pointsToExpire(lots, debited, today);
    if (expired <= 0) return;
    await insertTransaction(
      trx,
      {
        kind: 'expiry',
        customerId,
        occurredAt: ctx.clock.now(),
        description: `Points arrivés à expiration au ${today}`,
        authorUserId: null,
      },
      [
        { accountId: member.id, amount: -expired },
        { accountId: OPERATOR_ACCOUNTS.expiries, amount: expired },
      ],
    );
  });
  return expired;
}

/** Expiry run over all members with lots past their date, in batches. */
export async function expirePoints(
  ctx: AppContext,
  policy: LoyaltyPolicy,
): Promise<{ members: number; points: number }> {
  const today = toLocalDate(ctx.clock.now(), policy.timeZone);
  let members = 0;
  let points = 0;
  for (;;) {
    const batch = await membersWithExpiredLots(ctx.db, today, 500);
    let progressed = false;
    for (const customerId of batch) {
      const expired = await expireMember(ctx, customerId, today);
      if (expired > 0) {
        progressed = true;
        members++;
        points += expired;
      }
    }
    // A batch with nothing expired (a concurrent run did it) ends the run instead of looping.
    if (batch.length === 0 || !progressed) break;
  }
  return { members, points };
}
