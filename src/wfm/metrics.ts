/**
 * Validated per-interval queue metrics: the API planners call.
 *
 * Traffic (Erlangs) = calls offered in the interval * AHT / interval length.
 * Service level is always "fraction of offered calls with wait <= threshold";
 * with abandonment there is a second common definition, see ErlangAMetrics.
 */

import { erlangBParts, erlangCFromParts, erlangCServiceLevelFromParts } from './erlang.js';
import { type ErlangAMetrics, erlangAMetricsRaw } from './erlangA.js';
import { requireCount, requireNonNegative, requirePositive } from './errors.js';

export interface IntervalLoad {
  /** Calls arriving during the interval. */
  callsOffered: number;
  /** Interval length, e.g. 900 for 15 minutes. */
  intervalSeconds: number;
  /** Average handle time (talk + hold + wrap-up). */
  ahtSeconds: number;
}

export interface ErlangCInput extends IntervalLoad {
  agents: number;
  /** Service-level threshold, e.g. 20 for "80% in 20 seconds". */
  thresholdSeconds: number;
}

export interface ErlangAInput extends ErlangCInput {
  /** Mean patience of callers (exponential), e.g. 120. */
  patienceSeconds: number;
}

export interface ErlangCMetrics {
  trafficErlangs: number;
  /** False when agents <= traffic: the queue grows without bound. */
  stable: boolean;
  probabilityOfWaiting: number;
  /** P(wait <= threshold) over all offered calls. */
  serviceLevel: number;
  /** Mean wait over all calls; Infinity when the queue is unstable. */
  asaSeconds: number;
  /** Traffic / agents, capped at 1. */
  occupancy: number;
}

/** Traffic intensity in Erlangs: the average number of agents the calls keep busy. */
export function trafficErlangs(load: IntervalLoad): number {
  requireNonNegative('callsOffered', load.callsOffered);
  requirePositive('intervalSeconds', load.intervalSeconds);
  requirePositive('ahtSeconds', load.ahtSeconds);
  return (load.callsOffered * load.ahtSeconds) / load.intervalSeconds;
}

export function erlangCMetrics(input: ErlangCInput): ErlangCMetrics {
  const traffic = trafficErlangs(input);
  requireCount('agents', input.agents);
  requireNonNegative('thresholdSeconds', input.thresholdSeconds);
  return erlangCMetricsRaw(input.agents, traffic, input.ahtSeconds, input.thresholdSeconds);
}

/** Same as erlangCMetrics on already-validated numbers (used in hot loops). */
export function erlangCMetricsRaw(
  agents: number,
  traffic: number,
  ahtSeconds: number,
  thresholdSeconds: number,
): ErlangCMetrics {
  if (agents <= traffic) {
    const idle = traffic === 0;
    return {
      trafficErlangs: traffic,
      stable: idle,
      probabilityOfWaiting: idle ? 0 : 1,
      serviceLevel: idle ? 1 : 0,
      asaSeconds: idle ? 0 : Number.POSITIVE_INFINITY,
      occupancy: idle ? 0 : 1,
    };
  }
  const parts = erlangBParts(agents, traffic);
  const waiting = erlangCFromParts(agents, traffic, parts);
  return {
    trafficErlangs: traffic,
    stable: true,
    probabilityOfWaiting: waiting,
    serviceLevel: erlangCServiceLevelFromParts(agents, traffic, ahtSeconds, thresholdSeconds, parts),
    asaSeconds: (waiting * ahtSeconds) / (agents - traffic),
    occupancy: traffic / agents,
  };
}

export interface ErlangAIntervalMetrics extends ErlangAMetrics {
  trafficErlangs: number;
}

export function erlangAMetrics(input: ErlangAInput): ErlangAIntervalMetrics {
  const traffic = trafficErlangs(input);
  requireCount('agents', input.agents);
  requireNonNegative('thresholdSeconds', input.thresholdSeconds);
  requirePositive('patienceSeconds', input.patienceSeconds);
  const metrics = erlangAMetricsRaw(
    input.agents,
    traffic,
    input.ahtSeconds,
    input.patienceSeconds,
    input.thresholdSeconds,
  );
  return { trafficErlangs: traffic, ...metrics };
}
