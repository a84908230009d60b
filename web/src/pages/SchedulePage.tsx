import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSchedule } from '../api/planning';
import { ChartFigure } from '../components/quality/ChartFigure';
import { CoverageChart } from '../components/planning/PlanningCharts';
import { PlanningTabs, slotTime, useLocale } from '../components/planning/PlanningParts';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { TableRegion } from '../components/TableRegion';
import { usePageTitle } from '../components/usePageTitle';

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A site's week of shifts: teams (same start, same days off) on a timeline, and coverage against requirement. */
export function SchedulePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const schedule = useSchedule(id);
  const f = useLocale();
  const [day, setDay] = useState(0);
  const dayId = useId();
  usePageTitle(t('planning.schedule.title'));
  if (schedule.isPending) return <Loading />;
  if (schedule.isError) return <ErrorAlert error={schedule.error} onRetry={() => void schedule.refetch()} />;
  const s = schedule.data;
  const dates = Array.from({ length: 7 }, (_, i) => addDays(s.weekStart, i));
  const from = day * 96;
  const required = s.required.slice(from, from + 96);
  const coverage = s.coverage.slice(from, from + 96);
  const open = required.map((r, i) => r > 0 || (coverage[i] ?? 0) > 0);
  const first = Math.max(0, open.indexOf(true));
  const last = open.lastIndexOf(true) + 1 || 96;
  const shown = Array.from({ length: last - first }, (_, k) => first + k);
  return (
    <>
      <h1>{t('planning.schedule.heading', { site: s.siteName, week: f.day(s.weekStart) })}</h1>
      <PlanningTabs />
      <p>
        <Link to={`/planning/scenarios/${s.scenarioId}`}>{t('planning.schedule.back')}</Link>
      </p>
      <ul className="planning-kpis">
        <li>
          {t('planning.schedule.agents')}
          <strong>{s.agents}</strong>
        </li>
        <li>
          {t('planning.schedule.under')}
          <strong className={s.underStaffedIntervals > 0 ? 'planning-under' : undefined}>
            {s.underStaffedIntervals}
          </strong>
        </li>
        <li>
          {t('planning.schedule.over')}
          <strong>{s.overStaffedIntervals}</strong>
        </li>
        <li>
          {t('planning.schedule.method')}
          <strong>{t(`planning.schedule.methods.${s.method}`)}</strong>
        </li>
      </ul>
      <h2>{t('planning.schedule.timeline')}</h2>
      {s.tours.length === 0 ? (
        <p>{t('planning.schedule.noTours')}</p>
      ) : (
        <TableRegion caption={t('planning.schedule.timeline')} hideCaption>
          <thead>
            <tr>
              <th scope="col">{t('planning.schedule.team')}</th>
              <th scope="col">{t('planning.schedule.count')}</th>
              {dates.map((date) => (
                <th key={date} scope="col">
                  {f.day(date)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="planning-timeline">
            {s.tours.map((tour) => (
              <tr key={`${tour.shift}-${tour.daysOff.join('-')}`}>
                <th scope="row">
                  {t('planning.schedule.teamName', {
                    start: slotTime(tour.start),
                    end: slotTime(tour.start + tour.lengthIntervals),
                  })}
                </th>
                <td>{tour.count}</td>
                {dates.map((date, d) =>
                  tour.daysOff.includes(d) ? (
                    <td key={date} className="off">
                      {t('planning.schedule.off')}
                    </td>
                  ) : (
                    <td key={date}>
                      <div className="bar" aria-hidden="true">
                        <span
                          style={{
                            left: `${(tour.start / 96) * 100}%`,
                            width: `${(tour.lengthIntervals / 96) * 100}%`,
                          }}
                        />
                      </div>
                      <span className="visually-hidden">
                        {slotTime(tour.start)}–{slotTime(tour.start + tour.lengthIntervals)}
                      </span>
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
      <h2>{t('planning.schedule.coverage')}</h2>
      <p>
        <label htmlFor={dayId}>{t('planning.scenario.day')} </label>
        <select id={dayId} value={day} onChange={(e) => setDay(Number(e.target.value))}>
          {dates.map((date, d) => (
            <option key={date} value={d}>
              {f.day(date)}
            </option>
          ))}
        </select>
      </p>
      <ChartFigure
        id="coverage-chart"
        title={t('planning.schedule.coverageChart', { day: f.day(dates[day] ?? s.weekStart) })}
        description={t('planning.schedule.coverageDescription', {
          under: shown.filter((i) => (coverage[i] ?? 0) < (required[i] ?? 0)).length,
        })}
        chart={(labels) => (
          <CoverageChart
            {...labels}
            required={shown.map((i) => required[i] ?? 0)}
            coverage={shown.map((i) => coverage[i] ?? 0)}
            xLabels={shown.map((i) => slotTime(i))}
            labelEvery={8}
            formatY={(v) => f.number(v)}
          />
        )}
        legend={<p className="muted">{t('planning.schedule.legend')}</p>}
        table={
          <TableRegion caption={t('planning.schedule.coverage')}>
            <thead>
              <tr>
                <th scope="col">{t('planning.time')}</th>
                <th scope="col">{t('planning.schedule.required')}</th>
                <th scope="col">{t('planning.schedule.scheduled')}</th>
                <th scope="col">{t('planning.schedule.gap')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((i) => {
                const gap = (coverage[i] ?? 0) - (required[i] ?? 0);
                return (
                  <tr key={i}>
                    <th scope="row">{slotTime(i)}</th>
                    <td>{required[i]}</td>
                    <td>{coverage[i]}</td>
                    <td className={gap < 0 ? 'planning-under' : gap > 0 ? 'planning-over' : undefined}>
                      {gap > 0 ? `+${gap}` : gap}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </TableRegion>
        }
      />
    </>
  );
}
