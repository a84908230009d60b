/** Request schemas for shops, appointments, device swaps and equipment loans (the OpenAPI source). */
import { z } from 'zod';

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of: ${values.join(', ')}` });

/** An ISO date or date-time from 1900 to 2999 (compared as text: it starts with the year). */
const inRealYears = (text: string) => text >= '1900' && text < '3000';

/** An instant with its UTC offset ("2026-12-18T09:30:00+01:00" or "…Z"), as a Date. */
export const instant = z.iso
  .datetime({ offset: true, error: 'must be a date-time with a time zone, e.g. 2026-12-18T09:30:00Z' })
  // PostgreSQL has no year 0 and date arithmetic near year 1 or 9999 leaves its range: keep to real years.
  .refine(inRealYears, 'must be between the years 1900 and 2999')
  .transform((text) => new Date(text));

/** A calendar day, 'YYYY-MM-DD'. */
export const localDate = z.iso
  .date({ error: 'must be a date such as 2026-12-18' })
  .refine(inRealYears, 'must be between the years 1900 and 2999');

export const appointmentPurposes = ['subscription', 'device_swap', 'help'] as const;
export const itemConditions = ['new', 'good', 'worn', 'damaged'] as const;
export const loanCategories = ['box', 'dev_board', 'tool', 'other'] as const;

export const shopCodeParams = z
  .object({
    /** The shop's site code, e.g. NCY for the Nancy shop-laboratory */
    code: z.string().regex(/^[A-Z0-9]{2,10}$/, 'must be a site code such as NCY'),
  })
  .strict();

export const idParams = z.object({ /** The record's id */ id: z.uuid('must be an id') }).strict();

export const slotsQuery = z
  .object({
    /** The day whose free slots are listed (shop's local date) */
    date: localDate,
  })
  .strict();

export const agendaQuery = z
  .object({
    /** The day of the agenda (shop's local date); today by default */
    date: localDate.optional(),
  })
  .strict();

export const bookAppointmentBody = z
  .object({
    /** The shop's site code, e.g. NCY */
    shopCode: z.string().regex(/^[A-Z0-9]{2,10}$/, 'must be a site code such as NCY'),
    /** Start of the slot, as listed by GET /api/shops/:code/slots */
    startsAt: instant,
    /** Why the customer comes: subscribing, swapping a box, or help */
    purpose: oneOf(appointmentPurposes),
    /** The customer (a subscriber books for themselves and may leave it out) */
    customerId: z.uuid('must be a customer id').optional(),
    /** The subscription concerned (e.g. the box to swap); must belong to the customer */
    subscriptionId: z.uuid('must be a subscription id').optional(),
    /** Anything the shop should know (at most 1,000 characters) */
    note: z.string().trim().max(1000, 'must have at most 1000 characters').optional(),
  })
  .strict();
export type BookAppointmentBody = z.infer<typeof bookAppointmentBody>;

export const customerAppointmentsQuery = z
  .object({
    /** The customer (a subscriber sees only their own and may leave it out) */
    customerId: z.uuid('must be a customer id').optional(),
  })
  .strict();

export const swapBody = z
  .object({
    /** Serial number scanned on the faulty box the customer brought */
    faultySerial: z
      .string()
      .trim()
      .min(3, 'must have at least 3 characters')
      .max(64, 'must have at most 64 characters'),
    /** Serial number scanned on the replacement box taken from the shop's stock */
    replacementSerial: z
      .string()
      .trim()
      .min(3, 'must have at least 3 characters')
      .max(64, 'must have at most 64 characters'),
    /** What is wrong with the faulty box, as the customer and staff saw it */
    fault: z.string().trim().min(1, 'must not be empty').max(1000, 'must have at most 1000 characters'),
    /** The appointment this swap closes, if the customer booked one */
    appointmentId: z.uuid('must be an appointment id').optional(),
  })
  .strict();
export type SwapBody = z.infer<typeof swapBody>;

export const receiveStockBody = z
  .object({
    /** Units delivered to the shop */
    devices: z
      .array(
        z
          .object({
            /** Model name, e.g. "Box Révolution v6" */
            model: z.string().trim().min(1, 'must not be empty').max(100, 'must have at most 100 characters'),
            /** Serial number printed on the unit */
            serial: z
              .string()
              .trim()
              .min(3, 'must have at least 3 characters')
              .max(64, 'must have at most 64 characters'),
          })
          .strict(),
      )
      .min(1, 'must list at least one device')
      .max(500, 'must list at most 500 devices'),
  })
  .strict();

export const newLoanBody = z
  .object({
    /** The item lent (its id) */
    itemId: z.uuid('must be an item id'),
    /** The borrower (a subscriber borrows for themselves and may leave it out) */
    customerId: z.uuid('must be a customer id').optional(),
    /** Last day the item may be kept (shop's local date); the shop's default loan length otherwise */
    dueDate: localDate.optional(),
  })
  .strict();
export type NewLoanBody = z.infer<typeof newLoanBody>;

export const returnLoanBody = z
  .object({
    /** The item's condition when it came back */
    condition: oneOf(itemConditions),
  })
  .strict();

export const loanListQuery = z
  .object({
    /** The borrower (a subscriber sees only their own loans and may leave it out) */
    customerId: z.uuid('must be a customer id').optional(),
  })
  .strict();
