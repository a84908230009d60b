/** Request schema for subscribing a customer at the shop counter (the OpenAPI source). */
import { z } from 'zod';
import { localDate, oneOf } from './schema.js';

export const identityDocuments = ['national_id_card', 'passport', 'residence_permit', 'driving_licence'] as const;
export const billingMethods = ['direct_debit', 'card', 'transfer'] as const;
export const subscriptionKinds = ['fixed_box', 'mobile_line'] as const;

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must have at most ${max} characters`);

const newCustomer = z
  .object({
    civility: oneOf(['M.', 'Mme', 'Mx'] as const),
    firstName: text(100),
    lastName: text(100),
    /** At least one of e-mail and mobile phone, so that the customer can be reached */
    email: z.email('must be an e-mail address').max(254, 'must have at most 254 characters').optional(),
    /** French or international number, e.g. "06 12 34 56 78" */
    phone: z.string().trim().max(30, 'must have at most 30 characters').optional(),
    addressLine1: text(200),
    addressLine2: text(200).optional(),
    postcode: z
      .string()
      .trim()
      .regex(/^\d{5}$/, 'must be a French postcode of 5 digits'),
    city: text(100),
    preferredChannel: oneOf(['email', 'sms', 'phone', 'letter'] as const).default('email'),
    preferredLanguage: oneOf(['fr', 'en'] as const).default('fr'),
  })
  .strict();

export const signUpBody = z
  .object({
    /** An existing customer taking a new line; leave out and give `customer` for a new customer */
    customerId: z.uuid('must be a customer id').optional(),
    /** The new customer's details, checked against the identity document */
    customer: newCustomer.optional(),
    /** Create the customer even though a customer with the same e-mail, phone or name and postcode exists */
    confirmNewCustomer: z.boolean().default(false),
    /** The identity document shown at the counter (only its kind, the end of its number and its expiry are kept) */
    identity: z
      .object({
        document: oneOf(identityDocuments),
        /** The document number as printed; only its last 4 characters are kept */
        number: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9](?: ?[A-Za-z0-9]){3,19}$/, 'must be 4 to 20 letters or digits'),
        /** Last day the document is valid */
        expiresOn: localDate,
        /** The holder's date of birth as printed: a contract needs an adult */
        birthDate: localDate,
        /** The staff member confirms the photo and the name on the document match the person and the file */
        holderMatches: z.literal(true, { error: 'must be true: the document must match the person and the file' }),
      })
      .strict(),
    subscription: z
      .object({
        kind: oneOf(subscriptionKinds),
        /** An active offer the customer is entitled to (GET /api/shops/:code/sign-up-offers) */
        offerId: z.uuid('must be an offer id'),
        /** Mobile line: the number of the SIM card handed over */
        msisdn: z.string().trim().max(30, 'must have at most 30 characters').optional(),
        /** Box: the serial scanned on the box taken from the shop's shelf */
        deviceSerial: z.string().trim().min(3, 'must have at least 3 characters').max(64).optional(),
        /** Box: where the line is installed (the customer's address by default) */
        serviceAddress: z
          .object({
            line1: text(200),
            postcode: z
              .string()
              .trim()
              .regex(/^\d{5}$/, 'must be 5 digits'),
            city: text(100),
          })
          .strict()
          .optional(),
      })
      .strict(),
    billingMethod: oneOf(billingMethods),
    /** What the customer ticked for marketing; service messages about the contract need no consent */
    consents: z
      .object({
        marketing_phone: z.boolean(),
        marketing_sms: z.boolean(),
        marketing_email: z.boolean(),
      })
      .strict(),
    /** The appointment this visit closes, if the customer booked one */
    appointmentId: z.uuid('must be an appointment id').optional(),
  })
  .strict();
export type SignUpBody = z.infer<typeof signUpBody>;

export const signUpOffersQuery = z
  .object({
    /** An existing customer; leave out for someone who is not yet a customer */
    customerId: z.uuid('must be a customer id').optional(),
  })
  .strict();

export const signUpsQuery = z
  .object({
    /** Sign-ups on this day (shop's local date); today by default */
    date: localDate.optional(),
  })
  .strict();
