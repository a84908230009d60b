/**
 * Planning demo data (seed 002): five queues, the planning settings of Colombes, Vitry and the
 * three vendor sites in Morocco, a year of 15-minute history generated
 * (weekly and intraday patterns, Monday peaks, public holidays, a bill-run spike at the start of
 * each month; computed in memory and written with a few unnest inserts; per site for the last 8 weeks, with one vendor missing its target on busy days),
 * the plan of record and three what-if scenarios ready to compute.
 */
import { type Kysely, sql } from 'kysely';
import { frenchHolidays, fromLocal } from '../calendar/index.js';
import type { Database } from '../platform/db/schema.js';
import { seededRandom, stableUuid } from '../seed/random.js';
import { dayNumber, isoDate, weekdayOf } from '../wfm/index.js';
import type { ScenarioDefinition } from './schema.js';

export const demoQueues = [
  {
    code: 'mobile_sales',
    nameFr: 'Ventes mobile',
    nameEn: 'Mobile sales',
    target: 0.8,
    seconds: 20,
    aht: 420,
    perDay: 1300,
    priority: 10,
  },
  {
    code: 'mobile_activation',
    nameFr: 'Activation mobile',
    nameEn: 'Mobile activation',
    target: 0.8,
    seconds: 30,
    aht: 360,
    perDay: 900,
    priority: 20,
  },
  {
    code: 'box_support',
    nameFr: 'Assistance technique box',
    nameEn: 'Box technical support',
    target: 0.75,
    seconds: 60,
    aht: 600,
    perDay: 3800,
    priority: 30,
  },
  {
    code: 'billing',
    nameFr: 'Facturation',
    nameEn: 'Billing',
    target: 0.8,
    seconds: 30,
    aht: 480,
    perDay: 2200,
    priority: 40,
  },
  {
    code: 'complaints',
    nameFr: 'Réclamations',
    nameEn: 'Complaints',
    target: 0.9,
    seconds: 60,
    aht: 720,
    perDay: 500,
    priority: 50,
  },
] as const;

type QueueCode = (typeof demoQueues)[number]['code'];

export const demoSiteSettings: Array<{
  code: string;
  cost: number;
  shrinkage: number;
  opens: number;
  closes: number;
  weekdays: string;
  languages: string;
  /** Achieved service level relative to target (1 = on target). */
  quality: number;
  queues: Array<{ queue: QueueCode; seats: number; minimumPerHour?: number }>;
}> = [
  {
    code: 'COL',
    cost: 34,
    shrinkage: 0.32,
    opens: 480,
    closes: 1260,
    weekdays: '123456',
    languages: 'fr',
    quality: 1.04,
    queues: [
      { queue: 'box_support', seats: 300 },
      { queue: 'billing', seats: 200 },
      { queue: 'complaints', seats: 120 },
      { queue: 'mobile_sales', seats: 100 },
      { queue: 'mobile_activation', seats: 100 },
    ],
  },
  {
    code: 'VIT',
    cost: 33,
    shrinkage: 0.3,
    opens: 480,
    closes: 1260,
    weekdays: '123456',
    languages: 'fr',
    quality: 1.02,
    queues: [
      { queue: 'box_support', seats: 300 },
      { queue: 'billing', seats: 200 },
      { queue: 'complaints', seats: 100 },
      { queue: 'mobile_activation', seats: 140 },
    ],
  },
  {
    code: 'CAS',
    cost: 19,
    shrinkage: 0.28,
    opens: 480,
    closes: 1260,
    weekdays: '123456',
    languages: 'fr,ar',
    quality: 1,
    queues: [
      { queue: 'mobile_sales', seats: 150, minimumPerHour: 40 },
      { queue: 'mobile_activation', seats: 150, minimumPerHour: 40 },
    ],
  },
  {
    code: 'RAB',
    cost: 18.5,
    shrinkage: 0.27,
    opens: 480,
    closes: 1260,
    weekdays: '123456',
    languages: 'fr,ar',
    quality: 0.99,
    queues: [
      { queue: 'mobile_activation', seats: 120, minimumPerHour: 30 },
      { queue: 'box_support', seats: 100, minimumPerHour: 30 },
    ],
  },
  {
    code: 'FES',
    cost: 17.5,
    shrinkage: 0.3,
    opens: 480,
    closes: 1260,
    weekdays: '123456',
    languages: 'fr,ar',
    quality: 0.93,
    queues: [
      { queue: 'mobile_sales', seats: 80, minimumPerHour: 20 },
      { queue: 'billing', seats: 70, minimumPerHour: 20 },
    ],
  },
];

export const queueId = (code: string) => stableUuid(`planning-queue:${code}`);
const siteId = (code: string) => stableUuid(`site:${code}`);

/** Monday on or before `date`. */
export function mondayOf(date: string): string {
  const day = dayNumber('date', date);
  return isoDate(day - weekdayOf(day));
}

/** Queues and site settings only (fast; tests build on them). */
export async function seedPlanningSetup(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('planning_queues')
    .values(
      demoQueues.map((q) => ({
        id: queueId(q.code),
        code: q.code,
        name_fr: q.nameFr,
        name_en: q.nameEn,
        service_level_target: q.target,
        service_level_seconds: q.seconds,
        aht_seconds: q.aht,
        patience_seconds: null,
        priority: q.priority,
      })),
    )
    .execute();
  await db
    .insertInto('planning_sites')
    .values(
      demoSiteSettings.map((s) => ({
        site_id: siteId(s.code),
        cost_per_productive_hour: s.cost,
        shrinkage: s.shrinkage,
        opens_minute: s.opens,
        closes_minute: s.closes,
        open_weekdays: s.weekdays,
        languages: s.languages,
      })),
    )
    .execute();
  await db
    .insertInto('planning_site_queues')
    .values(
      demoSiteSettings.flatMap((s) =>
        s.queues.map((q) => ({
          site_id: siteId(s.code),
          queue_id: queueId(q.queue),
          seats: q.seats,
          minimum_calls_per_hour: q.minimumPerHour ?? 0,
          aht_seconds: null,
        })),
      ),
    )
    .execute();
}

/**
 * `days` days of history ending the day before `today` (Paris): queue totals before the last
 * `siteWeeks` weeks, per site within them. Deterministic (setseed).
 */
export async function seedPlanningHistory(
  db: Kysely<Database>,
  today: string,
  options: { days?: number; siteWeeks?: number } = {},
): Promise<void> {
  const days = options.days ?? 365;
  const last = isoDate(dayNumber('today', today) - 1);
  const first = isoDate(dayNumber('today', today) - days);
  const siteFrom = isoDate(dayNumber('today', today) - 7 * (options.siteWeeks ?? 8));
  const years = new Set([Number(first.slice(0, 4)), Number(last.slice(0, 4))]);
  const holidays = [...years].flatMap((y) => frenchHolidays(y).map((h) => h.date));
  const queueRows = demoQueues.map((q) => ({
    id: queueId(q.code),
    code: q.code,
    perDay: q.perDay,
    aht: q.aht,
    target: q.target,
  }));
  const links = demoSiteSettings.flatMap((s) =>
    s.queues.map((q) => {
      const serving = demoSiteSettings.flatMap((o) => o.queues.filter((x) => x.queue === q.queue));
      return {
        site: siteId(s.code) as string | null,
        queue: queueId(q.queue),
        share: q.seats / serving.reduce((n, x) => n + x.seats, 0),
        quality: s.quality,
        vendor: s.cost < 30,
      };
    }),
  );
  const random = seededRandom(2012);
  const normal = () => 2 * (random() + random() + random() - 1.5);
  const holidaySet = new Set(holidays);
  const shape = Array.from({ length: 52 }, (_, i) => {
    const hour = (32 + i) / 4;
    return (
      0.45 +
      Math.exp(-(((hour - 10.5) / 1.3) ** 2)) +
      0.8 * Math.exp(-(((hour - 14.75) / 1.6) ** 2)) -
      0.25 * Math.exp(-(((hour - 12.75) / 0.6) ** 2))
    );
  });
  const shapeTotal = shape.reduce((a, b) => a + b, 0);
  const weekdayFactor = [1.32, 1.1, 1, 0.96, 0.94, 0.55, 0];
  const columns = {
    queue: [] as string[],
    site: [] as Array<string | null>,
    start: [] as string[],
    offered: [] as number[],
    answered: [] as number[],
    abandoned: [] as number[],
    inSl: [] as number[],
    aht: [] as number[],
  };
  const firstDay = dayNumber('first', first);
  const siteDay = dayNumber('siteFrom', siteFrom);
  for (let day = firstDay; day <= dayNumber('last', last); day++) {
    const weekday = weekdayOf(day);
    if (weekday === 6) continue; // closed on Sundays
    const date = isoDate(day);
    const dom = Number(date.slice(8, 10));
    const age = day - firstDay;
    const doy = day - dayNumber('jan1', `${date.slice(0, 4)}-01-01`);
    // 08:00 Paris that day: no DST change happens between 08:00 and 21:00, so slots add minutes.
    const opens = fromLocal(date, '08:00').getTime();
    for (const queue of queueRows) {
      const daily =
        queue.perDay *
        (weekdayFactor[weekday] as number) *
        (1 + 0.08 * Math.sin((2 * Math.PI * doy) / 365)) *
        (1 + (0.12 * age) / 365) *
        (holidaySet.has(date) ? 0.3 : 1) *
        (queue.code === 'billing' && dom >= 2 && dom <= 4 ? 2.1 : 1) *
        (queue.code === 'complaints' && dom >= 3 && dom <= 6 ? 1.4 : 1);
      const places =
        day >= siteDay
          ? links.filter((l) => l.queue === queue.id)
          : [{ site: null, share: 1, quality: 1, vendor: false }];
      for (const place of places) {
        for (let slot = 0; slot < 52; slot++) {
          const mean = (daily * place.share * (shape[slot] as number)) / shapeTotal;
          const offered = Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
          // Achieved service level: the site's quality, worse on Mondays and bill-run days at vendors.
          const sl = Math.min(
            0.99,
            Math.max(
              0.2,
              queue.target * place.quality -
                (place.vendor && (weekday === 0 || (dom >= 2 && dom <= 4)) ? 0.12 : 0) +
                0.06 * (random() - 0.5),
            ),
          );
          const abandoned = Math.round(offered * (0.02 + 0.25 * (1 - sl) ** 2));
          const answered = offered - abandoned;
          columns.queue.push(queue.id);
          columns.site.push(place.site);
          columns.start.push(new Date(opens + slot * 900_000).toISOString());
          columns.offered.push(offered);
          columns.answered.push(answered);
          columns.abandoned.push(abandoned);
          columns.inSl.push(Math.min(answered, Math.round(offered * sl)));
          columns.aht.push(Math.round(queue.aht * (place.vendor ? 1.08 : 1) * (0.93 + 0.14 * random())));
        }
      }
    }
  }
  for (let from = 0; from < columns.queue.length; from += CHUNK) {
    const to = from + CHUNK;
    await sql`
      insert into planning_history (queue_id, site_id, interval_start, offered, answered, abandoned, answered_in_sl, aht_seconds)
      select * from unnest(${columns.queue.slice(from, to)}::uuid[], ${columns.site.slice(from, to)}::uuid[],
        ${columns.start.slice(from, to)}::timestamptz[], ${columns.offered.slice(from, to)}::int[],
        ${columns.answered.slice(from, to)}::int[], ${columns.abandoned.slice(from, to)}::int[],
        ${columns.inSl.slice(from, to)}::int[], ${columns.aht.slice(from, to)}::real[])`.execute(db);
  }
}

const CHUNK = 20_000;

export function demoScenarios(
  today: string,
): Array<{ name: string; reference?: boolean; definition: ScenarioDefinition }> {
  const thisWeek = mondayOf(today);
  const nextWeek = isoDate(dayNumber('week', thisWeek) + 7);
  const base = {
    useForecast: true,
    volumePercent: 0,
    ahtPercent: 0,
    queues: [],
    launch: null,
    sites: [],
    holidayFactor: 0.35,
  };
  return [
    {
      name: 'Plan de référence',
      reference: true,
      definition: { ...base, startDate: isoDate(dayNumber('week', thisWeek) - 28), weeks: 8 },
    },
    {
      name: 'Le prestataire de Rabat perd 80 positions',
      definition: { ...base, startDate: nextWeek, weeks: 4, sites: [{ site: 'RAB', seatsDelta: -80, closed: false }] },
    },
    { name: 'DMT +10 %', definition: { ...base, startDate: nextWeek, weeks: 4, ahtPercent: 10 } },
  ];
}

/** Everything (first start and the CLI seed): setup, a year of history, scenarios. */
export async function seedPlanningDemo(db: Kysely<Database>, now: Date, userId: string | null): Promise<void> {
  const today = now.toISOString().slice(0, 10);
  await seedPlanningSetup(db);
  await seedPlanningHistory(db, today);
  for (const scenario of demoScenarios(today)) {
    const id = stableUuid(`planning-scenario:${scenario.name}`);
    await db
      .insertInto('planning_scenarios')
      .values({
        id,
        name: scenario.name,
        is_reference: scenario.reference ?? false,
        created_by_user_id: userId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('planning_scenario_versions')
      .values({
        scenario_id: id,
        version: 1,
        name: scenario.name,
        definition: JSON.stringify(scenario.definition),
        created_by_user_id: userId,
        created_at: now,
      })
      .execute();
  }
}
