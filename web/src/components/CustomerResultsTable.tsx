import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CustomerSummary } from '../api/types';
import { formatNumber, formatPhone } from '../format/intl';
import { TableRegion } from './TableRegion';

interface CustomerResultsTableProps {
  customers: CustomerSummary[];
  query: string;
}

export function CustomerResultsTable({ customers, query }: CustomerResultsTableProps) {
  const { t, i18n } = useTranslation();
  return (
    <TableRegion caption={t('customers.resultsCaption', { query })} stackOnMobile>
      <thead>
        <tr>
          <th scope="col">{t('customers.columns.reference')}</th>
          <th scope="col">{t('customers.columns.name')}</th>
          <th scope="col">{t('customers.columns.phone')}</th>
          <th scope="col">{t('customers.columns.email')}</th>
          <th scope="col">{t('customers.columns.city')}</th>
          <th scope="col" className="numeric">
            {t('customers.columns.lines')}
          </th>
        </tr>
      </thead>
      <tbody>
        {customers.map((customer) => (
          <tr key={customer.id}>
            <td className="mono" data-label={t('customers.columns.reference')}>
              {customer.reference}
            </td>
            <th scope="row" data-label={t('customers.columns.name')}>
              <Link to={`/customers/${encodeURIComponent(customer.id)}`}>
                {customer.firstName} {customer.lastName}
              </Link>
            </th>
            <td className="nowrap" data-label={t('customers.columns.phone')}>
              {customer.phone ? formatPhone(customer.phone) : '—'}
            </td>
            <td className="break" data-label={t('customers.columns.email')}>
              {customer.email || '—'}
            </td>
            <td data-label={t('customers.columns.city')}>{customer.city}</td>
            <td className="numeric" data-label={t('customers.columns.lines')}>
              {formatNumber(customer.subscriptionCount, i18n.language)}
            </td>
          </tr>
        ))}
      </tbody>
    </TableRegion>
  );
}
