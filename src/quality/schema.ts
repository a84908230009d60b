/** Request schema for the quality-of-service report: the single source of its request type and OpenAPI. */
import { z } from 'zod';

const parisDay = z.iso
  .date('must be a date written YYYY-MM-DD')
  .refine((day) => day >= '1900' && day < '3000', 'must be between the years 1900 and 2999');

export const qualityQuery = z
  .object({
    /** First day of the period, a Paris calendar day (inclusive); by default 29 days before `to` */
    from: parisDay.optional(),
    /** Last day of the period, a Paris calendar day (inclusive); by default today in Paris */
    to: parisDay.optional(),
  })
  .strict();
export type QualityQuery = z.infer<typeof qualityQuery>;
