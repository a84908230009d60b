import { z } from 'zod';

export const customerMessagesQuery = z
  .object({
    /** Id of the customer whose messages to list (subscribers: their own) */
    customerId: z.uuid('must be a customer id (UUID)'),
    /** At most this many messages, newest first */
    limit: z.coerce
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(100, 'must be at most 100')
      .default(20),
    /** The nextCursor of the previous page */
    cursor: z.string().max(200, 'must be at most 200 characters').optional(),
  })
  .strict();
