import type { CasePromise, CaseSummary } from '../api/caseTypes';

const PARIS = 'Europe/Paris';

function intlLocale(language: string): string {
  return language.startsWith('en') ? 'en-GB' : 'fr-FR';
}

/** A Paris calendar day ("2027-01-05") with its weekday: « mardi 5 janvier 2027 ». */
export function formatDayWithWeekday(day: string, language: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(intlLocale(language), {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
}

/** A Paris calendar day without weekday: « 10 janvier 2027 ». */
export function formatDay(day: string, language: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(intlLocale(language), { timeZone: 'UTC', dateStyle: 'long' }).format(date);
}

/** Paris wall-clock time of an instant, e.g. « 10:00 ». */
export function formatParisTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(intlLocale(language), { timeZone: PARIS, timeStyle: 'short' }).format(new Date(iso));
}

/** Day promises fall due at the end of a Paris day; others (a fault repair in 48 h) at an exact time. */
export function promiseHasExactTime(promise: Pick<CasePromise, 'dueAt'>): boolean {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: PARIS,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(promise.dueAt));
  return parts !== '23:59';
}

/** The status in the user's language, from the server's own words. */
export function caseStatusText(summary: Pick<CaseSummary, 'status' | 'statusLabel'>, language: string): string {
  return language.startsWith('en') ? summary.statusLabel.en : summary.statusLabel.fr;
}

export function isFinished(summary: Pick<CaseSummary, 'status'>): boolean {
  return summary.status === 'resolved' || summary.status === 'closed';
}

/** A share of the delay (0.83) as a percentage: « 83 % » / "83%". */
export function formatShare(share: number, language: string): string {
  return new Intl.NumberFormat(intlLocale(language), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}
