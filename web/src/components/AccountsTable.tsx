import { useTranslation } from 'react-i18next';
import type { Account } from '../api/types';
import { codeLabel } from '../format/labels';
import { TableRegion } from './TableRegion';

export function AccountsTable({ accounts }: { accounts: Account[] }) {
  const { t } = useTranslation();
  if (accounts.length === 0) return <p className="empty-state">{t('customer.noAccounts')}</p>;
  return (
    <TableRegion caption={t('customer.accounts')} hideCaption>
      <thead>
        <tr>
          <th scope="col">{t('customer.accountReference')}</th>
          <th scope="col">{t('customer.billingMethod')}</th>
          <th scope="col">{t('customer.accountStatus')}</th>
        </tr>
      </thead>
      <tbody>
        {accounts.map((account) => (
          <tr key={account.id}>
            <td className="mono">{account.reference}</td>
            <td>{codeLabel(t, 'billingMethods', account.billingMethod)}</td>
            <td>{codeLabel(t, 'accountStatuses', account.status)}</td>
          </tr>
        ))}
      </tbody>
    </TableRegion>
  );
}
