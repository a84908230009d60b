import { useTranslation } from 'react-i18next';
import type { CasePromise, CaseSummary, PromiseRisk } from '../../api/caseTypes';
import { codeLabel } from '../../format/labels';
import { caseStatusText, formatDayWithWeekday, formatParisTime, promiseHasExactTime } from '../../format/cases';

/** Case status in words, coloured by status (colour is never the only cue). */
export function CaseStatusBadge({ summary }: { summary: Pick<CaseSummary, 'status' | 'statusLabel'> }) {
  const { i18n } = useTranslation();
  return (
    <span className={`badge badge-case-${summary.status}`} data-status={summary.status}>
      {caseStatusText(summary, i18n.language)}
    </span>
  );
}

export function RiskBadge({ risk }: { risk: PromiseRisk }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-risk-${risk}`} data-risk={risk}>
      {t(`risks.${risk}`)}
    </span>
  );
}

/** Flags such as "Appel répété", as a list of badges. */
export function CaseFlags({ flags }: { flags: string[] }) {
  const { t } = useTranslation();
  if (flags.length === 0) return null;
  return (
    <ul className="flag-list">
      {flags.map((flag) => (
        <li key={flag} className="badge badge-flag" data-flag={flag}>
          {codeLabel(t, 'caseFlags', flag)}
        </li>
      ))}
    </ul>
  );
}

/** "Promis pour le mardi 5 janvier 2027" (with the time when the promise has one). */
export function PromiseDate({ promise }: { promise: Pick<CasePromise, 'dueAt' | 'dueDate'> }) {
  const { t, i18n } = useTranslation();
  const date = formatDayWithWeekday(promise.dueDate, i18n.language);
  const text = promiseHasExactTime(promise)
    ? t('casePage.promisedForAt', { date, time: formatParisTime(promise.dueAt, i18n.language) })
    : t('casePage.promisedFor', { date });
  return <time dateTime={promise.dueAt}>{text}</time>;
}

/** The promise's state: its live risk while open, else how it ended. */
export function PromiseState({ promise }: { promise: CasePromise }) {
  const { t } = useTranslation();
  if (promise.status === 'open' && promise.risk) return <RiskBadge risk={promise.risk} />;
  return <span className={`badge badge-promise-${promise.status}`}>{t(`promiseStatuses.${promise.status}`)}</span>;
}
