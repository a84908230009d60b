import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangB, erlangBParts, erlangC } from './erlang.js';
import { WfmInputError } from './errors.js';
import { erlangCMetrics, erlangCMetricsRaw } from './metrics.js';
import { naiveErlangC } from './naive.js';
import { preciseErlangC } from './test-support/precise.js';

const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe('Erlang B', () => {
  it('matches the classic table value B(10 servers, 5 Erlangs) = 0.018385', () => {
    expect(erlangB(10, 5)).toBeCloseTo(0.018385, 6);
  });

  it('handles the edges: no servers blocks everything, no traffic blocks nothing', () => {
    expect(erlangB(0, 7)).toBe(1);
    expect(erlangB(5, 0)).toBe(0);
    // One server: B = a / (1 + a) exactly.
    expect(relativeError(erlangB(1, 0.01), 0.01 / 1.01)).toBeLessThan(1e-15);
    expect(relativeError(erlangB(1, 3), 0.75)).toBeLessThan(1e-15);
  });

  it('stays exact for vanishing traffic: B(N, a) -> a^N / N!', () => {
    // Computed through logs of size ~690 here, so a few 1e-14 of relative error is expected.
    expect(relativeError(erlangB(1, 1e-300), 1e-300)).toBeLessThan(1e-12);
    expect(relativeError(erlangB(3, 1e-100), 1e-300 / 6)).toBeLessThan(1e-12);
    expect(erlangB(2, 1e-300)).toBe(0); // 5e-601 underflows, but never NaN
    expect(relativeError(erlangB(2, 1e-12), 1e-24 / 2)).toBeLessThan(1e-11);
  });

  it('underflows gracefully to 0 (never NaN) far above the traffic', () => {
    const parts = erlangBParts(5000, 10);
    expect(parts.blocking).toBe(0);
    expect(parts.notBlocked).toBe(1);
    // ln(1/B) ~ ln(5000!) - 5000 ln(10) + 10, large but finite.
    expect(parts.logInverseBlocking).toBeGreaterThan(20000);
    expect(Number.isFinite(parts.logInverseBlocking)).toBe(true);
  });

  it('is never NaN or infinite and stays a probability over a huge range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300_000 }), fc.double({ min: 1e-3, max: 1e6, noNaN: true }), (n, a) => {
        const p = erlangBParts(n, a);
        return (
          Number.isFinite(p.blocking) &&
          p.blocking >= 0 &&
          p.blocking <= 1 &&
          Number.isFinite(p.notBlocked) &&
          Math.abs(p.blocking + p.notBlocked - 1) < 1e-12 &&
          Number.isFinite(p.logInverseBlocking)
        );
      }),
      { numRuns: 300 },
    );
  });

  it('decreases with servers and increases with traffic', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 }), fc.double({ min: 0.01, max: 20_000, noNaN: true }), (n, a) => {
        const b = erlangB(n, a);
        return erlangB(n + 1, a) <= b && erlangB(n, a * 1.01) >= b;
      }),
      { numRuns: 200 },
    );
  });
});

describe('Erlang B and C against a 80-digit BigInt reference', () => {
  // Server counts around the staffing region (a +- a few sqrt(a)) where the numbers matter,
  // plus points well above and below. The reference is a plain forward recursion over every N.
  const grid: Array<[traffic: number, aht: number, threshold: number]> = [
    [0.01, 180, 20],
    [0.5, 240, 20],
    [3.7, 180, 20],
    [10, 180, 20],
    [47.3, 300, 30],
    [250, 180, 20],
    [1234.5, 420, 60],
    [10_000, 180, 20],
    [100_000, 180, 15],
  ];
  for (const [traffic, aht, threshold] of grid) {
    it(`${traffic} Erlangs`, () => {
      const root = Math.sqrt(traffic);
      const counts = new Set<number>();
      for (const k of [0.5, 1, 2, 3, 5]) counts.add(Math.floor(traffic + k * root) + 1);
      counts.add(Math.floor(traffic) + 1);
      counts.add(Math.ceil(traffic * 1.02) + 2);
      const servers = [...counts].filter((n) => n >= 1);
      const reference = preciseErlangC(traffic, aht, threshold, servers);
      // Overloaded counts too (only B is defined there).
      for (const n of servers) {
        const ref = reference.get(n);
        if (!ref) throw new Error('missing reference');
        if (ref.blocking < 1e-60) continue; // beyond the reference's fixed-point resolution
        const ours = erlangCMetricsRaw(n, traffic, aht, threshold);
        expect(relativeError(erlangB(n, traffic), ref.blocking)).toBeLessThan(1e-9);
        expect(relativeError(ours.probabilityOfWaiting, ref.waiting)).toBeLessThan(1e-9);
        expect(relativeError(ours.serviceLevel, ref.serviceLevel)).toBeLessThan(1e-9);
        expect(relativeError(ours.asaSeconds, ref.asaSeconds)).toBeLessThan(1e-9);
      }
    });
  }
});

describe('Erlang B beyond 100,000 Erlangs', () => {
  it('agrees with the stable forward recursion B(n+1) = aB/(n+1+aB) started from the series', () => {
    // The series and the recursion are different algorithms; the recursion is stable (errors shrink).
    for (const traffic of [1e6, 1e7]) {
      const start = Math.floor(traffic - 2 * Math.sqrt(traffic));
      let b = erlangB(start, traffic);
      for (let n = start + 1; n <= start + 400; n++) {
        b = (traffic * b) / (n + traffic * b);
        if ((n - start) % 100 === 0) expect(relativeError(erlangB(n, traffic), b)).toBeLessThan(1e-11);
      }
      expect(b).toBeGreaterThan(0);
    }
  });
});

describe('Erlang C', () => {
  it('agrees with the textbook formula where the textbook one still works', () => {
    for (const [n, a] of [
      [2, 1],
      [12, 10],
      [30, 25.5],
      [60, 50],
    ] as const) {
      expect(relativeError(erlangC(n, a), naiveErlangC(n, a))).toBeLessThan(1e-12);
    }
  });

  it('keeps working where the textbook formula overflows', () => {
    expect(Number.isNaN(naiveErlangC(1100, 1000))).toBe(true);
    const c = erlangC(1100, 1000);
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(1);
  });

  it('is 1 at or above 100% load, and the metrics say the queue is unstable', () => {
    expect(erlangC(10, 10)).toBe(1);
    expect(erlangC(10, 12)).toBe(1);
    const m = erlangCMetricsRaw(10, 12, 180, 20);
    expect(m.stable).toBe(false);
    expect(m.serviceLevel).toBe(0);
    expect(m.occupancy).toBe(1);
  });

  it('more agents never make waiting, service level, ASA or occupancy worse', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 50_000, noNaN: true }),
        fc.integer({ min: 0, max: 400 }),
        fc.double({ min: 10, max: 1200, noNaN: true }),
        fc.double({ min: 0, max: 120, noNaN: true }),
        (traffic, extra, aht, threshold) => {
          const n = Math.floor(traffic) + 1 + extra;
          const now = erlangCMetricsRaw(n, traffic, aht, threshold);
          const more = erlangCMetricsRaw(n + 1, traffic, aht, threshold);
          // The service level is a sum of parts each correctly rounded: near 1 it may move by a few
          // units in the last place (2.2e-16 each) when the exact value moves by less than that.
          return (
            more.probabilityOfWaiting <= now.probabilityOfWaiting &&
            more.serviceLevel >= now.serviceLevel - 1e-15 &&
            more.asaSeconds <= now.asaSeconds &&
            more.occupancy <= now.occupancy &&
            now.serviceLevel >= 0 &&
            now.serviceLevel <= 1
          );
        },
      ),
      // A case CI found: 2,679 agents for 2,286 Erlangs, where the service level moved by 3e-16.
      { numRuns: 300, examples: [[2286.333549185349, 392, 10, 0]] },
    );
  });

  it('service level at threshold 0 is the probability of not waiting', () => {
    const m = erlangCMetricsRaw(105, 100, 180, 0);
    expect(relativeError(m.serviceLevel, 1 - m.probabilityOfWaiting)).toBeLessThan(1e-14);
  });

  it('computes traffic from calls, interval and AHT', () => {
    const m = erlangCMetrics({
      callsOffered: 300,
      intervalSeconds: 900,
      ahtSeconds: 240,
      agents: 100,
      thresholdSeconds: 20,
    });
    expect(m.trafficErlangs).toBe(80);
    expect(m.occupancy).toBeCloseTo(0.8, 12);
  });

  it('rejects bad inputs with a typed error naming the parameter', () => {
    expect(() => erlangB(-1, 5)).toThrow(WfmInputError);
    expect(() => erlangB(2.5, 5)).toThrow(/servers/);
    expect(() => erlangC(10, Number.NaN)).toThrow(/trafficErlangs/);
    try {
      erlangCMetrics({ callsOffered: 10, intervalSeconds: 0, ahtSeconds: 100, agents: 3, thresholdSeconds: 20 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(WfmInputError);
      expect((error as WfmInputError).parameter).toBe('intervalSeconds');
    }
  });
});
