import { useTranslation } from 'react-i18next';
import type { CaseFile } from '../../api/caseTypes';
import { formatDayWithWeekday, formatShare } from '../../format/cases';
import { formatDateTime } from '../../format/intl';
import { PromiseDate, PromiseState } from './CaseBadges';

/** The current promise with its risk, then every change with the reason the customer is given. */
export function PromisePanel({ file }: { file: CaseFile }) {
  const { t, i18n } = useTranslation();
  const promise = file.currentPromise;
  return (
    <section className="card" aria-labelledby="promise-heading">
      <h2 id="promise-heading">{t('casePage.promiseHeading')}</h2>
      {promise ? (
        <>
          <p className="promise-line" data-testid="current-promise">
            <strong>
              <PromiseDate promise={promise} />
            </strong>{' '}
            <PromiseState promise={promise} />
          </p>
          <p className="muted">
            {t(`promiseKinds.${promise.kind}`, { defaultValue: promise.kind })}
            {promise.status === 'open' && promise.delayUsed !== undefined
              ? ` · ${t('casePage.delayUsed', { percent: formatShare(promise.delayUsed, i18n.language) })}`
              : null}
            {promise.promisedBy ? ` · ${t('casePage.promisedBy', { name: promise.promisedBy.displayName })}` : null}
          </p>
        </>
      ) : (
        <p>{t('casePage.noPromise')}</p>
      )}
      <h3 id="promise-history-heading">{t('casePage.promiseHistory')}</h3>
      {file.promiseHistory.length === 0 ? (
        <p className="muted">{t('casePage.promiseHistoryEmpty')}</p>
      ) : (
        <ol className="promise-history" aria-labelledby="promise-history-heading">
          {file.promiseHistory.map((entry) => (
            <li key={`${entry.promise.id}-${entry.event}-${entry.at}`}>
              <p>
                <strong>{t(`promiseEvents.${entry.event}`)}</strong>
                {' · '}
                {formatDayWithWeekday(entry.promise.dueDate, i18n.language)}
                {' · '}
                <time className="muted" dateTime={entry.at}>
                  {formatDateTime(entry.at, i18n.language)}
                </time>
              </p>
              {entry.reason ? <p className="muted">{entry.reason}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
