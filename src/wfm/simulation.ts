/**
 * Discrete-event simulation of an inbound queue, interval by interval:
 * Poisson arrivals at a piecewise-constant rate, exponential or lognormal
 * handle times, exponential patience (abandonment), FIFO, and an agent count
 * per interval. It checks the analytic models and covers what they cannot
 * (lognormal handle times, agent counts changing mid-day).
 *
 * Speed: no per-call allocation. Busy agents are a binary heap of completion
 * times in a Float64Array; the queue is a ring buffer of arrival times and
 * patience deadlines. Abandonment needs no events: a FIFO caller whose
 * deadline passed is simply skipped when an agent reaches them, and counted
 * as abandoned at the deadline, which is exactly when they would have left.
 */

import { requireCount, requireNonNegative, requirePositive, WfmInputError } from './errors.js';
import { SeededRandom } from './random.js';

export type HandleTimeDistribution = { kind: 'exponential' } | { kind: 'lognormal'; coefficientOfVariation: number };

export interface SimulationInput {
  intervalSeconds: number;
  /** Expected arrivals per interval (Poisson). */
  callsPerInterval: ArrayLike<number>;
  /** Agents on the phones per interval (same length). */
  agentsPerInterval: ArrayLike<number>;
  ahtSeconds: number;
  handleTime?: HandleTimeDistribution;
  /** Mean exponential patience; omit for callers who never hang up. */
  patienceSeconds?: number;
  thresholdSeconds: number;
  seed: number;
}

/** Per-interval counts, by the interval in which the call arrived. */
export interface SimulationResult {
  offered: Float64Array;
  answered: Float64Array;
  answeredWithinThreshold: Float64Array;
  abandoned: Float64Array;
  abandonedWithinThreshold: Float64Array;
  /** Sum of waits of answered calls, seconds. */
  waitSecondsAnswered: Float64Array;
  totals: {
    offered: number;
    answered: number;
    answeredWithinThreshold: number;
    abandoned: number;
    abandonedWithinThreshold: number;
    waitSecondsAnswered: number;
  };
}

/** A handle-time generator with the given mean (lognormal: parameters chosen to match mean and CV). */
export function handleTimeSampler(
  distribution: HandleTimeDistribution,
  ahtSeconds: number,
  rng: SeededRandom,
): () => number {
  if (distribution.kind === 'exponential') return () => -ahtSeconds * Math.log(rng.uniform());
  const cv = requirePositive('handleTime.coefficientOfVariation', distribution.coefficientOfVariation);
  const logSd = Math.sqrt(Math.log1p(cv * cv));
  const logMean = Math.log(ahtSeconds) - (logSd * logSd) / 2;
  return () => Math.exp(logMean + logSd * rng.normal());
}

/** Validate an input (throws WfmInputError naming the field); returns the checked scalars. */
export function validateSimulationInput(input: SimulationInput): {
  intervalSeconds: number;
  aht: number;
  threshold: number;
  patience: number;
  intervals: number;
  maxAgents: number;
} {
  const intervalSeconds = requirePositive('intervalSeconds', input.intervalSeconds);
  const aht = requirePositive('ahtSeconds', input.ahtSeconds);
  const threshold = requireNonNegative('thresholdSeconds', input.thresholdSeconds);
  const patience =
    input.patienceSeconds === undefined
      ? Number.POSITIVE_INFINITY
      : requirePositive('patienceSeconds', input.patienceSeconds);
  const intervals = input.callsPerInterval.length;
  if (input.agentsPerInterval.length !== intervals) {
    throw new WfmInputError('agentsPerInterval', `must have one entry per interval (${intervals})`);
  }
  let maxAgents = 0;
  for (let i = 0; i < intervals; i++) {
    requireNonNegative(`callsPerInterval[${i}]`, input.callsPerInterval[i] as number);
    maxAgents = Math.max(maxAgents, requireCount(`agentsPerInterval[${i}]`, input.agentsPerInterval[i] as number));
  }
  if (input.handleTime?.kind === 'lognormal') {
    requirePositive('handleTime.coefficientOfVariation', input.handleTime.coefficientOfVariation);
  }
  return { intervalSeconds, aht, threshold, patience, intervals, maxAgents };
}

export function simulate(input: SimulationInput): SimulationResult {
  const { intervalSeconds, aht, threshold, patience, intervals, maxAgents } = validateSimulationInput(input);
  const distribution = input.handleTime ?? { kind: 'exponential' };
  const rng = new SeededRandom(input.seed);
  const drawHandle = handleTimeSampler(distribution, aht, rng);

  const offered = new Float64Array(intervals);
  const answered = new Float64Array(intervals);
  const answeredWithin = new Float64Array(intervals);
  const abandoned = new Float64Array(intervals);
  const abandonedWithin = new Float64Array(intervals);
  const waitAnswered = new Float64Array(intervals);

  // Busy agents: min-heap of completion times.
  const heap = new Float64Array(Math.max(1, maxAgents));
  let busy = 0;
  // Waiting callers: ring buffer (capacity is a power of two so wrap is a mask).
  let capacity = 1024;
  let queueArrival = new Float64Array(capacity);
  let queueDeadline = new Float64Array(capacity);
  let head = 0;
  let queued = 0;

  const horizon = intervals * intervalSeconds;
  let interval = 0;
  let agents = intervals > 0 ? (input.agentsPerInterval[0] as number) : 0;
  let nextBoundary = intervalSeconds;
  let rate = intervals > 0 ? (input.callsPerInterval[0] as number) / intervalSeconds : 0;
  let nextArrival = rate > 0 ? rng.exponential(1 / rate) : Number.POSITIVE_INFINITY;
  let now = 0;

  const pushBusy = (time: number): void => {
    let i = busy++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as number;
      if (p <= time) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = time;
  };
  const popBusy = (): void => {
    const last = heap[--busy] as number;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= busy) break;
      const right = child + 1;
      if (right < busy && (heap[right] as number) < (heap[child] as number)) child = right;
      if ((heap[child] as number) >= last) break;
      heap[i] = heap[child] as number;
      i = child;
    }
    heap[i] = last;
  };
  /** Hand waiting callers to free agents at time `now`. */
  const serveQueue = (): void => {
    while (queued > 0 && busy < agents) {
      const arrival = queueArrival[head] as number;
      const deadline = queueDeadline[head] as number;
      head = (head + 1) & (capacity - 1);
      queued--;
      const k = Math.min(intervals - 1, Math.floor(arrival / intervalSeconds));
      if (deadline < now) {
        abandoned[k] = (abandoned[k] as number) + 1;
        if (deadline - arrival <= threshold) abandonedWithin[k] = (abandonedWithin[k] as number) + 1;
        continue;
      }
      const wait = now - arrival;
      answered[k] = (answered[k] as number) + 1;
      waitAnswered[k] = (waitAnswered[k] as number) + wait;
      if (wait <= threshold) answeredWithin[k] = (answeredWithin[k] as number) + 1;
      pushBusy(now + drawHandle());
    }
  };

  for (;;) {
    const nextCompletion = busy > 0 ? (heap[0] as number) : Number.POSITIVE_INFINITY;
    if (
      nextArrival === Number.POSITIVE_INFINITY &&
      nextCompletion === Number.POSITIVE_INFINITY &&
      nextBoundary === Number.POSITIVE_INFINITY
    ) {
      break; // drained
    }
    if (nextArrival <= nextCompletion && nextArrival <= nextBoundary) {
      now = nextArrival;
      offered[interval] = (offered[interval] as number) + 1;
      if (busy < agents && queued === 0) {
        answered[interval] = (answered[interval] as number) + 1;
        answeredWithin[interval] = (answeredWithin[interval] as number) + 1;
        pushBusy(now + drawHandle());
      } else {
        if (queued === capacity) {
          // Rare growth (sustained overload): unroll the ring into arrays twice the size.
          const arrivals = new Float64Array(capacity * 2);
          const deadlines = new Float64Array(capacity * 2);
          for (let i = 0; i < queued; i++) {
            arrivals[i] = queueArrival[(head + i) & (capacity - 1)] as number;
            deadlines[i] = queueDeadline[(head + i) & (capacity - 1)] as number;
          }
          queueArrival = arrivals;
          queueDeadline = deadlines;
          head = 0;
          capacity *= 2;
        }
        const tail = (head + queued) & (capacity - 1);
        queueArrival[tail] = now;
        queueDeadline[tail] = now + rng.exponential(patience);
        queued++;
      }
      nextArrival = now + rng.exponential(1 / rate);
    } else if (nextCompletion <= nextBoundary) {
      now = nextCompletion;
      popBusy();
      serveQueue();
    } else if (nextBoundary <= horizon) {
      // Interval change: new arrival rate (memoryless, so the pending draw is simply redone) and staffing.
      now = nextBoundary;
      interval++;
      if (interval >= intervals) {
        // Past the horizon: no more arrivals; the last staffing drains the queue.
        nextBoundary = Number.POSITIVE_INFINITY;
        nextArrival = Number.POSITIVE_INFINITY;
        if (agents === 0) break;
        continue;
      }
      nextBoundary = (interval + 1) * intervalSeconds;
      agents = input.agentsPerInterval[interval] as number;
      rate = (input.callsPerInterval[interval] as number) / intervalSeconds;
      nextArrival = rate > 0 ? now + rng.exponential(1 / rate) : Number.POSITIVE_INFINITY;
      serveQueue();
    } else {
      break; // nothing left to happen
    }
  }
  // Callers still queued with nobody to serve them: they abandon at their deadline.
  for (let i = 0; i < queued; i++) {
    const arrival = queueArrival[(head + i) & (capacity - 1)] as number;
    const deadline = queueDeadline[(head + i) & (capacity - 1)] as number;
    if (!Number.isFinite(deadline)) continue;
    const k = Math.min(intervals - 1, Math.floor(arrival / intervalSeconds));
    abandoned[k] = (abandoned[k] as number) + 1;
    if (deadline - arrival <= threshold) abandonedWithin[k] = (abandonedWithin[k] as number) + 1;
  }
  const sum = (values: Float64Array): number => values.reduce((a, b) => a + b, 0);
  return {
    offered,
    answered,
    answeredWithinThreshold: answeredWithin,
    abandoned,
    abandonedWithinThreshold: abandonedWithin,
    waitSecondsAnswered: waitAnswered,
    totals: {
      offered: sum(offered),
      answered: sum(answered),
      answeredWithinThreshold: sum(answeredWithin),
      abandoned: sum(abandoned),
      abandonedWithinThreshold: sum(abandonedWithin),
      waitSecondsAnswered: sum(waitAnswered),
    },
  };
}
