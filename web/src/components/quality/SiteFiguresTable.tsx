import { useTranslation } from 'react-i18next';
import type { SiteQuality } from '../../api/quality';
import { TableRegion } from '../TableRegion';

export interface SiteFigureColumn {
  label: string;
  value: (site: SiteQuality) => string;
}

/** The data table behind a per-site chart: site, kind, then the chart's figures. */
export function SiteFiguresTable({
  caption,
  sites,
  kindLabel,
  columns,
}: {
  caption: string;
  sites: SiteQuality[];
  kindLabel: (site: SiteQuality) => string;
  columns: SiteFigureColumn[];
}) {
  const { t } = useTranslation();
  return (
    <TableRegion caption={caption} hideCaption>
      <thead>
        <tr>
          <th scope="col">{t('quality.site')}</th>
          <th scope="col">{t('quality.kind')}</th>
          {columns.map((column) => (
            <th key={column.label} scope="col" className="numeric">
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sites.map((site) => (
          <tr key={site.siteId ?? 'none'}>
            <th scope="row">{site.name ?? t('quality.noSite')}</th>
            <td>{kindLabel(site)}</td>
            {columns.map((column) => (
              <td key={column.label} className="numeric">
                {column.value(site)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </TableRegion>
  );
}
