import { useTranslation } from 'react-i18next';
import { useLoyalty } from '../api/loyalty';
import { useCurrentUser } from '../auth/currentUser';
import { LoyaltyMovements } from '../components/loyalty/LoyaltyMovements';
import { LoyaltyRewards } from '../components/loyalty/LoyaltyRewards';
import { LoyaltySummary } from '../components/loyalty/LoyaltySummary';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { usePageTitle } from '../components/usePageTitle';

/** « Ma fidélité »: balance, expiries, rewards with "N points away", goals, announced changes, movements. */
export function LoyaltyPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.loyalty'));
  const user = useCurrentUser();
  const loyalty = useLoyalty(user.customerId);
  return (
    <>
      <h1>{t('nav.loyalty')}</h1>
      <p className="lead">{t('loyalty.intro')}</p>
      {!user.customerId ? (
        <p className="empty-state">{t('me.noCustomer')}</p>
      ) : loyalty.isPending ? (
        <Loading />
      ) : loyalty.isError ? (
        <ErrorAlert error={loyalty.error} onRetry={() => void loyalty.refetch()} />
      ) : (
        <>
          <LoyaltySummary summary={loyalty.data} />
          <section aria-labelledby="rewards-heading" className="section">
            <h2 id="rewards-heading">{t('loyalty.rewardsHeading')}</h2>
            <LoyaltyRewards
              customerId={user.customerId}
              rewards={loyalty.data.rewards}
              balance={loyalty.data.balance}
              canAct
            />
          </section>
          <section aria-labelledby="movements-heading" className="section">
            <h2 id="movements-heading">{t('loyalty.movements')}</h2>
            <LoyaltyMovements customerId={user.customerId} />
          </section>
        </>
      )}
    </>
  );
}
