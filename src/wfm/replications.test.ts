import { describe, expect, it } from 'vitest';
import { meanWithInterval, studentT975 } from './confidence.js';
import { erlangAMetricsRaw } from './erlangA.js';
import { WfmInputError } from './errors.js';
import { simulateReplications } from './replications.js';
import type { SimulationInput } from './simulation.js';
import { replicationSeed } from './simulation-worker.js';

function stationary(traffic: number, agents: number, intervals: number, seed: number): SimulationInput {
  return {
    intervalSeconds: 900,
    callsPerInterval: new Float64Array(intervals).fill((traffic * 900) / 180),
    agentsPerInterval: new Float64Array(intervals).fill(agents),
    ahtSeconds: 180,
    patienceSeconds: 120,
    thresholdSeconds: 20,
    seed,
  };
}

describe('simulateReplications', () => {
  it('gives identical replications in the calling thread, with 1 worker thread and with 2', async () => {
    const input = stationary(8, 8, 24, 99);
    const inline = await simulateReplications(input, { replications: 9, threads: 0 });
    const one = await simulateReplications(input, { replications: 9, threads: 1 });
    const two = await simulateReplications(input, { replications: 9, threads: 2 });
    expect(one.threads).toBe(1);
    expect(two.threads).toBe(2);
    expect(one.replications).toEqual(inline.replications);
    expect(two.replications).toEqual(inline.replications);
    expect(two.summary).toEqual(inline.summary);
    expect(inline.replications.map((r) => r.seed)).toEqual(Array.from({ length: 9 }, (_, r) => replicationSeed(99, r)));
  });

  it('replications are independent draws: all differ, and a different base seed changes them all', async () => {
    const input = stationary(8, 8, 24, 5);
    const a = await simulateReplications(input, { replications: 6, threads: 0 });
    const b = await simulateReplications({ ...input, seed: 6 }, { replications: 6, threads: 0 });
    const offered = a.replications.map((r) => r.totals.offered);
    expect(new Set(a.replications.map((r) => JSON.stringify(r.totals))).size).toBe(6);
    expect(new Set(a.replications.map((r) => r.seed)).size).toBe(6);
    for (let r = 0; r < 6; r++) expect(b.replications[r]?.totals).not.toEqual(a.replications[r]?.totals);
    // Poisson volume: 24 intervals x 40 calls = 960 expected per replication.
    for (const n of offered) expect(Math.abs(n - 960)).toBeLessThan(5 * Math.sqrt(960));
  });

  it("95 % confidence intervals contain Erlang A's service level, abandonment and ASA, and are tight", async () => {
    const [traffic, agents] = [10, 10];
    const result = await simulateReplications(stationary(traffic, agents, 192, 2024), { replications: 30, threads: 2 });
    const exact = erlangAMetricsRaw(agents, traffic, 180, 120, 20);
    const checks: Array<[number, keyof typeof result.summary, number]> = [
      [exact.serviceLevelOfOffered, 'serviceLevel', 0.01],
      [exact.serviceLevelExcludingShortAbandons, 'serviceLevelExcludingShortAbandons', 0.01],
      [exact.probabilityOfAbandonment, 'abandonment', 0.005],
      [exact.asaSeconds, 'asaSeconds', 1],
    ];
    for (const [expected, key, maxHalfWidth] of checks) {
      const ci = result.summary[key];
      expect(ci.replications).toBe(30);
      expect(ci.lower).toBeLessThanOrEqual(expected);
      expect(ci.upper).toBeGreaterThanOrEqual(expected);
      expect(ci.halfWidth).toBeGreaterThan(0);
      expect(ci.halfWidth).toBeLessThan(maxHalfWidth);
    }
  });

  it('rejects bad options with the field named', async () => {
    const input = stationary(8, 8, 4, 1);
    await expect(simulateReplications(input, { replications: 1 })).rejects.toThrow(/replications/);
    await expect(simulateReplications(input, { replications: 4, threads: 1.5 })).rejects.toThrow(/threads/);
    await expect(
      simulateReplications({ ...input, agentsPerInterval: [1, 2] }, { replications: 4, threads: 0 }),
    ).rejects.toBeInstanceOf(WfmInputError);
  });
});

describe('confidence intervals', () => {
  it('Student t critical values match tables, including beyond the 30-row table', () => {
    const table: Array<[number, number]> = [
      [1, 12.7062],
      [10, 2.2281],
      [29, 2.0452],
      [31, 2.0395],
      [40, 2.0211],
      [60, 2.0003],
      [120, 1.9799],
      [1e6, 1.96],
    ];
    for (const [df, t] of table) expect(studentT975(df)).toBeCloseTo(t, 4);
  });

  it('mean and half-width by hand; undefined ratios are left out', () => {
    const ci = meanWithInterval([1, 2, 3, Number.NaN]);
    expect(ci.mean).toBe(2);
    expect(ci.standardDeviation).toBe(1);
    expect(ci.halfWidth).toBeCloseTo(4.30265273 / Math.sqrt(3), 9);
    expect(ci.replications).toBe(3);
  });
});
