import { useTranslation } from 'react-i18next';
import type { SubscriptionStatus } from '../api/types';

/** Coloured badge that always carries the status in words (colour is never the only cue). */
export function StatusBadge({ status }: { status: SubscriptionStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${status}`} data-status={status}>
      {t(`subscription.statuses.${status}`, { defaultValue: status })}
    </span>
  );
}
