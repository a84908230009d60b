import { useTranslation } from 'react-i18next';
import { describeError } from '../api/errorMessage';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="status-message" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

interface ErrorAlertProps {
  error: unknown;
  onRetry?: () => void;
  /** Replaces the status-based summary (e.g. "wrong password" on the login form). */
  summary?: string;
  /** Hide the server's detail (when the summary already says it, in the user's language). */
  hideDetail?: boolean;
  /** Field errors that have no visible field to sit beside. */
  extraMessages?: string[];
}

/** Error banner announced by screen readers; shows the server's `detail` when there is one. */
export function ErrorAlert({ error, onRetry, summary, hideDetail = false, extraMessages = [] }: ErrorAlertProps) {
  const { t } = useTranslation();
  const description = describeError(error, t);
  const headline = summary ?? description.summary;
  return (
    <div className="alert alert-error" role="alert" aria-live="assertive">
      <p className="alert-summary">{headline}</p>
      {description.detail && !hideDetail && description.detail !== headline ? <p>{description.detail}</p> : null}
      {extraMessages.length > 0 ? (
        <ul>
          {extraMessages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
      {onRetry ? (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

interface LoadMoreProps {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  onLoadMore: () => void;
}

export function LoadMoreButton({ hasNextPage, isFetchingNextPage, onLoadMore }: LoadMoreProps) {
  const { t } = useTranslation();
  if (!hasNextPage) return null;
  return (
    <div className="load-more">
      <button
        type="button"
        className="button button-secondary"
        onClick={onLoadMore}
        disabled={isFetchingNextPage}
        aria-busy={isFetchingNextPage}
      >
        {t('common.loadMore')}
      </button>
      {isFetchingNextPage ? (
        <span role="status" className="muted">
          {t('common.loadingMore')}
        </span>
      ) : null}
    </div>
  );
}
