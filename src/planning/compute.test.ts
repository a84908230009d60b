import { describe, expect, it } from 'vitest';
import { type ComputeInput, type ComputeSite, computeScenario, scenarioVolumes } from './compute.js';
import { parseInstant } from './history-csv.js';
import { scenarioDefinition } from './schema.js';

const flatHistory = (perDay: number) => ({
  startDate: '2026-01-05',
  values: Array.from({ length: 140 }, (_, d) => (d % 7 === 6 ? 0 : perDay)),
});

function site(code: string, cost: number, seats: number, extra: Partial<ComputeSite> = {}): ComputeSite {
  return {
    id: code,
    code,
    costPerProductiveHour: cost,
    shrinkage: 0.25,
    opensMinute: 8 * 60,
    closesMinute: 20 * 60,
    openWeekdays: [1, 2, 3, 4, 5, 6],
    queues: [{ queueId: 'q', seats, minimumCallsPerHour: 0, ahtSeconds: null }],
    ...extra,
  };
}

function input(definition: Record<string, unknown>, sites: ComputeSite[], perDay = 2000): ComputeInput {
  return {
    definition: scenarioDefinition.parse({ startDate: '2026-05-25', weeks: 1, ...definition }),
    queues: [
      {
        id: 'q',
        code: 'billing',
        serviceLevelTarget: 0.8,
        serviceLevelSeconds: 20,
        ahtSeconds: 300,
        patienceSeconds: null,
        priority: 1,
        history: flatHistory(perDay),
        profiles: null,
      },
    ],
    sites,
    holidays: ['2026-05-25'],
  };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const MONDAY_10H = 40; // interval index of 10:00 on the first day
const TUESDAY_10H = 96 + 40;

describe('computeScenario', () => {
  it('places calls only while a site is open, cheapest first, within seats', () => {
    const weekdays = { openWeekdays: [1, 2, 3, 4, 5] };
    const result = computeScenario(input({}, [site('CHEAP', 18, 30, weekdays), site('DEAR', 34, 500, weekdays)], 6000));
    const cheap = result.siteQueues.find((r) => r.siteId === 'CHEAP');
    const dear = result.siteQueues.find((r) => r.siteId === 'DEAR');
    expect(Math.max(...(cheap?.agents ?? []))).toBeLessThanOrEqual(30);
    expect(cheap?.agents[TUESDAY_10H]).toBe(30);
    expect(dear?.agents[TUESDAY_10H]).toBeGreaterThan(0);
    // 03:00 and Saturday: closed, nobody staffed; Saturday's calls are reported as left over.
    expect(cheap?.agents[96 + 12]).toBe(0);
    const saturday = result.queues[0]?.unallocated.slice(5 * 96, 6 * 96) ?? [];
    expect(sum(saturday)).toBeGreaterThan(1000);
    expect(sum(result.queues[0]?.unallocated.slice(96, 2 * 96) ?? [])).toBe(0);
    // Agents to schedule include shrinkage (25 %): ceil(agents / 0.75).
    expect(cheap?.scheduled[TUESDAY_10H]).toBe(40);
  });

  it('applies public holidays to the forecast (Whit Monday 2026-05-25)', () => {
    const volumes = scenarioVolumes(input({}, [site('A', 20, 500)]));
    const calls = volumes.get('q')?.calls ?? new Float64Array();
    const monday = sum(Array.from(calls.slice(0, 96)));
    const tuesday = sum(Array.from(calls.slice(96, 192)));
    expect(monday).toBeLessThan(tuesday * 0.5);
  });

  it('adds a launch from its start date only, and more handle time needs more agents', () => {
    const sites = [site('A', 20, 2000)];
    const base = computeScenario(input({}, sites));
    const launched = computeScenario(
      input(
        {
          launch: {
            startDate: '2026-05-27',
            newCustomers: 100_000,
            takeUpDays: 4,
            contactsPerNewCustomer: 1,
            queueShares: [{ queue: 'billing', share: 1 }],
          },
        },
        sites,
      ),
    );
    const day = (r: typeof base, d: number) => sum(r.queues[0]?.calls.slice(d * 96, (d + 1) * 96) ?? []);
    expect(day(launched, 1)).toBeCloseTo(day(base, 1), 0);
    expect(day(launched, 4)).toBeGreaterThan(day(base, 4) + 1000);
    const slower = computeScenario(input({ ahtPercent: 10 }, sites));
    const agents = (r: typeof base) => sum(r.siteQueues[0]?.agents ?? []);
    expect(agents(slower)).toBeGreaterThan(agents(base));
  });

  it('takes seats away from a site and closes sites', () => {
    const sites = [site('CHEAP', 18, 100), site('DEAR', 34, 500)];
    const fewer = computeScenario(input({ sites: [{ site: 'CHEAP', seatsDelta: -80 }] }, sites));
    expect(Math.max(...(fewer.siteQueues.find((r) => r.siteId === 'CHEAP')?.agents ?? []))).toBeLessThanOrEqual(20);
    const closed = computeScenario(input({ sites: [{ site: 'CHEAP', closed: true }] }, sites));
    expect(closed.siteQueues.map((r) => r.siteId)).toEqual(['DEAR']);
  });

  it('gives a vendor its contractual minimum while open, even when dearer', () => {
    const vendor = site('VENDOR', 40, 100, {
      queues: [{ queueId: 'q', seats: 100, minimumCallsPerHour: 80, ahtSeconds: null }],
    });
    const result = computeScenario(input({}, [site('OWN', 20, 500), vendor]));
    const placed = result.siteQueues.find((r) => r.siteId === 'VENDOR')?.calls[TUESDAY_10H] ?? 0;
    expect(placed).toBeGreaterThanOrEqual(15);
    expect(result.siteQueues.find((r) => r.siteId === 'VENDOR')?.calls[MONDAY_10H + 96 * 6]).toBe(0);
  });
});

describe('parseInstant', () => {
  it('reads Paris wall-clock time across DST and instants with offsets', () => {
    expect((parseInstant('2026-01-15 09:00') as Date).toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect((parseInstant('2026-07-15 09:00') as Date).toISOString()).toBe('2026-07-15T07:00:00.000Z');
    expect((parseInstant('2026-07-15T09:00:00+02:00') as Date).toISOString()).toBe('2026-07-15T07:00:00.000Z');
    expect(parseInstant('2026-07-15 09:10')).toMatch(/quarter hour/);
    expect(parseInstant('15/07/2026 09:00')).toMatch(/must be a date-time/);
  });
});
