import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type CommunityEvent, useMyRegistrations, usePublicEvents, useRegistration } from '../api/community';
import type { User } from '../api/types';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { usePageTitle } from '../components/usePageTitle';
import { formatDateTime } from '../format/intl';
import { useCurrentUser } from '../auth/currentUser';
import { canOpen } from '../auth/roles';

function EventList({ user }: { user: User | null }) {
  const { t, i18n } = useTranslation();
  const events = usePublicEvents();
  const member = user?.role === 'subscriber';
  const mine = useMyRegistrations(member);
  const registration = useRegistration();
  const statusOf = (event: CommunityEvent) => mine.data?.items.find((item) => item.eventId === event.id)?.status;
  if (events.isPending) return <Loading />;
  if (events.isError) return <ErrorAlert error={events.error} onRetry={() => void events.refetch()} />;
  if (events.data.items.length === 0) return <p className="empty-state">{t('events.empty')}</p>;
  return (
    <>
      {registration.isError ? <ErrorAlert error={registration.error} /> : null}
      <ul className="event-list">
        {events.data.items.map((event) => {
          const status = statusOf(event);
          return (
            <li key={event.id} className="section" aria-labelledby={`event-${event.id}`}>
              <h2 id={`event-${event.id}`}>{event.title}</h2>
              <p>
                {t(`events.categories.${event.category}`)} · {formatDateTime(event.startsAt, i18n.language)}
                {event.place ? ` · ${event.place.name}` : ''}
              </p>
              {event.description ? <p>{event.description}</p> : null}
              <p data-testid={`seats-${event.id}`}>
                {event.seatsLeft > 0
                  ? t('events.seatsLeft', { count: event.seatsLeft })
                  : t('events.full', { count: event.waitlisted })}
              </p>
              {member ? (
                status ? (
                  <p>
                    <strong>{t(`events.status.${status}`)}</strong>{' '}
                    <button
                      type="button"
                      className="button-secondary"
                      onClick={() => registration.mutate({ eventId: event.id, cancel: true })}
                    >
                      {t('events.cancel')}
                    </button>
                  </p>
                ) : (
                  <button type="button" onClick={() => registration.mutate({ eventId: event.id, cancel: false })}>
                    {event.seatsLeft > 0 ? t('events.register') : t('events.joinWaitlist')}
                  </button>
                )
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** « Événements » inside the app: register, join the waiting list, cancel. */
export function EventsPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.events'));
  const user = useCurrentUser();
  return (
    <>
      <h1>{t('nav.events')}</h1>
      <p className="lead">{t('events.intro')}</p>
      {canOpen(user.role, 'shopEvents') ? (
        <p>
          <Link to="/shop/events">{t('community.events.staffLink')}</Link>
        </p>
      ) : null}
      <EventList user={user} />
    </>
  );
}

/** The public page (no login): upcoming events of the community. */
export function PublicEventsPage() {
  const { t } = useTranslation();
  usePageTitle(t('events.publicTitle'));
  return (
    <main className="page">
      <h1>{t('events.publicTitle')}</h1>
      <p className="lead">{t('events.intro')}</p>
      <EventList user={null} />
      <p>
        <a href="/login">{t('events.loginToRegister')}</a>
      </p>
    </main>
  );
}
