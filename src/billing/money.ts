/**
 * Money on bills: integer cents, VAT in basis points (2000 = 20 %). Rounding is half away from
 * zero, like PostgreSQL's round(numeric), so that the application and the database agree to the
 * cent. Pure.
 */

/** Half away from zero, for a non-integer number of cents. */
export function roundCents(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

/** VAT on an amount before tax. */
export function vatOn(amountExclVatCents: number, vatRateBp: number): number {
  return roundCents((amountExclVatCents * vatRateBp) / 10_000);
}

export interface LineAmounts {
  amountExclVatCents: number;
  vatRateBp: number;
  vatCents: number;
  amountInclVatCents: number;
}

/** A price given before tax (plans, options). */
export function fromExclVat(amountExclVatCents: number, vatRateBp: number): LineAmounts {
  const vatCents = vatOn(amountExclVatCents, vatRateBp);
  return { amountExclVatCents, vatRateBp, vatCents, amountInclVatCents: amountExclVatCents + vatCents };
}

/** A price given tax included (third-party charges, refunds): the amount before tax is derived. */
export function fromInclVat(amountInclVatCents: number, vatRateBp: number): LineAmounts {
  const amountExclVatCents = roundCents((amountInclVatCents * 10_000) / (10_000 + vatRateBp));
  return {
    amountExclVatCents,
    vatRateBp,
    vatCents: amountInclVatCents - amountExclVatCents,
    amountInclVatCents,
  };
}

export interface BillTotals {
  totalExclVatCents: number;
  vatCents: number;
  totalInclVatCents: number;
}

export function totalsOf(lines: readonly LineAmounts[]): BillTotals {
  let totalExclVatCents = 0;
  let vatCents = 0;
  for (const line of lines) {
    totalExclVatCents += line.amountExclVatCents;
    vatCents += line.vatCents;
  }
  return { totalExclVatCents, vatCents, totalInclVatCents: totalExclVatCents + vatCents };
}

/** VAT per rate, as French bills show it. */
export function vatBreakdown(lines: readonly LineAmounts[]) {
  const byRate = new Map<number, { vatRateBp: number; baseCents: number; vatCents: number }>();
  for (const line of lines) {
    const entry = byRate.get(line.vatRateBp) ?? { vatRateBp: line.vatRateBp, baseCents: 0, vatCents: 0 };
    entry.baseCents += line.amountExclVatCents;
    entry.vatCents += line.vatCents;
    byRate.set(line.vatRateBp, entry);
  }
  return [...byRate.values()].sort((a, b) => b.vatRateBp - a.vatRateBp);
}

const euroFormats = {
  fr: new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }),
  en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }),
};

/** "4,99 €" / "€4.99". */
export function formatEuros(cents: number, language: 'fr' | 'en' = 'fr'): string {
  return euroFormats[language].format(cents / 100).replace(/\u202f|\u00a0/g, ' ');
}
