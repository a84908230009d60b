import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Subscription } from '../api/types';
import { formatDate, formatPhone } from '../format/intl';
import { StatusBadge } from './StatusBadge';

interface SubscriptionCardProps {
  subscription: Subscription;
  /** Heading level inside the page outline (h3 under an h2 section by default). */
  headingLevel?: 2 | 3;
}

export function SubscriptionCard({ subscription, headingLevel = 3 }: SubscriptionCardProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const kindLabel = t(`subscription.kinds.${subscription.kind}`);
  const number = subscription.kind === 'mobile_line' ? subscription.msisdn : subscription.lineNumber;
  const numberLabel = subscription.kind === 'mobile_line' ? t('subscription.msisdn') : t('subscription.lineNumber');
  const address = subscription.serviceAddress;

  return (
    <article className={`card subscription-card kind-${subscription.kind}`} aria-labelledby={headingId}>
      <div className="card-header">
        <Heading id={headingId} className="card-title">
          {kindLabel}
          <span className="card-subtitle"> · {subscription.plan}</span>
        </Heading>
        <StatusBadge status={subscription.status} />
      </div>
      <dl className="details">
        <div>
          <dt>{t('subscription.plan')}</dt>
          <dd>{subscription.plan}</dd>
        </div>
        <div>
          <dt>{t('subscription.status')}</dt>
          <dd>{t(`subscription.statuses.${subscription.status}`, { defaultValue: subscription.status })}</dd>
        </div>
        {number ? (
          <div>
            <dt>{numberLabel}</dt>
            <dd className="nowrap">{formatPhone(number)}</dd>
          </div>
        ) : null}
        {address ? (
          <div>
            <dt>{t('subscription.serviceAddress')}</dt>
            <dd>
              {address.line1}
              <br />
              {address.postcode} {address.city}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('subscription.startedAt')}</dt>
          <dd>
            <time dateTime={subscription.startedAt}>{formatDate(subscription.startedAt, i18n.language)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('subscription.reference')}</dt>
          <dd className="mono">{subscription.reference}</dd>
        </div>
      </dl>
    </article>
  );
}

export function SubscriptionList({ subscriptions, emptyText }: { subscriptions: Subscription[]; emptyText: string }) {
  if (subscriptions.length === 0) return <p className="empty-state">{emptyText}</p>;
  return (
    <ul className="card-grid">
      {subscriptions.map((subscription) => (
        <li key={subscription.id}>
          <SubscriptionCard subscription={subscription} />
        </li>
      ))}
    </ul>
  );
}
