import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  type CommunityEvent,
  type DoorEntry,
  type EventCategory,
  useCheckIn,
  useCreateEvent,
  useDoorList,
  usePublicEvents,
} from '../api/community';
import { ApiError } from '../api/client';
import { fieldErrorsByName } from '../api/errorMessage';
import { useShops } from '../api/shops';
import { useCurrentUser } from '../auth/currentUser';
import { SelectField, TextField } from '../components/FormField';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { usePageTitle } from '../components/usePageTitle';
import { formatDateTime } from '../format/intl';
import { parisLocalToIso } from '../format/parisTime';

const categories: EventCategory[] = ['cultural', 'scientific', 'leisure', 'technical'];
const ONLINE = '';

/** The creation form: times are typed in Paris time and sent with their zone. */
function NewEventForm({ onCreated }: { onCreated: (event: CommunityEvent) => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const shops = useShops();
  const create = useCreateEvent();
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState<EventCategory>('cultural');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [capacity, setCapacity] = useState('20');
  const [shopCode, setShopCode] = useState(user.site?.kind === 'shop' ? user.site.code : ONLINE);
  const [description, setDescription] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const serverErrors =
    create.error instanceof ApiError
      ? fieldErrorsByName(create.error.problem?.errors ?? [])
      : ({} as Record<string, string>);
  const errors = { ...serverErrors, ...localErrors };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const start = parisLocalToIso(startsAt);
    const end = parisLocalToIso(endsAt);
    const problems: Record<string, string> = {};
    if (!start) problems.startsAt = t('community.events.dateRequired');
    if (!end) problems.endsAt = t('community.events.dateRequired');
    else if (start && end <= start) problems.endsAt = t('community.events.endBeforeStart');
    setLocalErrors(problems);
    if (!start || !end || Object.keys(problems).length > 0) return;
    create.mutate(
      {
        title,
        category,
        startsAt: start,
        endsAt: end,
        capacity: Number(capacity),
        ...(shopCode ? { shopCode } : {}),
        ...(description.trim() ? { description } : {}),
      },
      {
        onSuccess: (created) => {
          setTitle('');
          setStartsAt('');
          setEndsAt('');
          setDescription('');
          onCreated(created);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} aria-labelledby="new-event-heading" noValidate>
      <TextField
        id="event-title"
        label={t('community.events.title')}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        required
        maxLength={200}
        error={errors.title}
      />
      <SelectField
        id="event-category"
        label={t('community.events.category')}
        value={category}
        onChange={(event) => setCategory(event.target.value as EventCategory)}
        error={errors.category}
      >
        {categories.map((value) => (
          <option key={value} value={value}>
            {t(`events.categories.${value}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        id="event-starts"
        type="datetime-local"
        label={t('community.events.startsAt')}
        value={startsAt}
        onChange={(event) => setStartsAt(event.target.value)}
        required
        error={errors.startsAt}
      />
      <TextField
        id="event-ends"
        type="datetime-local"
        label={t('community.events.endsAt')}
        value={endsAt}
        onChange={(event) => setEndsAt(event.target.value)}
        required
        error={errors.endsAt}
      />
      <TextField
        id="event-capacity"
        type="number"
        min={1}
        max={10000}
        step={1}
        label={t('community.events.capacity')}
        value={capacity}
        onChange={(event) => setCapacity(event.target.value)}
        required
        error={errors.capacity}
      />
      <SelectField
        id="event-place"
        label={t('community.events.place')}
        value={shopCode}
        onChange={(event) => setShopCode(event.target.value)}
        error={errors.shopCode}
      >
        <option value={ONLINE}>{t('community.events.online')}</option>
        {(shops.data?.items ?? []).map((shop) => (
          <option key={shop.code} value={shop.code}>
            {shop.name} ({shop.code})
          </option>
        ))}
        {shopCode && !shops.data?.items.some((shop) => shop.code === shopCode) ? (
          <option value={shopCode}>{user.site?.name ?? shopCode}</option>
        ) : null}
      </SelectField>
      <div className={errors.description ? 'field field-invalid' : 'field'}>
        <label htmlFor="event-description">{t('community.events.description')}</label>
        <textarea
          id="event-description"
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          maxLength={4000}
        />
        {errors.description ? <p className="field-error">{errors.description}</p> : null}
      </div>
      {create.isError ? <ErrorAlert error={create.error} /> : null}
      <button className="button button-primary" type="submit" disabled={create.isPending}>
        {t('community.events.create')}
      </button>
    </form>
  );
}

/** « Événements (équipe) »: create events and open the door list of each. */
export function ShopEventsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('community.events.staffTitle'));
  const events = usePublicEvents();
  const [created, setCreated] = useState<CommunityEvent | null>(null);
  return (
    <>
      <h1>{t('community.events.staffTitle')}</h1>
      <p className="lead">{t('community.events.staffIntro')}</p>
      <p>
        <Link to="/events">{t('community.events.backToEvents')}</Link>
      </p>
      <section aria-labelledby="new-event-heading" className="section">
        <h2 id="new-event-heading">{t('community.events.newEvent')}</h2>
        {created ? (
          <p className="alert alert-success" role="status">
            {t('community.events.created', { title: created.title })}{' '}
            <Link to={`/shop/events/${created.id}`}>{t('community.events.openDoorList')}</Link>
          </p>
        ) : null}
        <NewEventForm onCreated={setCreated} />
      </section>
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{t('community.events.upcoming')}</h2>
        {events.isPending ? (
          <Loading />
        ) : events.isError ? (
          <ErrorAlert error={events.error} onRetry={() => void events.refetch()} />
        ) : events.data.items.length === 0 ? (
          <p className="empty-state">{t('events.empty')}</p>
        ) : (
          <ul className="event-list" data-testid="staff-events">
            {events.data.items.map((event) => (
              <li key={event.id} className="section">
                <h3>{event.title}</h3>
                <p>
                  {t(`events.categories.${event.category}`)} · {formatDateTime(event.startsAt, i18n.language)}
                  {event.place ? ` · ${event.place.name}` : ` · ${t('community.events.online')}`}
                </p>
                <p>
                  {t('community.events.seatsTaken', {
                    taken: event.capacity - event.seatsLeft,
                    capacity: event.capacity,
                  })}{' '}
                  · {t('community.events.waiting', { count: event.waitlisted })}
                </p>
                <Link
                  to={`/shop/events/${event.id}`}
                  aria-label={t('community.events.doorListOf', { title: event.title })}
                >
                  {t('community.events.openDoorList')}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function DoorRow({ entry, onCheckIn, busy }: { entry: DoorEntry; onCheckIn: () => void; busy: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <li>
      <span>
        {entry.customer.name} ({entry.customer.reference})
      </span>{' '}
      {entry.checkedInAt ? (
        <strong>{t('community.events.checkedInAt', { at: formatDateTime(entry.checkedInAt, i18n.language) })}</strong>
      ) : (
        <button
          className="button button-primary"
          type="button"
          onClick={onCheckIn}
          disabled={busy}
          aria-label={t('community.events.checkInName', { name: entry.customer.name })}
        >
          {t('community.events.checkIn')}
        </button>
      )}
    </li>
  );
}

/** The door list of one event: seats in order of registration, the waiting list, check-in. */
export function EventDoorPage() {
  const { t, i18n } = useTranslation();
  const { eventId = '' } = useParams();
  const door = useDoorList(eventId);
  const checkIn = useCheckIn(eventId);
  usePageTitle(door.data ? door.data.event.title : t('community.events.doorList'));
  if (door.isPending) return <Loading />;
  if (door.isError) return <ErrorAlert error={door.error} onRetry={() => void door.refetch()} />;
  const { event, registered, waitingList } = door.data;
  const checkedIn = registered.filter((entry) => entry.checkedInAt).length;
  return (
    <>
      <p>
        <Link to="/shop/events">{t('community.events.backToStaff')}</Link>
      </p>
      <h1>{event.title}</h1>
      <p className="lead">
        {t('community.events.doorList')} · {formatDateTime(event.startsAt, i18n.language)}
        {event.place ? ` · ${event.place.name}` : ` · ${t('community.events.online')}`}
        {event.cancelled ? ` · ${t('community.events.cancelled')}` : ''}
      </p>
      <p data-testid="door-counts" role="status">
        {t('community.events.doorCounts', {
          checkedIn,
          registered: registered.length,
          capacity: event.capacity,
        })}
      </p>
      {checkIn.isError ? <ErrorAlert error={checkIn.error} /> : null}
      <section aria-labelledby="registered-heading" className="section">
        <h2 id="registered-heading">{t('community.events.registeredHeading', { count: registered.length })}</h2>
        {registered.length === 0 ? (
          <p className="empty-state">{t('community.events.nobodyRegistered')}</p>
        ) : (
          <ol data-testid="door-registered">
            {registered.map((entry) => (
              <DoorRow
                key={entry.id}
                entry={entry}
                busy={checkIn.isPending && checkIn.variables === entry.customer.id}
                onCheckIn={() => checkIn.mutate(entry.customer.id)}
              />
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="waiting-heading" className="section">
        <h2 id="waiting-heading">{t('community.events.waitingHeading', { count: waitingList.length })}</h2>
        {waitingList.length === 0 ? (
          <p className="empty-state">{t('community.events.nobodyWaiting')}</p>
        ) : (
          <ol data-testid="door-waiting">
            {waitingList.map((entry) => (
              <li key={entry.id}>
                {entry.customer.name} ({entry.customer.reference}) —{' '}
                {t('community.events.waitingSince', { at: formatDateTime(entry.queuedAt, i18n.language) })}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
