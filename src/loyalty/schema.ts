/** Request schemas for loyalty: points, rewards, threshold changes, offers (strict). */
import { z } from 'zod';
import { tiers } from './tables.js';

const points = (max = 1_000_000) =>
  z.number().int('must be a whole number of points').min(1, 'must be at least 1').max(max, `must be at most ${max}`);
/** A real calendar day (not 2026-02-30) in a year PostgreSQL and date arithmetic handle. */
const localDate = z.iso
  .date('must be a date written YYYY-MM-DD')
  .refine((day) => day >= '1900' && day < '3000', 'must be between the years 1900 and 2999');
const dateTime = z.iso
  .datetime({ message: 'must be an ISO date-time', offset: true })
  .refine((text) => text >= '1900' && text < '3000', 'must be between the years 1900 and 2999');
const tier = z.enum(tiers, 'must be essentiel, argent or or');

export const customerParams = z.object({ id: z.uuid('must be a customer id') }).strict();
export const goalParams = z
  .object({ id: z.uuid('must be a customer id'), rewardId: z.uuid('must be a reward id') })
  .strict();
export const rewardParams = z.object({ id: z.uuid('must be a reward id') }).strict();

export const movementsQuery = z
  .object({
    limit: z.coerce
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(100, 'must be at most 100')
      .default(20),
    /** The nextCursor of the previous page */
    cursor: z.string().max(300, 'is not a cursor returned by this API').optional(),
  })
  .strict();

export const redemptionBody = z
  .object({
    /** The reward to take; the member's applicable threshold (a protected one if lower) is debited */
    rewardId: z.uuid('must be a reward id'),
  })
  .strict();

export const adjustmentBody = z
  .object({
    /** Points to add (positive) or remove (negative); never zero */
    points: z
      .number()
      .int('must be a whole number of points')
      .min(-1_000_000, 'must be at least -1000000')
      .max(1_000_000, 'must be at most 1000000')
      .refine((value) => value !== 0, 'must not be zero'),
    /** Why, for the customer and the audit (required) */
    reason: z.string().trim().min(3, 'must say why (at least 3 characters)').max(500, 'must be at most 500 characters'),
  })
  .strict();

export const transferBody = z
  .object({
    /** Another member of the same household */
    toCustomerId: z.uuid('must be a customer id'),
    /** Points to give */
    points: points(),
  })
  .strict();

export const earningBody = z
  .object({
    /** The member */
    customerId: z.uuid('must be a customer id'),
    /** earn_tenure (years with us), earn_spend (bills paid), earn_event (e.g. birthday, referral) */
    kind: z.enum(['earn_tenure', 'earn_spend', 'earn_event'], 'must be earn_tenure, earn_spend or earn_event'),
    points: points(100_000),
    /** Shown to the member, e.g. "Facture de mai payée" */
    description: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'),
  })
  .strict();

export const rewardBody = z
  .object({
    /** Short stable code, e.g. "smartphone-milieu-de-gamme" */
    code: z.string().regex(/^[a-z0-9-]{2,60}$/, 'must be 2 to 60 lower-case letters, digits or dashes'),
    nameFr: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    nameEn: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    /** Points per tier, in force at once (a new reward takes nobody by surprise) */
    thresholds: z
      .object({ essentiel: points().optional(), argent: points().optional(), or: points().optional() })
      .strict()
      .refine((t) => Object.values(t).some((v) => v !== undefined), 'must give at least one tier'),
  })
  .strict();

export const thresholdChangeBody = z
  .object({
    tier,
    /** The new threshold */
    points: points(),
    /** First day of the new threshold (Paris); an increase needs the notice period (default: the earliest day allowed) */
    effectiveOn: localDate.optional(),
    /** Last day protected members keep the old threshold (default: 6 months after the change) */
    protectionUntil: localDate.optional(),
    /** Why; told to every member */
    reason: z.string().trim().min(3, 'must say why (at least 3 characters)').max(500, 'must be at most 500 characters'),
  })
  .strict();

export const offerBody = z
  .object({
    /** Product code, e.g. "fibre-1g" */
    product: z.string().regex(/^[a-z0-9-]{2,60}$/, 'must be 2 to 60 lower-case letters, digits or dashes'),
    name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    /** new_customers (prospects), existing_customers, all_customers, or segment (a loyalty tier) */
    audience: z.enum(
      ['new_customers', 'existing_customers', 'all_customers', 'segment'],
      'must be new_customers, existing_customers, all_customers or segment',
    ),
    /** For audience "segment": the loyalty tier */
    segment: tier.optional(),
    /** Monthly price in cents, VAT included */
    monthlyPriceCents: z
      .number()
      .int('must be a whole number of cents')
      .min(0, 'must not be negative')
      .max(10_000_000, 'is too large'),
    validFrom: dateTime.optional(),
    validUntil: dateTime.optional(),
    /** When prospects would pay less than customers: refuse (default) or publish with a retention alert */
    onRetentionGap: z.enum(['block', 'alert'], 'must be block or alert').default('block'),
  })
  .strict()
  .refine((o) => (o.audience === 'segment') === (o.segment !== undefined), {
    message: 'is required for audience segment, and only then',
    path: ['segment'],
  });

export const retentionAlertParams = z.object({ id: z.uuid('must be a retention alert id') }).strict();

export const retentionAlertResolutionBody = z
  .object({
    /** What was done about the gap (e.g. customers' offer aligned), kept in the audit trail */
    note: z.string().trim().min(1, 'must say what was done').max(1000, 'must be at most 1000 characters'),
  })
  .strict();
