import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { cancelJob, type PlanningJob, type PlanningQueue, useJob } from '../../api/planning';
import { ErrorAlert } from '../StatusMessages';
import './planning.css';

export function PlanningTabs() {
  const { t } = useTranslation();
  const tabs = [
    ['/planning', t('planning.tabs.setup')],
    ['/planning/settings', t('planningSettings.tab')],
    ['/planning/history', t('planning.tabs.history')],
    ['/planning/scenarios', t('planning.tabs.scenarios')],
    ['/planning/achieved', t('planning.tabs.achieved')],
  ] as const;
  return (
    <nav aria-label={t('planning.tabs.label')}>
      <ul className="planning-tabs">
        {tabs.map(([path, label]) => (
          <li key={path}>
            <NavLink to={path} end>
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function useLocale() {
  const { i18n } = useTranslation();
  const locale = i18n.language.startsWith('en') ? 'en-GB' : 'fr-FR';
  return {
    locale,
    english: locale === 'en-GB',
    number: (v: number, digits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(v),
    euros: (v: number) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(v),
    percent: (v: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(v),
    day: (date: string) =>
      new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
        new Date(`${date}T12:00:00Z`),
      ),
    time: (iso: string) =>
      new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }).format(
        new Date(iso),
      ),
  };
}

export function queueName(queue: PlanningQueue | undefined, english: boolean): string {
  if (!queue) return '';
  return english ? queue.nameEn : queue.nameFr;
}

/** "08:30" from a quarter-hour index. */
export function slotTime(slot: number): string {
  const minutes = (slot % 96) * 15;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A running job: progress bar, cancel button; calls onDone once it ends. */
export function JobProgress({ jobId, onDone }: { jobId: string; onDone: (job: PlanningJob) => void }) {
  const { t } = useTranslation();
  const job = useJob(jobId);
  const queryClient = useQueryClient();
  const [cancelError, setCancelError] = useState<unknown>(null);
  const status = job.data?.status;
  useEffect(() => {
    if (job.data && (status === 'succeeded' || status === 'failed' || status === 'cancelled')) onDone(job.data);
  }, [status, job.data, onDone]);
  if (!job.data) return null;
  const running = status === 'queued' || status === 'running';
  return (
    <div className="planning-progress">
      <progress
        max={1}
        value={job.data.progress}
        aria-label={t('planning.job.progress')}
        aria-valuetext={`${Math.round(job.data.progress * 100)} %`}
      />
      <span role="status">
        {t(`planning.job.${job.data.status}`, { percent: Math.round(job.data.progress * 100) })}
      </span>
      {running ? (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            cancelJob(jobId)
              .then(() => queryClient.invalidateQueries({ queryKey: ['planning', 'job', jobId] }))
              .catch(setCancelError);
          }}
        >
          {t('planning.job.cancel')}
        </button>
      ) : null}
      {job.data.error ? <span className="planning-under">{job.data.error}</span> : null}
      {cancelError ? <ErrorAlert error={cancelError} /> : null}
    </div>
  );
}
