import { z } from 'zod';
import { roles } from './roles.js';

/** The rule for every password a person chooses (staff accounts, activation, reset). */
export const passwordRule = z.string().min(12, 'must have at least 12 characters').max(1024, 'is too long');

export const loginBody = z
  .object({
    /** The account's e-mail address */
    email: z.email('must be an e-mail address').max(254),
    /** The account's password */
    password: z.string().min(1, 'is required').max(1024),
  })
  .strict();

export const createUserBody = z
  .object({
    email: z.email('must be an e-mail address').max(254),
    /** Name shown to colleagues and, for advisors, to customers (first name and initial) */
    displayName: z.string().trim().min(2, 'must have at least 2 characters').max(100),
    role: z.enum(roles.filter((role) => role !== 'subscriber') as [string, ...string[]], {
      message:
        'must be a staff role (advisor, senior_advisor, supervisor, complaints_officer, planner, director, shop_staff, admin)',
    }),
    /** Site the staff member works at */
    siteId: z.uuid('must be a site id'),
    password: passwordRule,
  })
  .strict();

export const createTokenBody = z
  .object({
    /** What the token is for, e.g. "dialler integration" */
    name: z.string().trim().min(1, 'is required').max(100),
  })
  .strict();

export const userIdParams = z.object({ id: z.uuid('must be a user id') }).strict();

export const pageQuery = z
  .object({
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int('must be a whole number').min(1).max(100).default(20),
  })
  .strict();

export const passwordResetBody = z
  .object({
    /** The e-mail address of the account; the answer is the same whether or not an account uses it */
    email: z.email('must be an e-mail address').max(254),
  })
  .strict();

export const consumeAccountTokenBody = z
  .object({
    /** The token from the link received (activation or password reset) */
    token: z.string().min(1, 'is required').max(200, 'is not a valid link'),
    /** The new password, at least 12 characters */
    password: passwordRule,
  })
  .strict();

export const accountClaimBody = z
  .object({
    /** The customer reference printed on bills and letters (e.g. CL-0000031); case and spaces around it do not matter */
    customerReference: z.string().trim().min(1, 'is required').max(40, 'is not a customer reference'),
    /** The e-mail address the customer gave us; the answer is the same whether or not it matches */
    email: z.email('must be an e-mail address').max(254),
  })
  .strict();
