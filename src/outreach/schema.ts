/** Request schemas for consents and the campaign dialler (strict: unknown fields are refused). */
import { z } from 'zod';
import { callOutcomes, consentPurposes, consentSources } from './tables.js';

export const customerParams = z.object({ id: z.uuid('must be a customer id') }).strict();

export const consentParams = z
  .object({
    /** The customer */
    id: z.uuid('must be a customer id'),
    /** marketing_phone, marketing_sms, marketing_email or service_messages */
    purpose: z.enum(consentPurposes, 'must be marketing_phone, marketing_sms, marketing_email or service_messages'),
  })
  .strict();

export const consentBody = z
  .object({
    /** granted or withdrawn; a withdrawal takes effect at once */
    status: z.enum(['granted', 'withdrawn'], 'must be granted or withdrawn'),
    /** Where the customer said it (staff only; the portal is always "portal") */
    source: z.enum(consentSources, `must be one of ${consentSources.join(', ')}`).optional(),
    /** What proves it, e.g. a call recording reference; required when staff record a marketing consent */
    evidence: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters').optional(),
  })
  .strict();

export const campaignBody = z
  .object({
    /** Shown to supervisors and in the attempts log */
    name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    /** marketing (needs prior consent) or contract_offer (an offer on the customer's contract in progress) */
    purpose: z.enum(['marketing', 'contract_offer'], 'must be marketing or contract_offer'),
  })
  .strict();

export const campaignParams = z.object({ id: z.uuid('must be a campaign id') }).strict();

export const callableQuery = z
  .object({
    /** Customers to return (at most 500) */
    limit: z.coerce
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(500, 'must be at most 500')
      .default(50),
    /** The nextCursor of the previous page */
    cursor: z.string().max(200, 'is not a cursor returned by this API').optional(),
  })
  .strict();

export const attemptBody = z
  .object({
    /** The customer called */
    customerId: z.uuid('must be a customer id'),
    /** What happened: declined and objected are refusals (no call for the cooldown; objected also withdraws consent) */
    outcome: z.enum(callOutcomes, `must be one of ${callOutcomes.join(', ')}`),
  })
  .strict();

export const contactHistoryQuery = z
  .object({
    /** How far back, in days (default 30, at most 365) */
    days: z.coerce
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(365, 'must be at most 365')
      .default(30),
  })
  .strict();

export const reservationBody = z
  .object({
    /** How many customers to take (1 to 100); fewer come back when fewer are callable now */
    count: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100'),
    /** How long they stay yours, in seconds (30 to 3600; default OUTREACH_RESERVATION_LEASE_SECONDS, 300) */
    leaseSeconds: z
      .number()
      .int('must be a whole number')
      .min(30, 'must be at least 30')
      .max(3600, 'must be at most 3600')
      .optional(),
    /** The nextCursor of your previous reservation, to go on through the campaign's customers */
    cursor: z.string().max(200, 'is not a cursor returned by this API').optional(),
  })
  .strict();

export const reservationParams = z
  .object({
    /** The campaign */
    id: z.uuid('must be a campaign id'),
    /** The reservation, as returned by the reservation request */
    reservationId: z.uuid('must be a reservation id'),
  })
  .strict();
