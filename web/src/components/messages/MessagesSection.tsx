import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type CustomerMessage, useCustomerMessages } from '../../api/messages';
import { formatDateTime } from '../../format/intl';
import { ErrorAlert, LoadMoreButton, Loading } from '../StatusMessages';

/**
 * The e-mails, SMS and letters we sent a customer, readable in full: on the embedded default
 * (no SMTP server) this is where sent mail is read. Staff also see what is pending or failing.
 */
export function MessagesSection({ customerId, audience }: { customerId: string; audience: 'staff' | 'subscriber' }) {
  const { t } = useTranslation();
  const messages = useCustomerMessages(customerId);
  const items = messages.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="messages-heading" className="section">
      <h2 id="messages-heading">{audience === 'staff' ? t('messages.staffHeading') : t('messages.heading')}</h2>
      {messages.isPending ? (
        <Loading />
      ) : messages.isError ? (
        <ErrorAlert error={messages.error} onRetry={() => void messages.refetch()} />
      ) : items.length === 0 ? (
        <p className="empty-state">{t('messages.empty')}</p>
      ) : (
        <>
          <ul className="message-list">
            {items.map((message) => (
              <MessageItem key={message.id} message={message} audience={audience} />
            ))}
          </ul>
          <LoadMoreButton
            hasNextPage={messages.hasNextPage}
            isFetchingNextPage={messages.isFetchingNextPage}
            onLoadMore={() => void messages.fetchNextPage()}
          />
        </>
      )}
    </section>
  );
}

function MessageItem({ message, audience }: { message: CustomerMessage; audience: 'staff' | 'subscriber' }) {
  const { t, i18n } = useTranslation();
  const when = formatDateTime(message.sentAt ?? message.createdAt, i18n.language);
  return (
    <li className="message-item">
      <details>
        <summary>
          <span className="message-subject">{message.subject ?? t(`messages.channels.${message.channel}`)}</span>
          <span className="muted">
            {' '}
            · {t(`messages.channels.${message.channel}`)} · {when}
            {audience === 'staff' ? ` · ${t(`caseMessages.statuses.${message.status}`)}` : ''}
          </span>
        </summary>
        <p className="muted">
          {t('messages.to', { recipient: message.recipient })}
          {message.case ? (
            <>
              {' · '}
              <Link to={`/cases/${encodeURIComponent(message.case.id)}`}>{message.case.reference}</Link>
            </>
          ) : null}
        </p>
        {audience === 'staff' && message.status === 'failed' && message.lastError ? (
          <p className="field-error">
            {t('messages.failed', { attempts: message.attempts ?? 0, error: message.lastError })}
          </p>
        ) : null}
        <pre className="message-body">{message.body}</pre>
      </details>
    </li>
  );
}
