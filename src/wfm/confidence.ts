/**
 * Mean and Student-t confidence interval of independent replications.
 */

/** t quantiles at 0.975 for 1..30 degrees of freedom (exact to 9 digits). */
const T975 = [
  12.706204736, 4.30265273, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252, 2.306004135, 2.262157163,
  2.228138852, 2.20098516, 2.17881283, 2.160368656, 2.144786688, 2.131449546, 2.119905299, 2.109815578, 2.10092204,
  2.093024054, 2.085963447, 2.079613845, 2.073873068, 2.06865761, 2.063898562, 2.059538553, 2.055529439, 2.051830516,
  2.048407142, 2.045229642, 2.042272456,
];

/**
 * Two-sided 95 % Student-t critical value. Above 30 degrees of freedom the
 * Cornish-Fisher expansion around the normal quantile (error < 1e-7 there).
 */
export function studentT975(degreesOfFreedom: number): number {
  if (degreesOfFreedom <= 30) return T975[Math.max(1, Math.floor(degreesOfFreedom)) - 1] as number;
  const z = 1.959963984540054;
  const v = degreesOfFreedom;
  const z2 = z * z;
  return (
    z +
    (z * (z2 + 1)) / (4 * v) +
    (z * (5 * z2 * z2 + 16 * z2 + 3)) / (96 * v * v) +
    (z * (3 * z2 ** 3 + 19 * z2 * z2 + 17 * z2 - 15)) / (384 * v ** 3) +
    (z * (79 * z2 ** 4 + 776 * z2 ** 3 + 1482 * z2 * z2 - 1920 * z2 - 945)) / (92160 * v ** 4)
  );
}

export interface MeanWithInterval {
  mean: number;
  /** Sample standard deviation across replications. */
  standardDeviation: number;
  /** 95 % confidence interval of the mean: mean -/+ t * sd / sqrt(n). */
  lower: number;
  upper: number;
  halfWidth: number;
  /** Replications that had a defined value (e.g. ASA needs at least one answered call). */
  replications: number;
}

/** Mean and 95 % CI of the finite values (needs at least two). */
export function meanWithInterval(values: ArrayLike<number>): MeanWithInterval {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) finite.push(v);
  }
  const n = finite.length;
  const mean = n > 0 ? finite.reduce((a, b) => a + b, 0) / n : Number.NaN;
  if (n < 2) {
    return {
      mean,
      standardDeviation: Number.NaN,
      lower: Number.NaN,
      upper: Number.NaN,
      halfWidth: Number.NaN,
      replications: n,
    };
  }
  const variance = finite.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  const standardDeviation = Math.sqrt(variance);
  const halfWidth = (studentT975(n - 1) * standardDeviation) / Math.sqrt(n);
  return { mean, standardDeviation, lower: mean - halfWidth, upper: mean + halfWidth, halfWidth, replications: n };
}
