/** Request schemas for reply letters and case documents. */
import { z } from 'zod';

export const replyLetterBody = z
  .object({
    /** The reply to the complaint, as the customer will read it; paragraphs separated by blank lines (at most 10,000 characters) */
    body: z.string().trim().min(1, 'must not be empty').max(10_000, 'must have at most 10000 characters'),
    /** The signer's full name, first and last (default: your own name as your account gives it) */
    signerName: z
      .string()
      .trim()
      .min(3, 'must be a full name')
      .max(120, 'must have at most 120 characters')
      .refine((name) => /\S+\s+\S+/.test(name), 'must give a first and a last name')
      .optional(),
  })
  .strict();
export type ReplyLetterBody = z.infer<typeof replyLetterBody>;

export const caseDocumentParams = z
  .object({
    /** Id of the case */
    id: z.uuid('must be a case id'),
    /** Id of the document on that case */
    documentId: z.uuid('must be a document id'),
  })
  .strict();
