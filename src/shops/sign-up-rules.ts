/**
 * The checks a shop makes before a contract is signed at the counter, as pure functions: the
 * holder is an adult, the document is valid today, and only the end of its number is kept.
 */
import type { LocalDate } from '../calendar/index.js';

export const ADULT_AGE = 18;

/** Full years between a birth date and a day ("YYYY-MM-DD"; born 29 February: a year passes on 1 March). */
export function ageOn(birthDate: LocalDate, today: LocalDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const hadBirthday = tm > bm || (tm === bm && td >= bd);
  return ty - by - (hadBirthday ? 0 : 1);
}

export type IdentityProblem = { field: string; message: string };

/** What is wrong with the document shown today, or nothing. */
export function identityProblems(identity: { expiresOn: LocalDate; birthDate: LocalDate }, today: LocalDate) {
  const problems: IdentityProblem[] = [];
  if (identity.expiresOn < today) {
    problems.push({ field: 'body.identity.expiresOn', message: `the document expired on ${identity.expiresOn}` });
  }
  if (identity.birthDate > today) {
    problems.push({ field: 'body.identity.birthDate', message: 'must not be in the future' });
  } else if (ageOn(identity.birthDate, today) < ADULT_AGE) {
    problems.push({
      field: 'body.identity.birthDate',
      message: `the holder must be at least ${ADULT_AGE}; a minor subscribes with a parent or guardian`,
    });
  } else if (ageOn(identity.birthDate, today) > 120) {
    problems.push({ field: 'body.identity.birthDate', message: 'is more than 120 years ago' });
  }
  return problems;
}

/** The last 4 letters or digits of a document number, upper case: all the shop keeps. */
export function documentNumberEnd(number: string): string {
  return number
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase()
    .slice(-4);
}

/** Overseas departments and territories by postcode: calling hours are the customer's own. */
const overseasZones: ReadonlyArray<[string, string]> = [
  ['971', 'America/Guadeloupe'],
  ['972', 'America/Martinique'],
  ['973', 'America/Cayenne'],
  ['974', 'Indian/Reunion'],
  ['975', 'America/Miquelon'],
  ['976', 'Indian/Mayotte'],
];

/** The customer's time zone when it is not mainland France's, from the postcode. */
export function overseasTimeZone(postcode: string): string | null {
  return overseasZones.find(([prefix]) => postcode.startsWith(prefix))?.[1] ?? null;
}

/** Offers name their product "box-…" or "mobile-…": the kind of line they are for. */
export function lineKindOfProduct(product: string): 'fixed_box' | 'mobile_line' | null {
  if (product.startsWith('box-')) return 'fixed_box';
  if (product.startsWith('mobile-')) return 'mobile_line';
  return null;
}

/** The next line reference of a customer: "AB-<customer number>-<n>", n one more than the highest. */
export function nextLineReference(customerNumber: string, taken: readonly string[]): string {
  const prefix = `AB-${customerNumber}-`;
  const highest = taken
    .filter((reference) => reference.startsWith(prefix))
    .map((reference) => Number(reference.slice(prefix.length)))
    .filter(Number.isInteger)
    .reduce((max, n) => Math.max(max, n), 0);
  return `${prefix}${highest + 1}`;
}

/** A customer's first account is "CP-<customer number>"; a later one (after closing it) "CP-<number>-<n>". */
export function accountReference(customerNumber: string, accountsSoFar: number): string {
  return accountsSoFar === 0 ? `CP-${customerNumber}` : `CP-${customerNumber}-${accountsSoFar + 1}`;
}
