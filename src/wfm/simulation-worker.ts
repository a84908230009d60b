/**
 * Piscina worker for `simulateReplications`: runs a contiguous batch of
 * replications and returns their totals. The same function runs in the
 * calling thread when `threads: 0`, so both paths share one code path.
 *
 * A replication's seed depends only on the base seed and its index, never on
 * which thread or batch runs it: results do not depend on the thread count.
 */

import { type SimulationInput, type SimulationResult, simulate } from './simulation.js';

export type ReplicationTotals = SimulationResult['totals'];

export interface ReplicationBatch {
  input: SimulationInput;
  first: number;
  count: number;
}

/** murmur3 finaliser: a bijection on 32-bit words with full avalanche. */
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Seed of replication `index`: hashed, so neighbouring replications do not
 * get neighbouring seeds (SeededRandom's SplitMix expansion would otherwise
 * make seed s + golden-ratio step a shifted copy of stream s).
 */
export function replicationSeed(seed: number, index: number): number {
  return mix32(mix32(seed >>> 0) ^ mix32(Math.imul(index + 1, 0x9e3779b9) ^ 0x632be5ab));
}

export function runReplicationBatch(batch: ReplicationBatch): ReplicationTotals[] {
  const out: ReplicationTotals[] = [];
  for (let r = batch.first; r < batch.first + batch.count; r++) {
    out.push(simulate({ ...batch.input, seed: replicationSeed(batch.input.seed, r) }).totals);
  }
  return out;
}

export default runReplicationBatch;
