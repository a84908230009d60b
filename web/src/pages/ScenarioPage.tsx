import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  type PlanningJob,
  type ScenarioResult,
  computeScenario,
  generateSchedule,
  updateScenario,
  usePlanningSites,
  useScenario,
  useScenarioResult,
  useSchedules,
} from '../api/planning';
import { useCurrentUser } from '../auth/currentUser';
import { ChartFigure } from '../components/quality/ChartFigure';
import { HorizontalBars, LineChart, type LineSeries, SeriesLegend } from '../components/planning/PlanningCharts';
import { JobProgress, PlanningTabs, useLocale } from '../components/planning/PlanningParts';
import { ScenarioForm } from '../components/planning/ScenarioForm';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { TableRegion } from '../components/TableRegion';
import { usePageTitle } from '../components/usePageTitle';

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** One scenario: its definition (editable, versioned), its computation, staffing and cost, and its schedules. */
export function ScenarioPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const scenario = useScenario(id);
  usePageTitle(scenario.data?.name ?? t('planning.scenarios.title'));
  const user = useCurrentUser();
  const canWrite = user.role === 'planner' && user.site?.kind !== 'vendor';
  const queryClient = useQueryClient();
  const sites = usePlanningSites();
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [day, setDay] = useState<string | null>(null);
  const computed = scenario.data?.computed ?? false;
  const result = useScenarioResult(id, computed, day);
  const runningJob =
    jobId ??
    (scenario.data?.job && (scenario.data.job.status === 'queued' || scenario.data.job.status === 'running')
      ? scenario.data.job.id
      : null);

  const onJobDone = useCallback(
    (job: PlanningJob) => {
      if (job.status === 'succeeded') {
        setJobId(null);
        void queryClient.invalidateQueries({ queryKey: ['planning'] });
      }
    },
    [queryClient],
  );

  if (scenario.isPending) return <Loading />;
  if (scenario.isError) return <ErrorAlert error={scenario.error} onRetry={() => void scenario.refetch()} />;
  const s = scenario.data;
  const d = s.definition;
  const days = Array.from({ length: d.weeks * 7 }, (_, i) => addDays(d.startDate, i));

  return (
    <>
      <h1>{s.name}</h1>
      <PlanningTabs />
      <p>
        {t('planning.scenario.versionLine', { version: s.version, count: s.versions.length })}
        {s.isReference ? ` · ${t('planning.scenarios.reference')}` : ''}
      </p>
      <ScenarioDescription scenario={s} />
      {error ? <ErrorAlert error={error} /> : null}
      {canWrite ? (
        <p>
          <button
            type="button"
            className="button button-primary"
            disabled={runningJob !== null}
            onClick={() => {
              setError(null);
              computeScenario(id)
                .then((job) => setJobId(job.id))
                .catch(setError);
            }}
          >
            {computed ? t('planning.scenario.recompute') : t('planning.scenario.compute')}
          </button>{' '}
          <button type="button" className="button button-secondary" onClick={() => setEditing(!editing)}>
            {editing ? t('planning.scenario.closeEditor') : t('planning.scenario.edit')}
          </button>
        </p>
      ) : null}
      {runningJob ? <JobProgress jobId={runningJob} onDone={onJobDone} /> : null}
      {editing ? (
        <ScenarioForm
          initial={{ name: s.name, definition: d }}
          sites={(sites.data?.items ?? []).filter((x) => x.configured)}
          submitLabel={t('planning.scenario.saveVersion')}
          busy={busy}
          onSubmit={(values) => {
            setBusy(true);
            updateScenario(id, s.currentVersion, values.name, values.definition)
              .then(async () => {
                setEditing(false);
                await queryClient.invalidateQueries({ queryKey: ['planning'] });
              })
              .catch(setError)
              .finally(() => setBusy(false));
          }}
        />
      ) : null}
      {!computed ? (
        <p>{t('planning.scenario.notComputed')}</p>
      ) : result.isPending ? (
        <Loading />
      ) : result.isError ? (
        <ErrorAlert error={result.error} />
      ) : (
        <>
          <ResultView result={result.data} days={days} day={day ?? d.startDate} onDay={setDay} scenarioId={id} />
          <Schedules scenarioId={id} days={days} canWrite={canWrite} sites={result.data.sites} />
        </>
      )}
    </>
  );
}

function ScenarioDescription({ scenario }: { scenario: { definition: import('../api/planning').ScenarioDefinition } }) {
  const { t } = useTranslation();
  const f = useLocale();
  const d = scenario.definition;
  const items = [
    t('planning.scenario.horizon', { start: f.day(d.startDate), weeks: d.weeks }),
    d.useForecast ? t('planning.scenario.fromForecast') : t('planning.scenario.noForecast'),
  ];
  if (d.volumePercent) items.push(t('planning.scenario.volume', { percent: d.volumePercent }));
  if (d.ahtPercent) items.push(t('planning.scenario.aht', { percent: d.ahtPercent }));
  if (d.launch)
    items.push(
      t('planning.scenario.launch', {
        customers: f.number(d.launch.newCustomers),
        days: d.launch.takeUpDays,
        start: f.day(d.launch.startDate),
      }),
    );
  for (const site of d.sites)
    items.push(
      site.closed
        ? t('planning.scenario.siteClosed', { site: site.site })
        : t('planning.scenario.seats', { site: site.site, delta: site.seatsDelta }),
    );
  return (
    <ul>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

function ResultView({
  result,
  days,
  day,
  onDay,
  scenarioId,
}: {
  result: ScenarioResult;
  days: string[];
  day: string;
  onDay: (day: string) => void;
  scenarioId: string;
}) {
  const { t } = useTranslation();
  const f = useLocale();
  const dayId = useId();
  const summary = result.summary;
  const intervals = result.window.intervals;
  const siteSeries: LineSeries[] = result.sites.map((site) => ({
    key: site.id,
    label: site.name,
    values: intervals.map((i) => i.sites[site.id]?.agents ?? 0),
  }));
  const totalSeries: LineSeries = {
    key: 'total',
    label: t('planning.scenario.totalRequired'),
    values: intervals.map((i) => Object.values(i.sites).reduce((n, s) => n + s.agents, 0)),
  };
  const scheduledSeries: LineSeries = {
    key: 'scheduled',
    label: t('planning.scenario.totalScheduled'),
    values: intervals.map((i) => Object.values(i.sites).reduce((n, s) => n + s.scheduled, 0)),
    dashed: true,
  };
  const series = [totalSeries, scheduledSeries, ...siteSeries];
  const peak = Math.max(0, ...(totalSeries.values as number[]));
  return (
    <>
      <h2>{t('planning.scenario.resultTitle')}</h2>
      <ul className="planning-kpis">
        <li>
          {t('planning.scenario.cost')}
          <strong>{f.euros(summary.cost)}</strong>
        </li>
        <li>
          {t('planning.scenario.costPerWeek')}
          <strong>{f.euros(summary.costPerWeek)}</strong>
        </li>
        <li>
          {t('planning.scenario.calls')}
          <strong>{f.number(summary.calls)}</strong>
        </li>
        <li>
          {t('planning.scenario.poolingLoss')}
          <strong>
            {t('planning.hours', {
              count: Math.round(summary.poolingLossHours),
              value: f.number(summary.poolingLossHours),
            })}
          </strong>
        </li>
        <li>
          {t('planning.scenario.unallocated')}
          <strong className={summary.unallocatedCalls > 0 ? 'planning-under' : undefined}>
            {f.number(summary.unallocatedCalls)}
          </strong>
        </li>
      </ul>
      <p>
        <a className="button button-secondary" href={`/api/planning/scenarios/${scenarioId}/export.csv`} download>
          {t('planning.scenario.export')}
        </a>
      </p>
      <h3>{t('planning.scenario.staffingTitle')}</h3>
      <p>
        <label htmlFor={dayId}>{t('planning.scenario.day')} </label>
        <select id={dayId} value={day} onChange={(e) => onDay(e.target.value)}>
          {days.map((date) => (
            <option key={date} value={date}>
              {f.day(date)}
            </option>
          ))}
        </select>
      </p>
      <ChartFigure
        id="staffing-chart"
        title={t('planning.scenario.staffingChart', { day: f.day(day) })}
        description={t('planning.scenario.staffingDescription', { peak })}
        chart={(labels) => (
          <LineChart
            {...labels}
            series={series}
            xLabels={intervals.map((i) => f.time(i.start))}
            labelEvery={8}
            formatY={(v) => f.number(v)}
          />
        )}
        legend={<SeriesLegend series={series} />}
        table={
          <TableRegion caption={t('planning.scenario.staffingTable')}>
            <thead>
              <tr>
                <th scope="col">{t('planning.time')}</th>
                {result.sites.map((site) => (
                  <th key={site.id} scope="col">
                    {site.name}
                  </th>
                ))}
                <th scope="col">{t('planning.scenario.totalRequired')}</th>
                <th scope="col">{t('planning.scenario.totalScheduled')}</th>
              </tr>
            </thead>
            <tbody>
              {intervals
                .map((interval, index) => ({ interval, index }))
                .filter(({ index }) => (totalSeries.values[index] ?? 0) > 0)
                .map(({ interval, index }) => (
                  <tr key={interval.start}>
                    <th scope="row">{f.time(interval.start)}</th>
                    {result.sites.map((site) => (
                      <td key={site.id}>{interval.sites[site.id]?.agents ?? 0}</td>
                    ))}
                    <td>{totalSeries.values[index]}</td>
                    <td>{scheduledSeries.values[index]}</td>
                  </tr>
                ))}
            </tbody>
          </TableRegion>
        }
      />
      <ChartFigure
        id="cost-chart"
        title={t('planning.scenario.costPerSite')}
        description={t('planning.scenario.costDescription', { cost: f.euros(summary.cost) })}
        chart={(labels) => (
          <HorizontalBars
            {...labels}
            rows={summary.sites.map((s) => ({
              key: s.siteId,
              label: s.name,
              value: s.cost,
              vendor: s.kind === 'vendor',
            }))}
            format={f.euros}
          />
        )}
        table={
          <TableRegion caption={t('planning.scenario.costPerSite')}>
            <thead>
              <tr>
                <th scope="col">{t('planning.sites.site')}</th>
                <th scope="col">{t('planning.scenario.calls')}</th>
                <th scope="col">{t('planning.scenario.productiveHours')}</th>
                <th scope="col">{t('planning.scenario.peakAgents')}</th>
                <th scope="col">{t('planning.scenario.cost')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.sites.map((s) => (
                <tr key={s.siteId}>
                  <th scope="row">{s.name}</th>
                  <td>{f.number(s.calls)}</td>
                  <td>{f.number(s.productiveHours)}</td>
                  <td>{s.peakAgents}</td>
                  <td>{f.euros(s.cost)}</td>
                </tr>
              ))}
            </tbody>
          </TableRegion>
        }
      />
      <TableRegion caption={t('planning.scenario.weekly')}>
        <thead>
          <tr>
            <th scope="col">{t('planning.scenario.week')}</th>
            {summary.sites.map((s) => (
              <th key={s.siteId} scope="col">
                {s.code}
              </th>
            ))}
            <th scope="col">{t('planning.scenario.cost')}</th>
          </tr>
        </thead>
        <tbody>
          {summary.weekly.map((w, i) => (
            <tr key={w.weekStart}>
              <th scope="row">{f.day(w.weekStart)}</th>
              {summary.sites.map((s) => (
                <td key={s.siteId}>{f.euros(s.weekly[i]?.cost ?? 0)}</td>
              ))}
              <td>{f.euros(w.cost)}</td>
            </tr>
          ))}
        </tbody>
      </TableRegion>
      <TableRegion caption={t('planning.scenario.queues')}>
        <thead>
          <tr>
            <th scope="col">{t('planning.queues.code')}</th>
            <th scope="col">{t('planning.scenario.calls')}</th>
            <th scope="col">{t('planning.scenario.productiveHours')}</th>
            <th scope="col">{t('planning.scenario.pooledHours')}</th>
            <th scope="col">{t('planning.scenario.poolingLoss')}</th>
            <th scope="col">{t('planning.scenario.unallocated')}</th>
          </tr>
        </thead>
        <tbody>
          {summary.queues.map((q) => (
            <tr key={q.queueId}>
              <th scope="row">{q.code}</th>
              <td>{f.number(q.calls)}</td>
              <td>{f.number(q.productiveHours)}</td>
              <td>{f.number(q.pooledHours)}</td>
              <td>{f.number(q.poolingLossHours)}</td>
              <td className={q.unallocatedCalls > 0 ? 'planning-under' : undefined}>{f.number(q.unallocatedCalls)}</td>
            </tr>
          ))}
        </tbody>
      </TableRegion>
    </>
  );
}

function Schedules({
  scenarioId,
  days,
  canWrite,
  sites,
}: {
  scenarioId: string;
  days: string[];
  canWrite: boolean;
  sites: Array<{ id: string; code: string; name: string }>;
}) {
  const { t } = useTranslation();
  const f = useLocale();
  const queryClient = useQueryClient();
  const schedules = useSchedules(scenarioId);
  const mondays = days.filter((_, i) => i % 7 === 0 && i + 7 <= days.length);
  const [site, setSite] = useState(sites[0]?.code ?? '');
  const [week, setWeek] = useState(mondays[0] ?? '');
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const siteId = useId();
  const weekId = useId();
  const onDone = useCallback(
    (job: PlanningJob) => {
      if (job.status === 'succeeded') void queryClient.invalidateQueries({ queryKey: ['planning', 'schedules'] });
      if (job.status !== 'failed') setJobId(null);
    },
    [queryClient],
  );
  return (
    <>
      <h2>{t('planning.schedules.title')}</h2>
      {canWrite ? (
        <form
          className="planning-form"
          onSubmit={(event) => {
            event.preventDefault();
            setError(null);
            generateSchedule(scenarioId, site, week)
              .then((job) => setJobId(job.id))
              .catch(setError);
          }}
        >
          <div className="row">
            <div>
              <label htmlFor={siteId}>{t('planning.schedules.site')}</label>{' '}
              <select id={siteId} value={site} onChange={(e) => setSite(e.target.value)}>
                {sites.map((s) => (
                  <option key={s.code} value={s.code}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={weekId}>{t('planning.schedules.week')}</label>{' '}
              <select id={weekId} value={week} onChange={(e) => setWeek(e.target.value)}>
                {mondays.map((m) => (
                  <option key={m} value={m}>
                    {f.day(m)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div>
            <button type="submit" className="button button-primary" disabled={jobId !== null || !site || !week}>
              {t('planning.schedules.generate')}
            </button>
          </div>
        </form>
      ) : null}
      {error ? <ErrorAlert error={error} /> : null}
      {jobId ? <JobProgress jobId={jobId} onDone={onDone} /> : null}
      {schedules.data && schedules.data.items.length > 0 ? (
        <ul>
          {schedules.data.items.map((item) => (
            <li key={item.id}>
              <Link to={`/planning/schedules/${item.id}`}>
                {t('planning.schedules.item', {
                  site: item.siteName,
                  week: f.day(item.weekStart),
                  agents: item.agents,
                })}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('planning.schedules.empty')}</p>
      )}
    </>
  );
}
