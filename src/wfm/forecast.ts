/**
 * Daily volume forecasting with double-seasonal (weekly + yearly)
 * multiplicative Holt-Winters (Taylor, 2003), special days, and backtests.
 *
 *   forecast(t+h) = (level + h * trend) * weekly[t+h mod 7] * yearly[t+h mod 365]
 *
 * Special days in the history (holidays, outages) are not learnt from: the
 * model's own forecast replaces them while updating, so one strike day does
 * not bend next year's seasonality. Special days in the future are applied
 * afterwards as overrides. The year is 365 days (a leap day shifts the yearly
 * pattern by one day, which the smoothing absorbs).
 */

import { dayNumber, isoDate } from './calendar.js';
import { WfmInputError, requireFinite, requireNonNegative } from './errors.js';

export interface DailySeries {
  /** ISO date of the first value; values are consecutive days. */
  startDate: string;
  values: ArrayLike<number>;
}

export interface SmoothingParameters {
  level: number;
  trend: number;
  weekly: number;
  yearly: number;
}

export interface HoltWintersModel {
  parameters: SmoothingParameters;
  /** Day number (days since 1970-01-01) of the last observation. */
  lastDay: number;
  level: number;
  trend: number;
  /** weekly[d mod 7], indexed by day number. */
  weekly: Float64Array;
  /** yearly[d mod 365], indexed by day number; all 1 with less than two years of history. */
  yearly: Float64Array;
  /** Mean one-step-ahead squared error on the fitted history. */
  meanSquaredError: number;
}

export interface FitOptions {
  /** Dates whose actuals are not representative (holidays, incidents). */
  specialDays?: string[];
  /** Fix the smoothing parameters instead of searching a grid. */
  parameters?: SmoothingParameters;
}

const mod = (n: number, m: number) => ((n % m) + m) % m;

const GRID = {
  level: [0.05, 0.1, 0.2, 0.35, 0.5],
  trend: [0, 0.01, 0.05],
  weekly: [0.02, 0.05, 0.1, 0.2, 0.3],
  yearly: [0.05, 0.1, 0.2, 0.4],
};

interface Initial {
  level: number;
  weekly: Float64Array;
  yearly: Float64Array;
  useYearly: boolean;
}

/** Start values: level = first-week mean, weekly from the ratio to a 7-day mean, yearly from year one. */
function initialState(values: Float64Array, firstDay: number): Initial {
  const n = values.length;
  const weekMeans = new Float64Array(n); // centred-ish 7-day mean
  for (let i = 0; i < n; i++) {
    const from = Math.max(0, Math.min(i - 3, n - 7));
    let sum = 0;
    for (let k = from; k < from + 7; k++) sum += values[k] as number;
    weekMeans[i] = sum / 7;
  }
  const useYearly = n >= 2 * 365;
  const span = useYearly ? 365 : Math.min(n, 8 * 7);
  const weekly = new Float64Array(7);
  const counts = new Float64Array(7);
  for (let i = 0; i < span; i++) {
    const w = mod(firstDay + i, 7);
    if ((weekMeans[i] as number) > 0) {
      weekly[w] = (weekly[w] as number) + (values[i] as number) / (weekMeans[i] as number);
      counts[w] = (counts[w] as number) + 1;
    }
  }
  for (let w = 0; w < 7; w++) weekly[w] = (counts[w] as number) > 0 ? (weekly[w] as number) / (counts[w] as number) : 1;
  const yearly = new Float64Array(365).fill(1);
  let level = 0;
  for (let i = 0; i < 7; i++) level += weekMeans[i] as number;
  level /= 7;
  if (useYearly) {
    let yearMean = 0;
    for (let i = 0; i < 365; i++) yearMean += weekMeans[i] as number;
    yearMean /= 365;
    for (let i = 0; i < 365; i++) yearly[mod(firstDay + i, 365)] = (weekMeans[i] as number) / yearMean;
    level = yearMean * (yearly[mod(firstDay, 365)] as number);
  }
  return { level, weekly, yearly, useYearly };
}

function run(
  values: Float64Array,
  firstDay: number,
  special: Set<number>,
  p: SmoothingParameters,
  init: Initial,
): HoltWintersModel {
  const weekly = Float64Array.from(init.weekly);
  const yearly = Float64Array.from(init.yearly);
  let level = Math.max(init.level, 1e-9);
  let trend = 0;
  let squared = 0;
  for (let i = 0; i < values.length; i++) {
    const day = firstDay + i;
    const w = mod(day, 7);
    const y = mod(day, 365);
    const seasonal = (weekly[w] as number) * (yearly[y] as number);
    const predicted = (level + trend) * seasonal;
    // Special days: learn nothing, carry the state forward as if the forecast had happened.
    const actual = special.has(day) ? predicted : (values[i] as number);
    if (i > 0) squared += (actual - predicted) ** 2;
    const previous = level;
    level = Math.max(1e-9, (p.level * actual) / seasonal + (1 - p.level) * (level + trend));
    trend = p.trend * (level - previous) + (1 - p.trend) * trend;
    weekly[w] = (p.weekly * actual) / (level * (yearly[y] as number)) + (1 - p.weekly) * (weekly[w] as number);
    if (init.useYearly)
      yearly[y] = (p.yearly * actual) / (level * (weekly[w] as number)) + (1 - p.yearly) * (yearly[y] as number);
  }
  return {
    parameters: p,
    lastDay: firstDay + values.length - 1,
    level,
    trend,
    weekly,
    yearly,
    meanSquaredError: squared / Math.max(1, values.length - 1),
  };
}

/** Fit on a daily history (at least 4 weeks; yearly seasonality from two years on). */
export function fitHoltWinters(history: DailySeries, options: FitOptions = {}): HoltWintersModel {
  const firstDay = dayNumber('history.startDate', history.startDate);
  if (history.values.length < 28) throw new WfmInputError('history.values', 'needs at least 28 days');
  const values = new Float64Array(history.values.length);
  for (let i = 0; i < values.length; i++)
    values[i] = requireNonNegative(`history.values[${i}]`, history.values[i] as number);
  const special = new Set((options.specialDays ?? []).map((d, i) => dayNumber(`specialDays[${i}]`, d)));
  const init = initialState(values, firstDay);
  if (options.parameters) {
    for (const [key, value] of Object.entries(options.parameters)) {
      requireFinite(`parameters.${key}`, value);
      if (value < 0 || value > 1) throw new WfmInputError(`parameters.${key}`, 'must be in [0, 1]');
    }
    return run(values, firstDay, special, options.parameters, init);
  }
  let best: HoltWintersModel | undefined;
  for (const level of GRID.level)
    for (const trend of GRID.trend)
      for (const weekly of GRID.weekly) {
        for (const yearly of init.useYearly ? GRID.yearly : [0]) {
          const model = run(values, firstDay, special, { level, trend, weekly, yearly }, init);
          if (!best || model.meanSquaredError < best.meanSquaredError) best = model;
        }
      }
  return best as HoltWintersModel;
}

export interface DayOverride {
  date: string;
  /** Multiply the model's forecast (e.g. 0.3 for a public holiday). */
  multiplier?: number;
  /** Or replace it outright (e.g. a known billing-run day). */
  total?: number;
}

/** Forecast `days` days after the model's last observation. */
export function forecastDaily(model: HoltWintersModel, days: number, overrides: DayOverride[] = []): DailySeries {
  requireNonNegative('days', days);
  const byDay = new Map<number, DayOverride>();
  overrides.forEach((o, i) => {
    byDay.set(dayNumber(`overrides[${i}].date`, o.date), o);
  });
  const values = new Float64Array(days);
  for (let h = 1; h <= days; h++) {
    const day = model.lastDay + h;
    let value = Math.max(
      0,
      (model.level + h * model.trend) * (model.weekly[mod(day, 7)] as number) * (model.yearly[mod(day, 365)] as number),
    );
    const o = byDay.get(day);
    if (o?.total !== undefined) value = requireNonNegative(`overrides.total (${o.date})`, o.total);
    else if (o?.multiplier !== undefined) value *= requireNonNegative(`overrides.multiplier (${o.date})`, o.multiplier);
    values[h - 1] = value;
  }
  return { startDate: isoDate(model.lastDay + 1), values };
}

/** Weighted absolute percentage error: sum |actual - forecast| / sum actual. */
export function wape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  if (actual.length !== forecast.length) throw new WfmInputError('forecast', 'must have the same length as actual');
  let error = 0;
  let total = 0;
  for (let i = 0; i < actual.length; i++) {
    error += Math.abs((actual[i] as number) - (forecast[i] as number));
    total += Math.abs(actual[i] as number);
  }
  if (total === 0) throw new WfmInputError('actual', 'sums to zero: WAPE is undefined');
  return error / total;
}

/** Fit on all but the last `holdoutDays`, forecast them, and score with WAPE. */
export function backtest(
  history: DailySeries,
  holdoutDays: number,
  options: FitOptions = {},
): { wape: number; forecast: DailySeries } {
  requireNonNegative('holdoutDays', holdoutDays);
  if (!Number.isInteger(holdoutDays) || holdoutDays < 1 || history.values.length - holdoutDays < 28) {
    throw new WfmInputError('holdoutDays', 'must be a whole number of days leaving at least 28 days to fit');
  }
  const cut = history.values.length - holdoutDays;
  const train = { startDate: history.startDate, values: Array.from(history.values).slice(0, cut) };
  const forecast = forecastDaily(fitHoltWinters(train, options), holdoutDays);
  return { wape: wape(Array.from(history.values).slice(cut), forecast.values), forecast };
}
