import { describe, expect, it } from 'vitest';
import { erlangAMetricsRaw } from './erlangA.js';
import { WfmInputError } from './errors.js';
import { erlangCMetricsRaw } from './metrics.js';
import { SeededRandom } from './random.js';
import { handleTimeSampler, type SimulationInput, type SimulationResult, simulate } from './simulation.js';

/** Batch-means estimate of a ratio metric: point estimate and standard error. */
function batchRatio(
  result: SimulationResult,
  numerator: (i: number) => number,
  denominator: (i: number) => number,
  skip: number,
  batch: number,
) {
  const ratios: number[] = [];
  let top = 0;
  let bottom = 0;
  for (let start = skip; start + batch <= result.offered.length; start += batch) {
    let n = 0;
    let d = 0;
    for (let i = start; i < start + batch; i++) {
      n += numerator(i);
      d += denominator(i);
    }
    ratios.push(n / d);
    top += n;
    bottom += d;
  }
  const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
  const variance = ratios.reduce((a, r) => a + (r - mean) ** 2, 0) / (ratios.length - 1);
  return { estimate: top / bottom, standardError: Math.sqrt(variance / ratios.length) };
}

function stationary(
  traffic: number,
  agents: number,
  aht: number,
  intervals: number,
  extra: Partial<SimulationInput>,
): SimulationInput {
  return {
    intervalSeconds: 900,
    callsPerInterval: new Float64Array(intervals).fill((traffic * 900) / aht),
    agentsPerInterval: new Float64Array(intervals).fill(agents),
    ahtSeconds: aht,
    thresholdSeconds: 20,
    seed: 20_240_601,
    ...extra,
  };
}

describe('simulation validates the analytic models', () => {
  it('Erlang A: abandonment, both service levels and ASA fall inside the confidence interval', () => {
    const [traffic, agents, aht, patience] = [20, 20, 180, 120];
    const result = simulate(stationary(traffic, agents, aht, 8000, { patienceSeconds: patience }));
    const exact = erlangAMetricsRaw(agents, traffic, aht, patience, 20);
    const r = result;
    const checks: Array<[number, ReturnType<typeof batchRatio>]> = [
      [
        exact.probabilityOfAbandonment,
        batchRatio(
          r,
          (i) => r.abandoned[i] as number,
          (i) => r.offered[i] as number,
          10,
          100,
        ),
      ],
      [
        exact.serviceLevelOfOffered,
        batchRatio(
          r,
          (i) => r.answeredWithinThreshold[i] as number,
          (i) => r.offered[i] as number,
          10,
          100,
        ),
      ],
      [
        exact.serviceLevelExcludingShortAbandons,
        batchRatio(
          r,
          (i) => r.answeredWithinThreshold[i] as number,
          (i) => (r.offered[i] as number) - (r.abandonedWithinThreshold[i] as number),
          10,
          100,
        ),
      ],
      [
        exact.probabilityAbandonWithinThreshold,
        batchRatio(
          r,
          (i) => r.abandonedWithinThreshold[i] as number,
          (i) => r.offered[i] as number,
          10,
          100,
        ),
      ],
      [
        exact.asaSeconds,
        batchRatio(
          r,
          (i) => r.waitSecondsAnswered[i] as number,
          (i) => r.answered[i] as number,
          10,
          100,
        ),
      ],
    ];
    for (const [expected, { estimate, standardError }] of checks) {
      expect(Math.abs(estimate - expected)).toBeLessThan(4 * standardError);
      expect(standardError).toBeLessThan(0.02 * expected); // the interval is tight enough to mean something
    }
  });

  it('Erlang A in 10x overload (queue weights spanning e^980, rescaled) matches too', () => {
    // Waits concentrate near patience * ln(a/N) = 5,800 s; a 6,000 s threshold cuts through that peak.
    const [traffic, agents, aht, patience, threshold] = [50, 5, 180, 2520, 6000];
    const r = simulate(
      stationary(traffic, agents, aht, 6000, { patienceSeconds: patience, thresholdSeconds: threshold }),
    );
    const exact = erlangAMetricsRaw(agents, traffic, aht, patience, threshold);
    const sl = batchRatio(
      r,
      (i) => r.answeredWithinThreshold[i] as number,
      (i) => r.offered[i] as number,
      400,
      400,
    );
    const ab = batchRatio(
      r,
      (i) => r.abandoned[i] as number,
      (i) => r.offered[i] as number,
      400,
      400,
    );
    expect(Math.abs(sl.estimate - exact.serviceLevelOfOffered)).toBeLessThan(4 * sl.standardError);
    expect(Math.abs(ab.estimate - exact.probabilityOfAbandonment)).toBeLessThan(4 * ab.standardError + 1e-3);
    expect(sl.standardError).toBeLessThan(0.05 * exact.serviceLevelOfOffered);
  });

  it('Erlang C: service level and ASA match when nobody abandons', () => {
    const [traffic, agents, aht] = [10, 12, 240];
    const r = simulate(stationary(traffic, agents, aht, 6000, {}));
    const exact = erlangCMetricsRaw(agents, traffic, aht, 20);
    const sl = batchRatio(
      r,
      (i) => r.answeredWithinThreshold[i] as number,
      (i) => r.offered[i] as number,
      10,
      100,
    );
    const asa = batchRatio(
      r,
      (i) => r.waitSecondsAnswered[i] as number,
      (i) => r.answered[i] as number,
      10,
      100,
    );
    expect(Math.abs(sl.estimate - exact.serviceLevel)).toBeLessThan(4 * sl.standardError);
    expect(Math.abs(asa.estimate - exact.asaSeconds)).toBeLessThan(4 * asa.standardError);
    expect(r.totals.abandoned).toBe(0);
  });

  it('less variable handle times (lognormal, CV 0.3) give a better service level than exponential', () => {
    const base = stationary(18, 20, 300, 3000, {});
    const exponential = simulate(base).totals;
    const steady = simulate({ ...base, handleTime: { kind: 'lognormal', coefficientOfVariation: 0.3 } }).totals;
    expect(steady.answeredWithinThreshold / steady.offered).toBeGreaterThan(
      exponential.answeredWithinThreshold / exponential.offered + 0.015,
    );
  });
});

describe('simulation mechanics', () => {
  it('is reproducible for a seed and changes with the seed', () => {
    const input = stationary(8, 9, 200, 50, { patienceSeconds: 60 });
    const a = simulate(input);
    const b = simulate(input);
    expect(Array.from(a.answered)).toEqual(Array.from(b.answered));
    expect(a.totals).toEqual(b.totals);
    expect(simulate({ ...input, seed: 7 }).totals).not.toEqual(a.totals);
  });

  it('accounts for every caller, and callers facing no agents wait for the next interval or abandon', () => {
    const r = simulate({
      intervalSeconds: 900,
      callsPerInterval: [200, 0, 50],
      agentsPerInterval: [0, 40, 5],
      ahtSeconds: 100,
      patienceSeconds: 300,
      thresholdSeconds: 20,
      seed: 3,
    });
    for (let i = 0; i < 3; i++) expect((r.answered[i] as number) + (r.abandoned[i] as number)).toBe(r.offered[i]);
    // Nobody is answered during interval 0: an answered caller from it waited at least until t = 900.
    expect(r.answeredWithinThreshold[0]).toBeLessThan(0.05 * (r.offered[0] as number));
    expect(r.abandoned[0]).toBeGreaterThan(0.5 * (r.offered[0] as number));
    expect(r.offered[1]).toBe(0);
  });

  it('lognormal handle times have the requested mean and coefficient of variation', () => {
    const draw = handleTimeSampler({ kind: 'lognormal', coefficientOfVariation: 0.8 }, 240, new SeededRandom(11));
    let sum = 0;
    let squares = 0;
    const n = 400_000;
    for (let i = 0; i < n; i++) {
      const v = draw();
      sum += v;
      squares += v * v;
    }
    const mean = sum / n;
    const cv = Math.sqrt(squares / n - mean * mean) / mean;
    expect(mean).toBeGreaterThan(240 * 0.99);
    expect(mean).toBeLessThan(240 * 1.01);
    expect(cv).toBeGreaterThan(0.77);
    expect(cv).toBeLessThan(0.83);
  });

  it('rejects inconsistent input', () => {
    const ok = {
      intervalSeconds: 900,
      callsPerInterval: [10, 10],
      agentsPerInterval: [3, 3],
      ahtSeconds: 100,
      thresholdSeconds: 20,
      seed: 1,
    };
    expect(() => simulate({ ...ok, agentsPerInterval: [3] })).toThrow(WfmInputError);
    expect(() => simulate({ ...ok, agentsPerInterval: [3, 2.5] })).toThrow(/agentsPerInterval\[1\]/);
    expect(() => simulate({ ...ok, callsPerInterval: [10, -1] })).toThrow(/callsPerInterval\[1\]/);
    expect(() => simulate({ ...ok, patienceSeconds: 0 })).toThrow(/patienceSeconds/);
    expect(() => simulate({ ...ok, handleTime: { kind: 'lognormal', coefficientOfVariation: 0 } })).toThrow(
      /coefficientOfVariation/,
    );
  });
});
