import { useTranslation } from 'react-i18next';
import { useOverview } from '../api/organisation';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { TableRegion } from '../components/TableRegion';
import { usePageTitle } from '../components/usePageTitle';
import { formatNumber } from '../format/intl';

export function OverviewPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('overview.title'));
  const overview = useOverview();
  const number = (value: number) => formatNumber(value, i18n.language);

  if (overview.isPending || overview.isError) {
    return (
      <>
        <h1>{t('overview.title')}</h1>
        {overview.isPending ? (
          <Loading />
        ) : (
          <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} />
        )}
      </>
    );
  }

  const data = overview.data;
  const totalStaff = data.sites.reduce((sum, site) => sum + site.staffCount, 0);
  const tiles = [
    { key: 'customers', label: t('overview.customers'), value: data.customers },
    { key: 'fixed_box', label: t('overview.boxLines'), value: data.subscriptions.fixed_box },
    { key: 'mobile_line', label: t('overview.mobileLines'), value: data.subscriptions.mobile_line },
  ];

  return (
    <>
      <h1>{t('overview.title')}</h1>
      <section aria-labelledby="overview-figures-heading" className="section">
        <h2 id="overview-figures-heading">{t('overview.figures')}</h2>
        <dl className="tiles">
          {tiles.map((tile) => (
            <div key={tile.key} className="tile" data-testid={`tile-${tile.key}`}>
              <dt>{tile.label}</dt>
              <dd>{number(tile.value)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="overview-sites-heading" className="section">
        <h2 id="overview-sites-heading">{t('overview.sitesTitle')}</h2>
        <TableRegion caption={t('overview.sitesTitle')} hideCaption>
          <thead>
            <tr>
              <th scope="col">{t('overview.site')}</th>
              <th scope="col">{t('overview.kind')}</th>
              <th scope="col" className="numeric">
                {t('overview.staff')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.sites.map((site) => (
              <tr key={site.id}>
                <th scope="row">{site.name}</th>
                <td>{t(`siteKinds.${site.kind}`, { defaultValue: site.kind })}</td>
                <td className="numeric">{number(site.staffCount)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {t('overview.total')}
              </th>
              <td className="numeric">{number(totalStaff)}</td>
            </tr>
          </tfoot>
        </TableRegion>
      </section>
    </>
  );
}
