/**
 * The textbook implementation planners' spreadsheets use, kept only as a
 * baseline for the benchmark and for tests that show where it breaks:
 * a^N / N! with Math.pow and a factorial, and staffing by counting up from 1.
 * It overflows to NaN/Infinity once a^N or N! exceed 1.8e308 (N > 170).
 * (Generous to the baseline: factorials are tabulated, and counts N <= a,
 * where the formula is meaningless, are skipped rather than evaluated.)
 */

/** k! for k = 0..170 (Infinity beyond, as in a spreadsheet's FACT overflow). */
const FACTORIALS: number[] = [1];
for (let k = 1; k <= 171; k++) FACTORIALS.push((FACTORIALS[k - 1] as number) * k);

function factorial(n: number): number {
  return n <= 171 ? (FACTORIALS[n] as number) : Number.POSITIVE_INFINITY;
}

/** Textbook Erlang C; NaN once the powers overflow. O(N) per call. */
export function naiveErlangC(agents: number, traffic: number): number {
  let sum = 0;
  for (let k = 0; k < agents; k++) sum += traffic ** k / factorial(k);
  const top = (traffic ** agents / factorial(agents)) * (agents / (agents - traffic));
  return top / (sum + top);
}

/**
 * Smallest agent count reaching a service level, counting up from 1. Returns
 * undefined when no count up to maxAgents qualifies (which is what happens
 * once the formula returns NaN).
 */
export function naiveStaffing(
  traffic: number,
  ahtSeconds: number,
  thresholdSeconds: number,
  serviceLevelTarget: number,
  maxAgents: number,
  deadline = Number.POSITIVE_INFINITY,
): number | undefined {
  for (let agents = 1; agents <= maxAgents; agents++) {
    if (performance.now() > deadline) return undefined; // benchmark time box
    if (agents <= traffic) continue;
    const waiting = naiveErlangC(agents, traffic);
    const serviceLevel = 1 - waiting * Math.exp((-(agents - traffic) * thresholdSeconds) / ahtSeconds);
    if (serviceLevel >= serviceLevelTarget) return agents;
  }
  return undefined;
}
