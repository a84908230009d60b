import { z } from 'zod';

export const customerSearchQuery = z
  .object({
    /** Name (surname prefix, or first and last name), phone number, e-mail, customer reference (CL-…) or id */
    q: z.string().trim().min(2, 'must have at least 2 characters').max(100, 'must have at most 100 characters'),
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

export const customerIdParams = z.object({ id: z.uuid('must be a customer id') }).strict();
