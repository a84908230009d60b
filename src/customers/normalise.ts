/** Canonical forms used for storage and search, shared by imports, the seed and the search box. */

/** Lower case, no accents, single spaces: "Éloïse  LE GALL" → "eloise le gall". */
export function normaliseName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9' -]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The indexed search key: last name first, so a prefix search by surname uses the index. */
export function searchNameOf(firstName: string, lastName: string): string {
  return `${normaliseName(lastName)} ${normaliseName(firstName)}`;
}

/**
 * French numbers to E.164: "06 12 34 56 78", "+33 6 12…", "0033 6…" → "+33612345678".
 * Returns null when the text is not a plausible phone number.
 */
export function normalisePhone(text: string): string | null {
  const compact = text.replace(/[\s.\-()/]/g, '');
  if (!/^\+?\d+$/.test(compact)) return null;
  let e164: string;
  if (compact.startsWith('+')) e164 = compact;
  else if (compact.startsWith('00')) e164 = `+${compact.slice(2)}`;
  else if (compact.startsWith('0') && compact.length === 10) e164 = `+33${compact.slice(1)}`;
  else return null;
  return /^\+\d{8,15}$/.test(e164) ? e164 : null;
}
