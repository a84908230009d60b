import { useTranslation } from 'react-i18next';
import { useLoans } from '../api/loans';
import { formatDate } from '../format/intl';
import { ErrorAlert, Loading } from './StatusMessages';

/** The subscriber's equipment loans: what they hold and until when (overdue ones flagged), then past loans. */
export function MyLoans() {
  const { t, i18n } = useTranslation();
  const loans = useLoans();
  const items = loans.data?.items ?? [];
  const current = items.filter((loan) => loan.returnedAt === null);
  const past = items.filter((loan) => loan.returnedAt !== null);
  return (
    <section aria-labelledby="my-loans-heading" className="section">
      <h2 id="my-loans-heading">{t('loans.mine')}</h2>
      {loans.isPending ? (
        <Loading />
      ) : loans.isError ? (
        <ErrorAlert error={loans.error} onRetry={() => void loans.refetch()} />
      ) : items.length === 0 ? (
        <p className="empty-state">{t('loans.mineEmpty', { limit: loans.data.limit })}</p>
      ) : (
        <>
          <p className="muted">{t('loans.mineLimit', { count: current.length, limit: loans.data.limit })}</p>
          {current.length === 0 ? (
            <p className="empty-state">{t('loans.mineNoCurrent')}</p>
          ) : (
            <ul className="plain-list" data-testid="my-loans">
              {current.map((loan) => (
                <li key={loan.id} className={loan.overdue ? 'alert alert-warning' : undefined}>
                  <strong>{loan.item.name}</strong> ({loan.item.assetTag}) — {loan.shop.name} —{' '}
                  {t('loans.mineDue', { date: formatDate(loan.dueDate, i18n.language) })}
                  {loan.overdue ? (
                    <>
                      {' '}
                      <span className="badge badge-risk-broken">{t('loans.overdueBadge')}</span>{' '}
                      {t('loans.mineOverdueHint')}
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {past.length > 0 ? (
            <>
              <h3>{t('loans.minePast')}</h3>
              <ul className="plain-list" data-testid="my-past-loans">
                {past.map((loan) => (
                  <li key={loan.id}>
                    {loan.item.name} ({loan.item.assetTag}) —{' '}
                    {t('loans.mineReturned', {
                      from: formatDate(loan.borrowedAt, i18n.language),
                      to: formatDate(loan.returnedAt ?? loan.dueAt, i18n.language),
                    })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
