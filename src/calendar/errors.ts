/**
 * Typed input errors for the calendar module, plus the small validators every
 * public function runs on its arguments before doing any arithmetic.
 */

/** Thrown for any invalid argument. `field` names the offending input (e.g. "n", "weekly.mon[1].end"). */
export class CalendarInputError extends Error {
  override readonly name = 'CalendarInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Returns `value` if it is a `Date` holding a real instant, otherwise throws. */
export function assertInstant(value: unknown, field: string): Date {
  if (!(value instanceof Date)) {
    throw new CalendarInputError(field, `${field} must be a Date, got ${describe(value)}`);
  }
  if (Number.isNaN(value.getTime())) {
    throw new CalendarInputError(field, `${field} is an invalid date (it does not hold any instant)`);
  }
  return value;
}

/** Returns `value` if it is an integer in [0, max], otherwise throws. */
export function assertCount(value: unknown, field: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new CalendarInputError(field, `${field} must be a whole number, got ${describe(value)}`);
  }
  if (value < 0) throw new CalendarInputError(field, `${field} cannot be negative (got ${value})`);
  if (value > max) throw new CalendarInputError(field, `${field} is too large (got ${value}, maximum ${max})`);
  return value;
}

/** Returns `value` if it is a finite number in [0, max], otherwise throws. */
export function assertAmount(value: unknown, field: string, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new CalendarInputError(field, `${field} must be a finite number, got ${describe(value)}`);
  }
  if (value < 0) throw new CalendarInputError(field, `${field} cannot be negative (got ${value})`);
  if (value > max) throw new CalendarInputError(field, `${field} is too large (got ${value}, maximum ${max})`);
  return value;
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  return typeof value;
}
