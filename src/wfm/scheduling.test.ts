import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WfmInputError } from './errors.js';
import {
  greedySchedule,
  type ScheduleInput,
  scheduleShifts,
  scheduleToLp,
  type ShiftTemplate,
  shiftTemplates,
} from './scheduling.js';

/** Exhaustive minimum over shift counts 0..maxEach (enough when costs >= 0 and requirements <= maxEach). */
function bruteForce(input: ScheduleInput, maxEach: number): number {
  const k = input.templates.length;
  const counts = new Array<number>(k).fill(0);
  let best = Number.POSITIVE_INFINITY;
  const visit = (i: number): void => {
    if (i === k) {
      const total = counts.reduce((a, b) => a + b, 0);
      if (input.maxAgents !== undefined && total > input.maxAgents) return;
      let cost = 0;
      input.templates.forEach((s, j) => {
        cost += s.cost * (counts[j] as number);
      });
      for (let t = 0; t < input.requiredAgents.length; t++) {
        let covered = 0;
        input.templates.forEach((s, j) => {
          if (s.coveredIntervals.includes(t)) covered += counts[j] as number;
        });
        cost += Math.max(0, (input.requiredAgents[t] as number) - covered) * (input.underCoveragePenalty as number);
      }
      best = Math.min(best, cost);
      return;
    }
    for (let c = 0; c <= maxEach; c++) {
      counts[i] = c;
      visit(i + 1);
    }
  };
  visit(0);
  return best;
}

describe('shift scheduling with HiGHS', () => {
  it('finds the known optimum of a small instance', async () => {
    const templates: ShiftTemplate[] = [
      { name: 'early', coveredIntervals: [0, 1, 2, 3], cost: 10 },
      { name: 'late', coveredIntervals: [4, 5, 6, 7], cost: 10 },
      { name: 'long', coveredIntervals: [0, 1, 2, 3, 4, 5, 6, 7], cost: 25 },
    ];
    const r = await scheduleShifts({ requiredAgents: [1, 1, 1, 1, 1, 1, 1, 1], templates, underCoveragePenalty: 100 });
    expect(r.method).toBe('optimal');
    expect(r.objective).toBe(20);
    expect(r.shifts).toEqual([
      { name: 'early', count: 1 },
      { name: 'late', count: 1 },
    ]);
    expect(r.uncovered).toEqual([]);
  });

  it('matches exhaustive search on random small instances, with and without a headcount cap', async () => {
    const instance = fc.record({
      required: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 6 }),
      shifts: fc.array(
        fc.record({ from: fc.nat(5), length: fc.integer({ min: 1, max: 4 }), cost: fc.integer({ min: 1, max: 30 }) }),
        { minLength: 1, maxLength: 3 },
      ),
      penalty: fc.integer({ min: 1, max: 20 }),
      cap: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(instance, async ({ required, shifts, penalty, cap }) => {
        const templates = shifts.map((s, i) => ({
          name: `s${i}`,
          cost: s.cost,
          coveredIntervals: Array.from({ length: s.length }, (_, k) => s.from + k).filter((t) => t < required.length),
        }));
        const input: ScheduleInput = {
          requiredAgents: required,
          templates,
          underCoveragePenalty: penalty,
          ...(cap === undefined ? {} : { maxAgents: cap }),
        };
        const r = await scheduleShifts(input);
        return r.method === 'optimal' && Math.abs(r.objective - bruteForce(input, 2)) < 1e-9;
      }),
      { numRuns: 40 },
    );
  });

  it('with too few agents, returns the best partial schedule and the intervals left short', async () => {
    const templates = shiftTemplates({
      horizonIntervals: 12,
      lengthIntervals: 4,
      firstStart: 0,
      lastStart: 8,
      startEvery: 4,
      cost: 40,
      namePrefix: 'shift',
    });
    const required = [3, 3, 3, 3, 5, 5, 5, 5, 1, 1, 1, 1];
    const r = await scheduleShifts({ requiredAgents: required, templates, underCoveragePenalty: 50, maxAgents: 6 });
    expect(r.method).toBe('optimal');
    expect(r.shifts.reduce((a, s) => a + s.count, 0)).toBe(6);
    expect(r.uncovered.length).toBeGreaterThan(0);
    for (const { interval, missing } of r.uncovered)
      expect(missing).toBe((required[interval] as number) - (r.coverage[interval] as number));
    expect(r.underCoverageAgentIntervals).toBe(r.uncovered.reduce((a, u) => a + u.missing, 0));
    // The scarce agents go where the need is greatest: the peak block is fully covered.
    expect(r.coverage[4]).toBe(5);
  });

  it('leaves intervals short when a shift would cost more than the shortfall it removes', async () => {
    const r = await scheduleShifts({
      requiredAgents: [1, 0, 0, 0],
      templates: [{ name: 'only', coveredIntervals: [0, 1, 2, 3], cost: 100 }],
      underCoveragePenalty: 30,
    });
    expect(r.shifts).toEqual([]);
    expect(r.uncovered).toEqual([{ interval: 0, missing: 1 }]);
    expect(r.objective).toBe(30);
  });

  it('schedules a week of 15-minute intervals with hundreds of shift templates', async () => {
    const horizon = 7 * 96;
    const required = Array.from({ length: horizon }, (_, t) => {
      const hour = (t % 96) / 4;
      return hour >= 7 && hour < 22 ? Math.round(20 + 15 * Math.sin((Math.PI * (hour - 7)) / 15)) : 0;
    });
    const templates: ShiftTemplate[] = [];
    for (let d = 0; d < 7; d++) {
      templates.push(
        ...shiftTemplates({
          horizonIntervals: horizon,
          lengthIntervals: 34,
          breakOffsets: [16, 17],
          firstStart: d * 96 + 28,
          lastStart: d * 96 + 56,
          startEvery: 4,
          cost: 200,
          namePrefix: `d${d}-8h`,
        }),
      );
      templates.push(
        ...shiftTemplates({
          horizonIntervals: horizon,
          lengthIntervals: 16,
          breakOffsets: [8],
          firstStart: d * 96 + 28,
          lastStart: d * 96 + 72,
          startEvery: 4,
          cost: 110,
          namePrefix: `d${d}-4h`,
        }),
      );
    }
    const r = await scheduleShifts({
      requiredAgents: required,
      templates,
      underCoveragePenalty: 60,
      timeLimitSeconds: 15,
    });
    expect(['optimal', 'time-limited']).toContain(r.method);
    expect(r.size.shiftVariables).toBe(templates.length);
    // HiGHS must do at least as well as the greedy heuristic on the same objective.
    const greedy = greedySchedule({ requiredAgents: required, templates, underCoveragePenalty: 60 });
    expect(r.objective).toBeLessThanOrEqual(greedy.objective + 1e-9);
  });
});

describe('greedy fallback and validation', () => {
  it('greedy covers everything when shortfall is expensive, and respects the headcount', () => {
    const templates = shiftTemplates({
      horizonIntervals: 8,
      lengthIntervals: 4,
      firstStart: 0,
      lastStart: 4,
      startEvery: 2,
      cost: 10,
      namePrefix: 's',
    });
    const required = [2, 2, 3, 3, 3, 3, 1, 1];
    const full = greedySchedule({ requiredAgents: required, templates, underCoveragePenalty: 100 });
    expect(full.uncovered).toEqual([]);
    const capped = greedySchedule({ requiredAgents: required, templates, underCoveragePenalty: 100, maxAgents: 2 });
    expect(capped.shifts.reduce((a, s) => a + s.count, 0)).toBe(2);
    expect(capped.uncovered.length).toBeGreaterThan(0);
  });

  it('writes a valid LP with integer shift counts', () => {
    const lp = scheduleToLp({
      requiredAgents: [1, 2],
      templates: [{ name: 'a', coveredIntervals: [0, 1], cost: 1.5, maxCount: 3 }],
      underCoveragePenalty: 9,
      maxAgents: 4,
    });
    expect(lp).toMatch(/Minimize[\s\S]*Subject To[\s\S]*Bounds[\s\S]*General[\s\S]*End/);
    expect(lp).toContain('x0 <= 3');
    expect(lp).toContain('<= 4');
    expect(lp).toContain('1.5 x0');
  });

  it('rejects bad templates and requirements', () => {
    const t = [{ name: 'a', coveredIntervals: [0, 1], cost: 1 }];
    expect(() => scheduleToLp({ requiredAgents: [1], templates: t, underCoveragePenalty: 1 })).toThrow(
      /coveredIntervals/,
    );
    expect(() => scheduleToLp({ requiredAgents: [1, -1], templates: t, underCoveragePenalty: 1 })).toThrow(
      /requiredAgents\[1\]/,
    );
    expect(() => scheduleToLp({ requiredAgents: [1, 1], templates: [], underCoveragePenalty: 1 })).toThrow(
      WfmInputError,
    );
    expect(() => scheduleToLp({ requiredAgents: [1, 1], templates: t, underCoveragePenalty: Number.NaN })).toThrow(
      /underCoveragePenalty/,
    );
  });
});
