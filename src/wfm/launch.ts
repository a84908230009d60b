/**
 * Launch forecast with no history (a new mobile offer): contacts come from
 * new customers, who call most in their first days, plus a steady rate from
 * the installed base.
 *
 *   customers adopting on day d = population * (F(d) - F(d-1))       (take-up curve F)
 *   contacts on day d = sum_k adopting(d-k) * c * (e^{-k/tau} - e^{-(k+1)/tau})
 *                     + base rate * customers so far
 *
 * then shaped by an analog activity's weekday weights and intraday profiles.
 */

import { dayNumber, weekdayOf } from './calendar.js';
import { WfmInputError, requireNonNegative, requirePositive } from './errors.js';
import type { DailySeries } from './forecast.js';
import { type IntervalForecast, type WeekdayProfiles, distributeIntraday } from './intraday.js';

export type TakeUpCurve =
  /** Logistic S-curve towards finalShare of the population, steepest at midpointDays. */
  | { kind: 'logistic'; finalShare: number; midpointDays: number; spreadDays: number }
  /** Cumulative share of the population adopted by the end of each day since launch. */
  | { kind: 'table'; cumulativeShare: ArrayLike<number> };

export interface LaunchForecastInput {
  launchDate: string;
  days: number;
  population: number;
  takeUp: TakeUpCurve;
  /** Contacts a new customer makes in total over their first weeks. */
  contactsPerNewCustomer: number;
  /** Mean age (days) at which those contacts happen: exponential decay. */
  contactDecayDays: number;
  /** Contacts per customer per day once settled (installed base), default 0. */
  baseContactsPerCustomerPerDay?: number;
  /** Analog weekday weights (Monday first), normalised to mean 1; default flat. */
  weekdayWeights?: ArrayLike<number>;
  /** Analog intraday profiles; when given, the interval forecast is returned too. */
  intradayProfiles?: WeekdayProfiles;
}

export interface LaunchForecast {
  daily: DailySeries;
  newCustomers: Float64Array;
  cumulativeCustomers: Float64Array;
  intervals?: IntervalForecast;
}

function cumulativeTakeUp(curve: TakeUpCurve, days: number): Float64Array {
  const out = new Float64Array(days);
  if (curve.kind === 'logistic') {
    const share = requireNonNegative('takeUp.finalShare', curve.finalShare);
    if (share > 1) throw new WfmInputError('takeUp.finalShare', 'must be at most 1');
    const spread = requirePositive('takeUp.spreadDays', curve.spreadDays);
    const logistic = (d: number) => 1 / (1 + Math.exp(-(d - curve.midpointDays) / spread));
    const before = logistic(-1); // rescale so nobody has adopted before launch
    for (let d = 0; d < days; d++) out[d] = (share * (logistic(d) - before)) / (1 - before);
    return out;
  }
  let previous = 0;
  for (let d = 0; d < days; d++) {
    const value = d < curve.cumulativeShare.length ? (curve.cumulativeShare[d] as number) : previous;
    requireNonNegative(`takeUp.cumulativeShare[${d}]`, value);
    if (value < previous || value > 1)
      throw new WfmInputError(`takeUp.cumulativeShare[${d}]`, 'must be non-decreasing and at most 1');
    out[d] = value;
    previous = value;
  }
  return out;
}

export function launchForecast(input: LaunchForecastInput): LaunchForecast {
  const launch = dayNumber('launchDate', input.launchDate);
  const days = input.days;
  if (!Number.isInteger(days) || days < 1) throw new WfmInputError('days', `must be a positive integer, got ${days}`);
  const population = requireNonNegative('population', input.population);
  const perCustomer = requireNonNegative('contactsPerNewCustomer', input.contactsPerNewCustomer);
  const tau = requirePositive('contactDecayDays', input.contactDecayDays);
  const baseRate = requireNonNegative('baseContactsPerCustomerPerDay', input.baseContactsPerCustomerPerDay ?? 0);
  const weights = new Float64Array(7).fill(1);
  if (input.weekdayWeights) {
    if (input.weekdayWeights.length !== 7)
      throw new WfmInputError('weekdayWeights', 'must have 7 values (Monday first)');
    let sum = 0;
    for (let w = 0; w < 7; w++) sum += requireNonNegative(`weekdayWeights[${w}]`, input.weekdayWeights[w] as number);
    if (sum === 0) throw new WfmInputError('weekdayWeights', 'sums to zero');
    for (let w = 0; w < 7; w++) weights[w] = (7 * (input.weekdayWeights[w] as number)) / sum;
  }
  const cumulative = cumulativeTakeUp(input.takeUp, days);
  const newCustomers = new Float64Array(days);
  const cumulativeCustomers = new Float64Array(days);
  for (let d = 0; d < days; d++) {
    cumulativeCustomers[d] = population * (cumulative[d] as number);
    newCustomers[d] = population * ((cumulative[d] as number) - (d > 0 ? (cumulative[d - 1] as number) : 0));
  }
  // Share of a new customer's contacts falling on their k-th day (integral of the exponential over the day).
  const byAge = new Float64Array(days);
  for (let k = 0; k < days; k++) byAge[k] = perCustomer * (Math.exp(-k / tau) - Math.exp(-(k + 1) / tau));
  const values = new Float64Array(days);
  for (let d = 0; d < days; d++) {
    let contacts = d > 0 ? baseRate * (cumulativeCustomers[d - 1] as number) : 0;
    for (let k = 0; k <= d; k++) contacts += (newCustomers[d - k] as number) * (byAge[k] as number);
    values[d] = contacts * (weights[weekdayOf(launch + d)] as number);
  }
  const daily: DailySeries = { startDate: input.launchDate, values };
  const result: LaunchForecast = { daily, newCustomers, cumulativeCustomers };
  if (input.intradayProfiles) result.intervals = distributeIntraday(daily, input.intradayProfiles);
  return result;
}
