/** Promise arithmetic: when a promise falls due, and whether it was kept. Pure, no I/O. */
import {
  type Delay,
  type Due,
  type Pause,
  FRENCH_CALENDAR,
  PARIS,
  addBusinessDays,
  addCalendarHours,
  businessDaysBetween,
  dueWithPauses,
  endOfLocalDay,
  fractionElapsed,
  toLocalDate,
} from '../calendar/index.js';
import { type CaseType, casePolicies, type PromiseDelays, type PromiseKind } from './policy.js';

/**
 * "N business days" = the end of the Nth business day after the Paris day of `startsAt`;
 * "N hours" = exactly N hours later (nights and weekends count).
 */
export function promiseDueAt(startsAt: Date, delay: Delay): Due {
  return 'businessDays' in delay
    ? addBusinessDays(startsAt, delay.businessDays, FRENCH_CALENDAR)
    : addCalendarHours(startsAt, delay.hours, FRENCH_CALENDAR);
}

export function firstPromiseOf(
  type: CaseType,
  openedAt: Date,
  delays: PromiseDelays = {},
): { kind: PromiseKind; due: Due; reason: string } {
  const { kind } = casePolicies[type].firstPromise;
  const delay = delays[type] ?? casePolicies[type].firstPromise.delay;
  const length = 'businessDays' in delay ? `${delay.businessDays} jours ouvrés` : `${delay.hours} heures`;
  return { kind, due: promiseDueAt(openedAt, delay), reason: `Délai prévu pour ce type de demande : ${length}.` };
}

/** A date the advisor gives: a Paris calendar day (due at its end) or an exact instant. */
export function dueFromChoice(choice: { dueDate?: string; dueAt?: Date }): Due {
  if (choice.dueDate) return { dueDate: choice.dueDate, dueAt: endOfLocalDay(choice.dueDate, PARIS) };
  if (choice.dueAt) return { dueAt: choice.dueAt, dueDate: toLocalDate(choice.dueAt, PARIS) };
  throw new Error('dueFromChoice needs dueDate or dueAt');
}

/** A promise settled when the case is resolved: kept if in time, broken otherwise. */
export function settlementAt(dueAt: Date, resolvedAt: Date): 'kept' | 'broken' {
  return resolvedAt.getTime() <= dueAt.getTime() ? 'kept' : 'broken';
}

/** Day-based promises fall due at the end of a Paris day; those measure progress in business time. */
export function isDayPromise(due: Due): boolean {
  return endOfLocalDay(due.dueDate, PARIS).getTime() === due.dueAt.getTime();
}

/**
 * The due date once a pause (waiting on the customer) is over: the promise's own delay
 * (business days or hours, measured from its start) with the paused time added back.
 */
export function dueAfterPause(promise: { startsAt: Date } & Due, pause: Pause): Due {
  const delay: Delay = isDayPromise(promise)
    ? { businessDays: businessDaysBetween(promise.startsAt, promise.dueAt, FRENCH_CALENDAR) }
    : { hours: (promise.dueAt.getTime() - promise.startsAt.getTime()) / 3_600_000 };
  const { dueAt, dueDate } = dueWithPauses(promise.startsAt, delay, [pause], { calendar: FRENCH_CALENDAR });
  return { dueAt, dueDate };
}

export type PromiseRisk = 'on_track' | 'at_risk' | 'broken';

/** Share of the promised delay used at `now` (weekends and holidays do not count for day promises). */
export function promiseProgress(promise: { startsAt: Date } & Due, now: Date): number {
  const calendar = isDayPromise(promise) ? FRENCH_CALENDAR : undefined;
  return fractionElapsed(promise.startsAt, promise.dueAt, now, [], calendar);
}

/** At risk from `atRiskFraction` of the delay used (default 80 %); broken once past due. */
export function promiseRisk(promise: { startsAt: Date } & Due, now: Date, atRiskFraction = 0.8): PromiseRisk {
  if (now.getTime() > promise.dueAt.getTime()) return 'broken';
  return promiseProgress(promise, now) >= atRiskFraction ? 'at_risk' : 'on_track';
}
