import { useTranslation } from 'react-i18next';
import { useCustomer } from '../api/customers';
import { useCurrentUser } from '../auth/currentUser';
import { MyCasesSection } from '../components/cases/MyCasesSection';
import { MessagesSection } from '../components/messages/MessagesSection';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { SubscriptionList } from '../components/SubscriptionCard';
import { usePageTitle } from '../components/usePageTitle';

/** Subscriber home: their own lines, read from their own customer file. */
export function MyLinesPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.myLines'));
  const user = useCurrentUser();
  const customerQuery = useCustomer(user.customerId);
  const firstName = customerQuery.data?.firstName ?? user.displayName.split(' ')[0] ?? user.displayName;

  return (
    <>
      <h1>{t('me.greeting', { firstName })}</h1>
      <p className="lead">{t('me.intro')}</p>
      {user.customerId && customerQuery.isSuccess ? (
        <MyCasesSection customerId={user.customerId} subscriptions={customerQuery.data.subscriptions} />
      ) : null}
      <section aria-labelledby="my-lines-heading" className="section">
        <h2 id="my-lines-heading">{t('me.yourLines')}</h2>
        {!user.customerId ? (
          <p className="empty-state">{t('me.noCustomer')}</p>
        ) : customerQuery.isPending ? (
          <Loading />
        ) : customerQuery.isError ? (
          <ErrorAlert error={customerQuery.error} onRetry={() => void customerQuery.refetch()} />
        ) : (
          <SubscriptionList
            subscriptions={customerQuery.data.subscriptions}
            emptyText={t('customer.noSubscriptions')}
          />
        )}
      </section>
      {user.customerId ? <MessagesSection customerId={user.customerId} audience="subscriber" /> : null}
    </>
  );
}
