/**
 * A site's week of shifts from a scenario's requirement (pure; HiGHS through src/wfm tours).
 * Agents work 5 days with 2 consecutive days off; full-time shifts of 8 h with a 1 h lunch
 * placed by the solver and two 15-minute breaks, starting every 30 minutes while the site is
 * open; shorter 4 h shifts fill the peaks. Coverage is compared with the requirement per
 * interval: under- and over-staffing.
 */
import { scheduleTours, type TourShift, tourShifts } from '../wfm/index.js';
import { INTERVALS_PER_DAY } from './compute.js';
import type { ScheduledTour } from './tables.js';

export interface ScheduleSiteInput {
  /** 7 × 96 agents to schedule (shrinkage included), Monday first. */
  required: number[];
  opensMinute: number;
  closesMinute: number;
  costPerProductiveHour: number;
  timeLimitSeconds?: number;
}

export interface SiteSchedule {
  method: string;
  tours: ScheduledTour[];
  coverage: number[];
  agents: number;
}

export function shiftsForSite(input: ScheduleSiteInput): TourShift[] {
  const open = input.opensMinute / 15;
  const close = input.closesMinute / 15;
  const span = close - open;
  const shifts: TourShift[] = [];
  const full = Math.min(32, span);
  if (full >= 20) {
    shifts.push(
      ...tourShifts({
        namePrefix: '8h',
        firstStart: open,
        lastStart: close - full,
        startEvery: 2,
        lengthIntervals: full,
        breakOffsets: [8, full - 8],
        lunch: { earliestOffset: 14, latestOffset: Math.min(20, full - 10), lengthIntervals: 4 },
        costPerDay: (input.costPerProductiveHour * full) / 4,
      }),
    );
  }
  const part = Math.min(16, span);
  shifts.push(
    ...tourShifts({
      namePrefix: '4h',
      firstStart: open,
      lastStart: close - part,
      startEvery: 4,
      lengthIntervals: part,
      costPerDay: (input.costPerProductiveHour * part * 1.1) / 4,
    }),
  );
  return shifts;
}

export async function scheduleSiteWeek(input: ScheduleSiteInput): Promise<SiteSchedule> {
  if (input.required.length !== 7 * INTERVALS_PER_DAY) throw new Error('required must cover one week');
  const shifts = shiftsForSite(input);
  const byName = new Map(shifts.map((s) => [s.name, s]));
  if (input.required.every((r) => r === 0)) {
    return { method: 'optimal', tours: [], coverage: new Array(7 * INTERVALS_PER_DAY).fill(0), agents: 0 };
  }
  const result = await scheduleTours({
    intervalsPerDay: INTERVALS_PER_DAY,
    requiredAgents: input.required,
    shifts,
    daysOff: 'consecutive',
    // A missing agent for a quarter hour costs eight times that quarter hour's pay: shortfall is a last resort.
    underCoveragePenalty: input.costPerProductiveHour * 2,
    // A planner waits for this: 1 % from the optimum is good enough, and the best found is kept.
    timeLimitSeconds: input.timeLimitSeconds ?? 20,
    mipGap: 0.01,
  });
  const tours = result.tours
    .filter((t) => t.count > 0)
    .map((t) => {
      const shift = byName.get(t.shift) as TourShift;
      return {
        shift: t.shift,
        start: shift.start,
        lengthIntervals: shift.lengthIntervals,
        daysOff: t.daysOff,
        count: t.count,
      };
    })
    .sort((a, b) => a.start - b.start || a.daysOff[0] - b.daysOff[0]);
  return { method: result.method, tours, coverage: Array.from(result.coverage), agents: result.agents.length };
}

/** Per interval: scheduled minus required (negative = under-staffed). */
export function coverageGaps(required: number[], coverage: number[]): number[] {
  return required.map((r, t) => (coverage[t] ?? 0) - r);
}
