/**
 * Input validation for the workforce-management engine.
 *
 * Every public entry point validates its inputs and throws a WfmInputError that
 * names the offending parameter, so that an API layer can map it to a 400 with a
 * precise field name instead of letting NaN propagate into a staffing plan.
 */

export class WfmInputError extends Error {
  /** Name of the parameter that was rejected, e.g. "ahtSeconds". */
  readonly parameter: string;

  constructor(parameter: string, message: string) {
    super(`${parameter}: ${message}`);
    this.name = 'WfmInputError';
    this.parameter = parameter;
  }
}

function describe(value: unknown): string {
  return typeof value === 'number' ? String(value) : `${typeof value} ${String(value)}`;
}

/** A finite number, any sign. */
export function requireFinite(parameter: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new WfmInputError(parameter, `must be a finite number, got ${describe(value)}`);
  }
  return value;
}

/** A finite number > 0 (durations, rates). */
export function requirePositive(parameter: string, value: number): number {
  requireFinite(parameter, value);
  if (value <= 0) throw new WfmInputError(parameter, `must be > 0, got ${value}`);
  return value;
}

/** A finite number >= 0 (traffic, thresholds, volumes). */
export function requireNonNegative(parameter: string, value: number): number {
  requireFinite(parameter, value);
  if (value < 0) throw new WfmInputError(parameter, `must be >= 0, got ${value}`);
  return value;
}

/** An integer >= 0 (agent counts). */
export function requireCount(parameter: string, value: number): number {
  requireNonNegative(parameter, value);
  if (!Number.isInteger(value)) throw new WfmInputError(parameter, `must be an integer, got ${value}`);
  return value;
}

/** A probability strictly inside (0, 1): service-level targets, abandonment caps. */
export function requireOpenUnit(parameter: string, value: number): number {
  requireFinite(parameter, value);
  if (value <= 0 || value >= 1) {
    throw new WfmInputError(parameter, `must be strictly between 0 and 1, got ${value}`);
  }
  return value;
}

/** A fraction in [0, 1): shrinkage (1 would mean nobody is ever productive). */
export function requireFraction(parameter: string, value: number): number {
  requireFinite(parameter, value);
  if (value < 0 || value >= 1) throw new WfmInputError(parameter, `must be in [0, 1), got ${value}`);
  return value;
}

/** A fraction in (0, 1]: maximum occupancy (1 means "no cap"). */
export function requireUnitUpper(parameter: string, value: number): number {
  requireFinite(parameter, value);
  if (value <= 0 || value > 1) throw new WfmInputError(parameter, `must be in (0, 1], got ${value}`);
  return value;
}
