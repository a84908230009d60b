/**
 * Shift scheduling: how many agents to put on each shift template so that
 * coverage meets the per-interval requirement, at least cost.
 *
 *   minimise  sum_s cost_s x_s + sum_t penalty_t u_t
 *   s.t.      sum_{s covers t} x_s + u_t >= required_t   (u_t = agents missing in t)
 *             sum_s x_s <= maxAgents (optional), x_s <= maxCount_s, x integer
 *
 * The under-coverage variables make every instance feasible, so a planner
 * always gets the best partial schedule plus the intervals left short, never
 * a bare "infeasible". Solved with HiGHS (WebAssembly); if HiGHS returns no
 * solution within the time limit, a greedy schedule is returned instead.
 */

import { WfmInputError, requireNonNegative, requirePositive } from './errors.js';
import { num, solver, wrap } from './highs.js';

export interface ShiftTemplate {
  name: string;
  /** Horizon intervals in which an agent on this shift is productive (breaks excluded). */
  coveredIntervals: number[];
  /** Cost of one agent working this shift. */
  cost: number;
  maxCount?: number;
}

export interface ShiftPattern {
  horizonIntervals: number;
  /** Shift length in intervals, breaks included. */
  lengthIntervals: number;
  /** Offsets (from the shift start) of break intervals. */
  breakOffsets?: number[];
  /** Allowed starts: first, last (inclusive) and step, in horizon intervals. */
  firstStart: number;
  lastStart: number;
  startEvery: number;
  cost: number;
  namePrefix: string;
}

/** Expand a pattern (e.g. 8 h shifts starting every 30 min from 07:00 to 14:00) into templates. */
export function shiftTemplates(pattern: ShiftPattern): ShiftTemplate[] {
  requirePositive('startEvery', pattern.startEvery);
  requirePositive('lengthIntervals', pattern.lengthIntervals);
  const breaks = new Set(pattern.breakOffsets ?? []);
  const out: ShiftTemplate[] = [];
  for (let start = pattern.firstStart; start <= pattern.lastStart; start += pattern.startEvery) {
    const coveredIntervals: number[] = [];
    for (let k = 0; k < pattern.lengthIntervals; k++) {
      if (!breaks.has(k) && start + k < pattern.horizonIntervals) coveredIntervals.push(start + k);
    }
    out.push({ name: `${pattern.namePrefix}@${start}`, coveredIntervals, cost: pattern.cost });
  }
  return out;
}

export interface ScheduleInput {
  /** Agents required per interval (from staffing). */
  requiredAgents: ArrayLike<number>;
  templates: ShiftTemplate[];
  /** Cost of one agent missing for one interval (scalar or per interval). */
  underCoveragePenalty: number | ArrayLike<number>;
  /** Headcount available (total shifts). */
  maxAgents?: number;
  timeLimitSeconds?: number;
  /** Relative MIP gap at which to stop (default 1e-4). */
  mipGap?: number;
}

export interface ScheduleResult {
  method: 'optimal' | 'time-limited' | 'greedy';
  shifts: Array<{ name: string; count: number }>;
  coverage: Int32Array;
  /** Intervals left short, with how many agents are missing. */
  uncovered: Array<{ interval: number; missing: number }>;
  shiftCost: number;
  underCoverageAgentIntervals: number;
  objective: number;
  solveSeconds: number;
  size: { shiftVariables: number; coverageConstraints: number };
}

function validate(input: ScheduleInput): { required: Int32Array; penalty: Float64Array } {
  const n = input.requiredAgents.length;
  const required = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    required[t] = Math.ceil(requireNonNegative(`requiredAgents[${t}]`, input.requiredAgents[t] as number));
  }
  const penalty = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const p =
      typeof input.underCoveragePenalty === 'number'
        ? input.underCoveragePenalty
        : (input.underCoveragePenalty[t] as number);
    penalty[t] = requireNonNegative(
      typeof input.underCoveragePenalty === 'number' ? 'underCoveragePenalty' : `underCoveragePenalty[${t}]`,
      p,
    );
  }
  if (input.templates.length === 0) throw new WfmInputError('templates', 'needs at least one shift template');
  input.templates.forEach((s, i) => {
    requireNonNegative(`templates[${i}].cost`, s.cost);
    if (s.maxCount !== undefined) requireNonNegative(`templates[${i}].maxCount`, s.maxCount);
    for (const t of s.coveredIntervals) {
      if (!Number.isInteger(t) || t < 0 || t >= n)
        throw new WfmInputError(`templates[${i}].coveredIntervals`, `interval ${t} is outside 0..${n - 1}`);
    }
  });
  if (input.maxAgents !== undefined) requireNonNegative('maxAgents', input.maxAgents);
  return { required, penalty };
}

/** The model in CPLEX LP format. Shift s is x{s}; shortfall in interval t is u{t}. */
export function scheduleToLp(input: ScheduleInput): string {
  const { required, penalty } = validate(input);
  const coveredBy: number[][] = Array.from({ length: required.length }, () => []);
  input.templates.forEach((s, i) => {
    for (const t of s.coveredIntervals) coveredBy[t]?.push(i);
  });
  const objective: string[] = input.templates.map((s, i) => `${num(s.cost)} x${i}`);
  const rows: string[] = [];
  for (let t = 0; t < required.length; t++) {
    if ((required[t] as number) <= 0) continue;
    objective.push(`${num(penalty[t] as number)} u${t}`);
    const terms = (coveredBy[t] as number[]).map((i) => `x${i}`);
    terms.push(`u${t}`);
    rows.push(` c${t}:\n${wrap(terms)}\n  >= ${required[t]}`);
  }
  if (input.maxAgents !== undefined) {
    rows.push(` headcount:\n${wrap(input.templates.map((_, i) => `x${i}`))}\n  <= ${Math.floor(input.maxAgents)}`);
  }
  const bounds = input.templates.flatMap((s, i) =>
    s.maxCount === undefined ? [] : [` x${i} <= ${Math.floor(s.maxCount)}`],
  );
  return [
    'Minimize',
    ` obj:\n${wrap(objective)}`,
    'Subject To',
    ...rows,
    'Bounds',
    ...bounds,
    'General',
    ` ${input.templates.map((_, i) => `x${i}`).join(' ')}`,
    'End',
    '',
  ].join('\n');
}

function summarise(
  input: ScheduleInput,
  required: Int32Array,
  penalty: Float64Array,
  counts: number[],
  method: ScheduleResult['method'],
  solveSeconds: number,
): ScheduleResult {
  const coverage = new Int32Array(required.length);
  input.templates.forEach((s, i) => {
    for (const t of s.coveredIntervals) coverage[t] = (coverage[t] as number) + (counts[i] as number);
  });
  const uncovered: ScheduleResult['uncovered'] = [];
  let shortfall = 0;
  let objective = 0;
  for (let t = 0; t < required.length; t++) {
    const missing = (required[t] as number) - (coverage[t] as number);
    if (missing > 0) {
      uncovered.push({ interval: t, missing });
      shortfall += missing;
      objective += missing * (penalty[t] as number);
    }
  }
  const shiftCost = input.templates.reduce((sum, s, i) => sum + s.cost * (counts[i] as number), 0);
  return {
    method,
    shifts: input.templates.map((s, i) => ({ name: s.name, count: counts[i] as number })).filter((s) => s.count > 0),
    coverage,
    uncovered,
    shiftCost,
    underCoverageAgentIntervals: shortfall,
    objective: objective + shiftCost,
    solveSeconds,
    size: { shiftVariables: input.templates.length, coverageConstraints: required.filter((r) => r > 0).length },
  };
}

/**
 * Greedy fallback: repeatedly add the shift with the best net saving
 * (penalty of shortfall it removes minus its cost) while one saves money.
 */
export function greedySchedule(input: ScheduleInput): ScheduleResult {
  const start = performance.now();
  const { required, penalty } = validate(input);
  const counts = new Array<number>(input.templates.length).fill(0);
  const coverage = new Int32Array(required.length);
  let headcount = 0;
  for (;;) {
    if (input.maxAgents !== undefined && headcount >= input.maxAgents) break;
    let best = -1;
    let bestSaving = 0;
    input.templates.forEach((s, i) => {
      if (s.maxCount !== undefined && (counts[i] as number) >= s.maxCount) return;
      let saving = -s.cost;
      for (const t of s.coveredIntervals)
        if ((coverage[t] as number) < (required[t] as number)) saving += penalty[t] as number;
      if (saving > bestSaving) {
        bestSaving = saving;
        best = i;
      }
    });
    if (best < 0) break;
    counts[best] = (counts[best] as number) + 1;
    headcount++;
    for (const t of (input.templates[best] as ShiftTemplate).coveredIntervals)
      coverage[t] = (coverage[t] as number) + 1;
  }
  return summarise(input, required, penalty, counts, 'greedy', (performance.now() - start) / 1000);
}

/** Optimal (or best within the time limit) schedule with HiGHS. */
export async function scheduleShifts(input: ScheduleInput): Promise<ScheduleResult> {
  const { required, penalty } = validate(input);
  const lp = scheduleToLp(input);
  const highs = await solver();
  const start = performance.now();
  const solution = highs.solve(lp, {
    time_limit: input.timeLimitSeconds ?? 30,
    mip_rel_gap: input.mipGap ?? 1e-4,
    output_flag: false,
  });
  const seconds = (performance.now() - start) / 1000;
  const columns = solution.Columns as Record<string, { Primal?: number } | undefined>;
  const haveSolution =
    (solution.Status === 'Optimal' || solution.Status === 'Time limit reached') &&
    input.templates.every((_, i) => typeof columns[`x${i}`]?.Primal === 'number');
  if (!haveSolution) {
    const fallback = greedySchedule(input);
    return { ...fallback, solveSeconds: seconds + fallback.solveSeconds };
  }
  const counts = input.templates.map((_, i) => Math.max(0, Math.round(columns[`x${i}`]?.Primal ?? 0)));
  return summarise(
    input,
    required,
    penalty,
    counts,
    solution.Status === 'Optimal' ? 'optimal' : 'time-limited',
    seconds,
  );
}
