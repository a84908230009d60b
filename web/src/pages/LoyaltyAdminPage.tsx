import { useTranslation } from 'react-i18next';
import { OffersAdminSection } from '../components/loyalty/OffersAdmin';
import { RewardsAdminSection } from '../components/loyalty/RewardsAdmin';
import { usePageTitle } from '../components/usePageTitle';

/**
 * « Fidélité et offres » (supervisors and admins, API loyalty:manage): the rewards catalogue with
 * its thresholds per tier and the announced changes (an increase only after notice), and the offers
 * by product with their audience, where customers come before prospects.
 */
export function LoyaltyAdminPage() {
  const { t } = useTranslation();
  usePageTitle(t('loyaltyAdmin.title'));
  return (
    <>
      <h1>{t('loyaltyAdmin.title')}</h1>
      <p className="lead">{t('loyaltyAdmin.intro')}</p>
      <RewardsAdminSection />
      <OffersAdminSection />
    </>
  );
}
