/**
 * Erlang A (M/M/N+M): Poisson arrivals, exponential handling, N agents and
 * exponentially distributed patience. Callers who wait longer than their
 * patience abandon.
 *
 * Method (all sums are of positive terms, so nothing cancels):
 * - States 0..N carry weights a^k/k!; relative to state N their total is
 *   1/B(N, a), taken from the stable Erlang B series.
 * - Queue states N+j carry r_j = prod_{i=1..j} y/(x+i) with x = N*patience/AHT
 *   and y = a*patience/AHT (arrival rate over abandonment rate).
 * - A caller who finds j waiting is answered after V_j = sum_{i=0..j} Exp((x+i)/patience).
 *   That is the (j+1)-th order statistic of x+j exponential lifetimes, so
 *   P(V_j > t) = P(NegBin(x, p) <= j) with p = 1 - e^{-t/patience}, and
 *   P(answered by t | j) = x/(x+j+1) P(NegBin(x+1, p) > j). Swapping the
 *   order of summation turns both into one pass over the queue-length
 *   distribution: sum_i g_i * (tail or prefix sums of r).
 * Cost is O(number of queue states that matter) ~ O(sqrt(N)) near the
 * staffing region. Weights are rescaled as they grow so nothing overflows.
 */

import { erlangBParts } from './erlang.js';
import { WfmInputError } from './errors.js';

const LN_RESCALE = 280 * Math.LN10;
const RESCALE = 1e-280;
const TAIL_TOLERANCE = 1e-18;
/** Beyond this many queue states the model is too overloaded to sum; see throw below. */
const MAX_QUEUE_STATES = 4_000_000;

export interface ErlangAMetrics {
  /** P(an arriving call finds all agents busy). */
  probabilityOfWaiting: number;
  /** P(an arriving call abandons before being answered). */
  probabilityOfAbandonment: number;
  /** P(answered at all) = 1 - probabilityOfAbandonment, computed directly. */
  probabilityAnswered: number;
  /** Answered within the threshold / offered calls ("SL over offered"). */
  serviceLevelOfOffered: number;
  /**
   * Answered within the threshold / (offered - abandoned within the threshold).
   * Short abandons (people who hung up before the threshold) are excluded.
   */
  serviceLevelExcludingShortAbandons: number;
  /** Fraction of offered calls that abandon within the threshold (absolute accuracy ~1e-15). */
  probabilityAbandonWithinThreshold: number;
  /** Mean wait of answered calls (answered immediately count as 0). */
  asaSeconds: number;
  /** Mean time in queue over all offered calls, abandons included (= P(ab) * patience, Little's law). */
  meanWaitAllCallsSeconds: number;
  /** Busy agents / agents: carried traffic excludes abandoned calls. */
  occupancy: number;
}

/**
 * Heavy overload with very long patience settles millions deep in the model
 * queue: Erlang A is the wrong tool there (no real caller waits that long), so
 * say so instead of exhausting memory.
 */
function tooManyStates(): WfmInputError {
  return new WfmInputError(
    'patienceSeconds',
    'too long for this overload: the model queue would exceed 4 million callers; add agents or shorten patience',
  );
}

let ratesBuffer = new Float64Array(1024);
/** reciprocals[i] = 1/(i+1): the negative-binomial recursions divide by i+1 at every step. */
let reciprocals = new Float64Array(0);
let servedBuffer = new Float64Array(1024);

function ensureReciprocals(size: number): void {
  if (reciprocals.length >= size) return;
  const table = new Float64Array(Math.max(size, 2 * reciprocals.length, 1024));
  for (let i = 0; i < table.length; i++) table[i] = 1 / (i + 1);
  reciprocals = table;
}

function ensureCapacity(size: number): void {
  if (ratesBuffer.length >= size) return;
  let length = ratesBuffer.length;
  while (length < size) length *= 2;
  const rates = new Float64Array(length);
  const served = new Float64Array(length);
  rates.set(ratesBuffer);
  served.set(servedBuffer);
  ratesBuffer = rates;
  servedBuffer = served;
}

/**
 * Erlang A metrics. Inputs are assumed validated (see metrics.ts for the
 * validated per-interval API): agents integer >= 0, traffic >= 0, durations > 0.
 */
export function erlangAMetricsRaw(
  agents: number,
  trafficErlangs: number,
  ahtSeconds: number,
  patienceSeconds: number,
  thresholdSeconds: number,
): ErlangAMetrics {
  if (trafficErlangs === 0) {
    return {
      probabilityOfWaiting: 0,
      probabilityOfAbandonment: 0,
      probabilityAnswered: 1,
      serviceLevelOfOffered: 1,
      serviceLevelExcludingShortAbandons: 1,
      probabilityAbandonWithinThreshold: 0,
      asaSeconds: 0,
      meanWaitAllCallsSeconds: 0,
      occupancy: 0,
    };
  }
  const x = (agents * patienceSeconds) / ahtSeconds;
  const y = (trafficErlangs * patienceSeconds) / ahtSeconds;

  // Pass 1: queue-state weights r_j, with the sums that need no threshold.
  let r = 1;
  let sumR = 0; // sum_{j>=0} r_j
  let sumAbandon = 0; // sum r_j (j+1)/(x+j+1): P(abandon | j waiting ahead)
  let sumServedWait = 0; // sum r_j x/(x+j+1) * H_j, H_j = sum_{i=1..j+1} 1/(x+i)
  let harmonic = 0;
  let logScaleR = 0;
  let states = 0;
  // Weights stored before the last rescale are 1e280 too large (1e560+ for older ones, i.e. negligible).
  let currentEpochStart = 0;
  let previousEpochStart = 0;
  if (y - x > MAX_QUEUE_STATES) throw tooManyStates();
  // Local aliases: module-level `let` bindings cost a hole check per access in hot loops.
  let rates = ratesBuffer;
  let servedWeights = servedBuffer;
  for (let j = 0; ; j++) {
    if (j >= MAX_QUEUE_STATES) throw tooManyStates();
    if (j >= rates.length) {
      ensureCapacity(j + 1);
      rates = ratesBuffer;
      servedWeights = servedBuffer;
    }
    const inverse = 1 / (x + j + 1); // the one division per state
    const served = r * x * inverse;
    harmonic += inverse;
    rates[j] = r;
    servedWeights[j] = served;
    sumR += r;
    sumAbandon += r * (j + 1) * inverse;
    sumServedWait += served * harmonic;
    states = j + 1;
    r *= y * inverse;
    if (r > 1e280) {
      r *= RESCALE;
      sumR *= RESCALE;
      sumAbandon *= RESCALE;
      sumServedWait *= RESCALE;
      // Stored weights are brought to the final scale in one pass after the loop.
      previousEpochStart = currentEpochStart;
      currentEpochStart = j + 1;
      logScaleR += LN_RESCALE;
    }
    // Once y/(x+j+2) < 1 the remaining weights are below a geometric series with that ratio.
    const nextDenominator = x + j + 2;
    if (r === 0 || (y < nextDenominator && r * nextDenominator < TAIL_TOLERANCE * (nextDenominator - y) * sumR)) break;
  }

  for (let k = 0; k < currentEpochStart; k++) {
    const factor = k >= previousEpochStart ? RESCALE : 0;
    rates[k] = (rates[k] as number) * factor;
    servedWeights[k] = (servedWeights[k] as number) * factor;
  }

  // Normalise: total weight Z = 1/B (states 0..N) + sum_{j>=1} r_j, in a common log scale.
  const b = erlangBParts(agents, trafficErlangs);
  const logBelow = b.logInverseBlocking;
  const logAbove = logScaleR + Math.log(sumR);
  const logMax = Math.max(logBelow, logAbove);
  const belowScaled = Math.exp(logBelow - logMax);
  const rToScaled = Math.exp(logScaleR - logMax);
  // 1/B counts state N once; r_0 also is state N, so drop r_0 (=exp(-logScaleR) in r units).
  const zScaled = belowScaled + (sumR - Math.exp(-logScaleR)) * rToScaled;
  const toProbability = rToScaled / zScaled; // r units -> probability
  const probabilityNoWait = (belowScaled * b.notBlocked) / zScaled;
  const probabilityOfWaiting = Math.min(1, sumR * toProbability);
  const probabilityOfAbandonment = Math.min(1, sumAbandon * toProbability);

  // served waiting calls in r units = sum of servedWeights; prefix sums are needed below anyway.
  for (let j = 1; j < states; j++) {
    servedWeights[j] = (servedWeights[j] as number) + (servedWeights[j - 1] as number);
  }
  const servedAfterWaiting = servedWeights[states - 1] as number; // s_infinity
  const probabilityAnswered = Math.min(1, probabilityNoWait + servedAfterWaiting * toProbability);
  // Tails R_i = sum_{j>=i} r_j, in place; then both R and s are normalised to [0, 1]
  // (dividing by R_0 = sumR and s_infinity) so products with NegBin weights cannot overflow.
  for (let j = states - 2; j >= 0; j--) {
    rates[j] = (rates[j] as number) + (rates[j + 1] as number);
  }
  const tailNorm = rates[0] as number;
  const servedNorm = servedAfterWaiting > 0 ? servedAfterWaiting : 1;
  for (let j = 0; j < states; j++) {
    rates[j] = (rates[j] as number) / tailNorm;
    servedWeights[j] = (servedWeights[j] as number) / servedNorm;
  }

  const theta = 1 / patienceSeconds;
  const p = -Math.expm1(-thresholdSeconds * theta);
  const q = Math.exp(-thresholdSeconds * theta);
  const logQPowX = (-agents * thresholdSeconds) / ahtSeconds; // ln(q^x), exact form

  // Pass 2a: still waiting, not abandoned, at the threshold = q * sum_i g_i R_i, g = NegBin(x, p).
  ensureReciprocals(states);
  const inverseIndex = reciprocals;
  let g = 1;
  let logScaleG = logQPowX;
  let neitherSum = 0;
  for (let i = 0; i < states && g !== 0; i++) {
    neitherSum += g * (rates[i] as number);
    g *= p * (x + i) * (inverseIndex[i] as number);
    if (g > 1e280) {
      g *= RESCALE;
      neitherSum *= RESCALE;
      logScaleG += LN_RESCALE;
    }
  }
  const neither =
    neitherSum > 0 ? q * Math.exp(logScaleG + Math.log(neitherSum) + Math.log(tailNorm * toProbability)) : 0;

  // Pass 2b: answered by the threshold after waiting = sum_{i>=1} g'_i s_i, g' = NegBin(x+1, p),
  // s_i = prefix sum of served weights below i; s_i = s_infinity once i >= states.
  let h = 1;
  let logScaleH = logQPowX - thresholdSeconds * theta; // ln q^(x+1)
  let answeredSum = 0;
  let massBelow = 0; // sum_{i<states} g'_i, same scale
  for (let i = 0; i < states; i++) {
    massBelow += h;
    if (i >= 1) answeredSum += h * (servedWeights[i - 1] as number);
    h *= p * (x + 1 + i) * (inverseIndex[i] as number);
    if (h > 1e280) {
      h *= RESCALE;
      answeredSum *= RESCALE;
      massBelow *= RESCALE;
      logScaleH += LN_RESCALE;
    }
  }
  const answeredWaitingPart =
    answeredSum > 0 ? Math.exp(logScaleH + Math.log(answeredSum) + Math.log(servedNorm * toProbability)) : 0;
  const massBelowTrue = massBelow > 0 ? Math.exp(logScaleH + Math.log(massBelow)) : 0;
  let massAbove: number;
  if (massBelowTrue <= 0.5) {
    massAbove = 1 - massBelowTrue;
  } else {
    // Most of the NegBin mass is already summed: add the tail explicitly (no 1 - x cancellation).
    let tail = 0;
    for (let i = states; h !== 0 && i < states + MAX_QUEUE_STATES; i++) {
      tail += h;
      const ratio = (p * (x + 1 + i)) / (i + 1);
      h *= ratio;
      if (ratio < 1 && h < TAIL_TOLERANCE * (1 - ratio) * tail) break;
    }
    massAbove = tail > 0 ? Math.exp(logScaleH + Math.log(tail)) : 0;
  }
  const answeredLate = servedAfterWaiting * massAbove * toProbability;
  const answeredWithin = Math.min(1, probabilityNoWait + answeredWaitingPart + answeredLate);

  const asaSeconds =
    probabilityAnswered > 0 ? (patienceSeconds * sumServedWait * toProbability) / probabilityAnswered : 0;
  return {
    probabilityOfWaiting,
    probabilityOfAbandonment,
    probabilityAnswered,
    serviceLevelOfOffered: answeredWithin,
    // When every caller hangs up before the threshold (no agent, tiny patience) nobody is left to
    // count: the ratio's limit is 0 (answeredWithin vanishes faster), not 0/0. Excluding short
    // abandons only shrinks the denominator, so the ratio is never below answeredWithin: say so
    // exactly rather than let rounding put it a few units below.
    serviceLevelExcludingShortAbandons:
      answeredWithin + neither > 0
        ? Math.min(1, Math.max(answeredWithin, answeredWithin / (answeredWithin + neither)))
        : 0,
    probabilityAbandonWithinThreshold: Math.max(0, 1 - answeredWithin - neither),
    asaSeconds,
    meanWaitAllCallsSeconds: probabilityOfAbandonment * patienceSeconds,
    occupancy: agents > 0 ? Math.min(1, (trafficErlangs * probabilityAnswered) / agents) : 0,
  };
}
