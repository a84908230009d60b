/**
 * Weekly tours: the model. An agent works one shift (same start and length)
 * on 5 days of a 7-day week and has 2 days off (consecutive by default, or
 * any two, or an explicit list of allowed pairs). Lunch may start anywhere in
 * a window, chosen per agent and per day by the solver.
 *
 *   minimise  sum_{s,p} 5 costPerDay_s x_{s,p} + sum_t penalty_t u_t
 *   s.t.      coverage_t + u_t >= required_t                        (every t with required_t > 0)
 *             sum_o y_{s,d,o} = sum_{p works d} x_{s,p}             (each working agent lunches once a day)
 *             sum_p x_{s,p} <= maxCount_s,  sum_{s,p} x_{s,p} <= maxAgents
 *   coverage_t = sum of x_{s,p} over (s, p, working day d) whose shift covers t (fixed breaks excluded)
 *              - sum of y_{s,d,o} whose lunch (starting at offset o) covers t;  x, y integer.
 *
 * x_{s,p} is the number of tours on shift s with days-off pair p, y_{s,d,o}
 * the number of them lunching at offset o on day d. Given integer y, lunch
 * slots can be handed to individual agents in any order, so the model is
 * exact (not an approximation of per-agent lunches). The week is cyclic: a
 * shift that runs past midnight on day 6 covers the start of day 0.
 */

import { requireCount, requireNonNegative, requirePositive, WfmInputError } from './errors.js';
import { num } from './highs.js';

export interface TourShift {
  name: string;
  /** Start, in intervals after midnight (0 .. intervalsPerDay - 1). */
  start: number;
  /** Length in intervals, breaks and lunch included (at most one day). */
  lengthIntervals: number;
  /** Fixed short breaks: offsets from the start. */
  breakOffsets?: number[];
  /** Lunch of `lengthIntervals` that may start at any offset from earliestOffset to latestOffset. */
  lunch?: { earliestOffset: number; latestOffset: number; lengthIntervals: number };
  /** Cost of one agent on this shift for one day (a tour costs 5x). */
  costPerDay: number;
  /** At most this many tours on this shift. */
  maxCount?: number;
}

/** Days are 0..6 (day 0 is the first day of the horizon, e.g. Monday). */
export type DaysOffRule = 'consecutive' | 'any' | ReadonlyArray<readonly [number, number]>;

export interface TourScheduleInput {
  intervalsPerDay: number;
  /** 7 x intervalsPerDay requirements, day 0 first. */
  requiredAgents: ArrayLike<number>;
  shifts: TourShift[];
  /** Default 'consecutive' (7 pairs, Sunday-Monday included); 'any' allows all 21 pairs. */
  daysOff?: DaysOffRule;
  /** Cost of one agent missing for one interval (scalar or per interval of the week). */
  underCoveragePenalty: number | ArrayLike<number>;
  /** Headcount available (number of tours). */
  maxAgents?: number;
  timeLimitSeconds?: number;
  /** Relative MIP gap at which to stop (default 1e-4). */
  mipGap?: number;
}

/** Expand several starts of one shift shape (e.g. 8.5 h every 30 min from 07:00 to 14:00). */
export function tourShifts(
  pattern: Omit<TourShift, 'name' | 'start'> & {
    namePrefix: string;
    firstStart: number;
    lastStart: number;
    startEvery: number;
  },
): TourShift[] {
  requirePositive('startEvery', pattern.startEvery);
  const { namePrefix, firstStart, lastStart, startEvery, ...shape } = pattern;
  const out: TourShift[] = [];
  for (let start = firstStart; start <= lastStart; start += startEvery)
    out.push({ ...shape, name: `${namePrefix}@${start}`, start });
  return out;
}

/** A validated shift: productive offsets outside any lunch, and the lunch start offsets to choose from. */
export interface PreparedShift {
  shift: TourShift;
  productive: number[];
  lunchOffsets: number[];
  lunchLength: number;
}

export interface TourModel {
  intervalsPerDay: number;
  week: number;
  required: Int32Array;
  penalty: Float64Array;
  shifts: PreparedShift[];
  /** Allowed days-off pairs, each sorted. */
  pairs: Array<[number, number]>;
}

function daysOffPairs(rule: DaysOffRule): Array<[number, number]> {
  const pairs = new Map<string, [number, number]>();
  const add = (a: number, b: number, where: string) => {
    requireCount(where, a);
    requireCount(where, b);
    if (a > 6 || b > 6 || a === b) throw new WfmInputError(where, 'needs two different days in 0..6');
    const pair: [number, number] = a < b ? [a, b] : [b, a];
    pairs.set(pair.join(), pair);
  };
  if (rule === 'consecutive') for (let d = 0; d < 7; d++) add(d, (d + 1) % 7, 'daysOff');
  else if (rule === 'any') for (let a = 0; a < 7; a++) for (let b = a + 1; b < 7; b++) add(a, b, 'daysOff');
  else
    rule.forEach(([a, b], i) => {
      add(a, b, `daysOff[${i}]`);
    });
  if (pairs.size === 0) throw new WfmInputError('daysOff', 'needs at least one allowed pair of days off');
  return [...pairs.values()];
}

function prepareShift(shift: TourShift, i: number, intervalsPerDay: number): PreparedShift {
  const at = `shifts[${i}]`;
  const start = requireCount(`${at}.start`, shift.start);
  if (start >= intervalsPerDay) throw new WfmInputError(`${at}.start`, `must be below ${intervalsPerDay}`);
  const length = requireCount(`${at}.lengthIntervals`, shift.lengthIntervals);
  if (length < 1 || length > intervalsPerDay) {
    throw new WfmInputError(`${at}.lengthIntervals`, `must be 1..${intervalsPerDay}`);
  }
  requireNonNegative(`${at}.costPerDay`, shift.costPerDay);
  if (shift.maxCount !== undefined) requireNonNegative(`${at}.maxCount`, shift.maxCount);
  const breaks = new Set<number>();
  for (const k of shift.breakOffsets ?? []) {
    if (!Number.isInteger(k) || k < 0 || k >= length)
      throw new WfmInputError(`${at}.breakOffsets`, `offset ${k} is outside the shift`);
    breaks.add(k);
  }
  const lunchOffsets: number[] = [];
  let lunchLength = 0;
  if (shift.lunch) {
    lunchLength = requireCount(`${at}.lunch.lengthIntervals`, shift.lunch.lengthIntervals);
    const first = requireCount(`${at}.lunch.earliestOffset`, shift.lunch.earliestOffset);
    const last = requireCount(`${at}.lunch.latestOffset`, shift.lunch.latestOffset);
    if (lunchLength < 1 || first > last || last + lunchLength > length) {
      throw new WfmInputError(`${at}.lunch`, 'window must lie inside the shift, earliest <= latest, length >= 1');
    }
    for (let o = first; o <= last; o++) {
      for (let k = o; k < o + lunchLength; k++) {
        if (breaks.has(k)) throw new WfmInputError(`${at}.lunch`, `a lunch at offset ${o} overlaps the break at ${k}`);
      }
      lunchOffsets.push(o);
    }
  }
  const productive: number[] = [];
  for (let k = 0; k < length; k++) if (!breaks.has(k)) productive.push(k);
  return { shift, productive, lunchOffsets, lunchLength };
}

export function prepareTours(input: TourScheduleInput): TourModel {
  const intervalsPerDay = requireCount('intervalsPerDay', input.intervalsPerDay);
  if (intervalsPerDay < 1) throw new WfmInputError('intervalsPerDay', 'must be >= 1');
  const week = 7 * intervalsPerDay;
  if (input.requiredAgents.length !== week) {
    throw new WfmInputError(
      'requiredAgents',
      `needs 7 x ${intervalsPerDay} = ${week} entries, got ${input.requiredAgents.length}`,
    );
  }
  const required = new Int32Array(week);
  const penalty = new Float64Array(week);
  for (let t = 0; t < week; t++) {
    required[t] = Math.ceil(requireNonNegative(`requiredAgents[${t}]`, input.requiredAgents[t] as number));
    const scalar = typeof input.underCoveragePenalty === 'number';
    const p = scalar
      ? (input.underCoveragePenalty as number)
      : ((input.underCoveragePenalty as ArrayLike<number>)[t] as number);
    penalty[t] = requireNonNegative(scalar ? 'underCoveragePenalty' : `underCoveragePenalty[${t}]`, p);
  }
  if (input.shifts.length === 0) throw new WfmInputError('shifts', 'needs at least one shift');
  if (input.maxAgents !== undefined) requireNonNegative('maxAgents', input.maxAgents);
  const shifts = input.shifts.map((s, i) => prepareShift(s, i, intervalsPerDay));
  return { intervalsPerDay, week, required, penalty, shifts, pairs: daysOffPairs(input.daysOff ?? 'consecutive') };
}

export const workingDays = (pair: readonly [number, number]): number[] =>
  [0, 1, 2, 3, 4, 5, 6].filter((d) => d !== pair[0] && d !== pair[1]);

/** Interval of the week covered by offset k of shift s on day d (cyclic week). */
export const weekInterval = (model: TourModel, s: PreparedShift, day: number, k: number): number =>
  (day * model.intervalsPerDay + s.shift.start + k) % model.week;

/** Signed terms ("+ 2 x1", "- y3") wrapped 20 per line. */
function signed(terms: Array<[number, string]>): string {
  const parts = terms.map(
    ([c, name]) => `${c < 0 ? '-' : '+'} ${Math.abs(c) === 1 ? '' : `${num(Math.abs(c))} `}${name}`,
  );
  const lines: string[] = [];
  for (let k = 0; k < parts.length; k += 20) lines.push(`  ${parts.slice(k, k + 20).join(' ')}`);
  return lines.join('\n');
}

/** The model in CPLEX LP format: x{s}_{p} tours, y{s}_{d}_{o} lunches, u{t} shortfall. */
export function toursToLp(input: TourScheduleInput, model: TourModel = prepareTours(input)): string {
  const { shifts, pairs, required, penalty } = model;
  const rowTerms: Array<Map<string, number>> = Array.from({ length: model.week }, () => new Map());
  const bump = (t: number, name: string, c: number) => {
    const row = rowTerms[t] as Map<string, number>;
    row.set(name, (row.get(name) ?? 0) + c);
  };
  const objective: Array<[number, string]> = [];
  const integers: string[] = [];
  const rows: string[] = [];
  let headcount: Array<[number, string]> = [];
  shifts.forEach((s, i) => {
    const mine: Array<[number, string]> = [];
    pairs.forEach((pair, p) => {
      const x = `x${i}_${p}`;
      objective.push([5 * s.shift.costPerDay, x]);
      integers.push(x);
      mine.push([1, x]);
      for (const d of workingDays(pair)) for (const k of s.productive) bump(weekInterval(model, s, d, k), x, 1);
    });
    headcount = headcount.concat(mine);
    if (s.shift.maxCount !== undefined) rows.push(` m${i}:\n${signed(mine)}\n  <= ${Math.floor(s.shift.maxCount)}`);
    if (s.lunchOffsets.length === 0) return;
    for (let d = 0; d < 7; d++) {
      const terms: Array<[number, string]> = [];
      for (const o of s.lunchOffsets) {
        const y = `y${i}_${d}_${o}`;
        integers.push(y);
        terms.push([1, y]);
        for (let k = o; k < o + s.lunchLength; k++) bump(weekInterval(model, s, d, k), y, -1);
      }
      pairs.forEach((pair, p) => {
        if (pair[0] !== d && pair[1] !== d) terms.push([-1, `x${i}_${p}`]);
      });
      rows.push(` l${i}_${d}:\n${signed(terms)}\n  = 0`);
    }
  });
  for (let t = 0; t < model.week; t++) {
    if ((required[t] as number) <= 0) continue;
    objective.push([penalty[t] as number, `u${t}`]);
    const terms: Array<[number, string]> = [...(rowTerms[t] as Map<string, number>)]
      .filter(([, c]) => c !== 0)
      .map(([n, c]) => [c, n]);
    terms.push([1, `u${t}`]);
    rows.push(` c${t}:\n${signed(terms)}\n  >= ${required[t]}`);
  }
  if (input.maxAgents !== undefined)
    rows.push(` headcount:\n${signed(headcount)}\n  <= ${Math.floor(input.maxAgents)}`);
  const general: string[] = [];
  for (let k = 0; k < integers.length; k += 20) general.push(` ${integers.slice(k, k + 20).join(' ')}`);
  const costs = objective.filter(([c]) => c !== 0);
  if (costs.length === 0) costs.push([0, 'x0_0']);
  return ['Minimize', ` obj:\n${signed(costs)}`, 'Subject To', ...rows, 'General', ...general, 'End', ''].join('\n');
}
