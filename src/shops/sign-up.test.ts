import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, type TestApp, createTestApp, login } from '../../test/test-app.js';
import { fixedClock } from '../platform/clock.js';
import { customerIdOf } from '../seed/customers.js';

// Friday 18 December 2026, 10:00 in Paris.
const clock = fixedClock(new Date('2026-12-18T09:00:00Z'));
let t: TestApp;
let shop: LoggedIn;
let advisor: LoggedIn;
let subscriber: LoggedIn;
const claire = customerIdOf(0);
const offers = { boxWelcome: '', boxLoyal: '', mobile: '' };
let keyNumber = 0;

type Body = Record<string, unknown>;
const send = (session: LoggedIn, method: 'POST' | 'GET', url: string, payload?: Body, headers: Body = {}) =>
  t.app.inject({
    method,
    url,
    payload,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...(headers as Record<string, string>) },
  });
const signUp = (payload: Body, key: string | null = `sign-up-${++keyNumber}`, session = shop) =>
  send(session, 'POST', '/api/shops/NCY/sign-ups', payload, key ? { 'idempotency-key': key } : {});

const identity = {
  document: 'national_id_card',
  number: 'X4RTBPFW4 1234',
  expiresOn: '2031-06-30',
  birthDate: '1990-04-12',
  holderMatches: true,
};
const consents = { marketing_phone: false, marketing_sms: false, marketing_email: true };
function newCustomer(overrides: Body = {}) {
  return {
    customer: {
      civility: 'Mme',
      firstName: 'Inès',
      lastName: 'Laurentin',
      email: 'ines.laurentin@exemple.fr',
      phone: '06 98 76 54 32',
      addressLine1: '12 rue Stanislas',
      postcode: '54000',
      city: 'Nancy',
      preferredChannel: 'email',
      ...overrides,
    },
    identity,
    subscription: { kind: 'fixed_box', offerId: offers.boxWelcome, deviceSerial: 'NCY-STK-0001' },
    billingMethod: 'direct_debit',
    consents,
  };
}

const count = async (
  table: 'customers' | 'subscriptions' | 'outbox_messages' | 'shop_sign_ups' | 'users' | 'account_tokens',
) =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp({ customers: 40, clock, config: { sessionTtlHours: 24 * 400 } });
  [shop, advisor, subscriber] = await Promise.all([
    login(t.app, 'shop@demo.suivi'),
    login(t.app, 'advisor@demo.suivi'),
    login(t.app, 'subscriber@demo.suivi'),
  ]);
  const supervisor = await login(t.app, 'supervisor@demo.suivi');
  const publish = async (product: string, name: string, audience: string, monthlyPriceCents: number) => {
    const response = await send(supervisor, 'POST', '/api/offers', { product, name, audience, monthlyPriceCents });
    if (response.statusCode !== 201) throw new Error(`publishing ${name}: ${response.body}`);
    return response.json().offer?.id ?? response.json().id;
  };
  offers.boxLoyal = await publish('box-fibre-2g', 'Box fibre 2 Gb/s — fidélité', 'existing_customers', 2999);
  offers.boxWelcome = await publish('box-fibre-2g', 'Box fibre 2 Gb/s — bienvenue', 'new_customers', 2999);
  offers.mobile = await publish('mobile-100go', 'Forfait 100 Go', 'all_customers', 1499);
});
afterAll(() => t.close());

describe('offers at the counter', () => {
  it('shows a prospect the welcome offers and an existing customer the ones for customers', async () => {
    const prospect = (await send(shop, 'GET', '/api/shops/NCY/sign-up-offers')).json();
    expect(prospect.existingCustomer).toBe(false);
    expect(prospect.items.map((offer: Body) => offer.id).sort()).toEqual([offers.boxWelcome, offers.mobile].sort());
    const forClaire = (await send(shop, 'GET', `/api/shops/NCY/sign-up-offers?customerId=${claire}`)).json();
    expect(forClaire.existingCustomer).toBe(true);
    expect(forClaire.items.map((offer: Body) => offer.id)).toContain(offers.boxLoyal);
    expect(forClaire.items.map((offer: Body) => offer.id)).not.toContain(offers.boxWelcome);
  });

  it('is for the shop’s staff only', async () => {
    expect((await send(advisor, 'GET', '/api/shops/NCY/sign-up-offers')).statusCode).toBe(403);
    expect((await send(subscriber, 'GET', '/api/shops/NCY/sign-up-offers')).statusCode).toBe(403);
    expect((await signUp(newCustomer(), 'advisor-try', advisor)).statusCode).toBe(403);
    expect((await signUp(newCustomer(), 'subscriber-try', subscriber)).statusCode).toBe(403);
  });
});

describe('subscribing a new customer', () => {
  let customerId = '';

  it('creates the customer, the pending line with the box from the shelf, consents, membership and a welcome', async () => {
    const messagesBefore = await count('outbox_messages');
    const response = await signUp(newCustomer(), 'ines-box');
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    customerId = body.customer.id;
    expect(response.headers.location).toBe(`/api/customers/${customerId}`);
    expect(body).toMatchObject({
      newCustomer: true,
      customer: { name: 'Inès Laurentin', reference: expect.stringMatching(/^CL-\d{7}$/) },
      subscription: {
        kind: 'fixed_box',
        plan: 'Box fibre 2 Gb/s — bienvenue',
        status: 'pending',
        device: { serial: 'NCY-STK-0001' },
        reference: `AB-${body.customer.reference.slice(3)}-1`,
      },
      account: { reference: `CP-${body.customer.reference.slice(3)}` },
      monthlyPriceCents: 2999,
      identity: { document: 'national_id_card', numberEnd: '1234', expiresOn: '2031-06-30' },
    });
    expect(body.identity.checkedBy).toMatch(/\(NCY-\d{4}\)$/);
    // The document number itself is not kept anywhere.
    const stored = await t.database.db
      .selectFrom('shop_sign_ups')
      .selectAll()
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain('X4RTBPFW4');
    // Nor the birth date: the holder's age was checked at the counter.
    expect(JSON.stringify(stored)).not.toContain('1990-04-12');

    const customer = await t.database.db
      .selectFrom('customers')
      .innerJoin('sites', 'sites.id', 'customers.serving_site_id')
      .select(['customers.phone', 'customers.search_name', 'sites.kind'])
      .where('customers.id', '=', customerId)
      .executeTakeFirstOrThrow();
    expect(customer).toEqual({ phone: '+33698765432', search_name: 'laurentin ines', kind: 'inhouse' });
    const device = await t.database.db
      .selectFrom('shop_devices')
      .select(['status', 'subscription_id'])
      .where('serial', '=', 'NCY-STK-0001')
      .executeTakeFirstOrThrow();
    expect(device).toEqual({ status: 'installed', subscription_id: body.subscription.id });

    const consentRows = await t.database.db
      .selectFrom('customer_consents')
      .select(['purpose', 'status', 'source', 'recorded_by_user_id'])
      .where('customer_id', '=', customerId)
      .execute();
    expect(consentRows).toEqual([
      expect.objectContaining({
        purpose: 'marketing_email',
        status: 'granted',
        source: 'shop',
        recorded_by_user_id: shop.user.id,
      }),
    ]);
    const member = await t.database.db
      .selectFrom('loyalty_accounts')
      .select(['tier', 'balance'])
      .where('customer_id', '=', customerId)
      .executeTakeFirstOrThrow();
    expect(member).toEqual({ tier: 'essentiel', balance: 0 });

    expect(await count('outbox_messages')).toBe(messagesBefore + 1);
    const welcome = await t.database.db
      .selectFrom('outbox_messages')
      .select(['channel', 'recipient', 'subject', 'body'])
      .where('customer_id', '=', customerId)
      .executeTakeFirstOrThrow();
    expect(welcome).toMatchObject({ channel: 'email', recipient: 'ines.laurentin@exemple.fr' });
    expect(welcome.subject).toBe(`Bienvenue : votre ligne ${body.subscription.reference}`);
    expect(welcome.body).toContain('29,99');
    expect(welcome.body).toContain('par e-mails');
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'actor_user_id'])
      .where('subject_id', '=', customerId)
      .execute();
    expect(audit).toEqual([{ action: 'shop.sign_up', actor_user_id: shop.user.id }]);
  });

  it('opens her online space: a subscriber account without a password, activated with the welcome’s link', async () => {
    const account = await t.database.db
      .selectFrom('users')
      .select(['id', 'email', 'role', 'customer_id', 'password_hash'])
      .where('customer_id', '=', customerId)
      .executeTakeFirstOrThrow();
    expect(account).toMatchObject({
      email: 'ines.laurentin@exemple.fr',
      role: 'subscriber',
      customer_id: customerId,
      password_hash: null,
    });
    const welcome = await t.database.db
      .selectFrom('outbox_messages')
      .select('body')
      .where('customer_id', '=', customerId)
      .executeTakeFirstOrThrow();
    expect(welcome.body).toContain('Pour ouvrir votre espace Suivi, choisissez votre mot de passe');
    expect(welcome.body).toContain('valable 7 jours');
    const token = /http:\/\/localhost(?::\d+)?\/activate#token=([\w-]+)/.exec(welcome.body)?.[1];
    expect(token).toBeDefined();
    const password = 'le mot de passe d’Inès';
    const logIn = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { email: 'ines.laurentin@exemple.fr', password },
      });
    expect((await logIn()).statusCode).toBe(401);
    const activated = await t.app.inject({
      method: 'POST',
      url: '/api/account-tokens/consume',
      payload: { token, password },
    });
    expect(activated.statusCode, activated.body).toBe(204);
    const session = await logIn();
    expect(session.statusCode).toBe(200);
    expect(session.json().user).toMatchObject({ role: 'subscriber', customerId });
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'actor_user_id'])
      .where('subject_id', '=', account.id)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'user.created', actor_user_id: shop.user.id },
      { action: 'account.activated', actor_user_id: account.id },
    ]);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/account-tokens/consume',
      payload: { token, password: 'un autre mot de passe' },
    });
    expect(again.statusCode).toBe(410);
  });

  it('answers a replay with the first sign-up and writes nothing; another request with the key is refused', async () => {
    const before = await Promise.all([count('customers'), count('subscriptions'), count('outbox_messages')]);
    const replay = await signUp(newCustomer(), 'ines-box');
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().customer.id).toBe(customerId);
    const other = await signUp(newCustomer({ firstName: 'Agnès' }), 'ines-box');
    expect(other.statusCode).toBe(422);
    expect(await Promise.all([count('customers'), count('subscriptions'), count('outbox_messages')])).toEqual(before);
  });

  it('runs two simultaneous requests with one key once', async () => {
    const payload = newCustomer({
      firstName: 'Paul',
      lastName: 'Verdier',
      email: 'paul.verdier@exemple.fr',
      phone: '06 11 22 33 44',
    });
    (payload.subscription as Body).deviceSerial = 'NCY-STK-0002';
    const before = await count('shop_sign_ups');
    const [first, second] = await Promise.all([signUp(payload, 'paul-twice'), signUp(payload, 'paul-twice')]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 201]);
    expect(first.json().id).toBe(second.json().id);
    expect(await count('shop_sign_ups')).toBe(before + 1);
  });

  it('needs an Idempotency-Key', async () => {
    const response = await signUp(newCustomer(), null);
    expect(response.statusCode).toBe(428);
    expect(response.json().errors[0].field).toBe('headers.idempotency-key');
  });

  it('offers the existing file when the person may already be a customer, and creates a new one only when confirmed', async () => {
    const again = newCustomer({ firstName: 'Inès', email: 'INES.laurentin@exemple.fr', phone: undefined });
    (again.subscription as Body).deviceSerial = 'NCY-STK-0003';
    const offered = await signUp(again, 'ines-again');
    expect(offered.statusCode).toBe(409);
    expect(offered.json().possibleCustomers).toEqual([
      expect.objectContaining({ id: customerId, name: 'Inès Laurentin' }),
    ]);
    const confirmed = await signUp({ ...again, confirmNewCustomer: true }, 'ines-again-confirmed');
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect(confirmed.json().customer.id).not.toBe(customerId);
    // Her address already opens an account: no second one, and no activation link in this welcome.
    const accounts = await t.database.db
      .selectFrom('users')
      .select('customer_id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', 'ines.laurentin@exemple.fr'))
      .execute();
    expect(accounts).toEqual([{ customer_id: customerId }]);
    const welcome = await t.database.db
      .selectFrom('outbox_messages')
      .select('body')
      .where('customer_id', '=', confirmed.json().customer.id)
      .executeTakeFirstOrThrow();
    expect(welcome.body).not.toContain('token=');
  });

  it('keeps calling hours local for a customer overseas', async () => {
    const response = await signUp(
      {
        ...newCustomer({
          firstName: 'Maëlle',
          lastName: 'Rivière',
          email: 'maelle.riviere@exemple.re',
          phone: '+262 692 11 22 33',
          addressLine1: '3 rue de Paris',
          postcode: '97400',
          city: 'Saint-Denis',
        }),
        subscription: { kind: 'mobile_line', offerId: offers.mobile, msisdn: '07 55 44 33 22' },
      },
      'maelle',
    );
    expect(response.statusCode, response.body).toBe(201);
    const zone = await t.database.db
      .selectFrom('customer_time_zones')
      .select('time_zone')
      .where('customer_id', '=', response.json().customer.id)
      .executeTakeFirstOrThrow();
    expect(zone.time_zone).toBe('Indian/Reunion');
    expect(response.json().subscription).toMatchObject({ kind: 'mobile_line', msisdn: '+33755443322', device: null });
  });
});

describe('what the counter refuses, writing nothing', () => {
  const refused = async (payload: Body, status: number, field: string) => {
    const tables = ['customers', 'subscriptions', 'outbox_messages', 'users', 'account_tokens'] as const;
    const before = await Promise.all(tables.map(count));
    const response = await signUp(payload);
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json().errors.map((error: Body) => error.field)).toContain(field);
    expect(await Promise.all(tables.map(count))).toEqual(before);
  };
  const person = (overrides: Body) =>
    newCustomer({
      firstName: 'Zoé',
      lastName: 'Marchal',
      email: 'zoe.marchal@exemple.fr',
      phone: '06 10 20 30 40',
      ...overrides,
    });

  it('an expired document, a minor, a document not matching the person', async () => {
    await refused(
      { ...person({}), identity: { ...identity, expiresOn: '2026-12-17' } },
      422,
      'body.identity.expiresOn',
    );
    await refused(
      { ...person({}), identity: { ...identity, birthDate: '2009-01-01' } },
      422,
      'body.identity.birthDate',
    );
    await refused(
      { ...person({}), identity: { ...identity, holderMatches: false } },
      400,
      'body.identity.holderMatches',
    );
  });

  it('a box that is not on this shop’s shelf, after the customer would have been created', async () => {
    const installed = await t.database.db
      .selectFrom('shop_devices')
      .select('serial')
      .where('status', '=', 'installed')
      .executeTakeFirstOrThrow();
    const payload = person({});
    (payload.subscription as Body).deviceSerial = installed.serial;
    await refused(payload, 409, 'body.subscription.deviceSerial');
  });

  it('a customer who cannot be reached, a mobile line without its number, both or neither customer', async () => {
    await refused(person({ email: undefined, phone: undefined }), 400, 'body.customer.email');
    await refused(
      { ...person({}), subscription: { kind: 'mobile_line', offerId: offers.mobile } },
      400,
      'body.subscription.msisdn',
    );
    await refused({ ...person({}), customerId: claire }, 400, 'body.customer');
    await refused(
      {
        identity,
        subscription: { kind: 'mobile_line', offerId: offers.mobile, msisdn: '0612345678' },
        billingMethod: 'card',
        consents,
      },
      400,
      'body.customer',
    );
  });

  it('an offer for another kind of line', async () => {
    await refused(
      { ...person({}), subscription: { kind: 'mobile_line', offerId: offers.boxWelcome, msisdn: '0612345679' } },
      422,
      'body.subscription.offerId',
    );
  });
});

describe('an existing customer taking a new line', () => {
  it('refuses her the welcome offer, numbers the line after hers and records only the choices that change', async () => {
    const own = await t.database.db
      .selectFrom('customers')
      .select('reference')
      .where('id', '=', claire)
      .executeTakeFirstOrThrow();
    const base = {
      customerId: claire,
      identity,
      billingMethod: 'card',
      consents: { marketing_phone: false, marketing_sms: true, marketing_email: false },
    };
    const welcome = await signUp({ ...base, subscription: { kind: 'fixed_box', offerId: offers.boxWelcome } });
    expect(welcome.statusCode).toBe(422);
    expect(welcome.json().errors[0]).toEqual({
      field: 'body.subscription.offerId',
      message: 'is reserved for new customers; choose an offer for existing customers',
    });
    const phoneLine = await t.database.db
      .selectFrom('subscriptions')
      .select('msisdn')
      .where('customer_id', '=', claire)
      .where('msisdn', 'is not', null)
      .executeTakeFirstOrThrow();
    const taken = await signUp({
      ...base,
      subscription: { kind: 'mobile_line', offerId: offers.mobile, msisdn: phoneLine.msisdn },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors[0].field).toBe('body.subscription.msisdn');

    const usersBefore = await count('users');
    const consentsBefore = await t.database.db
      .selectFrom('customer_consent_events')
      .select('purpose')
      .where('customer_id', '=', claire)
      .execute();
    const response = await signUp({
      ...base,
      subscription: { kind: 'mobile_line', offerId: offers.mobile, msisdn: '06 01 02 03 04' },
    });
    expect(response.statusCode, response.body).toBe(201);
    const lines = await t.database.db
      .selectFrom('subscriptions')
      .select('reference')
      .where('customer_id', '=', claire)
      .execute();
    const number = own.reference.slice(3);
    // An existing customer keeps the account she has; none is created.
    expect(await count('users')).toBe(usersBefore);
    expect(response.json()).toMatchObject({
      newCustomer: false,
      subscription: { reference: `AB-${number}-${lines.length}` },
    });
    const consentsAfter = await t.database.db
      .selectFrom('customer_consent_events')
      .select(['purpose', 'status', 'source'])
      .where('customer_id', '=', claire)
      .orderBy('id')
      .execute();
    const added = consentsAfter.slice(consentsBefore.length);
    expect(added).toContainEqual({ purpose: 'marketing_sms', status: 'granted', source: 'shop' });
    // Claire objected to sales calls long ago: saying no again records nothing new.
    expect(added.filter((event) => event.purpose === 'marketing_phone')).toEqual([]);
  });

  it('lists the day’s sign-ups for the shop, with who checked the identity', async () => {
    const day = (await send(shop, 'GET', '/api/shops/NCY/sign-ups?date=2026-12-18')).json();
    expect(day.items.length).toBeGreaterThanOrEqual(4);
    expect(day.items.map((item: Body) => (item.customer as Body).name)).toContain('Claire Martin');
    expect((await send(shop, 'GET', '/api/shops/NCY/sign-ups?date=2026-12-17')).json().items).toEqual([]);
  });
});

describe('two counters selling the same SIM card at once', () => {
  it('opens one line and answers the other with the number in use', async () => {
    const buyer = (firstName: string, email: string, phone: string) => ({
      ...newCustomer({ firstName, lastName: 'Simultané', email, phone }),
      subscription: { kind: 'mobile_line', offerId: offers.mobile, msisdn: '07 12 12 12 12' },
    });
    const [first, second] = await Promise.all([
      signUp(buyer('Anne', 'anne.simultane@exemple.fr', '06 21 21 21 21'), 'sim-anne'),
      signUp(buyer('Bruno', 'bruno.simultane@exemple.fr', '06 31 31 31 31'), 'sim-bruno'),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([201, 409]);
    const lines = await t.database.db
      .selectFrom('subscriptions')
      .select('id')
      .where('msisdn', '=', '+33712121212')
      .execute();
    expect(lines).toHaveLength(1);
  });
});
