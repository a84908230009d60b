/**
 * A scenario's result, pure (no I/O): volumes per queue and 15-minute interval over the
 * horizon (forecast from history, launch, percentage changes), then per interval the
 * least-cost split of each queue across the sites open and serving it (src/wfm multisite),
 * with seats, contractual minimums, shrinkage and cost per productive hour.
 *
 * Intervals are Paris wall-clock quarter hours, 96 per local day (a DST day is read as 96
 * slots too: the skipped or repeated hour is folded onto its wall-clock slot).
 *
 * Splits are memoised per queue on (open sites, whole calls): a year has 35,040 intervals but
 * far fewer distinct loads, which is what makes a year of 5 queues cheap.
 */
import {
  type DailySeries,
  dayNumber,
  distributeIntraday,
  fitHoltWinters,
  forecastDaily,
  isoDate,
  launchForecast,
  scheduledWithShrinkage,
  splitAcrossSites,
  type SplitResult,
  type StaffingOptions,
  type WeekdayProfiles,
  WfmInputError,
  weekdayOf,
} from '../wfm/index.js';
import type { ScenarioDefinition } from './schema.js';

export const INTERVALS_PER_DAY = 96;
export const INTERVAL_SECONDS = 900;

export interface ComputeQueue {
  id: string;
  code: string;
  serviceLevelTarget: number;
  serviceLevelSeconds: number;
  ahtSeconds: number;
  patienceSeconds: number | null;
  priority: number;
  /** Daily offered calls, consecutive Paris days (may be empty). */
  history: { startDate: string; values: number[] } | null;
  /** Seven weekday profiles (Monday first) of 96 shares each; null = flat over the sites' hours. */
  profiles: number[][] | null;
}

export interface ComputeSiteQueue {
  queueId: string;
  seats: number;
  minimumCallsPerHour: number;
  ahtSeconds: number | null;
}

export interface ComputeSite {
  id: string;
  code: string;
  costPerProductiveHour: number;
  shrinkage: number;
  opensMinute: number;
  closesMinute: number;
  /** 1 = Monday … 7 = Sunday. */
  openWeekdays: number[];
  queues: ComputeSiteQueue[];
}

export interface ComputeInput {
  definition: ScenarioDefinition;
  queues: ComputeQueue[];
  sites: ComputeSite[];
  /** French public holidays (YYYY-MM-DD) in and before the horizon. */
  holidays: string[];
  /** Grid of the multisite split (default 40 slices). */
  splitSteps?: number;
}

export interface SiteQueueResult {
  siteId: string;
  queueId: string;
  calls: number[];
  agents: number[];
  scheduled: number[];
  cost: number;
}

export interface QueueResult {
  queueId: string;
  calls: number[];
  pooledAgents: number[];
  unallocated: number[];
}

export interface ComputeResult {
  startDate: string;
  intervals: number;
  siteQueues: SiteQueueResult[];
  queues: QueueResult[];
}

/** Calls per interval of each queue over the horizon (day-major, 96 a day). */
export function scenarioVolumes(input: ComputeInput): Map<string, { calls: Float64Array; ahtSeconds: number }> {
  const { definition } = input;
  const days = definition.weeks * 7;
  const start = dayNumber('startDate', definition.startDate);
  const holidays = new Set(input.holidays);
  const out = new Map<string, { calls: Float64Array; ahtSeconds: number }>();
  for (const queue of input.queues) {
    const profiles = weekdayProfiles(queue, input.sites);
    const daily = new Float64Array(days);
    if (definition.useForecast && queue.history) {
      const forecast = forecastBefore(queue.history, definition.startDate, days, holidays, definition.holidayFactor);
      if (forecast) daily.set(forecast.values);
    }
    const change = definition.queues.find((q) => q.queue === queue.code);
    const volumeFactor = (1 + definition.volumePercent / 100) * (1 + (change?.volumePercent ?? 0) / 100);
    for (let d = 0; d < days; d++) daily[d] = (daily[d] as number) * volumeFactor;
    const launch = definition.launch;
    const share = launch?.queueShares.find((q) => q.queue === queue.code)?.share ?? 0;
    if (launch && share > 0) {
      const launchStart = dayNumber('launch.startDate', launch.startDate);
      const span = start + days - launchStart;
      if (span > 0) {
        const curve = launchForecast({
          launchDate: launch.startDate,
          days: span,
          population: launch.newCustomers,
          takeUp: {
            kind: 'logistic',
            finalShare: 1,
            midpointDays: launch.takeUpDays / 2,
            spreadDays: Math.max(0.5, launch.takeUpDays / 8),
          },
          contactsPerNewCustomer: launch.contactsPerNewCustomer * share,
          contactDecayDays: launch.contactDecayDays,
          weekdayWeights: [1.25, 1.05, 1, 1, 1, 0.7, 0],
        });
        for (let d = 0; d < days; d++) {
          const k = start + d - launchStart;
          if (k >= 0 && k < span) daily[d] = (daily[d] as number) + (curve.daily.values[k] as number);
        }
      }
    }
    const intervals = distributeIntraday({ startDate: definition.startDate, values: daily }, profiles).values;
    const aht = queue.ahtSeconds * (1 + definition.ahtPercent / 100) * (1 + (change?.ahtPercent ?? 0) / 100);
    out.set(queue.id, { calls: intervals, ahtSeconds: aht });
  }
  return out;
}

/** Holt-Winters fitted on the history strictly before `startDate`, forecast over the horizon. */
function forecastBefore(
  history: { startDate: string; values: number[] },
  startDate: string,
  days: number,
  holidays: Set<string>,
  holidayFactor: number,
): DailySeries | null {
  const first = dayNumber('history.startDate', history.startDate);
  const start = dayNumber('startDate', startDate);
  const usable = Math.min(history.values.length, start - first);
  if (usable < 28) return null;
  // Multiplicative seasonality cannot learn a closed day (0 calls) without dividing by zero:
  // the model sees every day one call busier, and the call is taken off again afterwards.
  const series = { startDate: history.startDate, values: history.values.slice(0, usable).map((v) => v + 1) };
  const specialDays: string[] = [];
  for (let d = 0; d < usable; d++) if (holidays.has(isoDate(first + d))) specialDays.push(isoDate(first + d));
  const model = fitHoltWinters(series, { specialDays });
  const gap = start - (first + usable); // days between the end of history and the horizon
  const overrides = [];
  for (let h = 0; h < gap + days; h++) {
    const date = isoDate(first + usable + h);
    if (holidays.has(date)) overrides.push({ date, multiplier: holidayFactor });
  }
  const all = forecastDaily(model, gap + days, overrides);
  return {
    startDate,
    values: Array.from(all.values)
      .slice(gap)
      .map((v) => Math.max(0, v - 1)),
  };
}

function weekdayProfiles(queue: ComputeQueue, sites: ComputeSite[]): WeekdayProfiles {
  if (queue.profiles && queue.profiles.length === 7 && queue.profiles.every((p) => sum(p) > 0)) {
    return queue.profiles.map((p) => {
      const total = sum(p);
      return Float64Array.from(p, (v) => v / total);
    });
  }
  // No intraday history: spread evenly over the hours when at least one serving site is open.
  return Array.from({ length: 7 }, (_, w) => {
    const profile = new Float64Array(INTERVALS_PER_DAY);
    for (const site of sites) {
      if (!site.queues.some((q) => q.queueId === queue.id) || !site.openWeekdays.includes(w + 1)) continue;
      for (let i = site.opensMinute / 15; i < site.closesMinute / 15; i++) profile[i] = 1;
    }
    const total = sum(profile);
    return total > 0 ? profile.map((v) => v / total) : profile.fill(1 / INTERVALS_PER_DAY);
  });
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i] as number;
  return total;
}

interface EffectiveSite extends ComputeSite {
  closed: boolean;
}

/** Site changes of the scenario: seats lost or added (spread over the site's queues), price, closure. */
export function effectiveSites(sites: ComputeSite[], definition: ScenarioDefinition): EffectiveSite[] {
  return sites.map((site) => {
    const change = definition.sites.find((s) => s.site === site.code);
    if (!change) return { ...site, closed: false };
    const total = site.queues.reduce((n, q) => n + q.seats, 0);
    let remaining = change.seatsDelta;
    const queues = site.queues.map((q, i) => {
      const last = i === site.queues.length - 1;
      const delta = last ? remaining : Math.round((change.seatsDelta * q.seats) / Math.max(1, total));
      remaining -= delta;
      return { ...q, seats: Math.max(0, q.seats + delta) };
    });
    return {
      ...site,
      queues,
      costPerProductiveHour: change.costPerProductiveHour ?? site.costPerProductiveHour,
      closed: change.closed,
    };
  });
}

/** The whole scenario; `onProgress(done, total)` after each day of each queue. */
export function computeScenario(
  input: ComputeInput,
  onProgress?: (done: number, total: number) => void,
): ComputeResult {
  const { definition } = input;
  const days = definition.weeks * 7;
  const n = days * INTERVALS_PER_DAY;
  const start = dayNumber('startDate', definition.startDate);
  const volumes = scenarioVolumes(input);
  const sites = effectiveSites(input.sites, definition);
  const steps = input.splitSteps ?? 40;
  const siteQueues: SiteQueueResult[] = [];
  const queues: QueueResult[] = [];
  const queueOrder = [...input.queues].sort((a, b) => a.priority - b.priority || a.code.localeCompare(b.code));
  let done = 0;
  const total = queueOrder.length * days;
  for (const queue of queueOrder) {
    const volume = volumes.get(queue.id) as { calls: Float64Array; ahtSeconds: number };
    const serving = sites
      .map((site) => ({ site, link: site.queues.find((q) => q.queueId === queue.id) }))
      .filter((s): s is { site: EffectiveSite; link: ComputeSiteQueue } => !!s.link && !s.site.closed);
    const perSite = serving.map(({ site }) => ({
      siteId: site.id,
      queueId: queue.id,
      calls: new Array<number>(n).fill(0),
      agents: new Array<number>(n).fill(0),
      scheduled: new Array<number>(n).fill(0),
      cost: 0,
    }));
    const result: QueueResult = {
      queueId: queue.id,
      calls: new Array<number>(n).fill(0),
      pooledAgents: new Array<number>(n).fill(0),
      unallocated: new Array<number>(n).fill(0),
    };
    const staffing: StaffingOptions = {
      targets: { serviceLevel: { target: queue.serviceLevelTarget, thresholdSeconds: queue.serviceLevelSeconds } },
      ...(queue.patienceSeconds ? { patienceSeconds: queue.patienceSeconds } : {}),
    };
    const scale = volume.ahtSeconds / queue.ahtSeconds; // scenario AHT change applies to site AHTs too
    const memo = new Map<string, SplitResult | null>();
    for (let d = 0; d < days; d++) {
      const weekday = weekdayOf(start + d) + 1;
      for (let i = 0; i < INTERVALS_PER_DAY; i++) {
        const t = d * INTERVALS_PER_DAY + i;
        const calls = Math.round((volume.calls[t] as number) * 10) / 10;
        result.calls[t] = calls;
        if (calls <= 0) continue;
        const minute = i * 15;
        let mask = 0;
        serving.forEach(({ site, link }, s) => {
          if (
            link.seats > 0 &&
            site.openWeekdays.includes(weekday) &&
            minute >= site.opensMinute &&
            minute < site.closesMinute
          )
            mask |= 1 << s;
        });
        if (mask === 0) {
          result.unallocated[t] = calls;
          continue;
        }
        // Staffed at whole calls (at least one): agents do not come in tenths, and whole calls
        // make far fewer distinct loads to split. Placed calls are scaled back to the forecast.
        const staffed = Math.max(1, Math.round(calls));
        const key = `${mask}:${staffed}`;
        let split = memo.get(key);
        if (split === undefined) {
          split = splitInterval(staffed, mask, serving, volume.ahtSeconds, scale, staffing, steps);
          memo.set(key, split);
        }
        if (!split) continue;
        const ratio = calls / staffed;
        result.pooledAgents[t] = split.agentsPooled;
        result.unallocated[t] = Math.round(split.unallocatedCalls * ratio * 10) / 10;
        let k = 0;
        serving.forEach(({ site }, s) => {
          if (!(mask & (1 << s))) return;
          const allocation = split.allocations[k++];
          if (!allocation) return;
          const target = perSite[s] as SiteQueueResult;
          target.calls[t] = Math.round(allocation.calls * ratio * 10) / 10;
          target.agents[t] = allocation.agents;
          target.scheduled[t] = scheduledWithShrinkage(allocation.agents, site.shrinkage);
          target.cost += allocation.cost;
        });
      }
      onProgress?.(++done, total);
    }
    for (const row of perSite) row.cost = Math.round(row.cost * 100) / 100;
    siteQueues.push(...perSite);
    queues.push(result);
  }
  return { startDate: definition.startDate, intervals: n, siteQueues, queues };
}

function splitInterval(
  calls: number,
  mask: number,
  serving: Array<{ site: EffectiveSite; link: ComputeSiteQueue }>,
  ahtSeconds: number,
  scale: number,
  staffing: StaffingOptions,
  steps: number,
): SplitResult | null {
  const open = serving.filter((_, s) => mask & (1 << s));
  let minimumTotal = 0;
  for (const { link } of open) minimumTotal += (link.minimumCallsPerHour * INTERVAL_SECONDS) / 3600;
  // Contractual minimums larger than the calls offered are scaled down to what there is.
  const minimumScale = minimumTotal > calls ? (calls / minimumTotal) * (1 - 1e-9) : 1;
  const slice = calls / steps;
  const split = (withMinimums: boolean) =>
    splitAcrossSites({
      callsOffered: calls,
      intervalSeconds: INTERVAL_SECONDS,
      ahtSeconds,
      steps,
      staffing,
      sites: open.map(({ site, link }) => {
        // On the split's grid, rounded down so that the minimums always fit in the calls offered.
        const minimum = ((link.minimumCallsPerHour * INTERVAL_SECONDS) / 3600) * minimumScale;
        return {
          name: site.id,
          seats: link.seats,
          costPerProductiveHour: site.costPerProductiveHour,
          minimumCalls: withMinimums && slice > 0 ? Math.floor(minimum / slice + 1e-9) * slice : 0,
          ...(link.ahtSeconds ? { ahtSeconds: link.ahtSeconds * scale } : {}),
        };
      }),
    });
  try {
    return split(true);
  } catch (error) {
    // A site whose seats cannot even take its contractual minimum: plan without minimums.
    if (error instanceof WfmInputError && error.parameter.startsWith('sites.')) return split(false);
    throw error;
  }
}

/** Monday-first ISO weeks of a horizon: cost per site per week. */
export function weeklyCost(
  startDate: string,
  siteQueues: Array<{ siteId: string; agents: number[] }>,
  costPerHour: Map<string, number>,
): Array<{ weekStart: string; siteId: string; cost: number }> {
  const start = dayNumber('startDate', startDate);
  const out = new Map<string, { weekStart: string; siteId: string; cost: number }>();
  for (const row of siteQueues) {
    const rate = costPerHour.get(row.siteId) ?? 0;
    row.agents.forEach((agents, t) => {
      if (!agents) return;
      const week = isoDate(start + Math.floor(t / (7 * INTERVALS_PER_DAY)) * 7);
      const key = `${week}|${row.siteId}`;
      const entry = out.get(key) ?? { weekStart: week, siteId: row.siteId, cost: 0 };
      entry.cost += (agents * rate * INTERVAL_SECONDS) / 3600;
      out.set(key, entry);
    });
  }
  return [...out.values()].map((e) => ({ ...e, cost: Math.round(e.cost * 100) / 100 }));
}
