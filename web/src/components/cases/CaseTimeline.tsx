import { useTranslation } from 'react-i18next';
import type { Channel, Interaction } from '../../api/caseTypes';
import { formatDateTime } from '../../format/intl';

/** A glyph beside each channel's name (decorative: the name is always written). */
const CHANNEL_ICONS: Record<Channel, string> = {
  phone_in: '☎',
  phone_out: '☎',
  email: '✉',
  letter: '✎',
  sms: '✆',
  chat: '⌨',
  portal: '⌂',
  shop_visit: '⚑',
  community: '☺',
};

interface CaseTimelineProps {
  timeline: Interaction[];
  audience: 'staff' | 'subscriber';
}

/** Every contact on every channel, oldest first, in Paris time. */
export function CaseTimeline({ timeline, audience }: CaseTimelineProps) {
  const { t, i18n } = useTranslation();
  if (timeline.length === 0) return <p className="empty-state">{t('casePage.timelineEmpty')}</p>;
  const directionKeys = audience === 'subscriber' ? 'directionsForCustomer' : 'directions';
  const customerName = audience === 'subscriber' ? t('casePage.you') : t('casePage.customer');
  return (
    <ol className="timeline">
      {timeline.map((entry) => (
        <li
          key={entry.id}
          className={`timeline-entry direction-${entry.direction}${entry.message ? ' timeline-message' : ''}`}
        >
          <p className="timeline-meta">
            <span className="timeline-channel">
              <span aria-hidden="true" className="channel-icon">
                {CHANNEL_ICONS[entry.channel]}
              </span>
              {t(`caseChannels.${entry.channel}`)}
            </span>
            <span>{t(`${directionKeys}.${entry.direction}`)}</span>
            {/* A message the outbox wrote has no author: it says what it is and whether it left. */}
            <span>{entry.message ? t('caseMessages.automatic') : (entry.handledBy?.displayName ?? customerName)}</span>
            {entry.message && audience === 'staff' ? (
              <span className={`message-status message-status-${entry.message.status}`}>
                {t(`caseMessages.statuses.${entry.message.status}`)}
              </span>
            ) : null}
            <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, i18n.language)}</time>
          </p>
          <p className="timeline-summary">{entry.summary}</p>
        </li>
      ))}
    </ol>
  );
}
