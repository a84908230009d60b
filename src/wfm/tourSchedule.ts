/**
 * Weekly tour scheduling with HiGHS: the best tours (shift + two days off)
 * and lunch slots for a week's requirement, as a roster of agents. Shortfall
 * is priced, never forbidden, so every instance has an answer: the best
 * partial schedule plus the intervals left short. If HiGHS returns no
 * solution within the time limit, a greedy roster (same lunch offset every
 * day) is returned instead.
 */

import { solver, integerColumns } from './highs.js';
import {
  type PreparedShift,
  prepareTours,
  type TourModel,
  type TourScheduleInput,
  toursToLp,
  weekInterval,
  workingDays,
} from './tours.js';

export interface RosteredAgent {
  shift: string;
  daysOff: [number, number];
  /** The 5 working days, each with its lunch start (offset from the shift start; null without lunch). */
  days: Array<{ day: number; lunchOffset: number | null }>;
}

export interface TourScheduleResult {
  method: 'optimal' | 'time-limited' | 'greedy';
  /** Tours used: shift, days off and how many agents work it. */
  tours: Array<{ shift: string; daysOff: [number, number]; count: number }>;
  agents: RosteredAgent[];
  /** Productive agents per interval of the week. */
  coverage: Int32Array;
  /** Intervals left short (day, interval within the day, interval of the week) and agents missing. */
  uncovered: Array<{ day: number; interval: number; intervalOfWeek: number; missing: number }>;
  tourCost: number;
  underCoverageAgentIntervals: number;
  objective: number;
  solveSeconds: number;
  size: { tourVariables: number; lunchVariables: number; coverageConstraints: number };
}

/** counts[s][p] tours; lunches[s][d] = lunch offsets (one per working agent) or undefined. */
interface Plan {
  counts: number[][];
  lunches: Array<Array<number[] | undefined>>;
}

function roster(model: TourModel, plan: Plan): RosteredAgent[] {
  const agents: RosteredAgent[] = [];
  model.shifts.forEach((s, i) => {
    const next = new Array<number>(7).fill(0); // next lunch slot to hand out, per day
    model.pairs.forEach((pair, p) => {
      for (let n = 0; n < (plan.counts[i]?.[p] ?? 0); n++) {
        const days = workingDays(pair).map((day) => {
          const slots = plan.lunches[i]?.[day];
          const offset = slots?.[next[day] as number] ?? slots?.[0] ?? s.lunchOffsets[0];
          next[day] = (next[day] as number) + 1;
          return { day, lunchOffset: offset ?? null };
        });
        agents.push({ shift: s.shift.name, daysOff: [pair[0], pair[1]], days });
      }
    });
  });
  return agents;
}

function agentCoverage(model: TourModel, shift: PreparedShift, agent: RosteredAgent, coverage: Int32Array): void {
  for (const { day, lunchOffset } of agent.days) {
    for (const k of shift.productive) {
      if (lunchOffset !== null && k >= lunchOffset && k < lunchOffset + shift.lunchLength) continue;
      const t = weekInterval(model, shift, day, k);
      coverage[t] = (coverage[t] as number) + 1;
    }
  }
}

function summarise(
  model: TourModel,
  plan: Plan,
  method: TourScheduleResult['method'],
  solveSeconds: number,
): TourScheduleResult {
  const agents = roster(model, plan);
  const byName = new Map(model.shifts.map((s) => [s.shift.name, s]));
  const coverage = new Int32Array(model.week);
  let tourCost = 0;
  for (const agent of agents) {
    const shift = byName.get(agent.shift) as PreparedShift;
    agentCoverage(model, shift, agent, coverage);
    tourCost += 5 * shift.shift.costPerDay;
  }
  const uncovered: TourScheduleResult['uncovered'] = [];
  let shortfall = 0;
  let penalty = 0;
  for (let t = 0; t < model.week; t++) {
    const missing = (model.required[t] as number) - (coverage[t] as number);
    if (missing <= 0) continue;
    const day = Math.floor(t / model.intervalsPerDay);
    uncovered.push({ day, interval: t - day * model.intervalsPerDay, intervalOfWeek: t, missing });
    shortfall += missing;
    penalty += missing * (model.penalty[t] as number);
  }
  const tours: TourScheduleResult['tours'] = [];
  model.shifts.forEach((s, i) => {
    model.pairs.forEach((pair, p) => {
      const count = plan.counts[i]?.[p] ?? 0;
      if (count > 0) tours.push({ shift: s.shift.name, daysOff: [pair[0], pair[1]], count });
    });
  });
  const lunchVariables = model.shifts.reduce((n, s) => n + 7 * s.lunchOffsets.length, 0);
  return {
    method,
    tours,
    agents,
    coverage,
    uncovered,
    tourCost,
    underCoverageAgentIntervals: shortfall,
    objective: tourCost + penalty,
    solveSeconds,
    size: {
      tourVariables: model.shifts.length * model.pairs.length,
      lunchVariables,
      coverageConstraints: model.required.filter((r) => r > 0).length,
    },
  };
}

/**
 * Greedy fallback over (shift, days off, lunch offset kept all week): add the
 * tour with the best net saving while one saves money and caps allow.
 */
export function greedyTours(input: TourScheduleInput, model: TourModel = prepareTours(input)): TourScheduleResult {
  const start = performance.now();
  const candidates: Array<{ i: number; p: number; offset: number | undefined; intervals: number[]; cost: number }> = [];
  model.shifts.forEach((s, i) => {
    const offsets: Array<number | undefined> = s.lunchOffsets.length > 0 ? s.lunchOffsets : [undefined];
    model.pairs.forEach((pair, p) => {
      for (const offset of offsets) {
        const intervals: number[] = [];
        for (const d of workingDays(pair)) {
          for (const k of s.productive) {
            if (offset === undefined || k < offset || k >= offset + s.lunchLength)
              intervals.push(weekInterval(model, s, d, k));
          }
        }
        candidates.push({ i, p, offset, intervals, cost: 5 * s.shift.costPerDay });
      }
    });
  });
  const plan: Plan = {
    counts: model.shifts.map(() => new Array<number>(model.pairs.length).fill(0)),
    lunches: model.shifts.map(() => Array.from({ length: 7 }, () => [] as number[])),
  };
  const perShift = new Array<number>(model.shifts.length).fill(0);
  const coverage = new Int32Array(model.week);
  for (let headcount = 0; input.maxAgents === undefined || headcount < input.maxAgents; headcount++) {
    let best: (typeof candidates)[number] | undefined;
    let bestSaving = 0;
    for (const c of candidates) {
      const cap = model.shifts[c.i]?.shift.maxCount;
      if (cap !== undefined && (perShift[c.i] as number) >= cap) continue;
      let saving = -c.cost;
      for (const t of c.intervals)
        if ((coverage[t] as number) < (model.required[t] as number)) saving += model.penalty[t] as number;
      if (saving > bestSaving) [best, bestSaving] = [c, saving];
    }
    if (!best) break;
    const row = plan.counts[best.i] as number[];
    row[best.p] = (row[best.p] as number) + 1;
    perShift[best.i] = (perShift[best.i] as number) + 1;
    for (const t of best.intervals) coverage[t] = (coverage[t] as number) + 1;
    if (best.offset !== undefined)
      for (const d of workingDays(model.pairs[best.p] as [number, number]))
        plan.lunches[best.i]?.[d]?.push(best.offset);
  }
  return summarise(model, plan, 'greedy', (performance.now() - start) / 1000);
}

/** Optimal (or best within the time limit) weekly tours with HiGHS. */
export async function scheduleTours(input: TourScheduleInput): Promise<TourScheduleResult> {
  const model = prepareTours(input);
  const lp = toursToLp(input, model);
  const highs = await solver();
  const start = performance.now();
  const solution = highs.solve(lp, {
    time_limit: input.timeLimitSeconds ?? 30,
    mip_rel_gap: input.mipGap ?? 1e-4,
    output_flag: false,
  });
  const seconds = (performance.now() - start) / 1000;
  const xNames = model.shifts.flatMap((_, i) => model.pairs.map((_, p) => `x${i}_${p}`));
  const parsed = integerColumns(solution, xNames);
  if (!parsed) {
    const fallback = greedyTours(input, model);
    return { ...fallback, solveSeconds: seconds + fallback.solveSeconds };
  }
  const columns = solution.Columns as Record<string, { Primal?: number } | undefined>;
  const plan: Plan = {
    counts: model.shifts.map((_, i) => model.pairs.map((_, p) => parsed.values.get(`x${i}_${p}`) ?? 0)),
    lunches: model.shifts.map((s, i) =>
      Array.from({ length: 7 }, (_, d) =>
        s.lunchOffsets.length === 0
          ? undefined
          : s.lunchOffsets.flatMap((o) =>
              new Array<number>(Math.max(0, Math.round(columns[`y${i}_${d}_${o}`]?.Primal ?? 0))).fill(o),
            ),
      ),
    ),
  };
  return summarise(model, plan, parsed.optimal ? 'optimal' : 'time-limited', seconds);
}
