import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Idea, type IdeaStatus, useIdeas, useProposeIdea, useSetIdeaStatus, useVote } from '../api/community';
import { useCurrentUser } from '../auth/currentUser';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { usePageTitle } from '../components/usePageTitle';

const nextStatuses: Array<Exclude<IdeaStatus, 'proposed'>> = ['under_study', 'planned', 'released', 'declined'];

function StatusForm({ idea }: { idea: Idea }) {
  const { t } = useTranslation();
  const setStatus = useSetIdeaStatus();
  const [status, setValue] = useState<Exclude<IdeaStatus, 'proposed'>>('under_study');
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStatus.mutate({ ideaId: idea.id, status, ...(reason ? { reason } : {}) });
  };
  return (
    <form onSubmit={submit} aria-label={t('ideas.setStatusFor', { title: idea.title })}>
      <div className="field">
        <label htmlFor={`status-${idea.id}`}>{t('ideas.newStatus')}</label>
        <select
          id={`status-${idea.id}`}
          value={status}
          onChange={(event) => setValue(event.target.value as typeof status)}
        >
          {nextStatuses.map((value) => (
            <option key={value} value={value}>
              {t(`ideas.statuses.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`reason-${idea.id}`}>{t('ideas.reason')}</label>
        <input id={`reason-${idea.id}`} value={reason} onChange={(event) => setReason(event.target.value)} />
      </div>
      {setStatus.isError ? <ErrorAlert error={setStatus.error} /> : null}
      <button type="submit" disabled={setStatus.isPending}>
        {t('ideas.saveStatus')}
      </button>
    </form>
  );
}

/** « Boîte à idées »: members propose and vote; community staff give each idea a status. */
export function IdeasPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.ideas'));
  const user = useCurrentUser();
  const member = user.role === 'subscriber';
  const [sort, setSort] = useState<'votes' | 'newest'>('votes');
  const ideas = useIdeas(sort);
  const propose = useProposeIdea();
  const vote = useVote();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    propose.mutate(
      { title, body },
      {
        onSuccess: () => {
          setTitle('');
          setBody('');
        },
      },
    );
  };
  return (
    <>
      <h1>{t('nav.ideas')}</h1>
      <p className="lead">{t('ideas.intro')}</p>
      {member ? (
        <section aria-labelledby="propose-heading" className="section">
          <h2 id="propose-heading">{t('ideas.propose')}</h2>
          <form onSubmit={submit}>
            <div className="field">
              <label htmlFor="idea-title">{t('ideas.title')}</label>
              <input
                id="idea-title"
                value={title}
                onChange={(event) => setTitle(event.target.value)}
                required
                minLength={3}
                maxLength={200}
              />
            </div>
            <div className="field">
              <label htmlFor="idea-body">{t('ideas.body')}</label>
              <textarea
                id="idea-body"
                value={body}
                onChange={(event) => setBody(event.target.value)}
                required
                maxLength={4000}
              />
            </div>
            {propose.isError ? <ErrorAlert error={propose.error} /> : null}
            <button type="submit" disabled={propose.isPending}>
              {t('ideas.submit')}
            </button>
          </form>
        </section>
      ) : null}
      <div className="field">
        <label htmlFor="idea-sort">{t('ideas.sort')}</label>
        <select id="idea-sort" value={sort} onChange={(event) => setSort(event.target.value as 'votes' | 'newest')}>
          <option value="votes">{t('ideas.byVotes')}</option>
          <option value="newest">{t('ideas.newest')}</option>
        </select>
      </div>
      {vote.isError ? <ErrorAlert error={vote.error} /> : null}
      {ideas.isPending ? (
        <Loading />
      ) : ideas.isError ? (
        <ErrorAlert error={ideas.error} onRetry={() => void ideas.refetch()} />
      ) : ideas.data.items.length === 0 ? (
        <p className="empty-state">{t('ideas.empty')}</p>
      ) : (
        <ul className="idea-list">
          {ideas.data.items.map((idea) => (
            <li key={idea.id} className="section">
              <h2>
                <Link to={`/ideas/${idea.id}`}>{idea.title}</Link>
              </h2>
              <p>
                <strong>{t(`ideas.statuses.${idea.status}`)}</strong>
                {idea.statusReason ? ` — ${idea.statusReason}` : ''} · {idea.author.name} ·{' '}
                {t('ideas.votes', { count: idea.voteCount })}
              </p>
              <p>{idea.body}</p>
              <p>
                <Link
                  to={`/ideas/${idea.id}`}
                  aria-label={t('community.ideaDetail.commentsOn', { count: idea.commentCount, title: idea.title })}
                >
                  {t('community.ideaDetail.comments', { count: idea.commentCount })}
                </Link>
              </p>
              {member ? (
                <button
                  type="button"
                  aria-pressed={idea.votedByYou}
                  onClick={() => vote.mutate({ ideaId: idea.id, on: !idea.votedByYou })}
                >
                  {idea.votedByYou ? t('ideas.unvote') : t('ideas.vote')}
                </button>
              ) : null}
              {!member && ['shop_staff', 'admin'].includes(user.role) ? <StatusForm idea={idea} /> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
