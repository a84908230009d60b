import { useTranslation } from 'react-i18next';
import { usePlanningQueues, usePlanningSites } from '../api/planning';
import { PlanningTabs, queueName, useLocale } from '../components/planning/PlanningParts';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { TableRegion } from '../components/TableRegion';
import { usePageTitle } from '../components/usePageTitle';

/** Planning workspace, first tab: queues with their targets, sites and vendors with what they serve. */
export function PlanningPage() {
  const { t } = useTranslation();
  usePageTitle(t('planning.title'));
  const queues = usePlanningQueues();
  const sites = usePlanningSites();
  const f = useLocale();
  const weekdays = (days: number[]) => days.map((d) => t(`planning.weekdays.${d}`)).join(' ');
  return (
    <>
      <h1>{t('planning.title')}</h1>
      <PlanningTabs />
      <h2>{t('planning.queues.title')}</h2>
      {queues.isPending ? (
        <Loading />
      ) : queues.isError ? (
        <ErrorAlert error={queues.error} onRetry={() => void queues.refetch()} />
      ) : queues.data.items.length === 0 ? (
        <p>{t('planning.queues.empty')}</p>
      ) : (
        <TableRegion caption={t('planning.queues.title')} hideCaption>
          <thead>
            <tr>
              <th scope="col">{t('planning.queues.name')}</th>
              <th scope="col">{t('planning.queues.code')}</th>
              <th scope="col">{t('planning.queues.target')}</th>
              <th scope="col">{t('planning.queues.aht')}</th>
            </tr>
          </thead>
          <tbody>
            {queues.data.items.map((q) => (
              <tr key={q.id}>
                <th scope="row">{queueName(q, f.english)}</th>
                <td>
                  <code>{q.code}</code>
                </td>
                <td>
                  {t('planning.queues.targetValue', {
                    percent: f.percent(q.serviceLevelTarget),
                    seconds: q.serviceLevelSeconds,
                  })}
                </td>
                <td>{t('planning.seconds', { count: q.ahtSeconds })}</td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
      <h2>{t('planning.sites.title')}</h2>
      {sites.isPending ? (
        <Loading />
      ) : sites.isError ? (
        <ErrorAlert error={sites.error} onRetry={() => void sites.refetch()} />
      ) : (
        <TableRegion caption={t('planning.sites.title')} hideCaption stackOnMobile>
          <thead>
            <tr>
              <th scope="col">{t('planning.sites.site')}</th>
              <th scope="col">{t('planning.sites.seats')}</th>
              <th scope="col">{t('planning.sites.cost')}</th>
              <th scope="col">{t('planning.sites.shrinkage')}</th>
              <th scope="col">{t('planning.sites.hours')}</th>
              <th scope="col">{t('planning.sites.serves')}</th>
            </tr>
          </thead>
          <tbody>
            {sites.data.items.map((s) => (
              <tr key={s.id}>
                <th scope="row" data-label={t('planning.sites.site')}>
                  {s.name}
                  {s.vendorName ? (
                    <div className="muted">{t('planning.sites.vendor', { name: s.vendorName })}</div>
                  ) : null}
                </th>
                <td data-label={t('planning.sites.seats')}>{f.number(s.seats)}</td>
                <td data-label={t('planning.sites.cost')}>
                  {s.costPerProductiveHour === null
                    ? t('planning.sites.notPlanned')
                    : `${f.number(s.costPerProductiveHour, 2)} €`}
                </td>
                <td data-label={t('planning.sites.shrinkage')}>
                  {s.shrinkage === null ? '—' : f.percent(s.shrinkage)}
                </td>
                <td data-label={t('planning.sites.hours')}>
                  {s.opensAt ? `${weekdays(s.openWeekdays)} · ${s.opensAt}–${s.closesAt}` : '—'}
                </td>
                <td data-label={t('planning.sites.serves')}>
                  <ul className="plain-list">
                    {s.queues.map((link) => {
                      const queue = queues.data?.items.find((q) => q.id === link.queueId);
                      return (
                        <li key={link.queueId}>
                          {t('planning.sites.queueSeats', { queue: queueName(queue, f.english), seats: link.seats })}
                          {link.minimumCallsPerHour > 0
                            ? ` · ${t('planning.sites.minimum', { calls: f.number(link.minimumCallsPerHour) })}`
                            : ''}
                        </li>
                      );
                    })}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
    </>
  );
}
