import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/currentUser';
import { BillingSection } from '../components/billing/BillingSection';
import { usePageTitle } from '../components/usePageTitle';

/** Subscriber "Mes factures": every line explained, third-party charges flagged, dispute and block in one click. */
export function BillsPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.bills'));
  const user = useCurrentUser();
  return (
    <>
      <h1>{t('nav.bills')}</h1>
      <p className="lead">{t('billing.intro')}</p>
      {user.customerId ? (
        <BillingSection customerId={user.customerId} audience="subscriber" />
      ) : (
        <p className="empty-state">{t('me.noCustomer')}</p>
      )}
    </>
  );
}
