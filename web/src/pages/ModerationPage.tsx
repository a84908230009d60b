import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type AbuseReport, useAbuseReports, useDismissReport, useHideContent } from '../api/community';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { usePageTitle } from '../components/usePageTitle';
import { formatDateTime } from '../format/intl';

function ReportCard({ report }: { report: AbuseReport }) {
  const { t, i18n } = useTranslation();
  const hide = useHideContent();
  const dismiss = useDismissReport();
  // Hiding an idea keeps a reason on record; the member's reason is a fair default.
  const [reason, setReason] = useState(report.reason);
  const onComment = report.comment !== null;
  const headingId = `report-${report.id}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    hide.mutate({ ideaId: report.idea.id, commentId: report.comment?.id, reason });
  };
  return (
    <li className="section" aria-labelledby={headingId} data-testid={`report-${report.id}`}>
      <h2 id={headingId}>
        {onComment ? t('community.moderation.commentOn', { title: report.idea.title }) : report.idea.title}
      </h2>
      <p className="muted">
        {t('community.moderation.reportedAt', { at: formatDateTime(report.reportedAt, i18n.language) })} ·{' '}
        <Link to={`/ideas/${report.idea.id}`}>{t('community.moderation.openIdea')}</Link>
      </p>
      <figure>
        <figcaption>
          {onComment ? t('community.moderation.reportedComment') : t('community.moderation.reportedIdea')}
        </figcaption>
        <blockquote>{report.comment ? report.comment.body : report.idea.body}</blockquote>
      </figure>
      <p>
        <strong>{t('community.moderation.reason')}</strong> {report.reason}
      </p>
      <form onSubmit={submit} aria-label={t('community.moderation.actionsFor', { title: report.idea.title })}>
        {onComment ? null : (
          <div className="field">
            <label htmlFor={`hide-reason-${report.id}`}>{t('community.moderation.hideReason')}</label>
            <input
              id={`hide-reason-${report.id}`}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              required
              maxLength={1000}
            />
          </div>
        )}
        {hide.isError ? <ErrorAlert error={hide.error} /> : null}
        {dismiss.isError ? <ErrorAlert error={dismiss.error} /> : null}
        <div className="button-row">
          <button className="button button-primary" type="submit" disabled={hide.isPending || dismiss.isPending}>
            {onComment ? t('community.moderation.hideComment') : t('community.moderation.hideIdea')}
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={hide.isPending || dismiss.isPending}
            onClick={() => dismiss.mutate(report.id)}
          >
            {t('community.moderation.dismiss')}
          </button>
        </div>
      </form>
    </li>
  );
}

/** « Modération »: open abuse reports, oldest first; hide the content or dismiss the report. */
export function ModerationPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.moderation'));
  const reports = useAbuseReports();
  return (
    <>
      <h1>{t('nav.moderation')}</h1>
      <p className="lead">{t('community.moderation.intro')}</p>
      {reports.isPending ? (
        <Loading />
      ) : reports.isError ? (
        <ErrorAlert error={reports.error} onRetry={() => void reports.refetch()} />
      ) : reports.data.items.length === 0 ? (
        <p className="empty-state">{t('community.moderation.empty')}</p>
      ) : (
        <ol className="report-list" data-testid="reports">
          {reports.data.items.map((report) => (
            <ReportCard key={report.id} report={report} />
          ))}
        </ol>
      )}
    </>
  );
}
