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
  findAttemptByKey,
  findCampaign,
  insertAttempt,
  knownTimeZones,
  lockCustomer,
  recordConsent,
  screenCallable,
  windowEnd,
} from './queries.js';
import { type CallDecision, DAY_MS, type OutreachPolicy, RULE_LABELS, decideCall, zonesOpenForCalls } from './rules.js';
import type { CallOutcome, ConsentPurpose, ConsentSource, OutreachAttemptsTable } from './tables.js';
import type { Selectable } from 'kysely';

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

export async function nextCallable(
  ctx: AppContext,
  policy: OutreachPolicy,
  input: { campaignId: string; limit: number; after: string | null; window?: number },
) {
  const campaign = await findCampaign(ctx.db, input.campaignId);
  if (!campaign) throw notFound('Campaign');
  const now = ctx.clock.now();
  if (campaign.closed_at) return { campaign, now, openZones: [] as string[], rows: [] };
  const zones = [policy.defaultTimeZone, ...(await knownTimeZones(ctx.db))];
  const openZones = zonesOpenForCalls(policy, zones, now);
  const rows: Awaited<ReturnType<typeof screenCallable>> = [];
  if (openZones.length === 0) return { campaign, now, openZones, rows };
  // Screen window after window of the customer key until the page is full or the customers run out.
  let after = input.after;
  for (;;) {
    const through = await windowEnd(ctx.db, after, input.window ?? screeningWindow(input.limit));
    const found = await screenCallable(ctx.db, {
      purpose: campaign.purpose,
      openZones,
      defaultZone: policy.defaultTimeZone,
      now,
      capFrom: new Date(now.getTime() - policy.attemptWindowDays * DAY_MS),
      maxAttempts: policy.maxAttempts,
      cooldownFrom: new Date(now.getTime() - policy.refusalCooldownDays * DAY_MS),
      consentRequired: now.getTime() >= policy.consentRequiredFrom.getTime(),
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
