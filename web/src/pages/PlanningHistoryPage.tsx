import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { importHistory, useForecast, useHistory, usePlanningQueues } from '../api/planning';
import { ChartFigure } from '../components/quality/ChartFigure';
import { LineChart, type LineSeries, SeriesLegend } from '../components/planning/PlanningCharts';
import { PlanningTabs, queueName, useLocale } from '../components/planning/PlanningParts';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { TableRegion } from '../components/TableRegion';
import { usePageTitle } from '../components/usePageTitle';

/** History import (CSV, line-numbered errors) and per-queue forecast against actuals with its backtest accuracy. */
export function PlanningHistoryPage() {
  const { t } = useTranslation();
  usePageTitle(t('planning.history.title'));
  const queryClient = useQueryClient();
  const history = useHistory();
  const queues = usePlanningQueues();
  const f = useLocale();
  const [file, setFile] = useState<File | null>(null);
  const [importError, setImportError] = useState<unknown>(null);
  const [imported, setImported] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [queueCode, setQueueCode] = useState<string | null>(null);
  const fileId = useId();
  const queueId = useId();
  const code = queueCode ?? queues.data?.items[0]?.code ?? null;
  const forecast = useForecast(code);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setImportError(null);
    setImported(null);
    importHistory(file)
      .then((result) => {
        setImported(result.rows);
        return queryClient.invalidateQueries({ queryKey: ['planning'] });
      })
      .catch(setImportError)
      .finally(() => setBusy(false));
  };
  const lineErrors = importError instanceof ApiError ? (importError.problem?.errors ?? []) : [];

  const series: LineSeries[] = forecast.data
    ? [
        { key: 'actual', label: t('planning.history.actual'), values: forecast.data.days.map((d) => d.actual) },
        {
          key: 'backtest',
          label: t('planning.history.backtest'),
          values: forecast.data.days.map((d) => d.backtest),
          dashed: true,
        },
        { key: 'forecast', label: t('planning.history.forecast'), values: forecast.data.days.map((d) => d.forecast) },
      ]
    : [];

  return (
    <>
      <h1>{t('planning.history.title')}</h1>
      <PlanningTabs />
      <h2>{t('planning.history.import')}</h2>
      <p>{t('planning.history.format')}</p>
      <form className="planning-form" onSubmit={submit}>
        <label htmlFor={fileId}>{t('planning.history.file')}</label>
        <input
          id={fileId}
          type="file"
          accept=".csv,text/csv"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
        <div>
          <button type="submit" className="button button-primary" disabled={!file || busy}>
            {busy ? t('planning.history.importing') : t('planning.history.importButton')}
          </button>
        </div>
      </form>
      {imported !== null ? (
        <p className="alert alert-success" role="status">
          {t('planning.history.imported', { count: imported })}
        </p>
      ) : null}
      {importError ? (
        <div>
          <ErrorAlert error={importError} />
          {lineErrors.length > 0 ? (
            <ul className="planning-line-errors" aria-label={t('planning.history.lineErrors')}>
              {lineErrors.map((e) => {
                const match = /^line (\d+)\.(.+)$/.exec(e.field);
                return (
                  <li key={`${e.field}-${e.message}`}>
                    {match
                      ? t('planning.history.lineError', { line: match[1], column: match[2], message: e.message })
                      : `${e.field}: ${e.message}`}
                  </li>
                );
              })}
            </ul>
          ) : null}
        </div>
      ) : null}

      <h2>{t('planning.history.forecastTitle')}</h2>
      {queues.data && queues.data.items.length > 0 ? (
        <p>
          <label htmlFor={queueId}>{t('planning.history.queue')} </label>
          <select id={queueId} value={code ?? ''} onChange={(event) => setQueueCode(event.target.value)}>
            {queues.data.items.map((q) => (
              <option key={q.code} value={q.code}>
                {queueName(q, f.english)}
              </option>
            ))}
          </select>
        </p>
      ) : null}
      {forecast.isPending && code ? (
        <Loading />
      ) : forecast.isError ? (
        <ErrorAlert error={forecast.error} />
      ) : forecast.data ? (
        <>
          <p>
            {t('planning.history.wape', {
              percent: f.percent(forecast.data.wape),
              days: forecast.data.holdoutDays,
            })}
          </p>
          <ChartFigure
            id="forecast-chart"
            title={t('planning.history.chartTitle')}
            description={t('planning.history.chartDescription', { percent: f.percent(forecast.data.wape) })}
            chart={(labels) => (
              <LineChart
                {...labels}
                series={series}
                xLabels={forecast.data.days.map((d) => f.day(d.date))}
                formatY={(v) => f.number(v)}
              />
            )}
            legend={<SeriesLegend series={series} />}
            table={
              <TableRegion caption={t('planning.history.chartTitle')}>
                <thead>
                  <tr>
                    <th scope="col">{t('planning.date')}</th>
                    <th scope="col">{t('planning.history.actual')}</th>
                    <th scope="col">{t('planning.history.backtest')}</th>
                    <th scope="col">{t('planning.history.forecast')}</th>
                  </tr>
                </thead>
                <tbody>
                  {forecast.data.days.map((d) => (
                    <tr key={d.date}>
                      <th scope="row">{f.day(d.date)}</th>
                      <td>{d.actual === null ? '—' : f.number(d.actual)}</td>
                      <td>{d.backtest === null ? '—' : f.number(d.backtest)}</td>
                      <td>{d.forecast === null ? '—' : f.number(d.forecast)}</td>
                    </tr>
                  ))}
                </tbody>
              </TableRegion>
            }
          />
        </>
      ) : (
        <p>{t('planning.history.noHistory')}</p>
      )}

      <h2>{t('planning.history.imports')}</h2>
      {history.data && history.data.imports.length > 0 ? (
        <TableRegion caption={t('planning.history.imports')} hideCaption>
          <thead>
            <tr>
              <th scope="col">{t('planning.history.file')}</th>
              <th scope="col">{t('planning.history.rows')}</th>
              <th scope="col">{t('planning.history.by')}</th>
            </tr>
          </thead>
          <tbody>
            {history.data.imports.map((i) => (
              <tr key={i.id}>
                <th scope="row">{i.fileName}</th>
                <td>{f.number(i.rows)}</td>
                <td>{i.importedBy ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      ) : (
        <p>{t('planning.history.noImports')}</p>
      )}
    </>
  );
}
