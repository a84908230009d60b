/** Request schema for merging duplicate customer records. */
import { z } from 'zod';

export const mergeCustomerBody = z
  .object({
    /** Id of the customer record that stays; everything the duplicate owns moves to it */
    intoCustomerId: z.uuid('must be a customer id'),
    /** Why the two records are the same person (e.g. "même personne, dossier créé par courrier"); kept in the audit trail */
    reason: z.string().trim().min(1, 'must not be empty').max(1000, 'must have at most 1000 characters'),
  })
  .strict();
export type MergeCustomerBody = z.infer<typeof mergeCustomerBody>;
