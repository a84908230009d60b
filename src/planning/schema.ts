/** Request schemas of the planning API: strict, documented field by field (they are the OpenAPI document). */
import { z } from 'zod';

/** A real calendar day between 1900 and 2999 (not 2026-02-30, not year 0, which PostgreSQL refuses). */
const isoDate = z.iso
  .date('must be a date YYYY-MM-DD')
  .refine((day) => day >= '1900-01-01' && day <= '2999-12-31', 'must be between 1900-01-01 and 2999-12-31');
const queueCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be a queue code (lower case, digits, _)');
const siteCode = z.string().min(2).max(10);

// zod runs an object's refinement even when a field failed: a share may then be anything.
const sharesSumToOne = (shares: Array<{ share: unknown }>) =>
  Math.abs(shares.reduce((sum, q) => sum + (typeof q?.share === 'number' ? q.share : 0), 0) - 1) < 1e-6;

export const uuidParams = z.strictObject({ id: z.uuid('must be a UUID') });
export const queueParams = z.strictObject({ code: queueCode });
export const siteParams = z.strictObject({ code: siteCode });

/** The `updatedAt` a client read, sent back so that a save made meanwhile is not overwritten (409). */
const expectedUpdatedAt = z.iso
  .datetime({ offset: true, error: 'must be the updatedAt you read, e.g. 2026-11-26T10:00:00.000Z' })
  .transform((text) => new Date(text));

export const queueBody = z.strictObject({
  /** Code used in CSV files and the API, e.g. mobile_sales */
  code: queueCode,
  /** Name shown in French */
  nameFr: z.string().trim().min(1).max(100),
  /** Name shown in English */
  nameEn: z.string().trim().min(1).max(100),
  /** Share of calls to answer within serviceLevelSeconds, e.g. 0.8 */
  serviceLevelTarget: z.number().gt(0).max(1),
  /** Service-level threshold in seconds, e.g. 20 */
  serviceLevelSeconds: z.int().min(1).max(3600),
  /** Average handle time in seconds (talk + after-call work) */
  ahtSeconds: z.int().min(10).max(7200),
  /** Mean caller patience in seconds; when given, staffing uses Erlang A (abandonment) */
  patienceSeconds: z.int().min(5).max(3600).nullable().optional(),
  /** Staffing order when queues share a site's seats: lower first */
  priority: z.int().min(0).max(1000).optional(),
  /** The queue's updatedAt as you read it: if someone saved the queue since, nothing is changed (409). Omit to overwrite */
  expectedUpdatedAt: expectedUpdatedAt.optional(),
});
export type QueueBody = z.infer<typeof queueBody>;

export const siteSettingsBody = z
  .strictObject({
    /** The site's updatedAt as you read it (null: not planned yet): if someone saved the settings since, nothing is changed (409). Omit to overwrite */
    expectedUpdatedAt: expectedUpdatedAt.nullable().optional(),
    /** Seats at the site, all queues together (default: unchanged); the seats dedicated to queues must fit in them */
    seats: z.int().min(0, 'must be 0 or more').max(100_000, 'must be at most 100000').optional(),
    /** Cost of one productive hour on the phones at this site, in euros */
    costPerProductiveHour: z.number().min(0).max(10_000),
    /** Share of paid time off the phones (breaks, training, absence), in [0, 1) */
    shrinkage: z.number().min(0).lt(1),
    /** Opening time, Paris time, HH:MM on a quarter hour */
    opensAt: z.string().regex(/^([01]\d|2[0-3]):(00|15|30|45)$/, 'must be HH:MM on a quarter hour'),
    /** Closing time, Paris time, HH:MM on a quarter hour (24:00 for midnight) */
    closesAt: z.string().regex(/^(([01]\d|2[0-3]):(00|15|30|45)|24:00)$/, 'must be HH:MM on a quarter hour'),
    /** Days open, 1 = Monday … 7 = Sunday */
    openWeekdays: z.array(z.int().min(1).max(7)).min(1).max(7),
    /** Languages spoken, e.g. ["fr", "ar"] */
    languages: z
      .array(z.string().regex(/^[a-z]{2}$/))
      .min(1)
      .max(10),
    /** Queues this site serves, with the seats dedicated to each and the contract's minimum */
    queues: z
      .array(
        z.strictObject({
          /** Queue code */
          queue: queueCode,
          /** Seats dedicated to this queue */
          seats: z.int().min(0, 'must be 0 or more').max(100_000, 'must be at most 100000'),
          /** Contractual minimum calls per opening hour (vendors); 0 for none */
          minimumCallsPerHour: z.number().min(0).max(100_000).optional(),
          /** This site's handle time on the queue when it differs from the queue's */
          ahtSeconds: z.int().min(10).max(7200).nullable().optional(),
        }),
      )
      .max(50),
  })
  .refine((body) => body.opensAt < body.closesAt, { message: 'closesAt must be after opensAt', path: ['closesAt'] });
export type SiteSettingsBody = z.infer<typeof siteSettingsBody>;

export const historyQuery = z.strictObject({
  /** First Paris day, YYYY-MM-DD (default: 8 weeks before the last day with history) */
  from: isoDate.optional(),
  /** Last Paris day, YYYY-MM-DD, included */
  to: isoDate.optional(),
});

export const forecastQuery = z.strictObject({
  /** Days held out at the end of the history to measure accuracy (WAPE) */
  holdoutDays: z.coerce.number().int().min(7).max(180).default(28),
  /** Days to forecast after the last day of history */
  days: z.coerce.number().int().min(1).max(400).default(56),
});

/** A what-if scenario: what to staff, on top of the forecast from history. */
export const scenarioDefinition = z.strictObject({
  /** First Paris day planned (a Monday is easiest to read) */
  startDate: isoDate,
  /** Number of weeks planned */
  weeks: z.int().min(1).max(53),
  /** Start from the forecast of each queue's history (true) or from nothing but the launch (false) */
  useForecast: z.boolean().default(true),
  /** Percentage change of every queue's volume, e.g. 5 for +5 % */
  volumePercent: z.number().min(-100).max(1000).default(0),
  /** Percentage change of every handle time, e.g. 10 for AHT +10 % */
  ahtPercent: z.number().min(-90).max(500).default(0),
  /** Per-queue changes on top of the global ones */
  queues: z
    .array(
      z.strictObject({
        /** Queue code */
        queue: queueCode,
        /** Percentage change of this queue's volume */
        volumePercent: z.number().min(-100).max(1000).default(0),
        /** Percentage change of this queue's handle time */
        ahtPercent: z.number().min(-90).max(500).default(0),
      }),
    )
    .max(50)
    .default([]),
  /** A launch with no history: new customers adopting over a period, and the contacts they make */
  launch: z
    .strictObject({
      /** First day of the launch */
      startDate: isoDate,
      /** New customers expected over the take-up period, e.g. 400000 */
      newCustomers: z.int().min(1).max(100_000_000),
      /** Days over which they arrive (S-curve), e.g. 30 */
      takeUpDays: z.int().min(1).max(365),
      /** Contacts a new customer makes over their first weeks, e.g. 1.2 */
      contactsPerNewCustomer: z.number().min(0).max(50),
      /** Mean age in days at which those contacts happen */
      contactDecayDays: z.number().gt(0).max(365).default(7),
      /** How the launch contacts split between queues, shares summing to 1 */
      queueShares: z
        .array(z.strictObject({ queue: queueCode, share: z.number().min(0).max(1) }))
        .min(1)
        .max(20),
    })
    .refine((launch) => !Array.isArray(launch.queueShares) || sharesSumToOne(launch.queueShares), {
      message: 'queue shares must sum to 1',
      path: ['queueShares'],
    })
    .nullable()
    .default(null),
  /** Changes to sites: seats lost or added, another price, a site closed */
  sites: z
    .array(
      z.strictObject({
        /** Site code, e.g. RAB */
        site: siteCode,
        /** Seats added (positive) or lost (negative), spread over the site's queues */
        seatsDelta: z.int().min(-100_000).max(100_000).default(0),
        /** Another cost per productive hour */
        costPerProductiveHour: z.number().min(0).max(10_000).optional(),
        /** The site takes no calls in this scenario */
        closed: z.boolean().default(false),
      }),
    )
    .max(50)
    .default([]),
  /** Volume on French public holidays as a share of a normal day */
  holidayFactor: z.number().min(0).max(2).default(0.35),
});
export type ScenarioDefinition = z.infer<typeof scenarioDefinition>;

export const scenarioBody = z.strictObject({
  /** Name, e.g. "Lancement : 400 000 nouveaux clients mobile en 30 jours" */
  name: z.string().trim().min(1).max(120),
  /** What to plan */
  definition: scenarioDefinition,
});

export const scenarioUpdateBody = z.strictObject({
  /** The version being edited: a newer version on the server means someone else edited it (409) */
  expectedVersion: z.int().min(1),
  /** New name */
  name: z.string().trim().min(1).max(120),
  /** New definition */
  definition: scenarioDefinition,
});

export const listQuery = z.strictObject({
  /** Page size */
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** Opaque cursor from the previous page */
  cursor: z.string().max(200).optional(),
});

export const versionQuery = z.strictObject({
  /** Version to read (default: the current one) */
  version: z.coerce.number().int().min(1).optional(),
});

export const resultQuery = z.strictObject({
  /** Version to read (default: the current one) */
  version: z.coerce.number().int().min(1).optional(),
  /** First Paris day of the interval series (default: the horizon's first day) */
  from: isoDate.optional(),
  /** Number of days of interval series (default 7, at most 31) */
  days: z.coerce.number().int().min(1).max(31).default(7),
});

export const compareQuery = z.strictObject({
  /** First scenario */
  a: z.uuid('must be a UUID'),
  /** Second scenario */
  b: z.uuid('must be a UUID'),
});

export const scheduleBody = z.strictObject({
  /** Site to schedule, by code */
  site: siteCode,
  /** Monday of the week to schedule (inside the scenario's horizon) */
  weekStart: isoDate,
  /** Scenario version (default: the current one) */
  version: z.int().min(1).optional(),
});

export const achievedQuery = z.strictObject({
  /** First Paris day */
  from: isoDate.optional(),
  /** Last Paris day, included */
  to: isoDate.optional(),
  /** Scenario whose plan to compare with (default: the plan of record) */
  scenarioId: z.uuid('must be a UUID').optional(),
});
