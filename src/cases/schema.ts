/** Request schemas for cases: the single source of request types and of the OpenAPI document. */
import { z } from 'zod';
import { caseStatuses, caseTypes, channels, priorities, promiseKinds } from './policy.js';

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of: ${values.join(', ')}` });

/** An ISO date or date-time from 1900 to 2999 (compared as text: it starts with the year). */
const inRealYears = (text: string) => text >= '1900' && text < '3000';

/** An instant with its UTC offset ("2026-12-18T09:30:00+01:00" or "…Z"), as a Date. */
const instant = z.iso
  .datetime({ offset: true, error: 'must be a date-time with a time zone, e.g. 2026-12-18T09:30:00Z' })
  // PostgreSQL has no year 0 and date arithmetic near year 1 or 9999 leaves its range: keep to real years.
  .refine(inRealYears, 'must be between the years 1900 and 2999')
  .transform((text) => new Date(text));

const summary = z.string().trim().min(1, 'must not be empty').max(4000, 'must have at most 4000 characters');

const tags = z
  .array(z.string().trim().min(1, 'must not be empty').max(40, 'must have at most 40 characters'))
  .max(20, 'must have at most 20 tags');

export const openCaseBody = z
  .object({
    /** Id of the customer the case is about (a subscriber passes their own) */
    customerId: z.uuid('must be a customer id'),
    /** The kind of problem; its policy sets the first promise */
    type: oneOf(caseTypes),
    /** The channel the problem reached us on */
    channel: oneOf(channels),
    /** What the customer asks for, in their words where possible (at most 4,000 characters) */
    summary,
    /** When the problem reached us, if earlier than now (a letter's date, an import); deadlines count from it */
    openedAt: instant.optional(),
    /** The line or box concerned; must belong to the customer */
    subscriptionId: z.uuid('must be a subscription id').optional(),
    /** How urgent it is; normal by default */
    priority: oneOf(priorities).optional(),
    /** Free labels for finding and reporting, e.g. "fibre" */
    tags: tags.optional(),
    /**
     * A contact on a line that already has an unfinished case is answered 409 with those cases, so
     * that it is linked to one of them; send true once the person has chosen a new case anyway.
     */
    confirmNewCase: z.boolean('must be true or false').optional(),
  })
  .strict();
export type OpenCaseBody = z.infer<typeof openCaseBody>;

export const interactionBody = z
  .object({
    /** Where the contact happened */
    channel: oneOf(channels),
    /** inbound: the customer reached us; outbound: we reached the customer */
    direction: oneOf(['inbound', 'outbound'] as const),
    /** What was said or done (at most 4,000 characters) */
    summary,
    /** When it happened, if not now; never in the future */
    occurredAt: instant.optional(),
  })
  .strict();
export type InteractionBody = z.infer<typeof interactionBody>;

export const promiseChange = z
  .object({
    /** What is promised; the current promise's kind when left out */
    kind: oneOf(promiseKinds).optional(),
    /** The new date, a Paris calendar day: due at the end of that day */
    dueDate: z.iso
      .date('must be a date written YYYY-MM-DD')
      .refine(inRealYears, 'must be between the years 1900 and 2999')
      .optional(),
    /** Or an exact new due instant (a technician's slot, a callback time) */
    dueAt: instant.optional(),
    /** Why the date changes, shown to the customer */
    reason: z.string().trim().min(1, 'must not be empty').max(1000, 'must have at most 1000 characters'),
  })
  .strict()
  .refine((change) => (change.dueDate === undefined) !== (change.dueAt === undefined), {
    message: 'give exactly one of dueDate or dueAt',
    path: ['dueDate'],
  });

export const updateCaseBody = z
  .object({
    /** The version you read (GET returns it, and an ETag); or send it in If-Match instead */
    version: z.number().int('must be a whole number').min(1, 'must be at least 1').optional(),
    /** The new status */
    status: oneOf(caseStatuses).optional(),
    /** Id of the advisor who takes the case over */
    ownerId: z.uuid('must be a user id').optional(),
    /** New priority */
    priority: oneOf(priorities).optional(),
    /** The full new list of tags */
    tags: tags.optional(),
    /** Why the status or owner changes; kept in the case history */
    reason: z.string().trim().min(1, 'must not be empty').max(1000, 'must have at most 1000 characters').optional(),
    /** A new date for a promise: the open one of that kind is superseded */
    promise: promiseChange.optional(),
  })
  .strict();
export type UpdateCaseBody = z.infer<typeof updateCaseBody>;

export const caseIdParams = z.object({ id: z.uuid('must be a case id') }).strict();
export const customerIdParams = z.object({ id: z.uuid('must be a customer id') }).strict();

export const pageQuery = z
  .object({
    limit: z.coerce
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(100, 'must be at most 100')
      .default(20),
    /** The nextCursor of the previous page */
    cursor: z.string().max(400).optional(),
  })
  .strict();
