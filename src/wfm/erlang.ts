/**
 * Erlang B and Erlang C, exact to double precision at any size.
 *
 * Textbook formulas (a^N / N! over a sum of a^k / k!) overflow past ~170 agents
 * and the usual inverse recursion is O(N). We instead sum, relative to the
 * "all N busy" state, the series
 *
 *   1/B(N, a) = sum_{j=0..N} N! / ((N-j)! a^j) = 1 + S,   t_j = t_{j-1} (N-j+1)/a
 *
 * whose terms are all positive (no cancellation). Around the staffing region
 * (N ~ a + beta sqrt(a)) the terms rise for N-a steps and then decay like a
 * Gaussian of width sqrt(a), so the loop stops after O(|N-a| + sqrt(a)) steps
 * with a rigorous geometric tail bound: ~4,000 multiply-adds at 100,000 Erlangs.
 * Terms are rescaled when they grow huge, so the result underflows gracefully
 * to 0 instead of becoming NaN. Keeping S separately also gives 1-B = S/(1+S)
 * without the cancellation of computing 1 - B.
 */

import { requireCount, requireNonNegative } from './errors.js';

/** ln(1e280): the rescaling step used to keep partial sums finite. */
const LN_RESCALE = 280 * Math.LN10;
const RESCALE = 1e-280;
/** Relative truncation error allowed on a positive series (well below double rounding). */
const TAIL_TOLERANCE = 1e-17;

export interface ErlangBParts {
  /** Blocking probability B(N, a). */
  blocking: number;
  /** 1 - B(N, a), computed without cancellation. */
  notBlocked: number;
  /** ln(1/B): finite even when B itself underflows to 0. */
  logInverseBlocking: number;
}

/** Erlang B with its complement and logarithm; inputs are assumed validated. */
export function erlangBParts(servers: number, trafficErlangs: number): ErlangBParts {
  if (servers === 0) return { blocking: 1, notBlocked: 0, logInverseBlocking: 0 };
  if (trafficErlangs === 0) {
    return { blocking: 0, notBlocked: 1, logInverseBlocking: Number.MAX_VALUE };
  }
  const a = trafficErlangs;
  // Ratios (N-j)/a above 1e20 could overflow between two rescalings: use the exact
  // form 1/B = (N!/a^N) * sum_{k<=N} a^k/k! in logs instead (only for absurdly small traffic).
  if (servers / a > 1e20) return tinyTrafficParts(servers, a);
  let term = 1;
  let sum = 0; // S scaled by exp(-logScale)
  let logScale = 0;
  const inverseTraffic = 1 / a; // multiply, not divide, in the hot loop
  for (let j = 0; j < servers; j++) {
    term *= (servers - j) * inverseTraffic;
    sum += term;
    if (term > 1e280) {
      term *= RESCALE;
      sum *= RESCALE;
      logScale += LN_RESCALE;
      continue;
    }
    // With next = (N-j-1)/a < 1, later ratios are smaller still, so the rest is
    // below term * next / (1 - next); stop once that is negligible (division-free form).
    const nextNumerator = servers - j - 1;
    if (nextNumerator < a && term * nextNumerator < TAIL_TOLERANCE * (a - nextNumerator) * sum) break;
  }
  if (logScale === 0) {
    return { blocking: 1 / (1 + sum), notBlocked: sum / (1 + sum), logInverseBlocking: Math.log1p(sum) };
  }
  const one = Math.exp(-logScale); // the leading "1" of the series at the current scale
  return {
    blocking: one / (sum + one),
    notBlocked: sum / (sum + one),
    logInverseBlocking: logScale + Math.log(sum + one),
  };
}

function tinyTrafficParts(servers: number, a: number): ErlangBParts {
  let logFactorial = 0;
  for (let k = 2; k <= servers; k++) logFactorial += Math.log(k);
  let series = 1;
  let term = 1;
  for (let k = 1; k <= servers && term > 1e-17 * series; k++) {
    term *= a / k;
    series += term;
  }
  const logInverseBlocking = logFactorial - servers * Math.log(a) + Math.log(series);
  const blocking = Math.exp(-logInverseBlocking); // < 1e-20 here, so 1 - B is exact enough
  return { blocking, notBlocked: 1 - blocking, logInverseBlocking };
}

/** Erlang B: probability that a call is blocked with `servers` lines and `trafficErlangs` offered. */
export function erlangB(servers: number, trafficErlangs: number): number {
  requireCount('servers', servers);
  requireNonNegative('trafficErlangs', trafficErlangs);
  return erlangBParts(servers, trafficErlangs).blocking;
}

/**
 * Erlang C from the Erlang B parts: C = N B / ((N - a) + a B).
 * Both denominator terms are positive when N > a, so there is no cancellation.
 */
export function erlangCFromParts(servers: number, trafficErlangs: number, parts: ErlangBParts): number {
  if (servers <= trafficErlangs) return 1;
  return (servers * parts.blocking) / (servers - trafficErlangs + trafficErlangs * parts.blocking);
}

/** Erlang C: probability that a call has to wait (1 when agents <= traffic: unstable queue). */
export function erlangC(agents: number, trafficErlangs: number): number {
  requireCount('agents', agents);
  requireNonNegative('trafficErlangs', trafficErlangs);
  return erlangCFromParts(agents, trafficErlangs, erlangBParts(agents, trafficErlangs));
}

/**
 * Probability of waiting at most `thresholdSeconds` (over all offered calls), for Erlang C.
 * Written as (1 - C) + C (1 - e^{-x}) so both parts are positive: 1 - C e^{-x}
 * would lose every digit when C is close to 1 and x is small.
 */
export function erlangCServiceLevelFromParts(
  agents: number,
  trafficErlangs: number,
  ahtSeconds: number,
  thresholdSeconds: number,
  parts: ErlangBParts,
): number {
  if (agents <= trafficErlangs) return 0;
  const surplus = agents - trafficErlangs;
  const denominator = surplus + trafficErlangs * parts.blocking;
  const notWaiting = (surplus * parts.notBlocked) / denominator;
  const waiting = (agents * parts.blocking) / denominator;
  // Two correctly rounded parts can sum to 1 + 1ulp; keep it a probability.
  return Math.min(1, notWaiting + waiting * -Math.expm1((-surplus * thresholdSeconds) / ahtSeconds));
}
