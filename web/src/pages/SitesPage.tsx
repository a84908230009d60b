import { useTranslation } from 'react-i18next';
import { useSites } from '../api/organisation';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { TableRegion } from '../components/TableRegion';
import { usePageTitle } from '../components/usePageTitle';
import { formatCountry, formatNumber } from '../format/intl';

export function SitesPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('sites.title'));
  const sites = useSites();
  const number = (value: number) => formatNumber(value, i18n.language);

  return (
    <>
      <h1>{t('sites.title')}</h1>
      {sites.isPending ? (
        <Loading />
      ) : sites.isError ? (
        <ErrorAlert error={sites.error} onRetry={() => void sites.refetch()} />
      ) : sites.data.items.length === 0 ? (
        <p className="empty-state">{t('sites.empty')}</p>
      ) : (
        <TableRegion caption={t('sites.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('sites.name')}</th>
              <th scope="col">{t('sites.kind')}</th>
              <th scope="col">{t('sites.vendor')}</th>
              <th scope="col">{t('sites.city')}</th>
              <th scope="col">{t('sites.country')}</th>
              <th scope="col" className="numeric">
                {t('sites.seats')}
              </th>
              <th scope="col" className="numeric">
                {t('sites.staff')}
              </th>
            </tr>
          </thead>
          <tbody>
            {sites.data.items.map((site) => (
              <tr key={site.id}>
                <th scope="row">
                  {site.name} <span className="muted mono">{site.code}</span>
                </th>
                <td>{t(`siteKinds.${site.kind}`, { defaultValue: site.kind })}</td>
                <td>{site.vendorName ?? '—'}</td>
                <td>{site.city}</td>
                <td>{formatCountry(site.country, i18n.language)}</td>
                <td className="numeric">{number(site.seats)}</td>
                <td className="numeric">{number(site.staffCount)}</td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
    </>
  );
}
