/** A round top for an axis: 1, 2 or 5 times a power of ten, at least `value` (and at least `minimum`). */
export function niceMax(value: number, minimum = 4): number {
  if (value <= minimum) return minimum;
  const power = 10 ** Math.floor(Math.log10(value));
  const factor = [1, 2, 5, 10].find((candidate) => candidate * power >= value) ?? 10;
  return factor * power;
}
