import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
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
