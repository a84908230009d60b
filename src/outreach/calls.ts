/**
 * Use cases of outreach: record a consent change, decide and record a call attempt, screen the
 * next callable customers of a campaign. Rules come from the pure engine in rules.ts.
 */
import { createHash } from 'node:crypto';
import type { AuthUser } from '../identity/queries.js';
import type { AppContext } from '../platform/http/context.js';
import { HttpProblem, notFound } from '../platform/http/problem.js';
import {
  callFacts,
  expireReservations,
  findAttemptByKey,
  findCampaign,
  findReservation,
  findReservationBatchByKey,
  heldReservation,
  insertAttempt,
  insertReservationBatch,
  insertReservations,
  knownTimeZones,
  lockCustomer,
  lockCustomersSkipLocked,
  recordConsent,
  releaseForAttempt,
  releaseReservations,
  reservationsOfBatch,
  screenCallable,
  setReservationResume,
  windowEnd,
} from './queries.js';
import { type CallDecision, DAY_MS, type OutreachPolicy, RULE_LABELS, decideCall, zonesOpenForCalls } from './rules.js';
import type { CallOutcome, CampaignPurpose, ConsentPurpose, ConsentSource, OutreachAttemptsTable } from './tables.js';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../platform/db/schema.js';

type Db = Kysely<Database>;

/** Customers screened per query (one window of the primary key): about twice the page, within bounds. */
export const screeningWindow = (limit: number) => Math.min(5_000, Math.max(200, limit * 2));

export const requestHash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** How far back call history matters: the longer of the cap window and the refusal cooldown. */
export const historyFrom = (policy: OutreachPolicy, now: Date) =>
  new Date(now.getTime() - Math.max(policy.attemptWindowDays, policy.refusalCooldownDays) * DAY_MS);

/** The decision for a marketing call to this customer now, from the database facts. */
export async function decideForCustomer(
  ctx: AppContext,
  policy: OutreachPolicy,
  customerId: string,
  contractOffer: boolean,
  db = ctx.db,
): Promise<CallDecision> {
  const now = ctx.clock.now();
  const facts = await callFacts(db, customerId, historyFrom(policy, now));
  return decideCall(policy, { ...facts, contractOffer }, now);
}

export type AttemptResult = {
  attempt: Selectable<OutreachAttemptsTable>;
  replayed: boolean;
};

export async function recordAttempt(
  ctx: AppContext,
  policy: OutreachPolicy,
  user: AuthUser,
  input: { campaignId: string; customerId: string; outcome: CallOutcome; idempotencyKey: string | null },
): Promise<AttemptResult> {
  const campaign = await findCampaign(ctx.db, input.campaignId);
  if (!campaign) throw notFound('Campaign');
  if (campaign.closed_at) throw new HttpProblem(409, 'Campaign closed', 'This campaign is closed; no more calls.');
  const hash = requestHash({ campaignId: input.campaignId, customerId: input.customerId, outcome: input.outcome });
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await lockCustomer(trx, input.customerId))) throw notFound('Customer');
    if (input.idempotencyKey) {
      const previous = await findAttemptByKey(trx, user.id, input.idempotencyKey);
      if (previous) {
        if (previous.request_hash !== hash) {
          throw new HttpProblem(422, 'Idempotency-Key reused', 'This Idempotency-Key was used for another attempt.', [
            { field: 'headers.idempotency-key', message: 'was used for a different attempt' },
          ]);
        }
        return { attempt: previous, replayed: true };
      }
    }
    const now = ctx.clock.now();
    // Another agent holds this customer: their call comes first (and would count against the cap).
    const held = await heldReservation(trx, input.customerId, now);
    if (held && held.reserved_by_user_id !== user.id) {
      throw new HttpProblem(
        409,
        'Customer reserved',
        `Another dialler agent holds this customer until ${held.lease_expires_at.toISOString()}.`,
        [{ field: 'body.customerId', message: 'is reserved by another dialler agent' }],
      );
    }
    const decision = await decideForCustomer(ctx, policy, input.customerId, campaign.purpose === 'contract_offer', trx);
    const attempt = await insertAttempt(trx, {
      campaignId: campaign.id,
      customerId: input.customerId,
      at: now,
      outcome: decision.allowed ? input.outcome : null,
      blockedRule: decision.allowed ? null : decision.rule,
      blockedReason: decision.allowed ? null : decision.message,
      userId: user.id,
      idempotencyKey: input.idempotencyKey,
      requestHash: hash,
    });
    await releaseForAttempt(trx, input.customerId, attempt.id, now);
    if (decision.allowed && input.outcome === 'objected') {
      // "Stop calling me": the withdrawal takes effect at once, for contract offers too.
      await recordConsent(trx, {
        customerId: input.customerId,
        purpose: 'marketing_phone',
        status: 'withdrawn',
        source: 'call',
        at: now,
        userId: user.id,
        evidence: `Objection during campaign "${campaign.name}" (attempt ${attempt.id})`,
      });
    }
    return { attempt, replayed: false };
  });
}

export function presentAttempt(attempt: Selectable<OutreachAttemptsTable>) {
  const rule = attempt.blocked_rule as keyof typeof RULE_LABELS | null;
  return {
    id: attempt.id,
    campaignId: attempt.campaign_id,
    customerId: attempt.customer_id,
    attemptedAt: attempt.attempted_at.toISOString(),
    status: attempt.status,
    outcome: attempt.outcome,
    ...(rule ? { rule, ruleLabel: RULE_LABELS[rule], reason: attempt.blocked_reason } : {}),
  };
}

/** The zones (the default and those on file) whose calling window is open at `now`. */
async function openZonesNow(db: Db, policy: OutreachPolicy, now: Date): Promise<string[]> {
  return zonesOpenForCalls(policy, [policy.defaultTimeZone, ...(await knownTimeZones(db))], now);
}

/** The rules of the screening query at `now`, from the policy (the same for listing and reserving). */
function screeningRules(policy: OutreachPolicy, purpose: CampaignPurpose, openZones: string[], now: Date) {
  return {
    purpose,
    openZones,
    defaultZone: policy.defaultTimeZone,
    now,
    capFrom: new Date(now.getTime() - policy.attemptWindowDays * DAY_MS),
    maxAttempts: policy.maxAttempts,
    cooldownFrom: new Date(now.getTime() - policy.refusalCooldownDays * DAY_MS),
    consentRequired: now.getTime() >= policy.consentRequiredFrom.getTime(),
  };
}

export async function nextCallable(
  ctx: AppContext,
  policy: OutreachPolicy,
  input: { campaignId: string; limit: number; after: string | null; window?: number },
) {
  const campaign = await findCampaign(ctx.db, input.campaignId);
  if (!campaign) throw notFound('Campaign');
  const now = ctx.clock.now();
  if (campaign.closed_at) return { campaign, now, openZones: [] as string[], rows: [] };
  const openZones = await openZonesNow(ctx.db, policy, now);
  const rows: Awaited<ReturnType<typeof screenCallable>> = [];
  if (openZones.length === 0) return { campaign, now, openZones, rows };
  // Screen window after window of the customer key until the page is full or the customers run out.
  let after = input.after;
  for (;;) {
    const through = await windowEnd(ctx.db, after, input.window ?? screeningWindow(input.limit));
    const found = await screenCallable(ctx.db, {
      ...screeningRules(policy, campaign.purpose, openZones, now),
      afterCustomerId: after,
      throughCustomerId: through,
      limit: input.limit - rows.length,
    });
    rows.push(...found);
    if (rows.length >= input.limit || through === null) break;
    after = through;
  }
  return { campaign, now, openZones, rows };
}

export async function changeConsent(
  ctx: AppContext,
  input: {
    customerId: string;
    purpose: ConsentPurpose;
    status: 'granted' | 'withdrawn';
    source: ConsentSource;
    userId: string;
    evidence: string | null;
  },
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await recordConsent(trx, { ...input, at: ctx.clock.now() });
  });
}

export type ReservationStatus = 'held' | 'attempt' | 'released' | 'expired';

/**
 * Reserves the next `count` compliant customers of a campaign for this dialler agent until the
 * lease ends. Every rule of the screening applies (consent, calling hours in the customer's zone,
 * cap counting attempts and held reservations, cooldown). Two simultaneous requests never get the
 * same customer: candidates are locked with SKIP LOCKED (taken by another request → skipped),
 * re-screened on what is committed once locked, and inserted under a unique index on the
 * customer's unreleased reservation. An Idempotency-Key replays the first result.
 */
export async function reserveCallable(
  ctx: AppContext,
  policy: OutreachPolicy,
  user: AuthUser,
  input: {
    campaignId: string;
    count: number;
    leaseSeconds: number | null;
    /** Go on after this customer (the previous response's cursor), to sweep the campaign; null: from the start. */
    after: string | null;
    idempotencyKey: string | null;
  },
) {
  const campaign = await findCampaign(ctx.db, input.campaignId);
  if (!campaign) throw notFound('Campaign');
  if (campaign.closed_at) throw new HttpProblem(409, 'Campaign closed', 'This campaign is closed; no more calls.');
  const leaseSeconds = input.leaseSeconds ?? policy.reservationLeaseSeconds;
  const hash = requestHash({ campaignId: input.campaignId, count: input.count, leaseSeconds, after: input.after });
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const openZones = await openZonesNow(trx, policy, now);
    const inserted = await insertReservationBatch(trx, {
      campaignId: campaign.id,
      userId: user.id,
      count: input.count,
      leaseSeconds,
      at: now,
      leaseExpiresAt: new Date(now.getTime() + leaseSeconds * 1000),
      idempotencyKey: input.idempotencyKey,
      requestHash: hash,
    });
    if (!inserted) {
      // The key was used before by this agent (insert skipped): replay, or refuse another request.
      const previous = input.idempotencyKey
        ? await findReservationBatchByKey(trx, user.id, input.idempotencyKey)
        : undefined;
      if (!previous) throw new Error('reservation batch neither inserted nor found');
      if (previous.request_hash !== hash) {
        throw new HttpProblem(422, 'Idempotency-Key reused', 'This Idempotency-Key was used for another reservation.', [
          { field: 'headers.idempotency-key', message: 'was used for a different reservation' },
        ]);
      }
      const items = await reservationsOfBatch(trx, previous.id, policy.defaultTimeZone);
      return { batch: previous, campaign, openZones, items, now, replayed: true };
    }
    let batch = inserted;
    if (openZones.length > 0) {
      const rules = screeningRules(policy, campaign.purpose, openZones, now);
      const window = screeningWindow(input.count);
      let reserved = 0;
      let after: string | null = input.after;
      while (reserved < input.count) {
        const wanted = input.count - reserved;
        const through = await windowEnd(trx, after, window);
        const candidates = await screenCallable(trx, {
          ...rules,
          afterCustomerId: after,
          throughCustomerId: through,
          limit: wanted,
        });
        const locked = await lockCustomersSkipLocked(
          trx,
          candidates.map((row) => row.id),
        );
        if (locked.length > 0) {
          // A new statement sees what other agents committed meanwhile: screen the locked ones again.
          const still = await screenCallable(trx, {
            ...rules,
            afterCustomerId: null,
            throughCustomerId: null,
            onlyCustomerIds: locked,
            limit: locked.length,
          });
          await expireReservations(
            trx,
            still.map((row) => row.id),
            now,
          );
          const taken = await insertReservations(
            trx,
            still.map((row) => ({
              batchId: batch.id,
              campaignId: campaign.id,
              customerId: row.id,
              userId: user.id,
              basis: row.basis,
              at: now,
              leaseExpiresAt: batch.lease_expires_at,
            })),
          );
          reserved += taken.length;
        }
        const last = candidates.at(-1);
        if (candidates.length === wanted && last) {
          after = last.id; // this window may hold more
        } else if (through === null) {
          after = null; // the end: the next request starts over
          break;
        } else after = through;
      }
      batch = await setReservationResume(trx, batch.id, after);
    }
    const items = await reservationsOfBatch(trx, batch.id, policy.defaultTimeZone);
    return { batch, campaign, openZones, items, now, replayed: false };
  });
}

export function reservationStatus(
  row: { released_at: Date | null; release_reason: string | null; lease_expires_at: Date },
  now: Date,
): ReservationStatus {
  if (row.released_at) return row.release_reason as ReservationStatus;
  return row.lease_expires_at.getTime() > now.getTime() ? 'held' : 'expired';
}

/** The agent gives back one live reservation (by id) or all of theirs in the campaign. */
export async function releaseReserved(
  ctx: AppContext,
  user: AuthUser,
  input: { campaignId: string; reservationId?: string },
): Promise<string[]> {
  const campaign = await findCampaign(ctx.db, input.campaignId);
  if (!campaign) throw notFound('Campaign');
  if (input.reservationId) {
    const reservation = await findReservation(ctx.db, input.reservationId);
    // Another agent's reservation is not theirs to release, nor to learn about.
    if (!reservation || reservation.campaign_id !== campaign.id || reservation.reserved_by_user_id !== user.id) {
      throw notFound('Reservation');
    }
  }
  return releaseReservations(ctx.db, {
    campaignId: campaign.id,
    userId: user.id,
    reservationId: input.reservationId,
    now: ctx.clock.now(),
  });
}
