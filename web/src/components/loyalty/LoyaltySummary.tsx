import { useTranslation } from 'react-i18next';
import type { LoyaltySummary as Summary } from '../../api/loyalty';
import { formatDate, formatNumber } from '../../format/intl';

/** Balance, tier and the coming expiries: what the member has and when it goes. */
export function LoyaltySummary({ summary }: { summary: Summary }) {
  const { t, i18n } = useTranslation();
  const next = summary.expiries[0];
  return (
    <dl className="tiles">
      <div className="tile">
        <dt>{t('loyalty.balance')}</dt>
        <dd data-testid="loyalty-balance">
          {t('loyalty.points', { count: summary.balance, formatted: formatNumber(summary.balance, i18n.language) })}
        </dd>
      </div>
      <div className="tile">
        <dt>{t('loyalty.tier')}</dt>
        <dd>{t(`loyalty.tiers.${summary.tier}`)}</dd>
      </div>
      <div className="tile">
        <dt>{t('loyalty.nextExpiry')}</dt>
        {next ? (
          <>
            <dd>{t('loyalty.points', { count: next.points, formatted: formatNumber(next.points, i18n.language) })}</dd>
            <dd className="tile-detail">
              {t('loyalty.expireAfter', { date: formatDate(next.expiresOn, i18n.language) })}
            </dd>
          </>
        ) : (
          <dd className="tile-detail">{t('loyalty.noExpiry')}</dd>
        )}
      </div>
    </dl>
  );
}
