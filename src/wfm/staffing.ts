/**
 * Staffing: the smallest number of agents on the phones that meets every
 * target given (service level, ASA, abandonment, occupancy), and which
 * target(s) bound. Then shrinkage turns productive agents into scheduled ones.
 *
 * Erlang C (no patience given): start at the first stable count (and the
 * occupancy bound) and step up with the O(1) Erlang B recursion
 * B(n+1) = a B / (n + 1 + a B). The answer is a + O(sqrt(a)), so the walk is
 * O(sqrt(a)) cheap steps after one O(sqrt(a)) series evaluation.
 * Erlang A (patience given): each evaluation costs O(sqrt(a)), so gallop
 * from N = a and bisect: O(log sqrt(a)) evaluations, from a provable lower
 * bound (carried load a(1 - P(ab)) <= N).
 */

import { erlangBParts } from './erlang.js';
import { erlangAMetricsRaw } from './erlangA.js';
import { WfmInputError, requireNonNegative, requirePositive } from './errors.js';
import { type IntervalLoad, trafficErlangs } from './metrics.js';
import {
  type Evaluation,
  type Plan,
  type StaffingOptions,
  type StaffingResult,
  meets,
  missed,
  plan,
  scheduledWithShrinkage,
} from './staffingTargets.js';

export {
  scheduledWithShrinkage,
  type StaffingConstraint,
  type StaffingOptions,
  type StaffingResult,
  type StaffingTargets,
} from './staffingTargets.js';

const UNSTABLE: Evaluation = {
  serviceLevel: 0,
  asaSeconds: Number.POSITIVE_INFINITY,
  occupancy: 1,
  probabilityOfAbandonment: 0,
};

/** Erlang C walk: O(1) per agent added. */
function staffErlangC(p: Plan, traffic: number, aht: number): { agents: number; at: Evaluation; below: Evaluation } {
  let n = Math.floor(traffic) + 1;
  if (p.maxOccupancy !== undefined) {
    n = Math.max(n, Math.ceil(traffic / p.maxOccupancy));
    while (traffic / n > p.maxOccupancy) n++;
  }
  let parts = erlangBParts(n, traffic);
  let below = n - 1 > traffic ? evaluateC(n - 1, traffic, aht, p.threshold, erlangBParts(n - 1, traffic)) : UNSTABLE;
  const limit = n + 100 + 100 * Math.ceil(Math.sqrt(traffic) + 10);
  for (;;) {
    const at = evaluateC(n, traffic, aht, p.threshold, parts);
    if (meets(p, at)) return { agents: n, at, below };
    if (n > limit) throw new WfmInputError('targets', 'unreachable with any reasonable staff (check maxAsaSeconds)');
    below = at;
    const next = n + 1;
    const carried = traffic * parts.blocking;
    parts = { blocking: carried / (next + carried), notBlocked: next / (next + carried), logInverseBlocking: 0 };
    n = next;
  }
}

function evaluateC(
  n: number,
  a: number,
  aht: number,
  threshold: number,
  parts: { blocking: number; notBlocked: number },
): Evaluation {
  const surplus = n - a;
  const denominator = surplus + a * parts.blocking;
  const waiting = (n * parts.blocking) / denominator;
  const notWaiting = (surplus * parts.notBlocked) / denominator;
  return {
    serviceLevel: Math.min(1, notWaiting + waiting * -Math.expm1((-surplus * threshold) / aht)),
    asaSeconds: (waiting * aht) / surplus,
    occupancy: a / n,
    probabilityOfAbandonment: 0,
  };
}

function evaluateA(p: Plan, n: number, a: number, aht: number): Evaluation {
  const m = erlangAMetricsRaw(n, a, aht, p.patience as number, p.threshold);
  return {
    serviceLevel: p.excludeShortAbandons ? m.serviceLevelExcludingShortAbandons : m.serviceLevelOfOffered,
    asaSeconds: m.asaSeconds,
    occupancy: m.occupancy,
    probabilityOfAbandonment: m.probabilityOfAbandonment,
  };
}

/** Erlang A: gallop + bisection on a monotone feasibility test. */
/**
 * Safety margin of a previous answer, in units of sqrt(traffic): square-root
 * staffing says it changes slowly, so it predicts the next interval's answer
 * to within a few agents and the gallop below then needs only a few evaluations.
 */
export interface StaffingHint {
  safetyFactor: number;
}

function staffErlangA(
  p: Plan,
  traffic: number,
  aht: number,
  hint: StaffingHint | undefined,
): { agents: number; at: Evaluation; below: Evaluation } {
  // Carried load a(1 - P(ab)) <= N, and SL over offered <= 1 - P(ab): both give N >= a * (that share).
  let share = 0;
  if (p.maxAbandonment !== undefined) share = Math.max(share, 1 - p.maxAbandonment);
  if (p.slTarget !== undefined && !p.excludeShortAbandons) share = Math.max(share, p.slTarget);
  const lowerBound = Math.max(1, Math.floor(traffic * share));
  const cache = new Map<number, Evaluation>();
  const evaluate = (n: number): Evaluation => {
    let e = cache.get(n);
    if (!e) {
      e = evaluateA(p, n, traffic, aht);
      cache.set(n, e);
    }
    return e;
  };
  let lo = lowerBound - 1; // infeasible (or 0, treated as infeasible)
  let hi: number;
  const guess = hint ? Math.round(traffic + hint.safetyFactor * Math.sqrt(traffic)) : Math.floor(traffic) + 1;
  const start = Math.max(lowerBound, 1, guess);
  if (meets(p, evaluate(start))) {
    hi = start;
    for (let step = 1; hi - step > lo; step *= 2) {
      if (!meets(p, evaluate(hi - step))) {
        lo = hi - step;
        break;
      }
      hi -= step;
    }
  } else {
    lo = start;
    const limit = start + 100 + 100 * Math.ceil(Math.sqrt(traffic) + 10);
    for (let step = 1; ; step *= 2) {
      if (lo + step > limit) throw new WfmInputError('targets', 'unreachable with any reasonable staff');
      if (meets(p, evaluate(lo + step))) {
        hi = lo + step;
        break;
      }
      lo += step;
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (meets(p, evaluate(mid))) hi = mid;
    else lo = mid;
  }
  const below = hi - 1 >= 1 ? evaluate(hi - 1) : { ...UNSTABLE, probabilityOfAbandonment: 1 };
  return { agents: hi, at: evaluate(hi), below };
}

function staffTraffic(p: Plan, traffic: number, aht: number, hint?: StaffingHint): StaffingResult {
  if (traffic === 0) {
    return {
      trafficErlangs: 0,
      agents: 0,
      scheduledAgents: 0,
      binding: [],
      serviceLevel: 1,
      asaSeconds: 0,
      occupancy: 0,
      probabilityOfAbandonment: 0,
    };
  }
  const found = p.patience === undefined ? staffErlangC(p, traffic, aht) : staffErlangA(p, traffic, aht, hint);
  return {
    trafficErlangs: traffic,
    agents: found.agents,
    scheduledAgents: scheduledWithShrinkage(found.agents, p.shrinkage),
    binding: missed(p, found.below),
    ...found.at,
  };
}

/** Staff one interval. */
export function requiredAgents(load: IntervalLoad, options: StaffingOptions): StaffingResult {
  const traffic = trafficErlangs(load);
  return staffTraffic(plan(options), traffic, load.ahtSeconds);
}

export interface SeriesStaffing {
  agents: Int32Array;
  scheduledAgents: Int32Array;
}

/**
 * Staff a whole series (e.g. a year of 15-minute intervals) with one AHT and
 * interval length; validation is done once, the loop allocates only results.
 */
export function requiredAgentsSeries(
  callsOffered: ArrayLike<number>,
  intervalSeconds: number,
  ahtSeconds: number,
  options: StaffingOptions,
): SeriesStaffing {
  requirePositive('intervalSeconds', intervalSeconds);
  requirePositive('ahtSeconds', ahtSeconds);
  const p = plan(options);
  const agents = new Int32Array(callsOffered.length);
  const scheduledAgents = new Int32Array(callsOffered.length);
  let hint: StaffingHint | undefined;
  for (let i = 0; i < callsOffered.length; i++) {
    const calls = callsOffered[i] as number;
    requireNonNegative(`callsOffered[${i}]`, calls);
    const result = staffTraffic(p, (calls * ahtSeconds) / intervalSeconds, ahtSeconds, hint);
    if (result.trafficErlangs > 0) {
      hint = { safetyFactor: (result.agents - result.trafficErlangs) / Math.sqrt(result.trafficErlangs) };
    }
    agents[i] = result.agents;
    scheduledAgents[i] = result.scheduledAgents;
  }
  return { agents, scheduledAgents };
}
