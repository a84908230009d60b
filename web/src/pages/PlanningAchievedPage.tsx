import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAchieved } from '../api/planning';
import { ChartFigure } from '../components/quality/ChartFigure';
import { LineChart, type LineSeries, SeriesLegend } from '../components/planning/PlanningCharts';
import { PlanningTabs, useLocale } from '../components/planning/PlanningParts';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { TableRegion } from '../components/TableRegion';
import { usePageTitle } from '../components/usePageTitle';

/** The director's view: achieved service level, abandonment and handle time against the plan, per site and vendor. */
export function PlanningAchievedPage() {
  const { t } = useTranslation();
  usePageTitle(t('planning.achieved.title'));
  const achieved = useAchieved(null, null);
  const f = useLocale();
  const [siteCode, setSiteCode] = useState<string | null>(null);
  const siteId = useId();
  const orDash = (value: number | null, format: (v: number) => string) => (value === null ? '—' : format(value));
  return (
    <>
      <h1>{t('planning.achieved.title')}</h1>
      <PlanningTabs />
      {achieved.isPending ? (
        <Loading />
      ) : achieved.isError ? (
        <ErrorAlert error={achieved.error} onRetry={() => void achieved.refetch()} />
      ) : (
        (() => {
          const data = achieved.data;
          const days = data.sites[0]?.days.map((d) => d.date) ?? [];
          const series: LineSeries[] = data.sites.map((s) => ({
            key: s.siteId,
            label: s.name,
            values: s.days.map((d) => (d.serviceLevel === null ? null : d.serviceLevel * 100)),
            dashed: s.kind === 'vendor',
          }));
          const selected = data.sites.find((s) => s.code === siteCode) ?? data.sites[0];
          return (
            <>
              <p>
                {t('planning.achieved.period', { from: f.day(data.from), to: f.day(data.to) })}{' '}
                {data.plan
                  ? data.plan.status === 'computed'
                    ? t('planning.achieved.plan', { name: data.plan.name, version: data.plan.version })
                    : t('planning.achieved.planComputing', { name: data.plan.name })
                  : t('planning.achieved.noPlan')}
              </p>
              <TableRegion caption={t('planning.achieved.bySite')} stackOnMobile>
                <thead>
                  <tr>
                    <th scope="col">{t('planning.sites.site')}</th>
                    <th scope="col">{t('planning.achieved.planned')}</th>
                    <th scope="col">{t('planning.achieved.offered')}</th>
                    <th scope="col">{t('planning.achieved.serviceLevel')}</th>
                    <th scope="col">{t('planning.achieved.abandonment')}</th>
                    <th scope="col">{t('planning.achieved.missedDays')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.sites.map((s) => (
                    <tr key={s.siteId} className={s.missedDays.length > 0 ? 'planning-missed' : undefined}>
                      <th scope="row" data-label={t('planning.sites.site')}>
                        {s.name}
                      </th>
                      <td data-label={t('planning.achieved.planned')}>{orDash(s.plannedCalls, (v) => f.number(v))}</td>
                      <td data-label={t('planning.achieved.offered')}>{f.number(s.offered)}</td>
                      <td data-label={t('planning.achieved.serviceLevel')}>{orDash(s.serviceLevel, f.percent)}</td>
                      <td data-label={t('planning.achieved.abandonment')}>{orDash(s.abandonmentRate, f.percent)}</td>
                      <td data-label={t('planning.achieved.missedDays')}>
                        {s.missedDays.length === 0 ? t('planning.achieved.none') : s.missedDays.length}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </TableRegion>
              <h2>{t('planning.achieved.vendors')}</h2>
              {data.vendors.length === 0 ? (
                <p>{t('planning.achieved.noVendors')}</p>
              ) : (
                <ul>
                  {data.vendors.map((v) => (
                    <li key={v.vendorName}>
                      <strong>{v.vendorName}</strong> —{' '}
                      {v.missedDays.length === 0
                        ? t('planning.achieved.vendorOk')
                        : t('planning.achieved.vendorMissed', {
                            count: v.missedDays.length,
                            days: v.missedDays.map((d) => f.day(d)).join(', '),
                          })}
                    </li>
                  ))}
                </ul>
              )}
              <ChartFigure
                id="sl-chart"
                title={t('planning.achieved.chartTitle')}
                description={t('planning.achieved.chartDescription')}
                chart={(labels) => (
                  <LineChart
                    {...labels}
                    series={series}
                    xLabels={days.map((d) => f.day(d))}
                    formatY={(v) => `${f.number(v)} %`}
                  />
                )}
                legend={<SeriesLegend series={series} />}
                table={
                  <TableRegion caption={t('planning.achieved.chartTitle')}>
                    <thead>
                      <tr>
                        <th scope="col">{t('planning.date')}</th>
                        {data.sites.map((s) => (
                          <th key={s.siteId} scope="col">
                            {s.code}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {days.map((date, i) => (
                        <tr key={date}>
                          <th scope="row">{f.day(date)}</th>
                          {data.sites.map((s) => (
                            <td key={s.siteId}>{orDash(s.days[i]?.serviceLevel ?? null, f.percent)}</td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </TableRegion>
                }
              />
              {selected ? (
                <>
                  <h2>{t('planning.achieved.dayByDay')}</h2>
                  <p>
                    <label htmlFor={siteId}>{t('planning.sites.site')} </label>
                    <select id={siteId} value={selected.code} onChange={(e) => setSiteCode(e.target.value)}>
                      {data.sites.map((s) => (
                        <option key={s.code} value={s.code}>
                          {s.name}
                        </option>
                      ))}
                    </select>
                  </p>
                  <TableRegion caption={t('planning.achieved.dayTable', { site: selected.name })}>
                    <thead>
                      <tr>
                        <th scope="col">{t('planning.date')}</th>
                        <th scope="col">{t('planning.achieved.planned')}</th>
                        <th scope="col">{t('planning.achieved.plannedHours')}</th>
                        <th scope="col">{t('planning.achieved.offered')}</th>
                        <th scope="col">{t('planning.achieved.target')}</th>
                        <th scope="col">{t('planning.achieved.serviceLevel')}</th>
                        <th scope="col">{t('planning.achieved.abandonment')}</th>
                        <th scope="col">{t('planning.achieved.aht')}</th>
                        <th scope="col">{t('planning.achieved.caseContacts')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {selected.days.map((d) => (
                        <tr key={d.date} className={d.missedTarget ? 'planning-missed' : undefined}>
                          <th scope="row">
                            {f.day(d.date)}
                            {d.missedTarget ? ` · ${t('planning.achieved.missed')}` : ''}
                          </th>
                          <td>{orDash(d.plannedCalls, (v) => f.number(v))}</td>
                          <td>{orDash(d.plannedProductiveHours, (v) => f.number(v))}</td>
                          <td>{f.number(d.offered)}</td>
                          <td>{orDash(d.targetServiceLevel, f.percent)}</td>
                          <td>{orDash(d.serviceLevel, f.percent)}</td>
                          <td>{orDash(d.abandonmentRate, f.percent)}</td>
                          <td>{orDash(d.ahtSeconds, (v) => t('planning.seconds', { count: v }))}</td>
                          <td>{d.caseContacts}</td>
                        </tr>
                      ))}
                    </tbody>
                  </TableRegion>
                </>
              ) : null}
            </>
          );
        })()
      )}
    </>
  );
}
