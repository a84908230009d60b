/**
 * Demo customers, each a pure function of its index: customer N is the same person in every
 * run, so a seed can be resumed or extended (`suivi seed --customers N`) without duplicates.
 */
import { searchNameOf } from '../customers/normalise.js';
import type { Database } from '../platform/db/schema.js';
import { boxPlans, cities, femaleFirstNames, lastNames, maleFirstNames, mobilePlans, streets } from './french-data.js';
import { demoSites } from './operator.js';
import { type Random, integerBetween, pick, seededRandom, stableUuid } from './random.js';
import type { Insertable } from 'kysely';

export interface DemoCustomer {
  customer: Insertable<Database['customers']>;
  account: Insertable<Database['accounts']>;
  subscriptions: Array<Insertable<Database['subscriptions']>>;
}

const servingShares: Array<[string, number]> = [
  ['COL', 0.36],
  ['VIT', 0.34],
  ['CAS', 0.13],
  ['RAB', 0.1],
  ['FES', 0.07],
];

function servingSiteId(random: Random): string {
  let draw = random();
  for (const [code, share] of servingShares) {
    draw -= share;
    if (draw < 0) return siteIdByCode(code);
  }
  return siteIdByCode('COL');
}

function siteIdByCode(code: string): string {
  const found = demoSites.find((candidate) => candidate.code === code);
  if (!found) throw new Error(`unknown demo site ${code}`);
  return found.id;
}

const digits = (random: Random, count: number) =>
  Array.from({ length: count }, () => Math.floor(random() * 10)).join('');

const earliest = Date.UTC(2012, 0, 10);
const latest = Date.UTC(2026, 9, 31);

export const customerIdOf = (index: number) => stableUuid(`customer:${index}`);

export function demoCustomer(index: number): DemoCustomer {
  const random = seededRandom(0x5b1c1 ^ Math.imul(index + 1, 2654435761));
  const persona = index === 0;
  const female = persona || random() < 0.52;
  const firstName = persona ? 'Claire' : pick(random, female ? femaleFirstNames : maleFirstNames);
  const lastName = persona ? 'Martin' : pick(random, lastNames);
  const place = persona ? { city: 'Nancy', postcodes: ['54000'] } : pick(random, cities);
  const id = customerIdOf(index);
  const number = String(index + 1).padStart(7, '0');
  const mobileNumber = `+33${random() < 0.7 ? '6' : '7'}${digits(random, 8)}`;
  const addressLine1 = `${integerBetween(random, 1, 180)} ${pick(random, streets)}`;
  const postcode = pick(random, place.postcodes);
  const mix = persona ? 0.1 : random();
  const hasBox = mix < 0.8;
  const mobileLines = mix < 0.55 ? (random() < 0.25 ? 2 : 1) : mix < 0.8 ? 0 : 1;
  const since = new Date(earliest + Math.floor(random() * (latest - earliest)));
  const emailName = `${firstName}.${lastName}`
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[^A-Za-z.]/g, '')
    .toLowerCase();
  const accountId = stableUuid(`account:${index}`);

  const subscriptions: DemoCustomer['subscriptions'] = [];
  const status = () => {
    const draw = random();
    return draw < 0.9 ? 'active' : draw < 0.95 ? 'suspended' : draw < 0.98 ? 'pending' : 'terminated';
  };
  if (hasBox) {
    subscriptions.push({
      id: stableUuid(`subscription:${index}:box`),
      customer_id: id,
      account_id: accountId,
      reference: `AB-${number}-1`,
      kind: 'fixed_box',
      plan: pick(random, boxPlans),
      status: persona ? 'active' : status(),
      msisdn: null,
      line_number: `+339${digits(random, 8)}`,
      service_address_line1: addressLine1,
      service_postcode: postcode,
      service_city: place.city,
      started_at: since,
      terminated_at: null,
    });
  }
  for (let line = 0; line < mobileLines; line++) {
    subscriptions.push({
      id: stableUuid(`subscription:${index}:mobile:${line}`),
      customer_id: id,
      account_id: accountId,
      reference: `AB-${number}-${subscriptions.length + 1}`,
      kind: 'mobile_line',
      plan: pick(random, mobilePlans),
      status: persona ? 'active' : status(),
      msisdn: line === 0 ? mobileNumber : `+336${digits(random, 8)}`,
      line_number: null,
      service_address_line1: null,
      service_postcode: null,
      service_city: null,
      started_at: new Date(since.getTime() + line * 86_400_000 * integerBetween(random, 30, 900)),
      terminated_at: null,
    });
  }
  for (const subscription of subscriptions) {
    if (subscription.status === 'terminated') subscription.terminated_at = new Date(latest);
  }

  return {
    customer: {
      id,
      reference: `CL-${number}`,
      civility: female ? 'Mme' : 'M.',
      first_name: firstName,
      last_name: lastName,
      search_name: searchNameOf(firstName, lastName),
      email: random() < 0.93 ? `${emailName}${index}@exemple.fr` : null,
      phone: mobileNumber,
      address_line1: addressLine1,
      address_line2:
        random() < 0.15
          ? `Bâtiment ${pick(random, ['A', 'B', 'C'])}, appartement ${integerBetween(random, 1, 60)}`
          : null,
      postcode,
      city: place.city,
      preferred_channel: pick(random, ['email', 'email', 'email', 'sms', 'sms', 'phone', 'letter'] as const),
      preferred_language: random() < 0.96 ? 'fr' : 'en',
      serving_site_id: persona ? siteIdByCode('VIT') : servingSiteId(random),
      created_at: since,
      updated_at: since,
    },
    account: {
      id: accountId,
      customer_id: id,
      reference: `CP-${number}`,
      billing_method: pick(random, ['direct_debit', 'direct_debit', 'direct_debit', 'card', 'transfer'] as const),
      created_at: since,
    },
    subscriptions,
  };
}
