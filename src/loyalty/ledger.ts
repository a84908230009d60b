/**
 * Loyalty rules, pure: point expiry (oldest points are spent first and expire first), the
 * postings of each kind of entry, which reward threshold applies to a member, and how a threshold
 * increase is scheduled fairly (notice, protection of members close to the old threshold or with
 * an announced goal). No database, no clock: "now" and the facts are passed in.
 */
import { type LocalDate, addDays, startOfLocalDay, toLocalDate } from '../calendar/index.js';

export interface LoyaltyPolicy {
  /** Points are valid this many months from the day they are credited. */
  readonly validityMonths: number;
  /** A threshold increase takes effect at least this many months after it is announced. */
  readonly noticeMonths: number;
  /** Members at most this many points below the old threshold keep it until the protection date. */
  readonly protectionDistance: number;
  /** Protected members keep the old threshold this many months after the increase takes effect. */
  readonly protectionMonths: number;
  readonly timeZone: string;
}

export const DEFAULT_LOYALTY_POLICY: LoyaltyPolicy = Object.freeze({
  validityMonths: 24,
  noticeMonths: 1,
  protectionDistance: 500,
  protectionMonths: 6,
  timeZone: 'Europe/Paris',
});

export function loyaltyPolicyFromEnv(env: NodeJS.ProcessEnv, base: LoyaltyPolicy = DEFAULT_LOYALTY_POLICY) {
  const int = (name: string, fallback: number, max: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0 || value > max) {
      throw new Error(`${name} must be a whole number from 0 to ${max}, got "${raw}"`);
    }
    return value;
  };
  return {
    ...base,
    validityMonths: int('LOYALTY_POINTS_VALIDITY_MONTHS', base.validityMonths, 240),
    noticeMonths: int('LOYALTY_THRESHOLD_NOTICE_MONTHS', base.noticeMonths, 24),
    protectionDistance: int('LOYALTY_PROTECTION_DISTANCE_POINTS', base.protectionDistance, 1_000_000),
    protectionMonths: int('LOYALTY_PROTECTION_MONTHS', base.protectionMonths, 120),
  };
}

/** `date` plus `months` calendar months, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** When points credited at `at` expire (they are usable through that day, gone the day after). */
export function expiryDateFor(policy: LoyaltyPolicy, at: Date): LocalDate {
  return addMonths(toLocalDate(at, policy.timeZone), policy.validityMonths);
}

export interface Lot {
  /** Points credited (> 0) */
  readonly amount: number;
  readonly expiresOn: LocalDate;
}

/**
 * Points to expire on `today`: lots whose last valid day is before today, minus everything already
 * spent (spending — redemptions, transfers out, negative adjustments, earlier expiries — uses the
 * lots that expire first).
 */
export function pointsToExpire(lots: readonly Lot[], debited: number, today: LocalDate): number {
  const expired = lots.filter((lot) => lot.expiresOn < today).reduce((sum, lot) => sum + lot.amount, 0);
  return Math.max(0, expired - debited);
}

/** The coming expiries: on each date, how many of the member's current points expire (after that day). */
export function expirySchedule(
  lots: readonly Lot[],
  debited: number,
  today: LocalDate,
): Array<{ expiresOn: LocalDate; points: number }> {
  const dates = [...new Set(lots.map((lot) => lot.expiresOn))].filter((date) => date >= today).sort();
  const out: Array<{ expiresOn: LocalDate; points: number }> = [];
  let already = pointsToExpire(lots, debited, today);
  for (const date of dates) {
    const through = pointsToExpire(lots, debited, addDays(date, 1));
    if (through > already) out.push({ expiresOn: date, points: through - already });
    already = through;
  }
  return out;
}

export interface ThresholdRow {
  readonly id: string;
  readonly points: number;
  readonly effectiveFrom: Date;
  readonly previousPoints: number | null;
  readonly protectionUntil: Date | null;
}

export interface Protection {
  readonly thresholdId: string;
  readonly points: number;
  readonly protectedUntil: Date;
}

export interface ApplicableThreshold {
  /** What the member pays now */
  readonly points: number;
  /** The published threshold in force now */
  readonly published: number;
  /** The member keeps an older, lower threshold until this date */
  readonly protectedUntil: Date | null;
  /** Announced changes not yet in force */
  readonly upcoming: ReadonlyArray<{ points: number; effectiveFrom: Date; protectionUntil: Date | null }>;
}

/** The threshold a member pays for a reward at `now`: the one in force, or a lower protected one. */
export function applicableThreshold(
  schedule: readonly ThresholdRow[],
  protections: readonly Protection[],
  now: Date,
): ApplicableThreshold | null {
  const sorted = [...schedule].sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime());
  const inForce = sorted.filter((row) => row.effectiveFrom.getTime() <= now.getTime()).at(-1);
  const upcoming = sorted
    .filter((row) => row.effectiveFrom.getTime() > now.getTime())
    .map((row) => ({ points: row.points, effectiveFrom: row.effectiveFrom, protectionUntil: row.protectionUntil }));
  if (!inForce) return null;
  let best: Protection | null = null;
  for (const protection of protections) {
    if (protection.protectedUntil.getTime() <= now.getTime()) continue;
    if (protection.points >= inForce.points) continue;
    if (!best || protection.points < best.points) best = protection;
  }
  return {
    points: best ? best.points : inForce.points,
    published: inForce.points,
    protectedUntil: best ? best.protectedUntil : null,
    upcoming,
  };
}

export type ScheduleError = { field: string; message: string };

/** The first day an increase announced at `now` may take effect (Paris). */
export function earliestIncreaseOn(policy: LoyaltyPolicy, now: Date): LocalDate {
  // Notice counts whole days: the change starts at midnight (Paris) on or after today + notice.
  return addDays(addMonths(toLocalDate(now, policy.timeZone), policy.noticeMonths), 1);
}

/**
 * Validates and completes a threshold change. An increase takes effect no earlier than the notice
 * period after `now` and protects members; a decrease favours members and may take effect at once.
 */
export function planThresholdChange(
  policy: LoyaltyPolicy,
  input: {
    currentPoints: number;
    newPoints: number;
    effectiveOn?: LocalDate;
    protectionUntilOn?: LocalDate;
    now: Date;
  },
):
  | {
      ok: true;
      increase: boolean;
      effectiveFrom: Date;
      effectiveOn: LocalDate;
      protectionUntil: Date | null;
      earliestOn: LocalDate;
    }
  | { ok: false; error: ScheduleError } {
  const today = toLocalDate(input.now, policy.timeZone);
  if (input.newPoints === input.currentPoints) {
    return { ok: false, error: { field: 'body.points', message: `is already the threshold (${input.currentPoints})` } };
  }
  const increase = input.newPoints > input.currentPoints;
  const earliestOn = increase ? earliestIncreaseOn(policy, input.now) : today;
  const effectiveOn = input.effectiveOn ?? earliestOn;
  if (effectiveOn < earliestOn) {
    return {
      ok: false,
      error: {
        field: 'body.effectiveOn',
        message: increase
          ? `must be on or after ${earliestOn}: an increase needs ${policy.noticeMonths} month(s) of notice`
          : `must not be in the past (today is ${today})`,
      },
    };
  }
  const effectiveFrom = increase || effectiveOn > today ? startOfLocalDay(effectiveOn, policy.timeZone) : input.now;
  if (!increase) return { ok: true, increase, effectiveFrom, effectiveOn, protectionUntil: null, earliestOn };
  const minProtection = effectiveOn;
  const protectionOn = input.protectionUntilOn ?? addMonths(effectiveOn, policy.protectionMonths);
  if (protectionOn < minProtection) {
    return {
      ok: false,
      error: { field: 'body.protectionUntil', message: `must be on or after the change (${effectiveOn})` },
    };
  }
  // Protected through that day: until the start of the next one.
  const protectionUntil = startOfLocalDay(addDays(protectionOn, 1), policy.timeZone);
  return { ok: true, increase, effectiveFrom, effectiveOn, protectionUntil, earliestOn };
}

/** Is a member protected by an increase, and why. */
export function protectionReason(
  policy: LoyaltyPolicy,
  member: { balance: number; goalAnnounced: boolean },
  oldPoints: number,
): 'goal' | 'near_threshold' | null {
  if (member.goalAnnounced) return 'goal';
  if (member.balance >= oldPoints - policy.protectionDistance) return 'near_threshold';
  return null;
}
