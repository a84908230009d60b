import { z } from 'zod';
import { roles } from './roles.js';

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
    password: z.string().min(12, 'must have at least 12 characters').max(1024),
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
