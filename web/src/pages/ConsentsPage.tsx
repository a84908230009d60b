import { useTranslation } from 'react-i18next';
import { useConsents } from '../api/consents';
import { useCurrentUser } from '../auth/currentUser';
import { ConsentList } from '../components/loyalty/ConsentList';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { usePageTitle } from '../components/usePageTitle';
import { formatDateTime } from '../format/intl';

/** « Mes consentements »: what the customer agreed to, withdrawable in one click, with the history. */
export function ConsentsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('nav.consents'));
  const user = useCurrentUser();
  const consents = useConsents(user.customerId);
  return (
    <>
      <h1>{t('nav.consents')}</h1>
      <p className="lead">{t('consents.intro')}</p>
      {!user.customerId ? (
        <p className="empty-state">{t('me.noCustomer')}</p>
      ) : consents.isPending ? (
        <Loading />
      ) : consents.isError ? (
        <ErrorAlert error={consents.error} onRetry={() => void consents.refetch()} />
      ) : (
        <>
          <section aria-labelledby="consents-now-heading" className="section">
            <h2 id="consents-now-heading">{t('consents.heading')}</h2>
            <ConsentList customerId={user.customerId} consents={consents.data.consents} audience="subscriber" />
          </section>
          <section aria-labelledby="consents-history-heading" className="section">
            <h2 id="consents-history-heading">{t('consents.history')}</h2>
            {consents.data.history.length === 0 ? (
              <p className="empty-state">{t('consents.noHistory')}</p>
            ) : (
              <ul>
                {consents.data.history.map((event) => (
                  <li key={event.id}>
                    {formatDateTime(event.recordedAt, i18n.language)} — {t(`consents.purposes.${event.purpose}`)} :{' '}
                    {t(`consents.statuses.${event.status}`)} ({t(`consents.sources.${event.source ?? 'portal'}`)})
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </>
  );
}
