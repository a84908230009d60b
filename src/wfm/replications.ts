/**
 * Independent replications of the simulator in worker threads (piscina).
 *
 * Replication r uses seed replicationSeed(input.seed, r), so its totals are
 * the same whichever thread runs it: results are reproducible and do not
 * depend on `threads`. The summary is the mean across replications of each
 * replication's ratio, with a Student-t 95 % confidence interval (the
 * standard independent-replications estimator).
 *
 * Workers run the TypeScript source. Under tsx the loader is already in
 * process.execArgv; elsewhere (vitest, plain node) `--import <tsx loader>` is
 * added so the worker can load `simulation-worker.ts`.
 */

import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { type MeanWithInterval, meanWithInterval } from './confidence.js';
import { requireCount, requireFinite, WfmInputError } from './errors.js';
import {
  type ReplicationBatch,
  type ReplicationTotals,
  replicationSeed,
  runReplicationBatch,
} from './simulation-worker.js';
import { type SimulationInput, validateSimulationInput } from './simulation.js';

export interface ReplicationOptions {
  /** Number of independent replications (>= 2, for a confidence interval). */
  replications: number;
  /**
   * Worker threads. Default: min(available cores, replications). 0 runs every
   * replication in the calling thread (same results, no worker start-up).
   */
  threads?: number;
  /** Called as batches of replications finish (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
}

export interface ReplicationMetrics {
  /** Answered within the threshold / offered. */
  serviceLevel: number;
  /** Answered within the threshold / (offered - abandoned within the threshold). */
  serviceLevelExcludingShortAbandons: number;
  /** Abandoned / offered. */
  abandonment: number;
  /** Mean wait of answered calls, seconds. */
  asaSeconds: number;
}

export interface ReplicationsResult {
  /** Totals and ratios of each replication, in replication order. */
  replications: Array<{ seed: number; totals: ReplicationTotals; metrics: ReplicationMetrics }>;
  /**
   * Mean and 95 % CI of each ratio across replications. NaN only when the ratio
   * is undefined in all but one replication (e.g. no calls offered at all).
   */
  summary: Record<keyof ReplicationMetrics, MeanWithInterval>;
  threads: number;
}

function metricsOf(t: ReplicationTotals): ReplicationMetrics {
  const ratio = (top: number, bottom: number) => (bottom > 0 ? top / bottom : Number.NaN);
  return {
    serviceLevel: ratio(t.answeredWithinThreshold, t.offered),
    serviceLevelExcludingShortAbandons: ratio(t.answeredWithinThreshold, t.offered - t.abandonedWithinThreshold),
    abandonment: ratio(t.abandoned, t.offered),
    asaSeconds: ratio(t.waitSecondsAnswered, t.answered),
  };
}

/** How to start a worker that can load this module's TypeScript sibling. */
function workerSetup(): { filename: string; execArgv: string[] } {
  const here = import.meta.url;
  const typescript = here.endsWith('.ts');
  const filename = new URL(typescript ? './simulation-worker.ts' : './simulation-worker.js', here).href;
  const execArgv = [...process.execArgv];
  const hasTsx = execArgv.some((arg) => arg.includes('tsx'));
  if (typescript && !hasTsx) {
    const loader = createRequire(here).resolve('tsx');
    execArgv.push('--import', pathToFileURL(loader).href);
  }
  return { filename, execArgv };
}

/** Contiguous batches, several per thread so a slow batch does not idle the others. */
function batches(input: SimulationInput, replications: number, threads: number): ReplicationBatch[] {
  const size = Math.max(1, Math.ceil(replications / Math.max(1, threads * 4)));
  const out: ReplicationBatch[] = [];
  for (let first = 0; first < replications; first += size) {
    out.push({ input, first, count: Math.min(size, replications - first) });
  }
  return out;
}

/** Plain copy of the input: typed arrays and numbers only, cheap to post to a worker. */
function portable(input: SimulationInput): SimulationInput {
  return {
    ...input,
    callsPerInterval: Float64Array.from(input.callsPerInterval as ArrayLike<number>),
    agentsPerInterval: Float64Array.from(input.agentsPerInterval as ArrayLike<number>),
  };
}

export async function simulateReplications(
  input: SimulationInput,
  options: ReplicationOptions,
): Promise<ReplicationsResult> {
  validateSimulationInput(input);
  requireFinite('seed', input.seed);
  const replications = requireCount('replications', options.replications);
  if (replications < 2) throw new WfmInputError('replications', 'needs at least 2 for a confidence interval');
  const threads =
    options.threads === undefined
      ? Math.min(availableParallelism(), replications)
      : Math.min(requireCount('threads', options.threads), replications);
  const plain = portable(input);
  let totals: ReplicationTotals[];
  if (threads === 0) {
    totals = runReplicationBatch({ input: plain, first: 0, count: replications });
    options.onProgress?.(replications, replications);
  } else {
    const pool = new Piscina<ReplicationBatch, ReplicationTotals[]>({
      ...workerSetup(),
      minThreads: threads,
      maxThreads: threads,
    });
    try {
      let done = 0;
      const parts = await Promise.all(
        batches(plain, replications, threads).map(async (batch) => {
          const part = await pool.run(batch);
          done += batch.count;
          options.onProgress?.(done, replications);
          return part;
        }),
      );
      totals = parts.flat();
    } finally {
      await pool.destroy();
    }
  }
  const rows = totals.map((t, r) => ({ seed: replicationSeed(input.seed, r), totals: t, metrics: metricsOf(t) }));
  const column = (key: keyof ReplicationMetrics) => meanWithInterval(rows.map((row) => row.metrics[key]));
  return {
    replications: rows,
    summary: {
      serviceLevel: column('serviceLevel'),
      serviceLevelExcludingShortAbandons: column('serviceLevelExcludingShortAbandons'),
      abandonment: column('abandonment'),
      asaSeconds: column('asaSeconds'),
    },
    threads,
  };
}
