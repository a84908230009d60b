/** Request schemas for events, the ideas board and working groups (the OpenAPI source). */
import { z } from 'zod';
import { instant, localDate, oneOf } from '../shops/schema.js';

export const eventCategories = ['cultural', 'scientific', 'leisure', 'technical'] as const;
export const ideaStatuses = ['proposed', 'under_study', 'planned', 'released', 'declined'] as const;

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must have at most ${max} characters`);

const isDate = (value: unknown): value is Date => value instanceof Date;

export const idParams = z.object({ /** The record's id */ id: z.uuid('must be an id') }).strict();

export const newEventBody = z
  .object({
    /** Title shown on the public page */
    title: text(200),
    /** What happens, for whom (at most 4,000 characters) */
    description: z.string().trim().max(4000, 'must have at most 4000 characters').optional(),
    /** Kind of event */
    category: oneOf(eventCategories),
    /** Start, with time zone */
    startsAt: instant,
    /** End, with time zone; after the start */
    endsAt: instant,
    /** Seats; registrations beyond go to the waiting list */
    capacity: z
      .number('must be a number')
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(10000, 'must be at most 10000'),
    /** Where: the shop's site code (NCY), or none for an online event */
    shopCode: z
      .string()
      .regex(/^[A-Z0-9]{2,10}$/, 'must be a site code such as NCY')
      .optional(),
  })
  .strict()
  // zod runs this even when a date failed (then still a string, already reported): compare real dates only.
  .refine((body) => !isDate(body.startsAt) || !isDate(body.endsAt) || body.endsAt > body.startsAt, {
    message: 'endsAt must be after startsAt',
    path: ['endsAt'],
  });
export type NewEventBody = z.infer<typeof newEventBody>;

export const publicEventsQuery = z
  .object({
    /** Page size (1–100, default 20) */
    limit: z.coerce
      .number('must be a number')
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(100, 'must be at most 100')
      .default(20),
    /** The cursor returned with the previous page */
    cursor: z.string().max(200, 'must have at most 200 characters').optional(),
  })
  .strict();

export const registrationBody = z
  .object({
    /** The member (a subscriber registers themselves and may leave it out) */
    customerId: z.uuid('must be a customer id').optional(),
  })
  .strict();

export const checkInBody = z
  .object({
    /** The member at the door */
    customerId: z.uuid('must be a customer id'),
  })
  .strict();

export const newIdeaBody = z
  .object({
    /** The idea in a line, e.g. "Un mode invité Wi-Fi sur la prochaine box" */
    title: z.string().trim().min(3, 'must have at least 3 characters').max(200, 'must have at most 200 characters'),
    /** The idea explained (at most 4,000 characters) */
    body: text(4000),
  })
  .strict();

export const ideasQuery = z
  .object({
    /** Only ideas with this status */
    status: oneOf(ideaStatuses).optional(),
    /** Most voted first (default) or newest first */
    sort: oneOf(['votes', 'newest'] as const).default('votes'),
    /** Page size (1–100, default 20) */
    limit: z.coerce
      .number('must be a number')
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(100, 'must be at most 100')
      .default(20),
    /** The cursor returned with the previous page */
    cursor: z.string().max(200, 'must have at most 200 characters').optional(),
  })
  .strict();

export const commentBody = z.object({ /** The comment (at most 2,000 characters) */ body: text(2000) }).strict();

export const ideaStatusBody = z
  .object({
    /** The new status */
    status: oneOf(['under_study', 'planned', 'released', 'declined'] as const),
    /** Why; required when declining, shown to the author and everyone */
    reason: z.string().trim().min(1, 'must not be empty').max(1000, 'must have at most 1000 characters').optional(),
  })
  .strict()
  .refine((body) => body.status !== 'declined' || body.reason !== undefined, {
    message: 'is required when an idea is declined',
    path: ['reason'],
  });

export const hideBody = z.object({ /** Why it is hidden (kept for the record) */ reason: text(1000) }).strict();

export const reportBody = z
  .object({
    /** The comment reported, or none for the idea itself */
    commentId: z.uuid('must be a comment id').optional(),
    /** What is wrong with it */
    reason: text(1000),
  })
  .strict();

export const commentParams = z
  .object({ /** The idea */ id: z.uuid('must be an id'), /** The comment */ commentId: z.uuid('must be an id') })
  .strict();

export const newGroupBody = z
  .object({
    /** The group's name */
    name: text(200),
    /** The question it works on, e.g. "Comment agir localement ?" */
    question: text(1000),
  })
  .strict();

export const memberBody = z
  .object({
    /** The member (a subscriber joins themselves and may leave it out) */ customerId: z
      .uuid('must be a customer id')
      .optional(),
  })
  .strict();

export const noteBody = z
  .object({
    /** The day the group met */
    metOn: localDate,
    /** What was said and decided (at most 8,000 characters) */
    notes: text(8000),
  })
  .strict();
