/**
 * Splitting one interval's calls between sites (own centres and outsourcers)
 * at least cost, each site meeting the service target on its own share, as
 * vendor contracts require.
 *
 * Staffing is not linear in volume (square-root safety staff), so the
 * cheapest split tends to concentrate volume, and every split costs agents
 * compared with one pooled queue: the pooling loss reported here.
 *
 * Method: volume is cut into `steps` equal slices; each site's staffing for
 * 0..steps slices is computed once, then a dynamic programme over sites finds
 * the cheapest feasible allocation exactly on that grid (O(sites * steps^2)
 * additions, no staffing calls inside the DP). If seats cannot take all the
 * volume, the largest allocatable volume is placed and the rest reported.
 */

import { WfmInputError, requireNonNegative, requirePositive } from './errors.js';
import { type StaffingOptions, requiredAgents } from './staffing.js';

export interface Site {
  name: string;
  /** Seats = maximum agents on the phones at once. */
  seats: number;
  costPerProductiveHour: number;
  /** Contractual minimum calls in this interval (default 0). */
  minimumCalls?: number;
  /** Site-specific AHT (vendors often differ); defaults to the interval's. */
  ahtSeconds?: number;
}

export interface SplitInput {
  callsOffered: number;
  intervalSeconds: number;
  ahtSeconds: number;
  sites: Site[];
  staffing: StaffingOptions;
  /** Grid resolution of the split (default 200 slices). */
  steps?: number;
}

export interface SiteAllocation {
  site: string;
  calls: number;
  agents: number;
  cost: number;
}

export interface SplitResult {
  allocations: SiteAllocation[];
  totalCost: number;
  /** Calls no site could take within its seats (0 when feasible). */
  unallocatedCalls: number;
  agentsSplit: number;
  /** Agents one pooled queue would need for the allocated calls. */
  agentsPooled: number;
  /** agentsSplit - agentsPooled: the price of not pooling. */
  poolingLoss: number;
}

export function splitAcrossSites(input: SplitInput): SplitResult {
  const calls = requireNonNegative('callsOffered', input.callsOffered);
  requirePositive('intervalSeconds', input.intervalSeconds);
  requirePositive('ahtSeconds', input.ahtSeconds);
  const steps = input.steps ?? 200;
  if (!Number.isInteger(steps) || steps < 1 || steps > 5000)
    throw new WfmInputError('steps', 'must be an integer in 1..5000');
  if (input.sites.length === 0) throw new WfmInputError('sites', 'needs at least one site');
  const hours = input.intervalSeconds / 3600;
  let minimumTotal = 0;
  input.sites.forEach((s, i) => {
    requireNonNegative(`sites[${i}].seats`, s.seats);
    requireNonNegative(`sites[${i}].costPerProductiveHour`, s.costPerProductiveHour);
    minimumTotal += requireNonNegative(`sites[${i}].minimumCalls`, s.minimumCalls ?? 0);
    if (s.ahtSeconds !== undefined) requirePositive(`sites[${i}].ahtSeconds`, s.ahtSeconds);
  });
  if (minimumTotal > calls * (1 + 1e-12)) {
    throw new WfmInputError(
      'sites.minimumCalls',
      `contractual minimums (${minimumTotal}) exceed the calls offered (${calls})`,
    );
  }
  const slice = calls / steps;
  // agentsFor[s][k]: agents site s needs for k slices, or -1 beyond its seats.
  const agentsFor = input.sites.map((site) => {
    const aht = site.ahtSeconds ?? input.ahtSeconds;
    const table = new Int32Array(steps + 1).fill(-1);
    for (let k = 0; k <= steps; k++) {
      const needed = requiredAgents(
        { callsOffered: k * slice, intervalSeconds: input.intervalSeconds, ahtSeconds: aht },
        input.staffing,
      ).agents;
      if (needed > site.seats) break; // more volume never needs fewer agents
      table[k] = needed;
    }
    return table;
  });
  const minimumSlices = input.sites.map((s) => (slice > 0 ? Math.ceil((s.minimumCalls ?? 0) / slice - 1e-9) : 0));

  // best[k] = cheapest cost placing exactly k slices on the sites seen so far; choice[s][k] = slices on site s.
  let best = new Float64Array(steps + 1).fill(Number.POSITIVE_INFINITY);
  best[0] = 0;
  const choice: Int32Array[] = [];
  input.sites.forEach((site, s) => {
    const table = agentsFor[s] as Int32Array;
    const next = new Float64Array(steps + 1).fill(Number.POSITIVE_INFINITY);
    const picked = new Int32Array(steps + 1).fill(-1);
    for (let k = 0; k <= steps; k++) {
      for (let mine = minimumSlices[s] as number; mine <= k; mine++) {
        const agents = table[mine] as number;
        if (agents < 0) break;
        const cost = (best[k - mine] as number) + agents * site.costPerProductiveHour * hours;
        if (cost < (next[k] as number)) {
          next[k] = cost;
          picked[k] = mine;
        }
      }
    }
    choice.push(picked);
    best = next;
  });
  let placed = steps;
  while (placed > 0 && !Number.isFinite(best[placed] as number)) placed--;
  if (!Number.isFinite(best[placed] as number)) {
    throw new WfmInputError('sites.seats', 'cannot even cover the contractual minimums');
  }
  const allocations: SiteAllocation[] = new Array(input.sites.length);
  let remaining = placed;
  for (let s = input.sites.length - 1; s >= 0; s--) {
    const site = input.sites[s] as Site;
    const mine = (choice[s] as Int32Array)[remaining] as number;
    const agents = (agentsFor[s] as Int32Array)[mine] as number;
    allocations[s] = {
      site: site.name,
      calls: mine * slice,
      agents,
      cost: agents * site.costPerProductiveHour * hours,
    };
    remaining -= mine;
  }
  const agentsSplit = allocations.reduce((sum, a) => sum + a.agents, 0);
  const agentsPooled = requiredAgents(
    { callsOffered: placed * slice, intervalSeconds: input.intervalSeconds, ahtSeconds: input.ahtSeconds },
    input.staffing,
  ).agents;
  return {
    allocations,
    totalCost: best[placed] as number,
    unallocatedCalls: calls - placed * slice,
    agentsSplit,
    agentsPooled,
    poolingLoss: agentsSplit - agentsPooled,
  };
}
