const PARIS = 'Europe/Paris';

function intlLocale(language: string): string {
  return language.startsWith('en') ? 'en-GB' : 'fr-FR';
}

function format(iso: string, language: string, options: Intl.DateTimeFormatOptions): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(language), { timeZone: PARIS, ...options }).format(date);
}

/** A calendar date in Paris time, e.g. « 3 mars 2024 ». */
export function formatDate(iso: string, language: string): string {
  return format(iso, language, { dateStyle: 'long' });
}

/** Date and time in Paris time, e.g. « 03/03/2024 14:05 ». */
export function formatDateTime(iso: string, language: string): string {
  return format(iso, language, { dateStyle: 'short', timeStyle: 'short' });
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(intlLocale(language)).format(value);
}

/** "FR" → "France" / "Maroc"; unknown codes are shown as given. */
export function formatCountry(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([intlLocale(language)], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** French numbers in the national format ("+33767272982" → "07 67 27 29 82"); others unchanged. */
export function formatPhone(phone: string): string {
  const compact = phone.replace(/[\s.-]/g, '');
  const match = /^(?:\+33|0033|0)([1-9]\d{8})$/.exec(compact);
  if (!match?.[1]) return phone;
  return `0${match[1]}`.replace(/(\d{2})(?=\d)/g, '$1 ');
}
