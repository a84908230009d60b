import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type QualityReport, type SiteQuality, useQualityReport } from '../api/quality';
import { BarChart, type BarRow } from '../components/quality/BarChart';
import { ChartFigure } from '../components/quality/ChartFigure';
import { DailyLineChart } from '../components/quality/DailyLineChart';
import { SiteFiguresTable } from '../components/quality/SiteFiguresTable';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { TableRegion } from '../components/TableRegion';
import { usePageTitle } from '../components/usePageTitle';
import { formatDate, formatNumber } from '../format/intl';

const PERIODS = [30, 90] as const;

function useFormats() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language.startsWith('en') ? 'en-GB' : 'fr-FR';
  const percent = (value: number) =>
    new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
  const decimal = (value: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
  const orDash = (value: number | null, format: (value: number) => string) =>
    value === null ? t('quality.noFigure') : format(value);
  const day = (date: string) =>
    new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
      new Date(`${date}T12:00:00Z`),
    );
  const longDay = (date: string) => formatDate(`${date}T12:00:00Z`, i18n.language);
  const count = (value: number) => formatNumber(value, i18n.language);
  return { percent, decimal, orDash, day, longDay, count };
}

function siteLabel(site: SiteQuality, noSite: string): string {
  return site.name ?? noSite;
}

/** The highest and lowest rows with a value, for the sentence a chart's description ends with. */
function extremes(rows: BarRow[]) {
  const withValue = rows.filter((row): row is BarRow & { value: number } => row.value !== null);
  const sorted = [...withValue].sort((a, b) => b.value - a.value);
  const best = sorted[0];
  const worst = sorted.at(-1);
  return best && worst ? { best, worst } : null;
}

export function QualityPage() {
  const { t } = useTranslation();
  usePageTitle(t('quality.title'));
  const [days, setDays] = useState<(typeof PERIODS)[number]>(30);
  const report = useQualityReport(days);
  const periodName = useId();

  return (
    <>
      <h1>{t('quality.title')}</h1>
      <fieldset className="period-switch">
        <legend>{t('quality.period')}</legend>
        {PERIODS.map((value) => (
          <label key={value} className="period-option">
            <input
              type="radio"
              name={periodName}
              value={value}
              checked={days === value}
              onChange={() => setDays(value)}
            />
            {t('quality.lastDays', { count: value })}
          </label>
        ))}
      </fieldset>
      {report.isPending ? (
        <Loading />
      ) : report.isError ? (
        <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <QualityReportView report={report.data} />
      )}
    </>
  );
}

function QualityReportView({ report }: { report: QualityReport }) {
  const { t } = useTranslation();
  const f = useFormats();
  const { overall, period } = report;
  const range = { from: f.longDay(period.from), to: f.longDay(period.to) };
  const sites = report.bySite.filter(
    (site) => site.siteId !== null || site.promisesKept + site.promisesBroken + site.complaintsOpened > 0,
  );
  const kindLabel = (site: SiteQuality) =>
    site.kind === 'vendor' && site.vendorName
      ? `${t('siteKinds.vendor')} — ${site.vendorName}`
      : site.kind
        ? t(`siteKinds.${site.kind}`)
        : '';
  const barRows = (value: (site: SiteQuality) => number | null): BarRow[] =>
    sites.map((site) => ({
      key: site.siteId ?? 'none',
      label: siteLabel(site, t('quality.noSite')),
      value: value(site),
      vendor: site.kind === 'vendor',
    }));
  const keptRows = barRows((site) => site.promisesKeptPercent);
  const complaintRows = barRows((site) => site.complaintsPer100kCustomers);
  const per100k = (value: number) => f.decimal(value);

  const tiles = [
    {
      key: 'promisesKept',
      label: t('quality.promisesKept'),
      value: f.orDash(overall.promisesKeptPercent, f.percent),
      detail: t('quality.promisesKeptDetail', {
        kept: f.count(overall.promisesKept),
        due: f.count(overall.promisesKept + overall.promisesBroken),
        broken: f.count(overall.promisesBroken),
      }),
    },
    {
      key: 'repeatContacts',
      label: t('quality.repeatContacts'),
      value: f.orDash(overall.repeatContactPercent, f.percent),
      detail: t('quality.repeatContactsDetail', {
        repeat: f.count(overall.repeatContactCases),
        cases: f.count(overall.casesWithInboundContact),
      }),
    },
    {
      key: 'complaintsInTime',
      label: t('quality.complaintsInTime'),
      value: f.orDash(overall.complaintsAnsweredInTimePercent, f.percent),
      detail: t('quality.complaintsInTimeDetail', {
        kept: f.count(overall.complaintRepliesKept),
        due: f.count(overall.complaintRepliesKept + overall.complaintRepliesBroken),
      }),
    },
    {
      key: 'complaintsPer100k',
      label: t('quality.complaintsPer100k'),
      value: f.orDash(overall.complaintsPer100kCustomers, per100k),
      detail: t('quality.complaintsPer100kDetail', {
        complaints: f.count(overall.complaintsOpened),
        customers: f.count(overall.activeCustomers),
      }),
    },
    {
      key: 'contactsPerCase',
      label: t('quality.contactsPerCase'),
      value: f.orDash(overall.contactsPerCase, f.decimal),
      detail: t('quality.contactsPerCaseDetail', {
        contacts: f.count(overall.inboundContacts),
        cases: f.count(overall.casesWithInboundContact),
      }),
    },
  ];

  const extremesSentence = (rows: BarRow[], format: (value: number) => string) => {
    const found = extremes(rows);
    return found
      ? t('quality.extremes', {
          best: found.best.label,
          bestValue: format(found.best.value),
          worst: found.worst.label,
          worstValue: format(found.worst.value),
        })
      : t('quality.noDataInPeriod');
  };
  const keptTitle = t('quality.keptBySiteTitle');
  const keptDescription = `${t('quality.keptBySiteDesc', range)} ${extremesSentence(keptRows, f.percent)}`;
  const dailyTitle = t('quality.dailyTitle');
  const totals = report.byDay.reduce(
    (sum, day) => ({ kept: sum.kept + day.promisesKept, broken: sum.broken + day.promisesBroken }),
    { kept: 0, broken: 0 },
  );
  const dailyDescription = t('quality.dailyDesc', {
    ...range,
    kept: f.count(totals.kept),
    broken: f.count(totals.broken),
  });
  const complaintsTitle = t('quality.complaintsBySiteTitle');
  const complaintsDescription = `${t('quality.complaintsBySiteDesc', range)} ${extremesSentence(complaintRows, per100k)}`;

  const siteLegend = (
    <ul className="chart-legend">
      <li>
        <span className="legend-swatch legend-inhouse" aria-hidden="true" /> {t('quality.legendInhouse')}
      </li>
      <li>
        <span className="legend-swatch legend-vendor" aria-hidden="true" /> {t('quality.legendVendor')}
      </li>
    </ul>
  );

  return (
    <>
      <p className="muted">{t('quality.periodShown', range)}</p>
      <section aria-labelledby="quality-figures-heading" className="section">
        <h2 id="quality-figures-heading">{t('quality.figures')}</h2>
        <dl className="tiles">
          {tiles.map((tile) => (
            <div key={tile.key} className="tile" data-testid={`tile-${tile.key}`}>
              <dt>{tile.label}</dt>
              <dd>{tile.value}</dd>
              <dd className="tile-detail">{tile.detail}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="quality-charts-heading" className="section">
        <h2 id="quality-charts-heading">{t('quality.charts')}</h2>
        <div className="chart-grid-layout">
          <ChartFigure
            id="quality-kept-by-site"
            title={keptTitle}
            description={keptDescription}
            legend={siteLegend}
            chart={(labels) => (
              <BarChart {...labels} rows={keptRows} max={100} format={f.percent} noData={t('quality.noFigure')} />
            )}
            table={
              <SiteFiguresTable
                caption={keptTitle}
                sites={sites}
                kindLabel={kindLabel}
                columns={[
                  { label: t('quality.kept'), value: (site) => f.count(site.promisesKept) },
                  { label: t('quality.broken'), value: (site) => f.count(site.promisesBroken) },
                  { label: t('quality.pending'), value: (site) => f.count(site.promisesPending) },
                  { label: t('quality.promisesKept'), value: (site) => f.orDash(site.promisesKeptPercent, f.percent) },
                ]}
              />
            }
          />

          <ChartFigure
            id="quality-daily"
            title={dailyTitle}
            description={dailyDescription}
            legend={
              <ul className="chart-legend">
                <li>
                  <span className="legend-line legend-kept" aria-hidden="true" /> {t('quality.kept')}
                </li>
                <li>
                  <span className="legend-line legend-broken" aria-hidden="true" /> {t('quality.broken')}
                </li>
              </ul>
            }
            chart={(labels) => (
              <DailyLineChart {...labels} days={report.byDay} formatDay={f.day} formatNumber={f.count} />
            )}
            table={
              <TableRegion caption={dailyTitle} hideCaption>
                <thead>
                  <tr>
                    <th scope="col">{t('quality.day')}</th>
                    <th scope="col" className="numeric">
                      {t('quality.kept')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('quality.broken')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.byDay.map((day) => (
                    <tr key={day.date}>
                      <th scope="row">{f.longDay(day.date)}</th>
                      <td className="numeric">{f.count(day.promisesKept)}</td>
                      <td className="numeric">{f.count(day.promisesBroken)}</td>
                    </tr>
                  ))}
                </tbody>
              </TableRegion>
            }
          />

          <ChartFigure
            id="quality-complaints-by-site"
            title={complaintsTitle}
            description={complaintsDescription}
            legend={siteLegend}
            chart={(labels) => (
              <BarChart {...labels} rows={complaintRows} format={per100k} noData={t('quality.noFigure')} />
            )}
            table={
              <SiteFiguresTable
                caption={complaintsTitle}
                sites={sites}
                kindLabel={kindLabel}
                columns={[
                  { label: t('quality.complaintsOpened'), value: (site) => f.count(site.complaintsOpened) },
                  { label: t('quality.activeCustomers'), value: (site) => f.count(site.activeCustomers) },
                  {
                    label: t('quality.complaintsPer100k'),
                    value: (site) => f.orDash(site.complaintsPer100kCustomers, per100k),
                  },
                ]}
              />
            }
          />
        </div>
      </section>

      <section aria-labelledby="quality-vendors-heading" className="section">
        <h2 id="quality-vendors-heading">{t('quality.byVendor')}</h2>
        <TableRegion caption={t('quality.byVendor')} hideCaption>
          <thead>
            <tr>
              <th scope="col">{t('quality.vendor')}</th>
              <th scope="col" className="numeric">
                {t('quality.promisesKept')}
              </th>
              <th scope="col" className="numeric">
                {t('quality.repeatContacts')}
              </th>
              <th scope="col" className="numeric">
                {t('quality.complaintsInTime')}
              </th>
              <th scope="col" className="numeric">
                {t('quality.complaintsPer100k')}
              </th>
              <th scope="col" className="numeric">
                {t('quality.contactsPerCase')}
              </th>
            </tr>
          </thead>
          <tbody>
            {[{ ...overall, vendorName: t('quality.allSites'), siteIds: [] }, ...report.byVendor].map((vendor) => (
              <tr key={vendor.vendorName}>
                <th scope="row">{vendor.vendorName}</th>
                <td className="numeric">{f.orDash(vendor.promisesKeptPercent, f.percent)}</td>
                <td className="numeric">{f.orDash(vendor.repeatContactPercent, f.percent)}</td>
                <td className="numeric">{f.orDash(vendor.complaintsAnsweredInTimePercent, f.percent)}</td>
                <td className="numeric">{f.orDash(vendor.complaintsPer100kCustomers, per100k)}</td>
                <td className="numeric">{f.orDash(vendor.contactsPerCase, f.decimal)}</td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      </section>

      <section aria-labelledby="quality-definitions-heading" className="section">
        <h2 id="quality-definitions-heading">{t('quality.definitions')}</h2>
        <dl className="details">
          {(
            ['promisesKept', 'repeatContacts', 'complaintsInTime', 'complaintsPer100k', 'contactsPerCase'] as const
          ).map((key) => (
            <div key={key}>
              <dt>{t(`quality.${key}`)}</dt>
              <dd>{t(`quality.define.${key}`)}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}
