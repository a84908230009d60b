import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { newIdempotencyKey } from '../api/idempotencyKey';
import { type Appointment, type SwapResult, useAgenda, useSetOutcome, useSwap } from '../api/shops';
import { useCurrentUser } from '../auth/currentUser';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { usePageTitle } from '../components/usePageTitle';
import { parisToday } from '../format/parisTime';

function timeOf(iso: string): string {
  return new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );
}

/** The box swap at the counter: scan the faulty box and the replacement; one key per attempt. */
function SwapForm({
  shopCode,
  appointment,
  onDone,
}: {
  shopCode: string;
  appointment: Appointment;
  onDone: (result: SwapResult) => void;
}) {
  const { t } = useTranslation();
  const swap = useSwap(shopCode, onDone);
  const [key] = useState(newIdempotencyKey);
  const [faulty, setFaulty] = useState(appointment.subscription?.device?.serial ?? '');
  const [replacement, setReplacement] = useState('');
  const [fault, setFault] = useState(appointment.note ?? '');
  const id = appointment.id;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    swap.mutate({ key, faultySerial: faulty, replacementSerial: replacement, fault, appointmentId: id });
  };
  return (
    <form onSubmit={submit} aria-label={t('shop.swapFor', { name: appointment.customer.name })}>
      <div className="field">
        <label htmlFor={`faulty-${id}`}>{t('shop.faultySerial')}</label>
        <input id={`faulty-${id}`} value={faulty} onChange={(event) => setFaulty(event.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor={`replacement-${id}`}>{t('shop.replacementSerial')}</label>
        <input
          id={`replacement-${id}`}
          value={replacement}
          onChange={(event) => setReplacement(event.target.value)}
          required
        />
      </div>
      <div className="field">
        <label htmlFor={`fault-${id}`}>{t('shop.fault')}</label>
        <input id={`fault-${id}`} value={fault} onChange={(event) => setFault(event.target.value)} required />
      </div>
      {swap.isError ? <ErrorAlert error={swap.error} /> : null}
      <button type="submit" disabled={swap.isPending}>
        {t('shop.swap')}
      </button>
    </form>
  );
}

/** « Agenda du jour »: the shop's visits of a day, with the box swap at the counter. */
export function ShopAgendaPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.shopAgenda'));
  const user = useCurrentUser();
  const shopCode = user.site?.kind === 'shop' ? user.site.code : 'NCY';
  const [date, setDate] = useState(parisToday());
  const agenda = useAgenda(shopCode, date);
  const outcome = useSetOutcome(shopCode);
  // The swap marks the visit done, which removes its form: the confirmation lives here.
  const [lastSwap, setLastSwap] = useState<SwapResult | null>(null);
  return (
    <>
      <h1>{t('nav.shopAgenda')}</h1>
      <div className="field">
        <label htmlFor="agenda-date">{t('shop.date')}</label>
        <input id="agenda-date" type="date" value={date} onChange={(event) => setDate(event.target.value)} />
      </div>
      {lastSwap ? (
        <p className="alert alert-success" role="status">
          {t('shop.swapDone', { serial: lastSwap.replacement.serial })}{' '}
          <Link to={`/cases/${lastSwap.case.id}`}>{lastSwap.case.reference}</Link>
        </p>
      ) : null}
      {agenda.isPending ? (
        <Loading />
      ) : agenda.isError ? (
        <ErrorAlert error={agenda.error} onRetry={() => void agenda.refetch()} />
      ) : agenda.data.items.length === 0 ? (
        <p className="empty-state">{t('shop.emptyAgenda')}</p>
      ) : (
        <ol className="agenda" data-testid="agenda">
          {agenda.data.items.map((item) => (
            <li key={item.id} className="section">
              <h2>
                {timeOf(item.startsAt)} — {item.customer.name} ({item.customer.reference})
              </h2>
              <p>
                {t(`shop.purposes.${item.purpose}`)} · {t(`shop.statuses.${item.status}`)}
                {item.subscription?.device
                  ? ` · ${item.subscription.device.model} n° ${item.subscription.device.serial}`
                  : ''}
              </p>
              {item.note ? <p>{item.note}</p> : null}
              {item.status === 'booked' && item.purpose === 'device_swap' ? (
                <SwapForm shopCode={shopCode} appointment={item} onDone={setLastSwap} />
              ) : null}
              {item.status === 'booked' ? (
                <p>
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={() => outcome.mutate({ id: item.id, status: 'done' })}
                  >
                    {t('shop.markDone')}
                  </button>{' '}
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={() => outcome.mutate({ id: item.id, status: 'no_show' })}
                  >
                    {t('shop.markNoShow')}
                  </button>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {outcome.isError ? <ErrorAlert error={outcome.error} /> : null}
    </>
  );
}
