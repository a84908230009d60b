/** Reads what a computation needs from the database and shapes it for the pure engine. */
import type { Kysely } from 'kysely';
import { frenchHolidays } from '../calendar/index.js';
import type { Database } from '../platform/db/schema.js';
import { dayNumber, isoDate } from '../wfm/index.js';
import { type ComputeInput, type ComputeQueue, type ComputeSite, INTERVALS_PER_DAY } from './compute.js';
import {
  dailyHistory,
  intradayShares,
  listPlanningSites,
  listQueues,
  type PlanningSiteRow,
  type QueueRow,
} from './queries.js';
import type { ScenarioDefinition } from './schema.js';

export function holidaysBetween(firstYear: number, lastYear: number): string[] {
  const out: string[] = [];
  for (let year = firstYear; year <= lastYear; year++) out.push(...frenchHolidays(year).map((h) => h.date));
  return out;
}

/** Consecutive daily offered calls per queue (missing days are 0). */
export async function dailySeries(db: Kysely<Database>): Promise<Map<string, { startDate: string; values: number[] }>> {
  const rows = await dailyHistory(db);
  const out = new Map<string, { startDate: string; values: number[] }>();
  const byQueue = new Map<string, typeof rows>();
  for (const row of rows) byQueue.set(row.queueId, [...(byQueue.get(row.queueId) ?? []), row]);
  for (const [queueId, days] of byQueue) {
    const first = dayNumber('date', (days[0] as (typeof rows)[number]).date);
    const last = dayNumber('date', (days[days.length - 1] as (typeof rows)[number]).date);
    const values = new Array<number>(last - first + 1).fill(0);
    for (const day of days) values[dayNumber('date', day.date) - first] = day.offered;
    out.set(queueId, { startDate: isoDate(first), values });
  }
  return out;
}

/** Weekday × quarter-hour shares of each queue over the 8 weeks before `before`. */
export async function weekdayProfiles(db: Kysely<Database>, before: string): Promise<Map<string, number[][]>> {
  const rows = await intradayShares(db, before, 8);
  const out = new Map<string, number[][]>();
  for (const row of rows) {
    let profiles: number[][] | undefined = out.get(row.queueId);
    if (!profiles) {
      profiles = Array.from({ length: 7 }, () => new Array<number>(INTERVALS_PER_DAY).fill(0));
      out.set(row.queueId, profiles);
    }
    const profile = profiles[row.weekday - 1] as number[];
    profile[row.slot] = (profile[row.slot] as number) + row.offered;
  }
  for (const profiles of out.values()) {
    // A weekday without history borrows the mean of the others.
    const mean: number[] = new Array<number>(INTERVALS_PER_DAY).fill(0);
    for (const p of profiles) {
      const total = p.reduce((s, v) => s + v, 0);
      if (total > 0)
        p.forEach((v, i) => {
          mean[i] = (mean[i] as number) + v / total;
        });
    }
    profiles.forEach((p, w) => {
      if (p.every((v) => v === 0)) profiles[w] = [...mean];
    });
  }
  return out;
}

export function toComputeSites(sites: PlanningSiteRow[]): ComputeSite[] {
  return sites
    .filter((s) => s.configured)
    .map((s) => ({
      id: s.id,
      code: s.code,
      costPerProductiveHour: s.costPerProductiveHour ?? 0,
      shrinkage: s.shrinkage ?? 0,
      opensMinute: s.opensMinute ?? 0,
      closesMinute: s.closesMinute ?? 0,
      openWeekdays: s.openWeekdays,
      queues: s.queues,
    }));
}

export interface LoadedInput {
  input: ComputeInput;
  queues: QueueRow[];
  sites: PlanningSiteRow[];
}

export async function loadComputeInput(db: Kysely<Database>, definition: ScenarioDefinition): Promise<LoadedInput> {
  const [queues, sites, history] = await Promise.all([listQueues(db), listPlanningSites(db), dailySeries(db)]);
  let profileEnd = definition.startDate;
  for (const series of history.values()) {
    const end = isoDate(dayNumber('startDate', series.startDate) + series.values.length);
    if (end < profileEnd) profileEnd = end;
  }
  const profiles = await weekdayProfiles(db, profileEnd);
  const firstYear = Math.min(
    Number(definition.startDate.slice(0, 4)),
    ...[...history.values()].map((s) => Number(s.startDate.slice(0, 4))),
  );
  const lastDay = isoDate(dayNumber('startDate', definition.startDate) + definition.weeks * 7);
  const computeQueues: ComputeQueue[] = queues.map((q) => ({
    id: q.id,
    code: q.code,
    serviceLevelTarget: q.serviceLevelTarget,
    serviceLevelSeconds: q.serviceLevelSeconds,
    ahtSeconds: q.ahtSeconds,
    patienceSeconds: q.patienceSeconds,
    priority: q.priority,
    history: history.get(q.id) ?? null,
    profiles: profiles.get(q.id) ?? null,
  }));
  return {
    input: {
      definition,
      queues: computeQueues,
      sites: toComputeSites(sites),
      holidays: holidaysBetween(firstYear, Number(lastDay.slice(0, 4))),
    },
    queues,
    sites,
  };
}
