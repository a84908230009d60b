import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PlanningQueue, type PlanningSite, usePlanningQueues, usePlanningSites } from '../api/planning';
import { useCurrentUser } from '../auth/currentUser';
import { PlanningTabs, queueName, useLocale } from '../components/planning/PlanningParts';
import { QueueSettingsForm } from '../components/planning/QueueSettingsForm';
import { SiteSettingsForm } from '../components/planning/SiteSettingsForm';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { TableRegion } from '../components/TableRegion';
import { usePageTitle } from '../components/usePageTitle';

type Editing = { kind: 'queue'; code: string } | { kind: 'site'; code: string } | null;

/**
 * Queue and site settings: planners change queue targets and handle times, and each site's seats, hours,
 * cost, shrinkage and queues served; directors read them. Scenarios use them at their next computation.
 */
export function PlanningSettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('planningSettings.title'));
  const user = useCurrentUser();
  // Mirrors planning:write: planners of the operator; staff of a vendor site never write.
  const canWrite = user.role === 'planner' && user.site?.kind !== 'vendor';
  const queues = usePlanningQueues();
  const sites = usePlanningSites();
  const f = useLocale();
  const [editing, setEditing] = useState<Editing>(null);
  const [confirmation, setConfirmation] = useState<string | null>(null);
  const weekdays = (days: number[]) => days.map((d) => t(`planning.weekdays.${d}`)).join(' ');

  const open = (next: Editing) => {
    setConfirmation(null);
    setEditing(next);
  };
  const onQueueSaved = (queue: PlanningQueue) => {
    setEditing(null);
    setConfirmation(t('planningSettings.queueSaved', { name: queueName(queue, f.english) }));
  };
  const onSiteSaved = (site: PlanningSite) => {
    setEditing(null);
    setConfirmation(t('planningSettings.siteSaved', { name: site.name }));
  };
  const reloadQueue = async (code: string) => (await queues.refetch()).data?.items.find((q) => q.code === code);
  const reloadSite = async (code: string) => (await sites.refetch()).data?.items.find((s) => s.code === code);

  const editedQueue = editing?.kind === 'queue' ? queues.data?.items.find((q) => q.code === editing.code) : undefined;
  const editedSite = editing?.kind === 'site' ? sites.data?.items.find((s) => s.code === editing.code) : undefined;

  return (
    <>
      <h1>{t('planningSettings.title')}</h1>
      <PlanningTabs />
      <p>{t('planningSettings.intro')}</p>
      {canWrite ? null : <p className="muted">{t('planningSettings.readOnly')}</p>}
      {confirmation ? (
        <p className="alert alert-success" role="status">
          {confirmation}
        </p>
      ) : null}

      <h2>{t('planningSettings.queues.title')}</h2>
      {queues.isPending ? (
        <Loading />
      ) : queues.isError ? (
        <ErrorAlert error={queues.error} onRetry={() => void queues.refetch()} />
      ) : queues.data.items.length === 0 ? (
        <p className="empty-state">{t('planningSettings.queues.empty')}</p>
      ) : (
        <TableRegion caption={t('planningSettings.queues.title')} hideCaption stackOnMobile>
          <thead>
            <tr>
              <th scope="col">{t('planningSettings.queues.name')}</th>
              <th scope="col">{t('planningSettings.queues.target')}</th>
              <th scope="col">{t('planningSettings.queues.aht')}</th>
              <th scope="col">{t('planningSettings.queues.patience')}</th>
              <th scope="col">{t('planningSettings.queues.priority')}</th>
              {canWrite ? (
                <th scope="col">
                  <span className="visually-hidden">{t('planningSettings.actions')}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {queues.data.items.map((q) => (
              <tr key={q.id}>
                <th scope="row" data-label={t('planningSettings.queues.name')}>
                  {queueName(q, f.english)} <code>{q.code}</code>
                </th>
                <td data-label={t('planningSettings.queues.target')}>
                  {t('planning.queues.targetValue', {
                    percent: f.percent(q.serviceLevelTarget),
                    seconds: q.serviceLevelSeconds,
                  })}
                </td>
                <td data-label={t('planningSettings.queues.aht')}>{t('planning.seconds', { count: q.ahtSeconds })}</td>
                <td data-label={t('planningSettings.queues.patience')}>
                  {q.patienceSeconds === null ? '—' : t('planning.seconds', { count: q.patienceSeconds })}
                </td>
                <td data-label={t('planningSettings.queues.priority')}>{q.priority}</td>
                {canWrite ? (
                  <td>
                    <button
                      type="button"
                      className="button button-secondary"
                      aria-label={t('planningSettings.editQueue', { name: queueName(q, f.english) })}
                      onClick={() => open({ kind: 'queue', code: q.code })}
                    >
                      {t('planningSettings.edit')}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
      {canWrite && editedQueue ? (
        <QueueSettingsForm
          key={editedQueue.code}
          queue={editedQueue}
          onSaved={onQueueSaved}
          onCancel={() => setEditing(null)}
          onReload={() => reloadQueue(editedQueue.code)}
        />
      ) : null}

      <h2>{t('planningSettings.sites.title')}</h2>
      {sites.isPending ? (
        <Loading />
      ) : sites.isError ? (
        <ErrorAlert error={sites.error} onRetry={() => void sites.refetch()} />
      ) : sites.data.items.length === 0 ? (
        <p className="empty-state">{t('planningSettings.sites.empty')}</p>
      ) : (
        <TableRegion caption={t('planningSettings.sites.title')} hideCaption stackOnMobile>
          <thead>
            <tr>
              <th scope="col">{t('planningSettings.sites.site')}</th>
              <th scope="col">{t('planningSettings.sites.seats')}</th>
              <th scope="col">{t('planningSettings.sites.cost')}</th>
              <th scope="col">{t('planningSettings.sites.shrinkage')}</th>
              <th scope="col">{t('planningSettings.sites.hours')}</th>
              <th scope="col">{t('planningSettings.sites.serves')}</th>
              {canWrite ? (
                <th scope="col">
                  <span className="visually-hidden">{t('planningSettings.actions')}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {sites.data.items.map((s) => (
              <tr key={s.id}>
                <th scope="row" data-label={t('planningSettings.sites.site')}>
                  {s.name}
                  {s.vendorName ? (
                    <div className="muted">{t('planningSettings.sites.vendor', { name: s.vendorName })}</div>
                  ) : null}
                </th>
                <td data-label={t('planningSettings.sites.seats')}>{f.number(s.seats)}</td>
                <td data-label={t('planningSettings.sites.cost')}>
                  {s.costPerProductiveHour === null
                    ? t('planningSettings.sites.notPlanned')
                    : `${f.number(s.costPerProductiveHour, 2)} €`}
                </td>
                <td data-label={t('planningSettings.sites.shrinkage')}>
                  {s.shrinkage === null ? '—' : f.percent(s.shrinkage)}
                </td>
                <td data-label={t('planningSettings.sites.hours')}>
                  {s.opensAt ? `${weekdays(s.openWeekdays)} · ${s.opensAt}–${s.closesAt}` : '—'}
                </td>
                <td data-label={t('planningSettings.sites.serves')}>
                  {s.queues.length === 0 ? (
                    '—'
                  ) : (
                    <ul className="plain-list">
                      {s.queues.map((link) => {
                        const queue = queues.data?.items.find((q) => q.id === link.queueId);
                        return (
                          <li key={link.queueId}>
                            {t('planningSettings.sites.queueSeats', {
                              queue: queueName(queue, f.english),
                              seats: f.number(link.seats),
                            })}
                            {link.minimumCallsPerHour > 0
                              ? ` · ${t('planningSettings.sites.minimum', { calls: f.number(link.minimumCallsPerHour) })}`
                              : ''}
                            {link.ahtSeconds !== null
                              ? ` · ${t('planningSettings.sites.aht', { count: link.ahtSeconds })}`
                              : ''}
                          </li>
                        );
                      })}
                    </ul>
                  )}
                </td>
                {canWrite ? (
                  <td>
                    <button
                      type="button"
                      className="button button-secondary"
                      aria-label={t('planningSettings.editSite', { name: s.name })}
                      onClick={() => open({ kind: 'site', code: s.code })}
                    >
                      {t('planningSettings.edit')}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
      {canWrite && editedSite && queues.data ? (
        <SiteSettingsForm
          key={editedSite.code}
          site={editedSite}
          queues={queues.data.items}
          onSaved={onSiteSaved}
          onCancel={() => setEditing(null)}
          onReload={() => reloadSite(editedSite.code)}
        />
      ) : null}
    </>
  );
}
