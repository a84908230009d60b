import { parisToday } from '../format/parisTime';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomer } from '../api/customers';
import {
  type AppointmentPurpose,
  useBookAppointment,
  useCancelAppointment,
  useMyAppointments,
  useShops,
  useSlots,
} from '../api/shops';
import { useCurrentUser } from '../auth/currentUser';
import { MyLoans } from '../components/MyLoans';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { usePageTitle } from '../components/usePageTitle';
import { formatDateTime } from '../format/intl';

const purposes: AppointmentPurpose[] = ['device_swap', 'subscription', 'help'];

/** Today's date in Paris, 'YYYY-MM-DD'. */

function timeOf(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language.startsWith('en') ? 'en-GB' : 'fr-FR', {
    timeZone: 'Europe/Paris',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** « Rendez-vous »: the subscriber books a visit at a shop in a free slot and sees their bookings. */
export function ShopAppointmentsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('nav.appointments'));
  const user = useCurrentUser();
  const shops = useShops();
  const customer = useCustomer(user.customerId);
  const mine = useMyAppointments();
  const book = useBookAppointment();
  const cancel = useCancelAppointment();
  const [shopCode, setShopCode] = useState<string | null>(null);
  const [date, setDate] = useState(parisToday());
  const [purpose, setPurpose] = useState<AppointmentPurpose>('device_swap');
  const [subscriptionId, setSubscriptionId] = useState('');
  const [startsAt, setStartsAt] = useState<string | null>(null);
  const shop = shopCode ?? shops.data?.items[0]?.code ?? null;
  const slots = useSlots(shop, date);
  const boxes = (customer.data?.subscriptions ?? []).filter(
    (line) => line.kind === 'fixed_box' && line.status === 'active',
  );
  const upcoming = (mine.data?.items ?? []).filter((item) => item.status === 'booked');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!shop || !startsAt) return;
    book.mutate(
      {
        shopCode: shop,
        startsAt,
        purpose,
        ...(purpose === 'device_swap' && (subscriptionId || boxes[0])
          ? { subscriptionId: subscriptionId || boxes[0]?.id }
          : {}),
      },
      { onSuccess: () => setStartsAt(null) },
    );
  };

  return (
    <>
      <h1>{t('nav.appointments')}</h1>
      <p className="lead">{t('shop.intro')}</p>
      <section aria-labelledby="my-appointments-heading" className="section">
        <h2 id="my-appointments-heading">{t('shop.mine')}</h2>
        {mine.isPending ? (
          <Loading />
        ) : mine.isError ? (
          <ErrorAlert error={mine.error} onRetry={() => void mine.refetch()} />
        ) : upcoming.length === 0 ? (
          <p className="empty-state">{t('shop.noAppointments')}</p>
        ) : (
          <ul data-testid="my-appointments">
            {upcoming.map((item) => (
              <li key={item.id}>
                {formatDateTime(item.startsAt, i18n.language)} — {item.shop.name} — {t(`shop.purposes.${item.purpose}`)}{' '}
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => cancel.mutate(item.id)}
                  disabled={cancel.isPending}
                >
                  {t('shop.cancel')}
                </button>
              </li>
            ))}
          </ul>
        )}
        {cancel.isError ? <ErrorAlert error={cancel.error} /> : null}
      </section>
      <MyLoans />
      <section aria-labelledby="book-heading" className="section">
        <h2 id="book-heading">{t('shop.book')}</h2>
        {shops.isError ? <ErrorAlert error={shops.error} onRetry={() => void shops.refetch()} /> : null}
        <form onSubmit={submit}>
          <div className="field">
            <label htmlFor="shop-code">{t('shop.shop')}</label>
            <select id="shop-code" value={shop ?? ''} onChange={(event) => setShopCode(event.target.value)}>
              {(shops.data?.items ?? []).map((item) => (
                <option key={item.code} value={item.code}>
                  {item.name} — {item.address}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="shop-purpose">{t('shop.purpose')}</label>
            <select
              id="shop-purpose"
              value={purpose}
              onChange={(event) => setPurpose(event.target.value as AppointmentPurpose)}
            >
              {purposes.map((value) => (
                <option key={value} value={value}>
                  {t(`shop.purposes.${value}`)}
                </option>
              ))}
            </select>
          </div>
          {purpose === 'device_swap' && boxes.length > 0 ? (
            <div className="field">
              <label htmlFor="shop-line">{t('shop.line')}</label>
              <select
                id="shop-line"
                value={subscriptionId || boxes[0]?.id}
                onChange={(event) => setSubscriptionId(event.target.value)}
              >
                {boxes.map((line) => (
                  <option key={line.id} value={line.id}>
                    {line.reference} — {line.plan}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="shop-date">{t('shop.date')}</label>
            <input
              id="shop-date"
              type="date"
              value={date}
              onChange={(event) => {
                setDate(event.target.value);
                setStartsAt(null);
              }}
            />
          </div>
          <fieldset className="field">
            <legend>{t('shop.slots')}</legend>
            {slots.isPending && shop ? (
              <Loading />
            ) : slots.isError ? (
              <ErrorAlert error={slots.error} />
            ) : (slots.data?.items ?? []).length === 0 ? (
              <p className="empty-state">{t('shop.closed')}</p>
            ) : (
              <div className="slot-grid">
                {(slots.data?.items ?? []).map((slot) => (
                  <label key={slot.startsAt} className={slot.free ? 'slot' : 'slot slot-taken'}>
                    <input
                      type="radio"
                      name="slot"
                      value={slot.startsAt}
                      disabled={!slot.free}
                      checked={startsAt === slot.startsAt}
                      onChange={() => setStartsAt(slot.startsAt)}
                    />
                    {timeOf(slot.startsAt, i18n.language)}
                    {slot.free ? '' : ` (${t('shop.taken')})`}
                  </label>
                ))}
              </div>
            )}
          </fieldset>
          {book.isError ? <ErrorAlert error={book.error} /> : null}
          {book.isSuccess ? (
            <p className="alert alert-success" role="status">
              {t('shop.booked', { when: formatDateTime(book.data.startsAt, i18n.language) })}
            </p>
          ) : null}
          <button type="submit" disabled={!startsAt || book.isPending}>
            {t('shop.confirm')}
          </button>
        </form>
      </section>
    </>
  );
}
