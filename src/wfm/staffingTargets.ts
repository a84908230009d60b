/**
 * Staffing targets: their types, validation into a normalised plan, and the
 * test of whether one evaluation meets them (and which it misses).
 */

import {
  WfmInputError,
  requireFraction,
  requireNonNegative,
  requireOpenUnit,
  requirePositive,
  requireUnitUpper,
} from './errors.js';

export interface StaffingTargets {
  /** e.g. { target: 0.8, thresholdSeconds: 20 } for 80% answered within 20 s. */
  serviceLevel?: { target: number; thresholdSeconds: number };
  maxAsaSeconds?: number;
  /** Cap on the fraction of calls abandoned; needs patienceSeconds. */
  maxAbandonment?: number;
  /** Cap on occupancy in (0, 1]. */
  maxOccupancy?: number;
}

export type StaffingConstraint = 'serviceLevel' | 'asa' | 'abandonment' | 'occupancy';

export interface StaffingOptions {
  targets: StaffingTargets;
  /** Mean caller patience: switches the model from Erlang C to Erlang A. */
  patienceSeconds?: number;
  /** With Erlang A, which service-level definition the target applies to (default 'offered'). */
  serviceLevelDefinition?: 'offered' | 'excludingShortAbandons';
  /** Fraction of paid time not on the phones (breaks, training, absence), in [0, 1). */
  shrinkage?: number;
}

export interface StaffingResult {
  trafficErlangs: number;
  /** Productive agents needed on the phones. */
  agents: number;
  /** Agents to schedule: ceil(agents / (1 - shrinkage)). */
  scheduledAgents: number;
  /** Targets that one agent fewer would miss (empty when no calls). */
  binding: StaffingConstraint[];
  serviceLevel: number;
  asaSeconds: number;
  occupancy: number;
  probabilityOfAbandonment: number;
}

export interface Evaluation {
  serviceLevel: number;
  asaSeconds: number;
  occupancy: number;
  probabilityOfAbandonment: number;
}

/** Validated, normalised targets (undefined = not constrained). */
export interface Plan {
  slTarget: number | undefined;
  threshold: number;
  maxAsa: number | undefined;
  maxAbandonment: number | undefined;
  maxOccupancy: number | undefined;
  patience: number | undefined;
  excludeShortAbandons: boolean;
  shrinkage: number;
}

export function plan(options: StaffingOptions): Plan {
  const t = options.targets;
  if (t === undefined || t === null) throw new WfmInputError('targets', 'is required');
  const sl = t.serviceLevel;
  if (sl !== undefined) {
    requireOpenUnit('targets.serviceLevel.target', sl.target);
    requireNonNegative('targets.serviceLevel.thresholdSeconds', sl.thresholdSeconds);
  }
  if (t.maxAsaSeconds !== undefined) {
    requireNonNegative('targets.maxAsaSeconds', t.maxAsaSeconds);
    if (t.maxAsaSeconds === 0) {
      throw new WfmInputError(
        'targets.maxAsaSeconds',
        'an average wait of 0 s is impossible with any finite staff; give a positive target',
      );
    }
  }
  if (t.maxAbandonment !== undefined) {
    requireOpenUnit('targets.maxAbandonment', t.maxAbandonment);
    if (options.patienceSeconds === undefined) {
      throw new WfmInputError('patienceSeconds', 'is required when an abandonment target is given (Erlang A model)');
    }
  }
  if (t.maxOccupancy !== undefined) requireUnitUpper('targets.maxOccupancy', t.maxOccupancy);
  if (options.patienceSeconds !== undefined) requirePositive('patienceSeconds', options.patienceSeconds);
  if (options.shrinkage !== undefined) requireFraction('shrinkage', options.shrinkage);
  if (
    sl === undefined &&
    t.maxAsaSeconds === undefined &&
    t.maxAbandonment === undefined &&
    t.maxOccupancy === undefined
  ) {
    throw new WfmInputError(
      'targets',
      'give at least one of serviceLevel, maxAsaSeconds, maxAbandonment, maxOccupancy',
    );
  }
  return {
    slTarget: sl?.target,
    threshold: sl?.thresholdSeconds ?? 0,
    maxAsa: t.maxAsaSeconds,
    maxAbandonment: t.maxAbandonment,
    maxOccupancy: t.maxOccupancy,
    patience: options.patienceSeconds,
    excludeShortAbandons: options.serviceLevelDefinition === 'excludingShortAbandons',
    shrinkage: options.shrinkage ?? 0,
  };
}

/** The targets this evaluation misses. */
export function missed(p: Plan, e: Evaluation): StaffingConstraint[] {
  const out: StaffingConstraint[] = [];
  if (p.slTarget !== undefined && e.serviceLevel < p.slTarget) out.push('serviceLevel');
  if (p.maxAsa !== undefined && e.asaSeconds > p.maxAsa) out.push('asa');
  if (p.maxAbandonment !== undefined && e.probabilityOfAbandonment > p.maxAbandonment) out.push('abandonment');
  if (p.maxOccupancy !== undefined && e.occupancy > p.maxOccupancy) out.push('occupancy');
  return out;
}

export function meets(p: Plan, e: Evaluation): boolean {
  return missed(p, e).length === 0;
}

/**
 * ceil(agents / (1 - shrinkage)), without the floating-point trap where
 * 80 / 0.8 = 100.00000000000001 would round up to 101.
 */
export function scheduledWithShrinkage(agents: number, shrinkage: number): number {
  requireNonNegative('agents', agents);
  requireFraction('shrinkage', shrinkage);
  const exact = agents / (1 - shrinkage);
  const nearest = Math.round(exact);
  return Math.abs(exact - nearest) <= 1e-9 * Math.max(1, exact) ? nearest : Math.ceil(exact);
}
