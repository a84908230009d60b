import { describe, expect, it } from 'vitest';
import { dayNumber, isoDate, weekdayOf } from './calendar.js';
import { WfmInputError } from './errors.js';
import { backtest, type DailySeries, fitHoltWinters, forecastDaily, wape } from './forecast.js';
import { distributeIntraday, intradayProfiles } from './intraday.js';
import { launchForecast } from './launch.js';
import { SeededRandom } from './random.js';

const WEEKLY = [1.25, 1.1, 1.05, 1.0, 0.95, 0.4, 0.25]; // Monday first

/** Known truth: trend + weekly + yearly seasonality, with 2% multiplicative noise. */
function synthetic(
  startDate: string,
  days: number,
  noise = 0.02,
  seed = 5,
): { series: DailySeries; truth: Float64Array } {
  const first = dayNumber('start', startDate);
  const rng = new SeededRandom(seed);
  const truth = new Float64Array(days);
  const values = new Float64Array(days);
  for (let i = 0; i < days; i++) {
    const day = first + i;
    const yearly = 1 + 0.25 * Math.sin((2 * Math.PI * (day % 365)) / 365);
    truth[i] = (8000 + 1.5 * i) * (WEEKLY[weekdayOf(day)] as number) * yearly;
    values[i] = (truth[i] as number) * (1 + noise * rng.normal());
  }
  return { series: { startDate, values }, truth };
}

describe('calendar', () => {
  it('knows weekdays and rejects impossible dates', () => {
    expect(weekdayOf(dayNumber('d', '2024-01-01'))).toBe(0); // a Monday
    expect(weekdayOf(dayNumber('d', '2024-06-09'))).toBe(6); // a Sunday
    expect(isoDate(dayNumber('d', '2024-02-29') + 1)).toBe('2024-03-01');
    expect(() => dayNumber('launchDate', '2023-02-29')).toThrow(WfmInputError);
    expect(() => dayNumber('launchDate', '01/02/2024')).toThrow(/launchDate/);
  });
});

describe('Holt-Winters daily forecast', () => {
  it('forecasts 8 weeks ahead within a few percent and beats "repeat last week"', () => {
    const { series } = synthetic('2022-01-03', 2 * 365 + 120);
    const { wape: error, forecast } = backtest(series, 56);
    expect(error).toBeLessThan(0.05);
    const values = Array.from(series.values);
    const cut = values.length - 56;
    const lastWeek = Array.from({ length: 56 }, (_, h) => values[cut - 7 + (h % 7)] as number);
    expect(error).toBeLessThan(wape(values.slice(cut), lastWeek));
    expect(forecast.startDate).toBe(isoDate(dayNumber('s', series.startDate) + cut));
  });

  it('uses the yearly pattern once it has two years (better than a weekly-only fit on the same data)', () => {
    const { series } = synthetic('2022-01-03', 2 * 365 + 90, 0.01);
    const values = Array.from(series.values);
    const cut = values.length - 60;
    const full = forecastDaily(fitHoltWinters({ startDate: series.startDate, values: values.slice(0, cut) }), 60);
    const recentStart = isoDate(dayNumber('s', series.startDate) + cut - 300);
    const weeklyOnly = forecastDaily(
      fitHoltWinters({ startDate: recentStart, values: values.slice(cut - 300, cut) }),
      60,
    );
    const actual = values.slice(cut);
    expect(wape(actual, full.values)).toBeLessThan(wape(actual, weeklyOnly.values));
  });

  it('reproduces a clean weekly pattern almost exactly', () => {
    const first = dayNumber('s', '2024-01-01');
    const values = Array.from({ length: 140 }, (_, i) => 1000 * (WEEKLY[weekdayOf(first + i)] as number));
    const { wape: error } = backtest({ startDate: '2024-01-01', values }, 28);
    expect(error).toBeLessThan(0.002);
  });

  it('does not learn from days marked special (an outage does not bend next week)', () => {
    const first = dayNumber('s', '2024-01-01');
    const values = Array.from({ length: 140 }, (_, i) => 1000 * (WEEKLY[weekdayOf(first + i)] as number));
    const outage = 133; // last Monday of the history: a 90% drop
    values[outage] = (values[outage] as number) * 0.1;
    const params = { level: 0.3, trend: 0, weekly: 0.3, yearly: 0 };
    const history = { startDate: '2024-01-01', values };
    const marked = forecastDaily(
      fitHoltWinters(history, { specialDays: [isoDate(first + outage)], parameters: params }),
      7,
    );
    const unmarked = forecastDaily(fitHoltWinters(history, { parameters: params }), 7);
    const expectedMonday = 1000 * (WEEKLY[0] as number);
    expect(weekdayOf(first + 140)).toBe(0);
    expect(Math.abs((marked.values[0] as number) - expectedMonday)).toBeLessThan(0.01 * expectedMonday);
    expect(Math.abs((unmarked.values[0] as number) - expectedMonday)).toBeGreaterThan(0.1 * expectedMonday);
  });

  it('applies special-day overrides to exactly those days', () => {
    const { series } = synthetic('2024-01-01', 120);
    const model = fitHoltWinters(series);
    const plain = forecastDaily(model, 14);
    const holiday = isoDate(dayNumber('s', plain.startDate) + 3);
    const billing = isoDate(dayNumber('s', plain.startDate) + 5);
    const adjusted = forecastDaily(model, 14, [
      { date: holiday, multiplier: 0.3 },
      { date: billing, total: 99_999 },
    ]);
    for (let i = 0; i < 14; i++) {
      if (i === 3) expect(adjusted.values[i]).toBeCloseTo((plain.values[i] as number) * 0.3, 9);
      else if (i === 5) expect(adjusted.values[i]).toBe(99_999);
      else expect(adjusted.values[i]).toBe(plain.values[i]);
    }
  });

  it('validates history and options', () => {
    expect(() => fitHoltWinters({ startDate: '2024-01-01', values: [1, 2, 3] })).toThrow(/history.values/);
    const values = new Array(40).fill(100);
    values[7] = Number.NaN;
    expect(() => fitHoltWinters({ startDate: '2024-01-01', values })).toThrow(/history.values\[7\]/);
    expect(() => fitHoltWinters({ startDate: '2024-13-01', values: new Array(40).fill(1) })).toThrow(
      /history.startDate/,
    );
    expect(() => backtest({ startDate: '2024-01-01', values: new Array(40).fill(1) }, 20)).toThrow(/holdoutDays/);
    expect(() => wape([0, 0], [1, 1])).toThrow(WfmInputError);
    expect(wape([100, 100], [90, 120])).toBeCloseTo(0.15, 12);
  });
});

describe('intraday profiles', () => {
  const weekdayShape = Array.from({ length: 96 }, (_, i) => (i >= 32 && i < 72 ? 2 : 0.2));
  const sundayShape = Array.from({ length: 96 }, (_, i) => (i >= 44 && i < 64 ? 1 : 0.1));
  const history = Array.from({ length: 28 }, (_, d) => {
    const date = isoDate(dayNumber('s', '2024-01-01') + d);
    const shape = weekdayOf(dayNumber('s', date)) === 6 ? sundayShape : weekdayShape;
    return { date, intervals: shape.map((v) => v * (1 + d)) }; // volume differs by day, shape does not
  });

  it('recovers each weekday shape and sums to one', () => {
    const profiles = intradayProfiles(history, 96);
    const total = (p: ArrayLike<number>) => Array.from(p).reduce((a, b) => a + b, 0);
    for (const p of profiles) expect(total(p)).toBeCloseTo(1, 12);
    const sunday = profiles[6] as Float64Array;
    const monday = profiles[0] as Float64Array;
    expect((sunday[50] as number) / (sunday[10] as number)).toBeCloseTo(10, 9);
    expect((monday[40] as number) / (monday[10] as number)).toBeCloseTo(10, 9);
    expect(monday[34]).toBeGreaterThan(sunday[34] as number);
  });

  it('spreads daily totals without losing calls, with per-date profile overrides', () => {
    const profiles = intradayProfiles(history, 96);
    const special = Array.from({ length: 96 }, (_, i) => (i === 50 ? 1 : 0));
    const spread = distributeIntraday({ startDate: '2024-02-05', values: [1000, 2000, 500] }, profiles, [
      { date: '2024-02-06', profile: special },
    ]);
    const day = (d: number) => Array.from(spread.values.subarray(d * 96, (d + 1) * 96));
    expect(day(0).reduce((a, b) => a + b, 0)).toBeCloseTo(1000, 9);
    expect(day(1)[50]).toBeCloseTo(2000, 9);
    expect(day(2).reduce((a, b) => a + b, 0)).toBeCloseTo(500, 9);
    expect(() => intradayProfiles(history, 48)).toThrow(/intervals/);
  });
});

describe('launch forecast (no history)', () => {
  const base = {
    launchDate: '2025-03-03',
    days: 400,
    population: 2_000_000,
    takeUp: { kind: 'logistic' as const, finalShare: 0.1, midpointDays: 60, spreadDays: 12 },
    contactsPerNewCustomer: 1.8,
    contactDecayDays: 10,
  };

  it('conserves contacts: customers acquired times contacts per customer', () => {
    const f = launchForecast(base);
    const total = Array.from(f.daily.values).reduce((a, b) => a + b, 0);
    const customers = f.cumulativeCustomers[399] as number;
    expect(customers).toBeCloseTo(200_000, -2);
    // All but the contacts of the last few weeks' adopters have happened by day 400.
    expect(total).toBeGreaterThan(0.995 * customers * 1.8);
    expect(total).toBeLessThanOrEqual(customers * 1.8 + 1e-6);
    expect(f.newCustomers[0]).toBeGreaterThanOrEqual(0);
  });

  it('peaks after the take-up midpoint, and the base rate adds load on settled customers', () => {
    const f = launchForecast(base);
    const values = Array.from(f.daily.values);
    const peak = values.indexOf(Math.max(...values));
    expect(peak).toBeGreaterThan(60);
    expect(peak).toBeLessThan(90);
    const withBase = launchForecast({ ...base, baseContactsPerCustomerPerDay: 0.01 });
    expect(withBase.daily.values[399] as number).toBeCloseTo(
      (f.daily.values[399] as number) + 0.01 * (f.cumulativeCustomers[398] as number),
      6,
    );
  });

  it('shapes by analog weekday weights and intraday profiles', () => {
    const profile = Float64Array.from({ length: 4 }, () => 0.25);
    const f = launchForecast({
      ...base,
      days: 14,
      weekdayWeights: [2, 1, 1, 1, 1, 1, 0],
      intradayProfiles: Array.from({ length: 7 }, () => profile),
      takeUp: { kind: 'table', cumulativeShare: [0.01, 0.02, 0.03] },
    });
    expect(f.daily.values[6]).toBe(0); // Sunday weight 0 (2025-03-09)
    expect(f.intervals?.values.length).toBe(14 * 4);
    expect(f.intervals?.values[0]).toBeCloseTo((f.daily.values[0] as number) / 4, 9);
    expect(f.cumulativeCustomers[13]).toBeCloseTo(60_000, 6); // the table's last value carries on
  });

  it('rejects impossible curves', () => {
    expect(() => launchForecast({ ...base, takeUp: { kind: 'table', cumulativeShare: [0.2, 0.1] } })).toThrow(
      /cumulativeShare\[1\]/,
    );
    expect(() => launchForecast({ ...base, takeUp: { ...base.takeUp, finalShare: 1.5 } })).toThrow(/finalShare/);
    expect(() => launchForecast({ ...base, contactDecayDays: 0 })).toThrow(/contactDecayDays/);
    expect(() => launchForecast({ ...base, days: 0 })).toThrow(/days/);
  });
});
