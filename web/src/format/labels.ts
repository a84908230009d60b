import type { TFunction } from 'i18next';

const MR = new Set(['m', 'm.', 'mr', 'mr.', 'monsieur', 'mister']);
const MRS = new Set(['mme', 'mme.', 'mrs', 'mrs.', 'ms', 'ms.', 'madame', 'mlle']);

/** "M." / "Mme" in French, "Mr" / "Ms" in English; unknown values are shown as given. */
export function civilityLabel(civility: string | null | undefined, t: TFunction): string {
  if (!civility) return '';
  const key = civility.trim().toLowerCase();
  if (MR.has(key)) return t('civility.mr');
  if (MRS.has(key)) return t('civility.mrs');
  return civility;
}

/** Translates a code from an open-ended list, falling back to the raw code. */
export function codeLabel(t: TFunction, prefix: string, code: string): string {
  return t(`${prefix}.${code}`, { defaultValue: code });
}
