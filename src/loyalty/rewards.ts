/**
 * Rewards catalogue use cases: create a reward with its thresholds per tier, schedule a threshold
 * change (an increase only after notice, every member of the tier told on their preferred channel,
 * members close to the old threshold or with a goal protected), and the member's loyalty view.
 */
import { toLocalDate } from '../calendar/index.js';
import type { AuthUser } from '../identity/queries.js';
import type { AppContext } from '../platform/http/context.js';
import { HttpProblem, notFound } from '../platform/http/problem.js';
import {
  type LoyaltyPolicy,
  applicableThreshold,
  earliestIncreaseOn,
  expirySchedule,
  planThresholdChange,
} from './ledger.js';
import {
  countMembers,
  enqueueThresholdNotices,
  findReward,
  goalsOf,
  insertReward,
  insertThreshold,
  lotsOf,
  memberAccount,
  protectMembers,
  protectedCounts,
  protectionsOf,
  rewards,
  thresholds,
} from './queries.js';
import { type Tier, tiers } from './tables.js';

const frDate = (date: string) => date.split('-').reverse().join('/');

export async function createReward(
  ctx: AppContext,
  user: AuthUser,
  input: { code: string; nameFr: string; nameEn: string; thresholds: Partial<Record<Tier, number>> },
) {
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const reward = await insertReward(trx, input);
      for (const tier of tiers) {
        const points = input.thresholds[tier];
        if (points === undefined) continue;
        await insertThreshold(trx, {
          rewardId: reward.id,
          tier,
          points,
          effectiveFrom: now,
          announcedAt: now,
          userId: user.id,
          previousPoints: null,
          protectionUntil: null,
          reason: null,
        });
      }
      return reward;
    });
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505') {
      throw new HttpProblem(409, 'Conflict', `A reward with code ${input.code} exists.`, [
        { field: 'body.code', message: 'is already used by another reward' },
      ]);
    }
    throw error;
  }
}

export async function scheduleThresholdChange(
  ctx: AppContext,
  policy: LoyaltyPolicy,
  user: AuthUser,
  input: {
    rewardId: string;
    tier: Tier;
    points: number;
    effectiveOn?: string;
    protectionUntil?: string;
    reason: string;
  },
) {
  const reward = await findReward(ctx.db, input.rewardId);
  if (!reward) throw notFound('Reward');
  const now = ctx.clock.now();
  return ctx.db
    .transaction()
    .execute(async (trx) => {
      const schedule = await thresholds(trx, [reward.id], input.tier);
      const current = applicableThreshold(
        schedule.map((row) => ({
          id: row.id,
          points: row.points,
          effectiveFrom: row.effective_from,
          previousPoints: row.previous_points,
          protectionUntil: row.protection_until,
        })),
        [],
        now,
      );
      if (!current) {
        throw new HttpProblem(
          409,
          'No threshold',
          `The reward has no threshold for tier ${input.tier}; create it first.`,
        );
      }
      if (current.upcoming.length > 0) {
        throw new HttpProblem(409, 'Change already announced', 'A change of this threshold is already announced.', [
          { field: 'body.tier', message: 'already has an announced change' },
        ]);
      }
      const plan = planThresholdChange(policy, {
        currentPoints: current.published,
        newPoints: input.points,
        effectiveOn: input.effectiveOn,
        protectionUntilOn: input.protectionUntil,
        now,
      });
      if (!plan.ok) {
        throw new HttpProblem(400, 'Invalid request', `${plan.error.field}: ${plan.error.message}`, [plan.error]);
      }
      const change = await insertThreshold(trx, {
        rewardId: reward.id,
        tier: input.tier,
        points: input.points,
        effectiveFrom: plan.effectiveFrom,
        announcedAt: now,
        userId: user.id,
        previousPoints: current.published,
        protectionUntil: plan.protectionUntil,
        reason: input.reason,
      });
      let protectedMembers = 0;
      if (plan.increase && plan.protectionUntil) {
        protectedMembers = await protectMembers(trx, {
          thresholdId: change.id,
          rewardId: reward.id,
          tier: input.tier,
          oldPoints: current.published,
          distance: policy.protectionDistance,
          until: plan.protectionUntil,
          at: now,
        });
      }
      const protectionOn = plan.protectionUntil
        ? toLocalDate(new Date(plan.protectionUntil.getTime() - 1), policy.timeZone)
        : null;
      const verbFr = plan.increase ? 'passe' : 'baisse et passe';
      const verbEn = plan.increase ? 'rises' : 'drops';
      const notified = await enqueueThresholdNotices(trx, {
        thresholdId: change.id,
        rewardId: reward.id,
        tier: input.tier,
        subjectFr: `Programme fidélité : ${reward.name_fr} à ${input.points} points à partir du ${frDate(plan.effectiveOn)}`,
        subjectEn: `Loyalty programme: ${reward.name_en} at ${input.points} points from ${plan.effectiveOn}`,
        bodyFr:
          `Bonjour,\n\nLe nombre de points nécessaire pour « ${reward.name_fr} » ${verbFr} de ${current.published} à ${input.points} ` +
          `le ${frDate(plan.effectiveOn)}. Motif : ${input.reason}.\n` +
          (plan.increase ? `Jusqu'à cette date, ce cadeau reste à ${current.published} points.\n` : ''),
        bodyEn:
          `Hello,\n\nThe points needed for "${reward.name_en}" ${verbEn} from ${current.published} to ${input.points} ` +
          `on ${plan.effectiveOn}. Reason: ${input.reason}.\n` +
          (plan.increase ? `Until then, this reward stays at ${current.published} points.\n` : ''),
        protectedFr: protectionOn
          ? `\nBonne nouvelle : vous êtes proche du seuil ou vous nous avez indiqué cet objectif. Pour vous, il reste à ${current.published} points jusqu'au ${frDate(protectionOn)} inclus.\n`
          : '',
        protectedEn: protectionOn
          ? `\nGood news: you are close to the threshold or told us it is your goal. For you it stays at ${current.published} points until ${protectionOn} inclusive.\n`
          : '',
        at: now,
      });
      return {
        change,
        previousPoints: current.published,
        increase: plan.increase,
        effectiveOn: plan.effectiveOn,
        membersInTier: await countMembers(trx, input.tier),
        notified,
        protectedMembers,
      };
    })
    .catch((error: unknown) => {
      // Two changes of one threshold starting at the same instant (a double click).
      if ((error as { code?: unknown }).code === '23505') {
        throw new HttpProblem(409, 'Change already announced', 'A change of this threshold starts at that instant.', [
          { field: 'body.effectiveOn', message: 'already has a change starting then' },
        ]);
      }
      throw error;
    });
}

/**
 * The catalogue: each reward's threshold per tier in force and the changes announced (with the
 * previous threshold, the reason and, for those who manage the programme, how many members keep the
 * old one), plus the notice rule: the earliest day an increase announced now may take effect.
 */
export async function catalogue(ctx: AppContext, policy: LoyaltyPolicy, options: { withCounts: boolean }) {
  const list = await rewards(ctx.db);
  const schedule = await thresholds(
    ctx.db,
    list.map((reward) => reward.id),
  );
  const now = ctx.clock.now();
  const upcoming = schedule.filter((row) => row.effective_from.getTime() > now.getTime());
  const counts = options.withCounts
    ? await protectedCounts(
        ctx.db,
        upcoming.map((row) => row.id),
      )
    : null;
  return {
    notice: {
      months: policy.noticeMonths,
      earliestIncreaseOn: earliestIncreaseOn(policy, now),
      protectionMonths: policy.protectionMonths,
      protectionDistancePoints: policy.protectionDistance,
    },
    items: list.map((reward) => ({
      id: reward.id,
      code: reward.code,
      name: { fr: reward.name_fr, en: reward.name_en },
      thresholds: tiers.map((tier) => {
        const rows = schedule.filter((row) => row.reward_id === reward.id && row.tier === tier);
        const applicable = applicableThreshold(
          rows.map((row) => ({
            id: row.id,
            points: row.points,
            effectiveFrom: row.effective_from,
            previousPoints: row.previous_points,
            protectionUntil: row.protection_until,
          })),
          [],
          now,
        );
        return {
          tier,
          points: applicable?.published ?? null,
          announced: rows
            .filter((row) => row.effective_from.getTime() > now.getTime())
            .map((row) => ({
              id: row.id,
              ...presentUpcoming({
                points: row.points,
                effectiveFrom: row.effective_from,
                protectionUntil: row.protection_until,
              }),
              previousPoints: row.previous_points,
              reason: row.reason,
              announcedAt: row.announced_at.toISOString(),
              ...(counts ? { protectedMembers: counts.get(row.id) ?? 0 } : {}),
            })),
        };
      }),
    })),
  };
}

const presentUpcoming = (u: { points: number; effectiveFrom: Date; protectionUntil: Date | null }) => ({
  points: u.points,
  effectiveFrom: u.effectiveFrom.toISOString(),
  protectionUntil: u.protectionUntil?.toISOString() ?? null,
});

/** What the member sees: balance, tier, coming expiries, and each reward with "N points away". */
export async function memberView(ctx: AppContext, policy: LoyaltyPolicy, customerId: string) {
  const now = ctx.clock.now();
  const member = await memberAccount(ctx.db, customerId);
  const list = await rewards(ctx.db);
  const tier: Tier = member?.tier ?? 'essentiel';
  const [schedule, protections, goals, lots] = await Promise.all([
    thresholds(
      ctx.db,
      list.map((r) => r.id),
      tier,
    ),
    protectionsOf(ctx.db, customerId),
    goalsOf(ctx.db, customerId),
    member ? lotsOf(ctx.db, member.id) : Promise.resolve({ lots: [], debited: 0 }),
  ]);
  const balance = member?.balance ?? 0;
  const today = toLocalDate(now, policy.timeZone);
  return {
    customerId,
    tier,
    balance,
    householdId: member?.household_id ?? null,
    memberSince: member?.joined_at.toISOString() ?? null,
    expiries: expirySchedule(lots.lots, lots.debited, today),
    rewards: list.map((reward) => {
      const applicable = applicableThreshold(
        schedule
          .filter((row) => row.reward_id === reward.id)
          .map((row) => ({
            id: row.id,
            points: row.points,
            effectiveFrom: row.effective_from,
            previousPoints: row.previous_points,
            protectionUntil: row.protection_until,
          })),
        protections
          .filter((p) => p.reward_id === reward.id)
          .map((p) => ({ thresholdId: p.threshold_id, points: p.points, protectedUntil: p.protected_until })),
        now,
      );
      const goal = goals.find((g) => g.reward_id === reward.id);
      // A protection granted for an announced, not yet effective, increase: shown with the announcement.
      const upcomingProtection = protections.find(
        (p) => p.reward_id === reward.id && p.protected_until.getTime() > now.getTime(),
      );
      return {
        id: reward.id,
        code: reward.code,
        name: { fr: reward.name_fr, en: reward.name_en },
        points: applicable?.points ?? null,
        publishedPoints: applicable?.published ?? null,
        pointsAway: applicable ? Math.max(0, applicable.points - balance) : null,
        protectedUntil: applicable?.protectedUntil?.toISOString() ?? null,
        goal: goal ? { announcedAt: goal.announced_at.toISOString() } : null,
        announced: (applicable?.upcoming ?? []).map((u) => ({
          ...presentUpcoming(u),
          youKeep:
            upcomingProtection && upcomingProtection.points < u.points
              ? { points: upcomingProtection.points, until: upcomingProtection.protected_until.toISOString() }
              : null,
        })),
      };
    }),
  };
}
