/** Request schemas for billing: the single source of request types and of the OpenAPI document. */
import { z } from 'zod';
import { pageQuery } from '../cases/schema.js';
import { channels } from '../cases/policy.js';

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of: ${values.join(', ')}` });

const instant = z.iso
  .datetime({ offset: true, error: 'must be a date-time with a time zone, e.g. 2026-05-12T21:14:00+02:00' })
  // PostgreSQL has no year 0 and date arithmetic near year 1 or 9999 leaves its range: keep to real years.
  .refine((text) => text >= '1900' && text < '3000', 'must be between the years 1900 and 2999')
  .transform((text) => new Date(text));

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must have at most ${max} characters`);

export const consentInput = z
  .object({
    /** When the customer confirmed the first time on the operator-hosted page */
    firstStepAt: instant.optional(),
    /** When the customer confirmed the second time; a consent without it is incomplete */
    secondStepAt: instant.optional(),
    /** Where the confirmation came from: box, tv, mobile, web or sms */
    channel: oneOf(['box', 'tv', 'mobile', 'web', 'sms'] as const),
    /** IP address the confirmation came from */
    sourceIp: z.union([z.ipv4(), z.ipv6()], { error: 'must be an IPv4 or IPv6 address' }).optional(),
    /** Line (phone number) the confirmation came from, E.164 */
    sourceLine: z
      .string()
      .regex(/^\+\d{6,15}$/, 'must be a phone number in E.164, e.g. +33912345678')
      .optional(),
    /** The confirmation page shown to the customer */
    confirmationPage: z.url('must be a URL').max(500, 'must have at most 500 characters').optional(),
  })
  .strict();

export const chargeItem = z
  .object({
    /** The partner's own id for the charge; a charge is accepted once per merchant */
    externalRef: text(200),
    /** The line charged: its number (E.164, mobile or fixed) or the subscription reference */
    line: text(40),
    /** Partner code of the merchant, e.g. "CONTACTPLUS" */
    merchantCode: z.string().regex(/^[A-Z0-9_-]{2,40}$/, 'must be 2 to 40 capitals, digits, _ or -'),
    /** The merchant's name as the customer knows it */
    merchantName: text(200),
    /** The service bought, e.g. "Annuaire inversé" */
    serviceName: text(200),
    /** purchase (once) or subscription (recurring) */
    chargeType: oneOf(['purchase', 'subscription'] as const),
    /** When the purchase happened */
    occurredAt: instant,
    /** Amount charged, VAT included, in cents (1 to 30,000) */
    amountCents: z
      .number()
      .int('must be a whole number of cents')
      .min(1, 'must be at least 1')
      .max(30_000, 'must be at most 30000'),
    /** VAT rate in basis points; 2000 (20 %) by default */
    vatRateBp: z
      .number()
      .int('must be a whole number')
      .min(0, 'must be at least 0')
      .max(10_000, 'must be at most 10000')
      .optional(),
    /** The consent record (double confirmation); a charge without one is flagged */
    consent: consentInput.optional(),
  })
  .strict();
export type ChargeItem = z.infer<typeof chargeItem>;

export const chargeBatchBody = z
  .object({
    /** Who sends the batch: the billing system or a partner code */
    source: text(100),
    /** The sender's id for this batch; sending the same batch again applies nothing */
    reference: text(200),
    /** The charges, 1 to 5,000 */
    charges: z.array(chargeItem).min(1, 'must hold at least one charge').max(5000, 'must hold at most 5000 charges'),
  })
  .strict();
export type ChargeBatchBody = z.infer<typeof chargeBatchBody>;

export const csvBatchBody = z
  .object({
    /** Who sends the file */
    source: text(100),
    /** The sender's id for this file; sending it again applies nothing */
    reference: text(200),
    /**
     * The file: a header line then one charge per line, comma-separated:
     * externalRef,line,merchantCode,merchantName,serviceName,chargeType,occurredAt,amountCents,
     * consentFirstStepAt,consentSecondStepAt,consentChannel,consentSourceIp,consentSourceLine
     */
    csv: z.string().min(1, 'must not be empty').max(900_000, 'must have at most 900000 characters'),
  })
  .strict();

export const disputeBody = z
  .object({
    /** The bill line disputed */
    billLineId: z.uuid('must be a bill line id').optional(),
    /** Or a third-party charge not yet on a bill */
    chargeId: z.uuid('must be a charge id').optional(),
    /** Why, in the customer's words */
    reason: text(2000),
    /** The channel the dispute came on (staff only; a subscriber disputes in the portal) */
    channel: oneOf(channels).optional(),
  })
  .strict()
  .refine((body) => (body.billLineId === undefined) !== (body.chargeId === undefined), {
    message: 'give exactly one of billLineId or chargeId',
    path: ['billLineId'],
  });
export type DisputeBody = z.infer<typeof disputeBody>;

export const thirdPartySettingBody = z
  .object({
    /** blocked: no third-party charge is accepted on the line any more; allowed: they are again */
    status: oneOf(['allowed', 'blocked'] as const),
    /** Why (optional; kept in the history) */
    reason: text(500).optional(),
    /** How the request reached us (staff only; a subscriber uses the portal) */
    channel: oneOf(['portal', 'phone', 'shop', 'letter', 'email'] as const).optional(),
  })
  .strict();
export type ThirdPartySettingBody = z.infer<typeof thirdPartySettingBody>;

export const billRunBody = z
  .object({
    /** The month to bill, YYYY-MM; it must be over */
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM')
      .refine((month) => month >= '1900' && month < '3000', 'must be between the years 1900 and 2999'),
  })
  .strict();

export const billIdParams = z.object({ id: z.uuid('must be a bill id') }).strict();
export const subscriptionIdParams = z.object({ id: z.uuid('must be a subscription id') }).strict();
export const customerIdParams = z.object({ id: z.uuid('must be a customer id') }).strict();
export const billsQuery = pageQuery;
export const languageQuery = z.object({ lang: oneOf(['fr', 'en'] as const).optional() }).strict();

export const disputeIdParams = z.object({ id: z.uuid('must be a dispute id') }).strict();
export const caseIdParams = z.object({ id: z.uuid('must be a case id') }).strict();

export const reviewDecisionBody = z
  .object({
    /** grant: refund the charge (all of what remains, or amountCents); decline: refuse, with a reason */
    decision: oneOf(['grant', 'decline'] as const),
    /**
     * For a partial grant: the refund in cents, VAT included, at most what remains refundable of
     * the charge (checked against the charge: 422 naming this field); the bound here only keeps
     * the number sane, whatever the charges' own cap
     */
    amountCents: z
      .number()
      .int('must be a whole number of cents')
      .min(1, 'must be at least 1')
      .max(10_000_000, 'must be at most 10000000')
      .optional(),
    /** Why: shown to the customer; required to decline */
    reason: text(2000).optional(),
  })
  .strict()
  .refine((body) => body.decision === 'grant' || body.reason !== undefined, {
    message: 'is required to decline: the customer is told why',
    path: ['reason'],
  })
  .refine((body) => body.decision === 'grant' || body.amountCents === undefined, {
    message: 'is only for a grant',
    path: ['amountCents'],
  });
export type ReviewDecisionBody = z.infer<typeof reviewDecisionBody>;
