import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useComparison } from '../api/planning';
import { PlanningTabs, useLocale } from '../components/planning/PlanningParts';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { TableRegion } from '../components/TableRegion';
import { usePageTitle } from '../components/usePageTitle';

const MONEY = new Set(['cost', 'costPerWeek']);

/** Two computed scenarios side by side: totals with the difference, and per site. */
export function ScenarioComparePage() {
  const { t } = useTranslation();
  usePageTitle(t('planning.compare.title'));
  const [params] = useSearchParams();
  const comparison = useComparison(params.get('a'), params.get('b'));
  const f = useLocale();
  const show = (measure: string, value: number) => (MONEY.has(measure) ? f.euros(value) : f.number(value, 1));
  return (
    <>
      <h1>{t('planning.compare.title')}</h1>
      <PlanningTabs />
      {comparison.isPending ? (
        <Loading />
      ) : comparison.isError ? (
        <ErrorAlert error={comparison.error} />
      ) : (
        <>
          <TableRegion caption={t('planning.compare.totals')}>
            <thead>
              <tr>
                <th scope="col">{t('planning.compare.measure')}</th>
                <th scope="col">{comparison.data.a.name}</th>
                <th scope="col">{comparison.data.b.name}</th>
                <th scope="col">{t('planning.compare.difference')}</th>
              </tr>
            </thead>
            <tbody>
              {comparison.data.totals.map((row) => (
                <tr key={row.measure}>
                  <th scope="row">{t(`planning.compare.measures.${row.measure}`)}</th>
                  <td>{show(row.measure, row.a)}</td>
                  <td>{show(row.measure, row.b)}</td>
                  <td>
                    {row.difference > 0 ? '+' : ''}
                    {show(row.measure, row.difference)}
                  </td>
                </tr>
              ))}
            </tbody>
          </TableRegion>
          <TableRegion caption={t('planning.compare.sites')}>
            <thead>
              <tr>
                <th scope="col">{t('planning.sites.site')}</th>
                <th scope="col">{t('planning.compare.costOf', { name: comparison.data.a.name })}</th>
                <th scope="col">{t('planning.compare.costOf', { name: comparison.data.b.name })}</th>
                <th scope="col">{t('planning.compare.peakOf', { name: comparison.data.a.name })}</th>
                <th scope="col">{t('planning.compare.peakOf', { name: comparison.data.b.name })}</th>
              </tr>
            </thead>
            <tbody>
              {comparison.data.sites.map((site) => (
                <tr key={site.siteId}>
                  <th scope="row">{site.name}</th>
                  <td>{site.a ? f.euros(site.a.cost) : '—'}</td>
                  <td>{site.b ? f.euros(site.b.cost) : '—'}</td>
                  <td>{site.a?.peakAgents ?? '—'}</td>
                  <td>{site.b?.peakAgents ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </TableRegion>
        </>
      )}
    </>
  );
}
