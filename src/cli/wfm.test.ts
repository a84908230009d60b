import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { erlangCMetrics } from '../wfm/index.js';

const run = promisify(execFile);
const suivi = (...args: string[]) => run(process.execPath, ['bin/suivi.mjs', 'wfm', ...args]);

describe('suivi wfm', () => {
  it('staffs an interval and prints the metrics as JSON', async () => {
    const { stdout } = await suivi(
      'staff',
      '--calls',
      '200',
      '--interval',
      '900',
      '--aht',
      '300',
      '--target',
      '0.8',
      '--threshold',
      '20',
      '--shrinkage',
      '0.3',
      '--json',
    );
    const result = JSON.parse(stdout);
    expect(result.trafficErlangs).toBeCloseTo((200 * 300) / 900, 12);
    expect(result.serviceLevel).toBeGreaterThanOrEqual(0.8);
    // one agent fewer must miss the target, or the answer is not the smallest
    const fewer = erlangCMetrics({
      callsOffered: 200,
      intervalSeconds: 900,
      ahtSeconds: 300,
      agents: result.agents - 1,
      thresholdSeconds: 20,
    });
    expect(fewer.serviceLevel).toBeLessThan(0.8);
    expect(result.scheduledAgents).toBe(Math.ceil(result.agents / 0.7));
    for (const key of ['probabilityOfWaiting', 'asaSeconds', 'occupancy']) expect(typeof result[key]).toBe('number');
  });

  it('evaluates Erlang A for a fixed staff, with the abandonment probability', async () => {
    const { stdout } = await suivi(
      'evaluate',
      '--model',
      'erlang-a',
      '--calls',
      '200',
      '--aht',
      '300',
      '--agents',
      '70',
      '--patience',
      '120',
      '--json',
    );
    const result = JSON.parse(stdout);
    expect(result.probabilityOfAbandon).toBeGreaterThan(0);
    expect(result.probabilityOfAbandon).toBeLessThan(1);
  });

  it('rejects bad input naming the flag, with exit code 2', async () => {
    const failure = await suivi('staff', '--calls', '50', '--aht', '-3', '--target', '0.8').catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toMatch(/--aht/);
    const target = await suivi('staff', '--calls', '50', '--aht', '300', '--target', '1.2').catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect((target as { stderr: string }).stderr).toMatch(/--target/);
  });
});

describe('suivi wfm on files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'suivi-wfm-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('forecasts from a CSV history, keeping the weekly pattern, and reports a backtest WAPE', async () => {
    const lines = ['date,contacts'];
    for (let day = 0; day < 400; day++) {
      const date = new Date(Date.UTC(2025, 0, 6) + day * 86_400_000).toISOString().slice(0, 10);
      const weekday = day % 7; // 2025-01-06 is a Monday
      lines.push(`${date},${weekday === 0 ? 1500 : weekday >= 5 ? 400 : 1000}`);
    }
    writeFileSync(join(dir, 'history.csv'), `${lines.join('\n')}\n`);
    const { stdout, stderr } = await suivi(
      'forecast',
      '--history',
      join(dir, 'history.csv'),
      '--days',
      '14',
      '--holdout',
      '28',
    );
    expect(stderr).toMatch(/WAPE over the last 28 days: \d+\.\d %/);
    const rows = stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    expect(rows).toHaveLength(14);
    const monday = rows.find(([date]) => new Date(`${date}T00:00:00Z`).getUTCDay() === 1);
    const sunday = rows.find(([date]) => new Date(`${date}T00:00:00Z`).getUTCDay() === 0);
    expect(Number(monday?.[1])).toBeGreaterThan(Number(sunday?.[1]) * 2);
  });

  it('names the bad line of a history file', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'date,contacts\n2026-01-01,10\n2026-01-02,douze\n');
    const failure = await suivi('forecast', '--history', join(dir, 'bad.csv')).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toMatch(/bad\.csv:3: "douze" is not a number/);
  });

  it('simulates intervals from JSON and schedules shifts that cover a requirement', async () => {
    const simulation = {
      intervalSeconds: 900,
      callsPerInterval: [100, 120],
      agentsPerInterval: [30, 34],
      ahtSeconds: 240,
      thresholdSeconds: 20,
      patienceSeconds: 120,
      seed: 7,
    };
    writeFileSync(join(dir, 'simulation.json'), JSON.stringify(simulation));
    const simulated = JSON.parse((await suivi('simulate', '--input', join(dir, 'simulation.json'), '--json')).stdout);
    expect(simulated.intervals).toHaveLength(2);
    expect(simulated.totals.offered).toBe(simulated.totals.answered + simulated.totals.abandoned);
    const replicated = JSON.parse(
      (await suivi('simulate', '--input', join(dir, 'simulation.json'), '--replications', '6', '--threads', '2'))
        .stdout,
    );
    expect(replicated.threads).toBe(2);
    const { mean, lower, upper } = replicated.summary.serviceLevel;
    expect(lower).toBeLessThan(mean);
    expect(upper).toBeGreaterThan(mean);
    expect(mean).toBeGreaterThan(0);
    const requiredAgents = [2, 2, 4, 4, 4, 4, 2, 2];
    const schedule = {
      requiredAgents,
      pattern: {
        horizonIntervals: 8,
        lengthIntervals: 4,
        firstStart: 0,
        lastStart: 4,
        startEvery: 1,
        cost: 4,
        namePrefix: 'early',
      },
      underCoveragePenalty: 100,
    };
    writeFileSync(join(dir, 'schedule.json'), JSON.stringify(schedule));
    const scheduled = JSON.parse((await suivi('schedule', '--input', join(dir, 'schedule.json'), '--json')).stdout);
    expect(scheduled.uncovered).toEqual([]);
    for (const [interval, needed] of requiredAgents.entries()) {
      expect(scheduled.coverage[interval]).toBeGreaterThanOrEqual(needed);
    }
    // several child processes and worker threads: generous on a loaded machine
  }, 120_000);
});
