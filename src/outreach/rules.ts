/**
 * Outreach rules: may Suivi let an advisor or a dialler place a marketing call to this customer now?
 *
 * Pure: no database, no HTTP, no clock — "now" and the customer's history are passed in. The
 * dialler's set-based SQL screening and the per-attempt check both follow these rules (the SQL
 * applies the consent/cap/refusal rules to rows, this engine decides the calling window per time
 * zone), so one engine names the rule behind every refusal.
 *
 * Rules (French law since 11 August 2026, defaults from PRODUCT.md, all configurable):
 * - consent: prior, provable marketing-phone consent, OR an offer related to a contract in
 *   progress that the customer has not refused (an explicit withdrawal of marketing-phone consent
 *   is such a refusal, and it takes effect at once);
 * - window: weekdays 10:00–13:00 and 14:00–20:00 in the customer's time zone; never on weekends
 *   or public holidays;
 * - cap: at most 4 attempts per customer over 30 days;
 * - cooldown: no call for 60 days after the customer refused one.
 *
 * The dialler reserves customers for a lease (`reservationLeaseSeconds`, default 5 minutes) so two
 * agents never get the same one; a held reservation counts against the cap like an attempt.
 */
import {
  type BusinessCalendar,
  FRENCH_CALENDAR,
  type LocalDate,
  type OpeningPeriod,
  type Site,
  type Weekday,
  assertTimeZone,
  defineSite,
  isOpen,
  toLocalDate,
  toLocalTime,
  weekday,
} from '../calendar/index.js';

export const DAY_MS = 86_400_000;

export interface OutreachPolicy {
  /** Local calling periods on weekdays (Monday–Friday), "HH:MM" [start, end). */
  readonly callingPeriods: readonly OpeningPeriod[];
  /** Public holidays on which no call is placed (matched on the customer's local date). */
  readonly holidays: BusinessCalendar;
  /** Attempts allowed per customer within `attemptWindowDays`. */
  readonly maxAttempts: number;
  readonly attemptWindowDays: number;
  /** Days without any call after the customer refused one. */
  readonly refusalCooldownDays: number;
  /** From this instant, a marketing call needs prior consent (or a contract-in-progress offer). */
  readonly consentRequiredFrom: Date;
  /** Zone used when a customer has none on file. */
  readonly defaultTimeZone: string;
  /** How long a dialler agent holds the customers it reserved, unless it asks for another lease. */
  readonly reservationLeaseSeconds: number;
}

export const DEFAULT_OUTREACH_POLICY: OutreachPolicy = Object.freeze({
  callingPeriods: [
    { start: '10:00', end: '13:00' },
    { start: '14:00', end: '20:00' },
  ],
  holidays: FRENCH_CALENDAR,
  maxAttempts: 4,
  attemptWindowDays: 30,
  refusalCooldownDays: 60,
  // 11 August 2026, 00:00 in Paris.
  consentRequiredFrom: new Date('2026-08-10T22:00:00Z'),
  defaultTimeZone: 'Europe/Paris',
  reservationLeaseSeconds: 300,
});

/** The customer's marketing-phone consent as recorded: granted, withdrawn, or never asked. */
export type PhoneConsent = 'granted' | 'withdrawn' | 'none';

export interface CallCandidate {
  readonly timeZone: string | null;
  readonly consent: PhoneConsent;
  /** The campaign offers something related to a contract the customer has in progress. */
  readonly contractOffer: boolean;
  readonly hasContractInProgress: boolean;
  /** Instants of previous call attempts (any order; only the recent ones matter). */
  readonly attempts: readonly Date[];
  /** The customer's most recent refusal of a call, if any. */
  readonly lastRefusalAt: Date | null;
}

export type RefusalRule =
  | 'consent_required'
  | 'consent_withdrawn'
  | 'weekend'
  | 'public_holiday'
  | 'outside_calling_hours'
  | 'attempt_cap'
  | 'refusal_cooldown';

export type CallDecision =
  | { readonly allowed: true; readonly basis: 'consent' | 'contract_in_progress' | 'before_consent_law' }
  | { readonly allowed: false; readonly rule: RefusalRule; readonly message: string; readonly until?: Date };

export const RULE_LABELS: Record<RefusalRule, { fr: string; en: string }> = {
  consent_required: {
    fr: 'Pas de consentement préalable au démarchage téléphonique',
    en: 'No prior consent to marketing calls',
  },
  consent_withdrawn: { fr: 'Le client a retiré son consentement', en: 'The customer withdrew consent' },
  weekend: { fr: 'Pas d’appel le week-end', en: 'No calls at weekends' },
  public_holiday: { fr: 'Pas d’appel un jour férié', en: 'No calls on public holidays' },
  outside_calling_hours: { fr: 'Hors des heures d’appel autorisées', en: 'Outside permitted calling hours' },
  attempt_cap: { fr: 'Nombre maximal de tentatives atteint', en: 'Attempt limit reached' },
  refusal_cooldown: { fr: 'Le client a refusé un appel récemment', en: 'The customer recently refused a call' },
};

const WEEKDAY_NAMES: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

// Compiled calling "sites" per policy and zone (policies and zones are few; sites are immutable).
const sites = new WeakMap<OutreachPolicy, Map<string, Site>>();

function callingSite(policy: OutreachPolicy, zone: string): Site {
  let byZone = sites.get(policy);
  if (!byZone) {
    byZone = new Map();
    sites.set(policy, byZone);
  }
  let site = byZone.get(zone);
  if (!site) {
    const weekly = Object.fromEntries(WEEKDAY_NAMES.map((day) => [day, policy.callingPeriods]));
    site = defineSite({ name: `calls ${zone}`, timeZone: zone, weekly, closedOnHolidaysOf: policy.holidays });
    byZone.set(zone, site);
  }
  return site;
}

/** Validates a policy's numbers and periods; throws an Error naming the field. */
export function validatePolicy(policy: OutreachPolicy): OutreachPolicy {
  for (const field of ['maxAttempts', 'attemptWindowDays', 'refusalCooldownDays'] as const) {
    const value = policy[field];
    if (!Number.isInteger(value) || value < 0 || value > 3650) {
      throw new Error(`${field} must be a whole number from 0 to 3650, got ${value}`);
    }
  }
  const lease = policy.reservationLeaseSeconds;
  if (!Number.isInteger(lease) || lease < 1 || lease > 86_400) {
    throw new Error(`reservationLeaseSeconds must be a whole number from 1 to 86400, got ${lease}`);
  }
  assertTimeZone(policy.defaultTimeZone, 'defaultTimeZone');
  callingSite(policy, policy.defaultTimeZone);
  return policy;
}

/** Is `now` inside the calling window in `zone`? If not, which rule says no. */
export function windowDecision(
  policy: OutreachPolicy,
  zone: string,
  now: Date,
):
  | { open: true }
  | { open: false; rule: 'weekend' | 'public_holiday' | 'outside_calling_hours'; localDate: LocalDate } {
  const site = callingSite(policy, zone);
  if (isOpen(site, now)) return { open: true };
  const localDate = toLocalDate(now, zone);
  const day = weekday(localDate);
  if (day === 0 || day === 6) return { open: false, rule: 'weekend', localDate };
  if (policy.holidays.isHoliday(localDate)) return { open: false, rule: 'public_holiday', localDate };
  return { open: false, rule: 'outside_calling_hours', localDate };
}

/** The zones (among `zones`) in which a call may be placed at `now`: the dialler screens on these. */
export function zonesOpenForCalls(policy: OutreachPolicy, zones: Iterable<string>, now: Date): string[] {
  const open: string[] = [];
  for (const zone of new Set(zones)) if (windowDecision(policy, zone, now).open) open.push(zone);
  return open.sort();
}

/** Attempts counted against the cap at `now`: those in (now − window, now]. */
export function recentAttempts(policy: OutreachPolicy, attempts: readonly Date[], now: Date): number {
  const from = now.getTime() - policy.attemptWindowDays * DAY_MS;
  return attempts.filter((at) => at.getTime() > from && at.getTime() <= now.getTime()).length;
}

/**
 * Decides one call. Rules are checked in a fixed order (consent, cooldown, cap, window) so the
 * rule named is the most durable reason: a customer without consent is never "only" out of hours.
 */
export function decideCall(policy: OutreachPolicy, candidate: CallCandidate, now: Date): CallDecision {
  const zone = candidate.timeZone ?? policy.defaultTimeZone;
  let basis: 'consent' | 'contract_in_progress' | 'before_consent_law';
  if (candidate.consent === 'withdrawn') {
    return {
      allowed: false,
      rule: 'consent_withdrawn',
      message: 'The customer withdrew consent to marketing calls (this also refuses offers on their contract).',
    };
  }
  if (candidate.consent === 'granted') basis = 'consent';
  else if (candidate.contractOffer && candidate.hasContractInProgress) basis = 'contract_in_progress';
  else if (now.getTime() < policy.consentRequiredFrom.getTime()) basis = 'before_consent_law';
  else {
    return {
      allowed: false,
      rule: 'consent_required',
      message: candidate.contractOffer
        ? 'No prior consent to marketing calls and no contract in progress for this offer.'
        : 'No prior, provable consent to marketing calls.',
    };
  }
  if (candidate.lastRefusalAt && candidate.lastRefusalAt.getTime() <= now.getTime()) {
    const until = new Date(candidate.lastRefusalAt.getTime() + policy.refusalCooldownDays * DAY_MS);
    if (now.getTime() < until.getTime()) {
      return {
        allowed: false,
        rule: 'refusal_cooldown',
        message: `The customer refused a call on ${candidate.lastRefusalAt.toISOString()}; no call for ${policy.refusalCooldownDays} days.`,
        until,
      };
    }
  }
  const recent = recentAttempts(policy, candidate.attempts, now);
  if (recent >= policy.maxAttempts) {
    return {
      allowed: false,
      rule: 'attempt_cap',
      message: `${recent} attempts in the last ${policy.attemptWindowDays} days (at most ${policy.maxAttempts}).`,
    };
  }
  const window = windowDecision(policy, zone, now);
  if (!window.open) {
    const local = `${window.localDate} ${toLocalTime(now, zone)} (${zone})`;
    return {
      allowed: false,
      rule: window.rule,
      message:
        window.rule === 'weekend'
          ? `No calls at weekends; it is ${local}.`
          : window.rule === 'public_holiday'
            ? `No calls on public holidays (${policy.holidays.holidayName(window.localDate)}); it is ${local}.`
            : `Calls only ${policy.callingPeriods.map((p) => `${p.start}–${p.end}`).join(' and ')} on weekdays; it is ${local}.`,
    };
  }
  return { allowed: true, basis };
}

/** Builds a policy from environment variables (OUTREACH_*), falling back to the defaults. */
export function outreachPolicyFromEnv(env: NodeJS.ProcessEnv, base: OutreachPolicy = DEFAULT_OUTREACH_POLICY) {
  const int = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
    return value;
  };
  const periods = env.OUTREACH_CALLING_PERIODS
    ? env.OUTREACH_CALLING_PERIODS.split(',').map((span) => {
        const [start = '', end = ''] = span.trim().split('-');
        return { start, end };
      })
    : base.callingPeriods;
  return validatePolicy({
    ...base,
    callingPeriods: periods,
    maxAttempts: int('OUTREACH_MAX_ATTEMPTS', base.maxAttempts),
    attemptWindowDays: int('OUTREACH_ATTEMPT_WINDOW_DAYS', base.attemptWindowDays),
    refusalCooldownDays: int('OUTREACH_REFUSAL_COOLDOWN_DAYS', base.refusalCooldownDays),
    defaultTimeZone: env.OUTREACH_DEFAULT_TIME_ZONE || base.defaultTimeZone,
    reservationLeaseSeconds: int('OUTREACH_RESERVATION_LEASE_SECONDS', base.reservationLeaseSeconds),
  });
}
