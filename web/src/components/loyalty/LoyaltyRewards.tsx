import { useTranslation } from 'react-i18next';
import { type LoyaltyReward, useGoal, useRedeem } from '../../api/loyalty';
import { formatDate, formatNumber } from '../../format/intl';
import { ErrorAlert } from '../StatusMessages';

/**
 * The catalogue as this member sees it: what each reward costs them (a protected old threshold
 * when they have one), how far they are, their goal, and any announced change.
 */
export function LoyaltyRewards({
  customerId,
  rewards,
  balance,
  canAct,
}: {
  customerId: string;
  rewards: LoyaltyReward[];
  balance: number;
  canAct: boolean;
}) {
  const { t, i18n } = useTranslation();
  const redeem = useRedeem(customerId);
  const goal = useGoal(customerId);
  const language = i18n.language.startsWith('en') ? 'en' : 'fr';
  const pts = (n: number) => t('loyalty.points', { count: n, formatted: formatNumber(n, i18n.language) });
  if (rewards.length === 0) return <p className="empty-state">{t('loyalty.noRewards')}</p>;
  return (
    <>
      {redeem.isError ? <ErrorAlert error={redeem.error} /> : null}
      {goal.isError ? <ErrorAlert error={goal.error} /> : null}
      {redeem.isSuccess ? (
        <p className="alert alert-success" role="status">
          {t('loyalty.redeemed', { balance: pts(redeem.data.balance) })}
        </p>
      ) : null}
      <ul className="loyalty-rewards">
        {rewards.map((reward) => (
          <li key={reward.id} className="loyalty-reward" data-reward={reward.code}>
            <h3>{reward.name[language]}</h3>
            {reward.points === null ? (
              <p className="muted">{t('loyalty.notForTier')}</p>
            ) : (
              <>
                <p>
                  <strong>{pts(reward.points)}</strong>
                  {reward.protectedUntil ? (
                    <span className="muted">
                      {' '}
                      {t('loyalty.protectedPrice', {
                        published: pts(reward.publishedPoints ?? reward.points),
                        date: formatDate(reward.protectedUntil, i18n.language),
                      })}
                    </span>
                  ) : null}
                </p>
                <p className="loyalty-away">
                  {reward.pointsAway && reward.pointsAway > 0
                    ? t('loyalty.away', { points: pts(reward.pointsAway) })
                    : t('loyalty.reachable')}
                </p>
              </>
            )}
            {reward.goal ? <p className="badge badge-active">{t('loyalty.yourGoal')}</p> : null}
            {reward.announced.map((change) => (
              <div key={change.effectiveFrom} className="alert loyalty-announced" role="note">
                <p>
                  {t('loyalty.announced', {
                    points: pts(change.points),
                    date: formatDate(change.effectiveFrom, i18n.language),
                  })}
                </p>
                {change.youKeep ? (
                  <p>
                    {t('loyalty.youKeep', {
                      points: pts(change.youKeep.points),
                      date: formatDate(change.youKeep.until, i18n.language),
                    })}
                  </p>
                ) : null}
              </div>
            ))}
            {canAct ? (
              <p className="button-row">
                <button
                  type="button"
                  className="button button-small"
                  disabled={goal.isPending}
                  onClick={() => goal.mutate({ rewardId: reward.id, set: !reward.goal })}
                >
                  {reward.goal ? t('loyalty.dropGoal') : t('loyalty.setGoal')}
                </button>
                <button
                  type="button"
                  className="button button-primary"
                  disabled={redeem.isPending || reward.points === null || balance < reward.points}
                  onClick={() => {
                    if (
                      window.confirm(
                        t('loyalty.confirmRedeem', { reward: reward.name[language], points: pts(reward.points ?? 0) }),
                      )
                    )
                      redeem.mutate(reward.id);
                  }}
                >
                  {t('loyalty.redeem')}
                </button>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
