/** Request schema for merging two cases. */
import { z } from 'zod';

export const mergeCaseBody = z
  .object({
    /** Id of the case that stays: it keeps the earliest promise and gathers both timelines */
    intoCaseId: z.uuid('must be a case id'),
    /** Why the two cases are one problem; kept in both cases' history */
    reason: z.string().trim().min(1, 'must not be empty').max(1000, 'must have at most 1000 characters'),
    /** The version you read of the case being merged (the one in the URL) */
    version: z.number().int('must be a whole number').min(1, 'must be at least 1'),
    /** The version you read of the case that stays */
    intoVersion: z.number().int('must be a whole number').min(1, 'must be at least 1'),
  })
  .strict();
export type MergeCaseBody = z.infer<typeof mergeCaseBody>;
