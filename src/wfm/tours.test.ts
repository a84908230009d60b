import { describe, expect, it } from 'vitest';
import { WfmInputError } from './errors.js';
import { greedyTours, type RosteredAgent, scheduleTours } from './tourSchedule.js';
import { type TourShift, tourShifts } from './tours.js';

/** Coverage recomputed from the roster alone (independent of the solver's bookkeeping). */
function rosterCoverage(agents: RosteredAgent[], shifts: TourShift[], intervalsPerDay: number): number[] {
  const coverage = new Array<number>(7 * intervalsPerDay).fill(0);
  for (const agent of agents) {
    const shift = shifts.find((s) => s.name === agent.shift) as TourShift;
    for (const { day, lunchOffset } of agent.days) {
      for (let k = 0; k < shift.lengthIntervals; k++) {
        if (shift.breakOffsets?.includes(k)) continue;
        if (lunchOffset !== null && k >= lunchOffset && k < lunchOffset + (shift.lunch?.lengthIntervals ?? 0)) continue;
        const t = (day * intervalsPerDay + shift.start + k) % (7 * intervalsPerDay);
        coverage[t] = (coverage[t] as number) + 1;
      }
    }
  }
  return coverage;
}

function expectFiveDayTours(agents: RosteredAgent[], consecutive: boolean): void {
  for (const agent of agents) {
    const days = agent.days.map((d) => d.day);
    expect(days).toHaveLength(5);
    expect(new Set(days).size).toBe(5);
    for (const off of agent.daysOff) expect(days).not.toContain(off);
    if (consecutive) expect([1, 6]).toContain(agent.daysOff[1] - agent.daysOff[0]);
  }
}

/** Deterministic small random numbers for the brute-force instances. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

describe('scheduleTours', () => {
  it('matches brute force over every tour mix and every lunch split (consecutive days off, lunch window)', async () => {
    // One 4-interval shift, lunch of 1 interval at offset 1 or 2; requirements 0..2 so no tour count beyond 4 helps.
    const shift: TourShift = {
      name: 'day',
      start: 0,
      lengthIntervals: 4,
      lunch: { earliestOffset: 1, latestOffset: 2, lengthIntervals: 1 },
      costPerDay: 1,
    };
    const pairs = Array.from({ length: 7 }, (_, d) => [d, (d + 1) % 7]);
    for (const seed of [1, 2, 3, 4]) {
      const rand = lcg(seed);
      const required = Array.from({ length: 28 }, () => Math.floor(rand() * 3));
      const penalty = 0.5 + rand() * 2;
      // Best shortfall penalty of one day with w agents at work, over every split of lunches between offsets 1 and 2.
      const dayPenalty = (d: number, w: number): number => {
        let best = Number.POSITIVE_INFINITY;
        for (let atOne = 0; atOne <= w; atOne++) {
          const cover = [w, w - atOne, atOne, w];
          let missing = 0;
          for (let k = 0; k < 4; k++) missing += Math.max(0, (required[4 * d + k] as number) - (cover[k] as number));
          best = Math.min(best, missing * penalty);
        }
        return best;
      };
      const table = Array.from({ length: 7 }, (_, d) => Array.from({ length: 29 }, (_, w) => dayPenalty(d, w)));
      let bestObjective = Number.POSITIVE_INFINITY;
      const counts = new Array<number>(7).fill(0);
      for (let code = 0; code < 5 ** 7; code++) {
        let c = code;
        for (let p = 0; p < 7; p++, c = Math.floor(c / 5)) counts[p] = c % 5;
        let objective = 5 * counts.reduce((a, b) => a + b, 0);
        for (let d = 0; d < 7; d++) {
          const w = pairs.reduce((n, pair, p) => (pair.includes(d) ? n : n + (counts[p] as number)), 0);
          objective += (table[d] as number[])[w] as number;
        }
        bestObjective = Math.min(bestObjective, objective);
      }
      const result = await scheduleTours({
        intervalsPerDay: 4,
        requiredAgents: required,
        shifts: [shift],
        underCoveragePenalty: penalty,
      });
      expect(result.method).toBe('optimal');
      expect(result.objective).toBeCloseTo(bestObjective, 6);
      expectFiveDayTours(result.agents, true);
      expect(Array.from(result.coverage)).toEqual(rosterCoverage(result.agents, [shift], 4));
    }
  });

  it('days-off rule matters: open Tue and Thu need two consecutive-off tours but one any-two-days tour', async () => {
    const base = {
      intervalsPerDay: 1,
      requiredAgents: [1, 0, 1, 0, 1, 1, 1],
      shifts: [{ name: 'all-day', start: 0, lengthIntervals: 1, costPerDay: 1 }],
      underCoveragePenalty: 100,
    };
    const consecutive = await scheduleTours(base);
    expect(consecutive.agents).toHaveLength(2);
    expect(consecutive.objective).toBe(10);
    const any = await scheduleTours({ ...base, daysOff: 'any' });
    expect(any.tours).toEqual([{ shift: 'all-day', daysOff: [1, 3], count: 1 }]);
    expect(any.objective).toBe(5);
    const weekendsOnly = await scheduleTours({ ...base, daysOff: [[6, 5]] });
    expect(weekendsOnly.tours).toEqual([{ shift: 'all-day', daysOff: [5, 6], count: 1 }]);
    expect(weekendsOnly.uncovered.map((u) => u.day)).toEqual([5, 6]);
  });

  const day = (hours: number[]) => Array.from({ length: 7 * 10 }, (_, t) => hours[t % 10] as number);
  const required = day([1, 2, 3, 3, 3, 3, 3, 3, 2, 1]);
  const shifts = tourShifts({
    namePrefix: 'six',
    firstStart: 0,
    lastStart: 4,
    startEvery: 1,
    lengthIntervals: 6,
    breakOffsets: [1],
    lunch: { earliestOffset: 2, latestOffset: 4, lengthIntervals: 1 },
    costPerDay: 4,
  });

  it('covers the requirement when headcount allows, staggering lunches within the window', async () => {
    const result = await scheduleTours({
      intervalsPerDay: 10,
      requiredAgents: required,
      shifts,
      underCoveragePenalty: 50,
    });
    expect(result.uncovered).toEqual([]);
    const coverage = rosterCoverage(result.agents, shifts, 10);
    for (let t = 0; t < 70; t++) expect(coverage[t]).toBeGreaterThanOrEqual(required[t] as number);
    expect(Array.from(result.coverage)).toEqual(coverage);
    expectFiveDayTours(result.agents, true);
    for (const agent of result.agents) for (const d of agent.days) expect([2, 3, 4]).toContain(d.lunchOffset);
    expect(result.tourCost).toBe(20 * result.agents.length);
  });

  it('with a headcount cap, returns the best partial schedule and the intervals left short', async () => {
    const result = await scheduleTours({
      intervalsPerDay: 10,
      requiredAgents: required,
      shifts,
      underCoveragePenalty: 50,
      maxAgents: 4,
    });
    expect(result.method).toBe('optimal');
    expect(result.agents).toHaveLength(4);
    expectFiveDayTours(result.agents, true);
    const coverage = rosterCoverage(result.agents, shifts, 10);
    const expected = required.flatMap((r, t) =>
      r > (coverage[t] as number)
        ? [{ day: Math.floor(t / 10), interval: t % 10, intervalOfWeek: t, missing: r - (coverage[t] as number) }]
        : [],
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(result.uncovered).toEqual(expected);
    expect(result.underCoverageAgentIntervals).toBe(expected.reduce((a, u) => a + u.missing, 0));
    expect(result.objective).toBeCloseTo(result.tourCost + 50 * result.underCoverageAgentIntervals, 9);
    const greedy = greedyTours({
      intervalsPerDay: 10,
      requiredAgents: required,
      shifts,
      underCoveragePenalty: 50,
      maxAgents: 4,
    });
    expect(greedy.agents.length).toBeLessThanOrEqual(4);
    expect(greedy.objective).toBeGreaterThanOrEqual(result.objective - 1e-9);
  });

  it('a night shift past Sunday midnight covers Monday morning (cyclic week)', async () => {
    const requiredAgents = new Array<number>(28).fill(0);
    requiredAgents[0] = 1; // Monday, first interval
    const result = await scheduleTours({
      intervalsPerDay: 4,
      requiredAgents,
      shifts: [{ name: 'night', start: 3, lengthIntervals: 2, costPerDay: 1 }],
      underCoveragePenalty: 10,
    });
    expect(result.uncovered).toEqual([]);
    expect(result.agents).toHaveLength(1);
    expect(result.agents[0]?.days.map((d) => d.day)).toContain(6);
  });

  it('rejects malformed weeks, shifts and days-off rules with the field named', async () => {
    const ok = {
      intervalsPerDay: 2,
      requiredAgents: new Array<number>(14).fill(1),
      shifts: [{ name: 's', start: 0, lengthIntervals: 2, costPerDay: 1 }],
      underCoveragePenalty: 1,
    };
    await expect(scheduleTours({ ...ok, requiredAgents: [1, 1] })).rejects.toThrow(/requiredAgents/);
    await expect(scheduleTours({ ...ok, daysOff: [[2, 2]] })).rejects.toThrow(/daysOff\[0\]/);
    await expect(scheduleTours({ ...ok, shifts: [{ ...ok.shifts[0]!, lengthIntervals: 3 }] })).rejects.toBeInstanceOf(
      WfmInputError,
    );
    const overlapping = {
      ...ok.shifts[0]!,
      breakOffsets: [1],
      lunch: { earliestOffset: 0, latestOffset: 1, lengthIntervals: 1 },
    };
    await expect(scheduleTours({ ...ok, shifts: [overlapping] })).rejects.toThrow(/shifts\[0\]\.lunch/);
  });
});
