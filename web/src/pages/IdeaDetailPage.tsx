import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAddComment, useHideContent, useIdea, useReportAbuse } from '../api/community';
import { useCurrentUser } from '../auth/currentUser';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { usePageTitle } from '../components/usePageTitle';
import { formatDateTime } from '../format/intl';

const participants = ['subscriber', 'shop_staff', 'admin'];
const moderators = ['shop_staff', 'admin'];

/** « Signaler »: a button that opens a short form asking what is wrong. */
function ReportButton({ ideaId, commentId, label }: { ideaId: string; commentId?: string; label: string }) {
  const { t } = useTranslation();
  const report = useReportAbuse(ideaId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const fieldId = `report-reason-${commentId ?? ideaId}`;
  if (report.isSuccess) {
    return (
      <p className="alert alert-success" role="status">
        {t('community.ideaDetail.reported')}
      </p>
    );
  }
  if (!open) {
    return (
      <button type="button" className="button button-secondary" aria-label={label} onClick={() => setOpen(true)}>
        {t('community.ideaDetail.report')}
      </button>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    report.mutate({ commentId, reason });
  };
  return (
    <form onSubmit={submit} aria-label={label}>
      <div className="field">
        <label htmlFor={fieldId}>{t('community.ideaDetail.reportReason')}</label>
        <input
          id={fieldId}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          required
          maxLength={1000}
        />
      </div>
      {report.isError ? <ErrorAlert error={report.error} /> : null}
      <div className="button-row">
        <button className="button button-primary" type="submit" disabled={report.isPending}>
          {t('community.ideaDetail.sendReport')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
          {t('community.ideaDetail.cancelReport')}
        </button>
      </div>
    </form>
  );
}

/** One idea with its comments: members comment and report abuse; staff see what is hidden. */
export function IdeaDetailPage() {
  const { t, i18n } = useTranslation();
  const { ideaId = '' } = useParams();
  const user = useCurrentUser();
  const idea = useIdea(ideaId);
  const addComment = useAddComment(ideaId);
  const hide = useHideContent();
  const [comment, setComment] = useState('');
  usePageTitle(idea.data?.title ?? t('nav.ideas'));
  const member = user.role === 'subscriber';
  const canComment = participants.includes(user.role);
  const moderator = moderators.includes(user.role);

  if (idea.isPending) return <Loading />;
  if (idea.isError) {
    return (
      <>
        <p>
          <Link to="/ideas">{t('community.ideaDetail.back')}</Link>
        </p>
        <ErrorAlert error={idea.error} onRetry={() => void idea.refetch()} />
      </>
    );
  }
  const data = idea.data;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    addComment.mutate(comment, { onSuccess: () => setComment('') });
  };
  return (
    <>
      <p>
        <Link to="/ideas">{t('community.ideaDetail.back')}</Link>
      </p>
      <h1>{data.title}</h1>
      <p>
        <strong>{t(`ideas.statuses.${data.status}`)}</strong>
        {data.statusReason ? ` — ${data.statusReason}` : ''} · {data.author.name} ·{' '}
        {t('ideas.votes', { count: data.voteCount })}
        {data.hidden ? ` · ${t('community.ideaDetail.hidden')}` : ''}
      </p>
      <p>{data.body}</p>
      {member && !data.author.isYou ? (
        <ReportButton ideaId={data.id} label={t('community.ideaDetail.reportIdea', { title: data.title })} />
      ) : null}

      <section aria-labelledby="comments-heading" className="section">
        <h2 id="comments-heading">{t('community.ideaDetail.comments', { count: data.comments.length })}</h2>
        {hide.isError ? <ErrorAlert error={hide.error} /> : null}
        {data.comments.length === 0 ? (
          <p className="empty-state">{t('community.ideaDetail.noComments')}</p>
        ) : (
          <ol className="comment-list" data-testid="comments">
            {data.comments.map((entry) => (
              <li key={entry.id} className="section">
                <p className="muted">
                  {entry.author.name}
                  {entry.author.staff ? ` · ${t('community.ideaDetail.staff')}` : ''} ·{' '}
                  {formatDateTime(entry.createdAt, i18n.language)}
                  {entry.hidden ? ` · ${t('community.ideaDetail.hidden')}` : ''}
                </p>
                <p>{entry.body}</p>
                {member ? (
                  <ReportButton
                    ideaId={data.id}
                    commentId={entry.id}
                    label={t('community.ideaDetail.reportComment', { author: entry.author.name })}
                  />
                ) : null}
                {moderator && !entry.hidden ? (
                  <button
                    type="button"
                    className="button button-secondary"
                    disabled={hide.isPending}
                    onClick={() => hide.mutate({ ideaId: data.id, commentId: entry.id, reason: '' })}
                  >
                    {t('community.moderation.hideComment')}
                  </button>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        {canComment ? (
          <form onSubmit={submit}>
            <div className="field">
              <label htmlFor="new-comment">{t('community.ideaDetail.yourComment')}</label>
              <textarea
                id="new-comment"
                value={comment}
                onChange={(event) => setComment(event.target.value)}
                required
                maxLength={2000}
              />
            </div>
            {addComment.isError ? <ErrorAlert error={addComment.error} /> : null}
            <button className="button button-primary" type="submit" disabled={addComment.isPending}>
              {t('community.ideaDetail.addComment')}
            </button>
          </form>
        ) : null}
      </section>
    </>
  );
}
