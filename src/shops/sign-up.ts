/**
 * Subscribing at the counter, in one transaction: the identity checked and its trace kept, the
 * customer created (or found), the line opened pending activation on an offer the customer is
 * entitled to (customers before prospects), the box handed over leaving the shelf, the marketing
 * choices recorded as consents with their evidence, a loyalty membership, and a welcome message
 * by the customer's channel. The same Idempotency-Key answers with the first sign-up and changes
 * nothing; nothing is half-written when any check fails.
 */
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { recordAudit } from '../audit/queries.js';
import { toLocalDate } from '../calendar/index.js';
import { invalidField } from '../cases/errors.js';
import { inTransaction } from '../cases/queries.js';
import { liveCustomerInScope } from '../customers/queries.js';
import { customerScopeFor } from '../customers/scope.js';
import { normalisePhone, searchNameOf } from '../customers/normalise.js';
import { accountLink, accountTokenTtlMs, issueAccountToken } from '../identity/account-tokens.js';
import type { AuthUser } from '../identity/queries.js';
import { createSubscriberUser } from '../identity/users.js';
import { isEntitledTo } from '../loyalty/offers.js';
import { activeOffers, customerIsExisting, ensureMember, memberAccount } from '../loyalty/queries.js';
import { enqueueMessage } from '../outbox/enqueue.js';
import { currentConsents, recordConsent } from '../outreach/queries.js';
import type { Database } from '../platform/db/schema.js';
import type { AppContext } from '../platform/http/context.js';
import { HttpProblem } from '../platform/http/problem.js';
import { recipientFor, welcomeText } from './notify.js';
import {
  type ShopRow,
  findAddressee,
  insertMovements,
  lockAppointment,
  lockDeviceBySerial,
  setAppointmentStatus,
  updateDevice,
} from './queries.js';
import type { SignUpBody } from './sign-up-schema.js';
import {
  activeAccountOf,
  countAccounts,
  findSignUpByKey,
  insertAccount,
  insertCustomer,
  insertSignUp,
  insertSubscription,
  leastLoadedInhouseSite,
  lineReferences,
  lockLiveCustomer,
  lockSignUpKey,
  lockMsisdn,
  msisdnInUse,
  nextCustomerNumber,
  possibleDuplicates,
  setTimeZoneIfNone,
} from './sign-up-queries.js';
import {
  accountReference,
  documentNumberEnd,
  identityProblems,
  lineKindOfProduct,
  nextLineReference,
  overseasTimeZone,
} from './sign-up-rules.js';

type Trx = Transaction<Database>;
const marketingPurposes = ['marketing_phone', 'marketing_sms', 'marketing_email'] as const;

const unprocessable = (title: string, field: string, message: string, extensions?: Record<string, unknown>) =>
  new HttpProblem(422, title, `${field}: ${message}`, [{ field, message }], extensions);

/** Checks that need no database: who the customer is, the document, the line's own fields. */
function checkRequest(body: SignUpBody, today: string): { phone: string | null; msisdn: string | null } {
  if (!body.customer === !body.customerId) {
    throw invalidField('body.customer', 'give either customerId (an existing customer) or customer (a new one)');
  }
  const problems = identityProblems(body.identity, today);
  if (problems.length > 0) {
    throw new HttpProblem(
      422,
      'Identity not accepted',
      problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      problems,
    );
  }
  let phone: string | null = null;
  if (body.customer?.phone) {
    phone = normalisePhone(body.customer.phone);
    if (!phone) throw invalidField('body.customer.phone', 'is not a phone number, e.g. 06 12 34 56 78');
  }
  if (body.customer && !body.customer.email && !phone) {
    throw invalidField(
      'body.customer.email',
      'give an e-mail address or a phone number so that the customer can be reached',
    );
  }
  const line = body.subscription;
  let msisdn: string | null = null;
  if (line.kind === 'mobile_line') {
    if (!line.msisdn)
      throw invalidField('body.subscription.msisdn', 'is required for a mobile line (the SIM card’s number)');
    msisdn = normalisePhone(line.msisdn);
    if (!msisdn || !/^\+33[67]\d{8}$/.test(msisdn)) {
      throw invalidField('body.subscription.msisdn', 'must be a French mobile number, e.g. 06 12 34 56 78');
    }
    if (line.deviceSerial) throw invalidField('body.subscription.deviceSerial', 'is for a box, not a mobile line');
    if (line.serviceAddress) throw invalidField('body.subscription.serviceAddress', 'is for a box, not a mobile line');
  } else if (line.msisdn) {
    throw invalidField('body.subscription.msisdn', 'is for a mobile line, not a box');
  }
  return { phone, msisdn };
}

async function offerFor(trx: Trx, body: SignUpBody, now: Date) {
  const offer = (await activeOffers(trx, now)).find((candidate) => candidate.id === body.subscription.offerId);
  if (!offer) throw unprocessable('Offer not on sale', 'body.subscription.offerId', 'is not an offer on sale today');
  const kind = lineKindOfProduct(offer.product);
  if (kind !== body.subscription.kind) {
    const what = kind === 'mobile_line' ? 'a mobile line' : kind === 'fixed_box' ? 'a box' : 'another product';
    throw unprocessable('Offer for another line', 'body.subscription.offerId', `is an offer for ${what}`);
  }
  return offer;
}

/** The existing customer, locked; or the new one, created unless they may already be a customer. */
async function customerFor(trx: Trx, ctx: AppContext, user: AuthUser, body: SignUpBody, phone: string | null) {
  const now = ctx.clock.now();
  if (body.customerId) {
    const visible = await liveCustomerInScope(trx, body.customerId, customerScopeFor(user))
      .select('id')
      .executeTakeFirst();
    const customer = visible ? await lockLiveCustomer(trx, body.customerId) : undefined;
    if (!customer) throw invalidField('body.customerId', 'is not a customer you can see');
    return { ...customer, created: false };
  }
  const person = body.customer;
  if (!person) throw new Error('checkRequest lets no request through without a customer');
  const searchName = searchNameOf(person.firstName, person.lastName);
  if (!body.confirmNewCustomer) {
    const lookalikes = await possibleDuplicates(trx, {
      email: person.email ?? null,
      phone,
      searchName,
      postcode: person.postcode,
    });
    if (lookalikes.length > 0) {
      throw new HttpProblem(
        409,
        'Possibly already a customer',
        'A customer with the same e-mail, phone, or name and postcode exists: add the line to their file, or confirm a new customer.',
        [{ field: 'body.customer', message: 'may already be a customer' }],
        {
          possibleCustomers: lookalikes.map((row) => ({
            id: row.id,
            reference: row.reference,
            name: `${row.first_name} ${row.last_name}`,
            postcode: row.postcode,
            city: row.city,
          })),
        },
      );
    }
  }
  const number = String(await nextCustomerNumber(trx)).padStart(7, '0');
  const reference = `CL-${number}`;
  const created = await insertCustomer(trx, {
    reference,
    civility: person.civility,
    first_name: person.firstName,
    last_name: person.lastName,
    search_name: searchName,
    email: person.email ?? null,
    phone,
    address_line1: person.addressLine1,
    address_line2: person.addressLine2 ?? null,
    postcode: person.postcode,
    city: person.city,
    preferred_channel: person.preferredChannel,
    preferred_language: person.preferredLanguage,
    serving_site_id: await leastLoadedInhouseSite(trx),
    created_at: now,
    updated_at: now,
  });
  const timeZone = overseasTimeZone(person.postcode);
  if (timeZone) await setTimeZoneIfNone(trx, created.id, timeZone);
  return {
    id: created.id,
    reference,
    postcode: person.postcode,
    address_line1: person.addressLine1,
    city: person.city,
    created: true,
  };
}

/** The box from this shop's shelf, installed on the new line, its move recorded. */
async function handOverBox(trx: Trx, user: AuthUser, shop: ShopRow, serial: string, subscriptionId: string, now: Date) {
  const device = await lockDeviceBySerial(trx, serial);
  if (!device) throw invalidField('body.subscription.deviceSerial', 'is not a known device');
  if (device.status !== 'in_stock' || device.site_id !== shop.id) {
    throw new HttpProblem(409, 'Box not available', 'This box is not on this shop’s shelf.', [
      { field: 'body.subscription.deviceSerial', message: 'is not in this shop’s stock' },
    ]);
  }
  await updateDevice(trx, device.id, {
    status: 'installed',
    site_id: null,
    subscription_id: subscriptionId,
    updated_at: now,
  });
  await insertMovements(trx, [
    {
      device_id: device.id,
      at: now,
      from_status: 'in_stock',
      to_status: 'installed',
      site_id: shop.id,
      subscription_id: subscriptionId,
      swap_id: null,
      actor_user_id: user.id,
      note: 'Remise au client à la souscription en boutique',
    },
  ]);
  return device.id;
}

/** What the customer said at the counter is their latest word: record only what changes. */
async function recordMarketingChoices(
  trx: Trx,
  user: AuthUser,
  shop: ShopRow,
  customerId: string,
  body: SignUpBody,
  now: Date,
) {
  const current = new Map((await currentConsents(trx, customerId)).map((row) => [row.purpose, row.status]));
  const granted: Array<(typeof marketingPurposes)[number]> = [];
  for (const purpose of marketingPurposes) {
    const wanted = body.consents[purpose];
    if (wanted) granted.push(purpose);
    const status = wanted ? 'granted' : 'withdrawn';
    if (current.get(purpose) === status || (!wanted && !current.has(purpose))) continue;
    await recordConsent(trx, {
      customerId,
      purpose,
      status,
      source: 'shop',
      at: now,
      userId: user.id,
      evidence: `Choix ${wanted ? 'coché' : 'décoché'} par le client au comptoir de la ${shop.name}, à la souscription`,
    });
  }
  return granted;
}

/**
 * What tells a replay from another request under the same Idempotency-Key: the request without the
 * document number (only its end) and the birth date, which are not kept and must not be recoverable
 * from a stored hash.
 */
function requestFingerprint(body: SignUpBody): string {
  const { number, birthDate: _notKept, ...identity } = body.identity;
  const kept = { ...body, identity: { ...identity, numberEnd: documentNumberEnd(number) } };
  return createHash('sha256').update(JSON.stringify(kept)).digest('hex');
}

export async function signUpAtCounter(
  ctx: AppContext,
  user: AuthUser,
  input: {
    shop: ShopRow;
    body: SignUpBody;
    idempotencyKey: string;
    /** Origin of the web app, for the activation link in the welcome. */
    linkBase: string;
  },
): Promise<{ signUpId: string; replayed: boolean }> {
  const { shop, body, idempotencyKey } = input;
  const now = ctx.clock.now();
  const { phone, msisdn } = checkRequest(body, toLocalDate(now));
  const requestHash = requestFingerprint(body);
  return inTransaction(ctx.db, async (trx) => {
    await lockSignUpKey(trx, user.id, idempotencyKey);
    const previous = await findSignUpByKey(trx, user.id, idempotencyKey);
    if (previous) {
      if (previous.request_hash !== requestHash) {
        throw new HttpProblem(
          422,
          'Idempotency-Key reused',
          'This Idempotency-Key was already used for another sign-up.',
        );
      }
      return { signUpId: previous.id, replayed: true };
    }
    const offer = await offerFor(trx, body, now);
    const customer = await customerFor(trx, ctx, user, body, phone);
    const existing = !customer.created && (await customerIsExisting(trx, customer.id));
    const tier = (await memberAccount(trx, customer.id))?.tier ?? 'essentiel';
    if (!isEntitledTo(offer, { existing, tier })) {
      throw unprocessable(
        'Offer not for this customer',
        'body.subscription.offerId',
        existing
          ? 'is reserved for new customers; choose an offer for existing customers'
          : 'is reserved for existing customers',
      );
    }
    if (msisdn) {
      // Two counters selling the same SIM at the same moment: the second waits here, then sees the first.
      await lockMsisdn(trx, msisdn);
      const taken = await msisdnInUse(trx, msisdn);
      if (taken) {
        throw new HttpProblem(409, 'Number in use', `This number is already on line ${taken.reference}.`, [
          { field: 'body.subscription.msisdn', message: `is already on line ${taken.reference}` },
        ]);
      }
    }
    const customerNumber = customer.reference.replace(/^CL-/, '');
    const account =
      (await activeAccountOf(trx, customer.id)) ??
      (await insertAccount(trx, {
        customer_id: customer.id,
        reference: accountReference(customerNumber, await countAccounts(trx, customer.id)),
        billing_method: body.billingMethod,
        created_at: now,
      }));
    const service = body.subscription.serviceAddress;
    const isBox = body.subscription.kind === 'fixed_box';
    const subscription = await insertSubscription(trx, {
      customer_id: customer.id,
      account_id: account.id,
      reference: nextLineReference(customerNumber, await lineReferences(trx, customerNumber)),
      kind: body.subscription.kind,
      plan: offer.name,
      status: 'pending',
      msisdn,
      line_number: null,
      service_address_line1: isBox ? (service?.line1 ?? customer.address_line1) : null,
      service_postcode: isBox ? (service?.postcode ?? customer.postcode) : null,
      service_city: isBox ? (service?.city ?? customer.city) : null,
      started_at: now,
      terminated_at: null,
    });
    const deviceId = body.subscription.deviceSerial
      ? await handOverBox(trx, user, shop, body.subscription.deviceSerial, subscription.id, now)
      : null;
    const granted = await recordMarketingChoices(trx, user, shop, customer.id, body, now);
    await ensureMember(trx, customer.id);
    if (body.appointmentId) {
      const appointment = await lockAppointment(trx, body.appointmentId);
      if (!appointment || appointment.site_id !== shop.id || appointment.customer_id !== customer.id) {
        throw invalidField('body.appointmentId', 'is not an appointment of this customer at this shop');
      }
      if (appointment.status === 'booked') await setAppointmentStatus(trx, appointment.id, { status: 'done' });
    }
    const signUp = await insertSignUp(trx, {
      site_id: shop.id,
      customer_id: customer.id,
      account_id: account.id,
      subscription_id: subscription.id,
      new_customer: customer.created,
      identity_document: body.identity.document,
      identity_number_end: documentNumberEnd(body.identity.number),
      identity_expires_on: body.identity.expiresOn,
      identity_checked_by_user_id: user.id,
      identity_checked_at: now,
      offer_id: offer.id,
      monthly_price_cents: offer.monthly_price_cents,
      device_id: deviceId,
      appointment_id: body.appointmentId ?? null,
      idempotency_key: idempotencyKey,
      request_hash: requestHash,
      created_at: now,
    });
    const addressee = await findAddressee(trx, customer.id);
    if (!addressee) throw new Error('the customer just signed up cannot be read back');
    // A new customer with an e-mail gets their online space: an account without a password yet,
    // and a link in the welcome to choose it. An address that already has an account gets no second one.
    let activation: { link: string; validHours: number } | undefined;
    if (customer.created && body.customer?.email) {
      const userId = await createSubscriberUser(
        trx,
        {
          email: body.customer.email,
          displayName: `${body.customer.firstName} ${body.customer.lastName}`,
          customerId: customer.id,
        },
        user.id,
      );
      if (userId) {
        const ttlMs = accountTokenTtlMs(ctx.config, 'activation');
        const issued = await issueAccountToken(trx, { userId, purpose: 'activation', now, ttlMs });
        activation = {
          link: accountLink(input.linkBase, 'activation', issued.token),
          validHours: Math.round(ttlMs / 3_600_000),
        };
      }
    }
    const text = welcomeText(addressee, {
      shopName: shop.name,
      customerReference: customer.reference,
      lineReference: subscription.reference,
      plan: offer.name,
      monthlyPriceCents: offer.monthly_price_cents,
      marketingGranted: granted,
      activation,
    });
    await enqueueMessage(trx, {
      customerId: customer.id,
      ...recipientFor(addressee),
      ...text,
      kind: 'shop_sign_up',
      dedupeKey: `shop-sign-up:${signUp.id}`,
      at: now,
    });
    await recordAudit(trx, {
      actorUserId: user.id,
      action: 'shop.sign_up',
      subjectType: 'customer',
      subjectId: customer.id,
      details: {
        shop: shop.code,
        newCustomer: customer.created,
        subscription: subscription.reference,
        offer: offer.name,
        identityDocument: body.identity.document,
      },
    });
    return { signUpId: signUp.id, replayed: false };
  });
}
