/**
 * Shared HiGHS plumbing for the scheduling models: the WebAssembly solver,
 * loaded once per process, and CPLEX LP-format text helpers.
 */

import highsModule, { type LegacyHighs } from 'highs';

type HighsLoader = () => Promise<LegacyHighs>;
/**
 * highs is a CommonJS package with ESM entry: under NodeNext typings the
 * default import is the module object, at run time (ESM) it is the loader
 * function. Accept both shapes.
 */
const highsLoader: HighsLoader =
  typeof highsModule === 'function'
    ? (highsModule as unknown as HighsLoader)
    : (highsModule as unknown as { default: HighsLoader }).default;
let solverPromise: Promise<LegacyHighs> | undefined;

/** Load the WebAssembly solver once per process. */
export function solver(): Promise<LegacyHighs> {
  if (!solverPromise) solverPromise = highsLoader();
  return solverPromise;
}

/** Decimal text for the LP file (no exponent notation surprises). */
export const num = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(10).replace(/0+$/, ''));

/** LP-format readers dislike very long lines: 20 terms per line. */
export function wrap(terms: string[]): string {
  const lines: string[] = [];
  for (let k = 0; k < terms.length; k += 20)
    lines.push(`  ${k === 0 ? '' : '+ '}${terms.slice(k, k + 20).join(' + ')}`);
  return lines.join('\n');
}

/** Integer primal values by column name, or undefined when HiGHS produced no usable solution. */
export function integerColumns(
  solution: { Status: string; Columns: unknown },
  names: string[],
): { values: Map<string, number>; optimal: boolean } | undefined {
  const columns = solution.Columns as Record<string, { Primal?: number } | undefined>;
  const usable = solution.Status === 'Optimal' || solution.Status === 'Time limit reached';
  if (!usable || !names.every((name) => typeof columns[name]?.Primal === 'number')) return undefined;
  const values = new Map<string, number>();
  for (const name of names) values.set(name, Math.max(0, Math.round(columns[name]?.Primal ?? 0)));
  return { values, optimal: solution.Status === 'Optimal' };
}
