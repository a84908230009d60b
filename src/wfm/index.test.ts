import { describe, expect, it } from 'vitest';
import * as wfm from './index.js';

describe('public API', () => {
  it('exports every entry point from one module', () => {
    const entryPoints = [
      'erlangB',
      'erlangC',
      'erlangCMetrics',
      'erlangAMetrics',
      'trafficErlangs',
      'requiredAgents',
      'requiredAgentsSeries',
      'scheduledWithShrinkage',
      'simulate',
      'fitHoltWinters',
      'forecastDaily',
      'backtest',
      'wape',
      'intradayProfiles',
      'distributeIntraday',
      'launchForecast',
      'splitAcrossSites',
      'scheduleShifts',
      'shiftTemplates',
      'greedySchedule',
      'simulateReplications',
      'meanWithInterval',
      'scheduleTours',
      'tourShifts',
      'greedyTours',
      'toursToLp',
    ] as const;
    const exported = new Map(Object.entries(wfm));
    for (const name of entryPoints) expect(typeof exported.get(name)).toBe('function');
    expect(new wfm.WfmInputError('x', 'y')).toBeInstanceOf(Error);
  });

  it('runs a planner round trip: forecast -> staffing -> schedule', async () => {
    const history = Array.from({ length: 70 }, (_, i) => 2000 * [1.2, 1.1, 1, 1, 0.95, 0.5, 0.3][(i + 0) % 7]!);
    const daily = wfm.forecastDaily(wfm.fitHoltWinters({ startDate: '2024-01-01', values: history }), 1);
    const profile = Float64Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 20 ? 1 / 12 : 0));
    const intervals = wfm.distributeIntraday(
      daily,
      Array.from({ length: 7 }, () => profile),
    );
    const staffing = wfm.requiredAgentsSeries(intervals.values, 3600, 300, {
      targets: { serviceLevel: { target: 0.8, thresholdSeconds: 20 } },
    });
    const templates = wfm.shiftTemplates({
      horizonIntervals: 24,
      lengthIntervals: 8,
      firstStart: 6,
      lastStart: 14,
      startEvery: 1,
      cost: 8,
      namePrefix: 's',
    });
    const schedule = await wfm.scheduleShifts({
      requiredAgents: staffing.agents,
      templates,
      underCoveragePenalty: 100,
    });
    expect(schedule.uncovered).toEqual([]);
    for (let h = 0; h < 24; h++) expect(schedule.coverage[h]).toBeGreaterThanOrEqual(staffing.agents[h] as number);
  });
});
