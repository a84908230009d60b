/**
 * Intraday profiles: how a day's volume spreads over its intervals, one
 * profile per weekday (Monday mornings do not look like Saturday mornings).
 */

import { dayNumber, isoDate, weekdayOf } from './calendar.js';
import { WfmInputError, requireNonNegative } from './errors.js';
import type { DailySeries } from './forecast.js';

export interface IntradayDay {
  date: string;
  /** Calls per interval of that day (e.g. 96 values for 15-minute intervals). */
  intervals: ArrayLike<number>;
}

/** Seven profiles (index 0 = Monday), each summing to 1. */
export type WeekdayProfiles = Float64Array[];

/**
 * Average share of the day per interval, per weekday. Each day is normalised
 * first so that a busy Monday and a quiet one weigh the same. A weekday with
 * no usable history falls back to the all-days profile.
 */
export function intradayProfiles(
  history: IntradayDay[],
  intervalsPerDay: number,
  excludeDates: string[] = [],
): WeekdayProfiles {
  if (!Number.isInteger(intervalsPerDay) || intervalsPerDay < 1) {
    throw new WfmInputError('intervalsPerDay', `must be a positive integer, got ${intervalsPerDay}`);
  }
  const excluded = new Set(excludeDates.map((d, i) => dayNumber(`excludeDates[${i}]`, d)));
  const sums = Array.from({ length: 7 }, () => new Float64Array(intervalsPerDay));
  const counts = new Float64Array(7);
  const overall = new Float64Array(intervalsPerDay);
  let overallCount = 0;
  history.forEach((day, index) => {
    const dayNo = dayNumber(`history[${index}].date`, day.date);
    if (day.intervals.length !== intervalsPerDay) {
      throw new WfmInputError(
        `history[${index}].intervals`,
        `must have ${intervalsPerDay} values, got ${day.intervals.length}`,
      );
    }
    let total = 0;
    for (let i = 0; i < intervalsPerDay; i++)
      total += requireNonNegative(`history[${index}].intervals[${i}]`, day.intervals[i] as number);
    if (total === 0 || excluded.has(dayNo)) return;
    const w = weekdayOf(dayNo);
    const target = sums[w] as Float64Array;
    for (let i = 0; i < intervalsPerDay; i++) {
      const share = (day.intervals[i] as number) / total;
      target[i] = (target[i] as number) + share;
      overall[i] = (overall[i] as number) + share;
    }
    counts[w] = (counts[w] as number) + 1;
    overallCount++;
  });
  if (overallCount === 0) throw new WfmInputError('history', 'has no day with any volume');
  return sums.map((sum, w) => {
    const n = counts[w] as number;
    return n > 0 ? sum.map((v) => v / n) : overall.map((v) => v / overallCount);
  });
}

export interface IntervalForecast {
  startDate: string;
  intervalsPerDay: number;
  /** Day-major: values[day * intervalsPerDay + interval]. */
  values: Float64Array;
}

/** Spread daily totals over intervals with the weekday profiles (or a per-date override profile). */
export function distributeIntraday(
  daily: DailySeries,
  profiles: WeekdayProfiles,
  overrides: Array<{ date: string; profile: ArrayLike<number> }> = [],
): IntervalForecast {
  if (profiles.length !== 7) throw new WfmInputError('profiles', 'must have 7 weekday profiles');
  const intervalsPerDay = (profiles[0] as Float64Array).length;
  const first = dayNumber('daily.startDate', daily.startDate);
  const special = new Map<number, ArrayLike<number>>();
  overrides.forEach((o, i) => {
    if (o.profile.length !== intervalsPerDay)
      throw new WfmInputError(`overrides[${i}].profile`, `must have ${intervalsPerDay} values`);
    special.set(dayNumber(`overrides[${i}].date`, o.date), normalised(o.profile, `overrides[${i}].profile`));
  });
  const values = new Float64Array(daily.values.length * intervalsPerDay);
  for (let d = 0; d < daily.values.length; d++) {
    const total = requireNonNegative(`daily.values[${d}]`, daily.values[d] as number);
    const profile = special.get(first + d) ?? (profiles[weekdayOf(first + d)] as Float64Array);
    for (let i = 0; i < intervalsPerDay; i++) values[d * intervalsPerDay + i] = total * (profile[i] as number);
  }
  return { startDate: isoDate(first), intervalsPerDay, values };
}

function normalised(profile: ArrayLike<number>, parameter: string): Float64Array {
  let total = 0;
  for (let i = 0; i < profile.length; i++) total += requireNonNegative(`${parameter}[${i}]`, profile[i] as number);
  if (total === 0) throw new WfmInputError(parameter, 'sums to zero');
  return Float64Array.from(profile, (v) => v / total);
}
