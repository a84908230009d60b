import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WfmInputError } from './errors.js';
import { erlangAMetricsRaw } from './erlangA.js';
import { erlangCMetricsRaw } from './metrics.js';
import { naiveStaffing } from './naive.js';
import { requiredAgents, requiredAgentsSeries, scheduledWithShrinkage, type StaffingOptions } from './staffing.js';

const load = (traffic: number, aht = 180) => ({
  callsOffered: (traffic * 900) / aht,
  intervalSeconds: 900,
  ahtSeconds: aht,
});

/** Brute force: scan every agent count from 1 with the public metrics functions. */
function bruteForceC(
  traffic: number,
  aht: number,
  sl: number,
  threshold: number,
  maxAsa: number,
  maxOcc: number,
): number {
  for (let n = 1; ; n++) {
    const m = erlangCMetricsRaw(n, traffic, aht, threshold);
    if (m.stable && m.serviceLevel >= sl && m.asaSeconds <= maxAsa && m.occupancy <= maxOcc) return n;
  }
}

describe('staffing with Erlang C', () => {
  it('finds the same count as a scan from one agent', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 400, noNaN: true }),
        fc.double({ min: 30, max: 900, noNaN: true }),
        fc.double({ min: 0.3, max: 0.99, noNaN: true }),
        fc.double({ min: 0, max: 90, noNaN: true }),
        fc.double({ min: 1, max: 120, noNaN: true }),
        fc.double({ min: 0.5, max: 1, noNaN: true }),
        (traffic, aht, sl, threshold, maxAsa, maxOcc) => {
          const result = requiredAgents(load(traffic, aht), {
            targets: {
              serviceLevel: { target: sl, thresholdSeconds: threshold },
              maxAsaSeconds: maxAsa,
              maxOccupancy: maxOcc,
            },
          });
          return result.agents === bruteForceC(result.trafficErlangs, aht, sl, threshold, maxAsa, maxOcc);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('agrees with the textbook method while it works, and keeps going where it returns nothing', () => {
    const options: StaffingOptions = { targets: { serviceLevel: { target: 0.8, thresholdSeconds: 20 } } };
    for (const traffic of [2, 10, 50, 100]) {
      expect(requiredAgents(load(traffic), options).agents).toBe(naiveStaffing(traffic, 180, 20, 0.8, 1000));
    }
    expect(naiveStaffing(1000, 180, 20, 0.8, 1200)).toBeUndefined(); // overflowed to NaN
    expect(requiredAgents(load(1000), options).agents).toBeGreaterThan(1000);
  });

  it('at 100,000 Erlangs the answer meets the target and one agent fewer does not', () => {
    const result = requiredAgents(load(100_000), { targets: { serviceLevel: { target: 0.9, thresholdSeconds: 10 } } });
    const at = erlangCMetricsRaw(result.agents, 100_000, 180, 10);
    const below = erlangCMetricsRaw(result.agents - 1, 100_000, 180, 10);
    expect(at.serviceLevel).toBeGreaterThanOrEqual(0.9);
    expect(below.serviceLevel).toBeLessThan(0.9);
    expect(result.binding).toEqual(['serviceLevel']);
    // Square-root staffing: the safety margin is O(sqrt(a)), not O(a).
    expect(result.agents - 100_000).toBeLessThan(3 * Math.sqrt(100_000));
  });

  it('reports which target binds', () => {
    const occupancyOnly = requiredAgents(load(85), { targets: { maxOccupancy: 0.85 } });
    expect(occupancyOnly.agents).toBe(100);
    expect(occupancyOnly.binding).toEqual(['occupancy']);

    const loose = { serviceLevel: { target: 0.5, thresholdSeconds: 60 } };
    const asaBinds = requiredAgents(load(50), { targets: { ...loose, maxAsaSeconds: 2 } });
    expect(asaBinds.binding).toEqual(['asa']);
    expect(asaBinds.asaSeconds).toBeLessThanOrEqual(2);

    const slBinds = requiredAgents(load(50), {
      targets: { serviceLevel: { target: 0.95, thresholdSeconds: 10 }, maxAsaSeconds: 300 },
    });
    expect(slBinds.binding).toEqual(['serviceLevel']);
  });

  it('more traffic never needs fewer agents; a stricter target never needs fewer', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 5000, noNaN: true }),
        fc.double({ min: 0.5, max: 0.95, noNaN: true }),
        (traffic, sl) => {
          const staff = (a: number, target: number) =>
            requiredAgents(load(a), { targets: { serviceLevel: { target, thresholdSeconds: 20 } } }).agents;
          const base = staff(traffic, sl);
          return staff(traffic * 1.05, sl) >= base && staff(traffic, Math.min(0.99, sl + 0.03)) >= base;
        },
      ),
      { numRuns: 100 },
    );
  });

  it('no calls need no agents', () => {
    const result = requiredAgents(
      { callsOffered: 0, intervalSeconds: 900, ahtSeconds: 300 },
      { targets: { maxAsaSeconds: 30 } },
    );
    expect(result.agents).toBe(0);
    expect(result.scheduledAgents).toBe(0);
  });
});

describe('staffing with Erlang A (abandonment)', () => {
  it('finds the same count as a scan, with the abandonment cap', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 150, noNaN: true }),
        fc.double({ min: 20, max: 600, noNaN: true }),
        fc.double({ min: 0.5, max: 0.95, noNaN: true }),
        fc.double({ min: 0.01, max: 0.2, noNaN: true }),
        fc.boolean(),
        (traffic, patience, sl, maxAb, excludeShort) => {
          const options: StaffingOptions = {
            targets: { serviceLevel: { target: sl, thresholdSeconds: 20 }, maxAbandonment: maxAb },
            patienceSeconds: patience,
            serviceLevelDefinition: excludeShort ? 'excludingShortAbandons' : 'offered',
          };
          const result = requiredAgents(load(traffic), options);
          for (let n = 1; ; n++) {
            const m = erlangAMetricsRaw(n, result.trafficErlangs, 180, patience, 20);
            const level = excludeShort ? m.serviceLevelExcludingShortAbandons : m.serviceLevelOfOffered;
            if (level >= sl && m.probabilityOfAbandonment <= maxAb) return n === result.agents;
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('needs no more agents than Erlang C for the same service level (abandons relieve the queue)', () => {
    for (const traffic of [5, 80, 2000]) {
      const targets = { serviceLevel: { target: 0.8, thresholdSeconds: 20 } };
      const c = requiredAgents(load(traffic), { targets }).agents;
      const a = requiredAgents(load(traffic), { targets, patienceSeconds: 120 }).agents;
      expect(a).toBeLessThanOrEqual(c);
    }
  });

  it('series staffing (which seeds each search from the previous interval) matches one-by-one staffing', () => {
    const calls = Array.from({ length: 300 }, (_, i) => Math.max(0, 600 * Math.sin(i / 25) + 50 * Math.sin(i * 1.7)));
    const options: StaffingOptions = {
      targets: { serviceLevel: { target: 0.85, thresholdSeconds: 15 }, maxAbandonment: 0.03 },
      patienceSeconds: 90,
    };
    const series = requiredAgentsSeries(calls, 900, 240, options);
    calls.forEach((c, i) => {
      expect(series.agents[i]).toBe(
        requiredAgents({ callsOffered: c, intervalSeconds: 900, ahtSeconds: 240 }, options).agents,
      );
    });
  });

  it('an abandonment cap alone can bind', () => {
    const result = requiredAgents(load(200), { targets: { maxAbandonment: 0.01 }, patienceSeconds: 60 });
    expect(result.binding).toEqual(['abandonment']);
    expect(result.probabilityOfAbandonment).toBeLessThanOrEqual(0.01);
  });
});

describe('shrinkage', () => {
  it('rounds up, but not on floating-point noise', () => {
    expect(scheduledWithShrinkage(80, 0.2)).toBe(100); // 80/0.8 = 100.00000000000001 in doubles
    expect(scheduledWithShrinkage(81, 0.2)).toBe(102);
    expect(scheduledWithShrinkage(7, 0)).toBe(7);
    expect(scheduledWithShrinkage(70, 0.3)).toBe(100);
  });

  it('is applied to the staffing result', () => {
    const result = requiredAgents(load(85), { targets: { maxOccupancy: 0.85 }, shrinkage: 0.35 });
    expect(result.scheduledAgents).toBe(Math.ceil(100 / 0.65));
  });
});

describe('bad input', () => {
  const base = load(10);
  const sl = { target: 0.8, thresholdSeconds: 20 };
  const cases: Array<[string, () => unknown]> = [
    ['targets.maxAsaSeconds', () => requiredAgents(base, { targets: { maxAsaSeconds: 0 } })],
    ['targets.maxAsaSeconds', () => requiredAgents(base, { targets: { maxAsaSeconds: -3 } })],
    ['targets.serviceLevel.target', () => requiredAgents(base, { targets: { serviceLevel: { ...sl, target: 1 } } })],
    ['targets.serviceLevel.target', () => requiredAgents(base, { targets: { serviceLevel: { ...sl, target: 0 } } })],
    [
      'targets.serviceLevel.target',
      () => requiredAgents(base, { targets: { serviceLevel: { ...sl, target: Number.NaN } } }),
    ],
    [
      'targets.serviceLevel.thresholdSeconds',
      () => requiredAgents(base, { targets: { serviceLevel: { ...sl, thresholdSeconds: -1 } } }),
    ],
    ['targets.maxAbandonment', () => requiredAgents(base, { targets: { maxAbandonment: 1.2 }, patienceSeconds: 60 })],
    ['patienceSeconds', () => requiredAgents(base, { targets: { maxAbandonment: 0.05 } })],
    ['patienceSeconds', () => requiredAgents(base, { targets: { serviceLevel: sl }, patienceSeconds: 0 })],
    ['targets.maxOccupancy', () => requiredAgents(base, { targets: { maxOccupancy: 0 } })],
    ['shrinkage', () => requiredAgents(base, { targets: { serviceLevel: sl }, shrinkage: 1 })],
    ['targets', () => requiredAgents(base, { targets: {} })],
    ['ahtSeconds', () => requiredAgents({ ...base, ahtSeconds: 0 }, { targets: { serviceLevel: sl } })],
    ['intervalSeconds', () => requiredAgents({ ...base, intervalSeconds: -900 }, { targets: { serviceLevel: sl } })],
    [
      'callsOffered',
      () => requiredAgents({ ...base, callsOffered: Number.POSITIVE_INFINITY }, { targets: { serviceLevel: sl } }),
    ],
    ['callsOffered[1]', () => requiredAgentsSeries([3, Number.NaN], 900, 180, { targets: { serviceLevel: sl } })],
  ];
  for (const [parameter, call] of cases) {
    it(`rejects ${parameter}`, () => {
      try {
        call();
        expect.unreachable('should have thrown');
      } catch (error) {
        expect(error).toBeInstanceOf(WfmInputError);
        expect((error as WfmInputError).parameter).toBe(parameter);
        expect((error as Error).message).toContain(parameter);
      }
    });
  }
});

describe('a year of 15-minute intervals', () => {
  // Its speed is measured by `npm run bench`, not here.
  it('staffs 35,040 intervals and matches per-interval staffing', () => {
    const calls = new Float64Array(35_040);
    for (let i = 0; i < calls.length; i++) {
      const hour = (i % 96) / 4;
      calls[i] = Math.max(0, 400 * Math.sin((Math.PI * (hour - 6)) / 16)) * (1 + 0.3 * Math.sin(i / 700));
    }
    const options: StaffingOptions = {
      targets: { serviceLevel: { target: 0.8, thresholdSeconds: 20 }, maxAsaSeconds: 30 },
      shrinkage: 0.3,
    };
    const series = requiredAgentsSeries(calls, 900, 300, options);
    for (const i of [0, 40, 4000, 35_000]) {
      const single = requiredAgents(
        { callsOffered: calls[i] as number, intervalSeconds: 900, ahtSeconds: 300 },
        options,
      );
      expect(series.agents[i]).toBe(single.agents);
      expect(series.scheduledAgents[i]).toBe(single.scheduledAgents);
    }
  });
});
