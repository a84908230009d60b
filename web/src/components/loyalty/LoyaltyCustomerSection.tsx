import { useTranslation } from 'react-i18next';
import { useCustomerOffers, useLoyalty } from '../../api/loyalty';
import { formatNumber } from '../../format/intl';
import { ErrorAlert, Loading } from '../StatusMessages';
import { TableRegion } from '../TableRegion';
import { LoyaltyMovements } from './LoyaltyMovements';
import { LoyaltyRewards } from './LoyaltyRewards';
import { LoyaltySummary } from './LoyaltySummary';

const euros = (cents: number, language: string) =>
  new Intl.NumberFormat(language, { style: 'currency', currency: 'EUR' }).format(cents / 100);

/** Advisor view: points, tier, goals and rewards, movements, and the best offer the customer is entitled to. */
export function LoyaltyCustomerSection({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const loyalty = useLoyalty(customerId);
  const offers = useCustomerOffers(customerId);
  return (
    <section aria-labelledby="loyalty-heading" className="section">
      <h2 id="loyalty-heading">{t('loyalty.staffHeading')}</h2>
      {loyalty.isPending ? (
        <Loading />
      ) : loyalty.isError ? (
        <ErrorAlert error={loyalty.error} onRetry={() => void loyalty.refetch()} />
      ) : (
        <>
          <LoyaltySummary summary={loyalty.data} />
          {loyalty.data.rewards
            .filter((reward) => reward.goal)
            .map((reward) => (
              <p key={reward.id} className="loyalty-goal">
                {t('loyalty.goalLine', {
                  reward: reward.name[i18n.language.startsWith('en') ? 'en' : 'fr'],
                  points: formatNumber(reward.pointsAway ?? 0, i18n.language),
                })}
              </p>
            ))}
          <details>
            <summary>{t('loyalty.rewardsHeading')}</summary>
            <LoyaltyRewards
              customerId={customerId}
              rewards={loyalty.data.rewards}
              balance={loyalty.data.balance}
              canAct
            />
          </details>
          <details>
            <summary>{t('loyalty.movements')}</summary>
            <LoyaltyMovements customerId={customerId} />
          </details>
        </>
      )}
      <h3>{t('loyalty.bestOffers')}</h3>
      {offers.isPending ? (
        <Loading />
      ) : offers.isError ? (
        <ErrorAlert error={offers.error} onRetry={() => void offers.refetch()} />
      ) : offers.data.items.length === 0 ? (
        <p className="empty-state">{t('loyalty.noOffers')}</p>
      ) : (
        <TableRegion caption={t('loyalty.bestOffers')} hideCaption>
          <thead>
            <tr>
              <th scope="col">{t('loyalty.product')}</th>
              <th scope="col">{t('loyalty.offer')}</th>
              <th scope="col" className="numeric">
                {t('loyalty.monthly')}
              </th>
              <th scope="col" className="numeric">
                {t('loyalty.prospectPrice')}
              </th>
            </tr>
          </thead>
          <tbody>
            {offers.data.items.map((offer) => (
              <tr key={offer.id}>
                <td className="mono">{offer.product}</td>
                <td>{offer.name}</td>
                <td className="numeric">{euros(offer.monthlyPriceCents, i18n.language)}</td>
                <td className="numeric">
                  {offer.prospectMonthlyPriceCents === null
                    ? '—'
                    : euros(offer.prospectMonthlyPriceCents, i18n.language)}
                </td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
    </section>
  );
}
