/**
 * Test-only high-precision reference for the queueing formulas.
 *
 * Fixed-point arithmetic on BigInt (value = big / 10^digits), so every
 * intermediate is exact to ~digits decimal places. It deliberately uses the
 * slow, obviously-correct forms: the Erlang B forward recursion over all N,
 * explicit stationary distributions, and (for Erlang A) per-queue-length
 * binomial sums instead of the production code's swapped negative-binomial sums.
 */

export class Fixed {
  readonly scale: bigint;
  constructor(readonly digits: number) {
    this.scale = 10n ** BigInt(digits);
  }

  /** Exact conversion of a double (x = m / 2^e) to fixed point. */
  of(x: number): bigint {
    if (!Number.isFinite(x)) throw new Error('non-finite');
    let m = Math.abs(x);
    let e = 0;
    while (!Number.isInteger(m)) {
      m *= 2;
      e++;
    }
    const v = (BigInt(m) * this.scale) / 2n ** BigInt(e);
    return x < 0 ? -v : v;
  }

  int(n: number): bigint {
    return BigInt(n) * this.scale;
  }

  mul(a: bigint, b: bigint): bigint {
    return (a * b) / this.scale;
  }

  div(a: bigint, b: bigint): bigint {
    return (a * this.scale) / b;
  }

  /** Correctly rounded (to within one ulp) conversion back to a double, via a decimal string. */
  toNumber(v: bigint): number {
    const negative = v < 0n;
    const s = (negative ? -v : v).toString().padStart(this.digits + 1, '0');
    const text = `${s.slice(0, s.length - this.digits)}.${s.slice(s.length - this.digits)}`;
    return negative ? -Number.parseFloat(text) : Number.parseFloat(text);
  }

  /** e^x by halving the argument, a Taylor series, then squaring back. */
  exp(x: bigint): bigint {
    if (x === 0n) return this.scale;
    let halvings = 0;
    let reduced = x;
    const small = this.scale / 1024n;
    while ((reduced < 0n ? -reduced : reduced) > small) {
      reduced /= 2n;
      halvings++;
    }
    // Extra guard digits for the squarings.
    const guard = new Fixed(this.digits + 2 * halvings + 10);
    const r = (reduced * guard.scale) / this.scale;
    let sum = guard.scale;
    let term = guard.scale;
    for (let k = 1n; ; k++) {
      term = guard.mul(term, r) / k;
      if (term === 0n) break;
      sum += term;
    }
    for (let i = 0; i < halvings; i++) sum = guard.mul(sum, sum);
    return (sum * this.scale) / guard.scale;
  }
}

/** Erlang B at each requested server count, by the forward recursion B_k = a B_{k-1} / (k + a B_{k-1}). */
export function preciseErlangB(traffic: number, serverCounts: number[], digits = 80): Map<number, bigint> {
  const f = new Fixed(digits);
  const a = f.of(traffic);
  const wanted = new Set(serverCounts);
  const max = Math.max(...serverCounts);
  const out = new Map<number, bigint>();
  let b = f.scale;
  if (wanted.has(0)) out.set(0, b);
  for (let k = 1; k <= max; k++) {
    const ab = f.mul(a, b);
    b = f.div(ab, f.int(k) + ab);
    if (wanted.has(k)) out.set(k, b);
  }
  return out;
}

export interface PreciseErlangC {
  blocking: number;
  waiting: number;
  serviceLevel: number;
  asaSeconds: number;
}

export function preciseErlangC(
  traffic: number,
  ahtSeconds: number,
  thresholdSeconds: number,
  servers: number[],
): Map<number, PreciseErlangC> {
  const digits = 80;
  const f = new Fixed(digits);
  const bs = preciseErlangB(traffic, servers, digits);
  const a = f.of(traffic);
  const out = new Map<number, PreciseErlangC>();
  for (const n of servers) {
    const b = bs.get(n) as bigint;
    const nF = f.int(n);
    const c = f.div(f.mul(nF, b), nF - f.mul(a, f.scale - b));
    const exponent = f.div(f.mul(nF - a, f.of(thresholdSeconds)), f.of(ahtSeconds));
    const sl = f.scale - f.mul(c, f.exp(-exponent));
    const asa = f.div(f.mul(c, f.of(ahtSeconds)), nF - a);
    out.set(n, {
      blocking: f.toNumber(b),
      waiting: f.toNumber(c),
      serviceLevel: f.toNumber(sl),
      asaSeconds: f.toNumber(asa),
    });
  }
  return out;
}

export interface PreciseErlangA {
  probabilityOfWaiting: number;
  probabilityOfAbandonment: number;
  asaSeconds: number;
  /** Only when withServiceLevel: needs integer x = agents * patience / aht. */
  serviceLevelOfOffered?: number;
  serviceLevelExcludingShortAbandons?: number;
}

/**
 * Erlang A from the explicit birth-death stationary distribution. With
 * withServiceLevel, x = agents*patience/aht must be an integer: the offered
 * wait of a caller finding j queued is then the (j+1)-th of x+j exponential
 * lifetimes, whose law is a plain binomial sum.
 */
export function preciseErlangA(
  agents: number,
  traffic: number,
  ahtSeconds: number,
  patienceSeconds: number,
  thresholdSeconds: number,
  withServiceLevel: boolean,
  digits = 120,
): PreciseErlangA {
  const f = new Fixed(digits);
  const a = f.of(traffic);
  const x = f.div(f.mul(f.int(agents), f.of(patienceSeconds)), f.of(ahtSeconds));
  const y = f.div(f.mul(a, f.of(patienceSeconds)), f.of(ahtSeconds));
  const negligible = 10n ** BigInt(digits - 70); // 1e-70 relative to pi_N = 1
  // States below N, relative to pi_N = 1: pi_{k-1} = pi_k * k / a.
  let below = 0n;
  let w = f.scale;
  for (let k = agents; k >= 1; k--) {
    w = f.div(f.mul(w, f.int(k)), a);
    below += w;
    if (w < negligible && f.int(k) < a * 2n) break;
  }
  // Queue states: pi_{N+j} = pi_{N+j-1} * y / (x + j).
  const queue: bigint[] = [f.scale];
  for (let j = 1; ; j++) {
    const next = f.div(f.mul(queue[j - 1] as bigint, y), x + f.int(j));
    if (next < negligible && f.int(j) + x > y) break;
    queue.push(next);
  }
  let aboveSum = 0n;
  for (const v of queue) aboveSum += v;
  const total = below + aboveSum;
  let abandonWeighted = 0n;
  let servedWaitWeighted = 0n;
  let harmonic = 0n;
  queue.forEach((v, j) => {
    abandonWeighted += f.mul(v, f.int(j));
    harmonic += f.div(f.scale, x + f.int(j + 1));
    servedWaitWeighted += f.mul(f.div(f.mul(v, x), x + f.int(j + 1)), harmonic);
  });
  const pWait = f.div(aboveSum, total);
  const pAb = f.div(f.div(abandonWeighted, y), total);
  const pServed = f.scale - pAb;
  const asa = f.div(f.mul(f.div(servedWaitWeighted, total), f.of(patienceSeconds)), pServed);
  const result: PreciseErlangA = {
    probabilityOfWaiting: f.toNumber(pWait),
    probabilityOfAbandonment: f.toNumber(pAb),
    asaSeconds: f.toNumber(asa),
  };
  if (!withServiceLevel) return result;

  const xInt = Number(x / f.scale);
  if (f.int(xInt) !== x) throw new Error('x must be an integer for the service-level reference');
  const thetaT = f.div(f.of(thresholdSeconds), f.of(patienceSeconds));
  const q = f.exp(-thetaT);
  const p = f.scale - q;
  /** P(Binomial(m, p) <= j). */
  const binomialCdf = (m: number, j: number): bigint => {
    let term = f.exp(-f.mul(f.int(m), thetaT)); // q^m
    let sum = term;
    for (let i = 0; i < j && i < m; i++) {
      term = f.div(f.mul(f.mul(term, f.int(m - i)), p), f.mul(f.int(i + 1), q));
      sum += term;
    }
    return sum;
  };
  let answeredWithin = f.div(below, total); // answered at once
  let neither = 0n;
  queue.forEach((v, j) => {
    const weight = f.div(v, total);
    const waitingBeyond = binomialCdf(xInt + j, j); // P(V_j > t)
    neither += f.mul(weight, f.mul(q, waitingBeyond));
    const servedShare = f.div(f.int(xInt), f.int(xInt + j + 1));
    answeredWithin += f.mul(weight, f.mul(servedShare, f.scale - binomialCdf(xInt + j + 1, j)));
  });
  result.serviceLevelOfOffered = f.toNumber(answeredWithin);
  result.serviceLevelExcludingShortAbandons = f.toNumber(f.div(answeredWithin, answeredWithin + neither));
  return result;
}
