import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useCustomerReads } from '../api/organisation';
import { useCurrentUser } from '../auth/currentUser';
import { canOpen } from '../auth/roles';
import { ErrorAlert, LoadMoreButton, Loading } from '../components/StatusMessages';
import { TableRegion } from '../components/TableRegion';
import { usePageTitle } from '../components/usePageTitle';
import { formatDateTime } from '../format/intl';

export function AuditPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('audit.title'));
  const user = useCurrentUser();
  const [searchParams, setSearchParams] = useSearchParams();
  const customerId = searchParams.get('customerId')?.trim() ?? '';
  const [draft, setDraft] = useState(customerId);
  const reads = useCustomerReads(customerId);
  const rows = reads.data?.pages.flatMap((page) => page.items) ?? [];
  const canOpenCustomers = canOpen(user.role, 'customers');

  function handleFilter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSearchParams(draft.trim() ? { customerId: draft.trim() } : {});
  }

  function clearFilter() {
    setDraft('');
    setSearchParams({});
  }

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p className="lead">{t('audit.intro')}</p>
      <form className="filter-form" onSubmit={handleFilter}>
        <div className="field">
          <label htmlFor="audit-customer-id">{t('audit.filterLabel')}</label>
          <input
            id="audit-customer-id"
            name="customerId"
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
          />
        </div>
        <button type="submit" className="button button-primary">
          {t('audit.filter')}
        </button>
        {customerId ? (
          <button type="button" className="button button-secondary" onClick={clearFilter}>
            {t('audit.clearFilter')}
          </button>
        ) : null}
      </form>

      {reads.isPending ? (
        <Loading />
      ) : reads.isError ? (
        <ErrorAlert error={reads.error} onRetry={() => void reads.refetch()} />
      ) : rows.length === 0 ? (
        <p className="empty-state">{t('audit.empty')}</p>
      ) : (
        <>
          <TableRegion caption={customerId ? t('audit.filteredBy', { customerId }) : t('audit.caption')}>
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.customer')}</th>
                <th scope="col">{t('audit.route')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((read) => (
                <tr key={read.id}>
                  <td className="nowrap">
                    <time dateTime={read.at}>{formatDateTime(read.at, i18n.language)}</time>
                  </td>
                  <td>{read.staff.displayName}</td>
                  <td>
                    {canOpenCustomers ? (
                      <Link to={`/customers/${encodeURIComponent(read.customer.id)}`}>{read.customer.name}</Link>
                    ) : (
                      read.customer.name
                    )}{' '}
                    <span className="muted mono">{read.customer.reference}</span>
                  </td>
                  <td className="mono break">{read.route}</td>
                </tr>
              ))}
            </tbody>
          </TableRegion>
          <LoadMoreButton
            hasNextPage={reads.hasNextPage}
            isFetchingNextPage={reads.isFetchingNextPage}
            onLoadMore={() => void reads.fetchNextPage()}
          />
        </>
      )}
    </>
  );
}
