import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCustomerSearch } from '../api/customers';
import { CustomerResultsTable } from '../components/CustomerResultsTable';
import { ErrorAlert, LoadMoreButton, Loading } from '../components/StatusMessages';
import { usePageTitle } from '../components/usePageTitle';

const DEBOUNCE_MS = 250;

export function CustomersPage() {
  const { t } = useTranslation();
  usePageTitle(t('customers.title'));
  const [searchParams, setSearchParams] = useSearchParams();
  const committedQuery = searchParams.get('q') ?? '';
  const [draft, setDraft] = useState(committedQuery);

  // Keep the query in the URL so Back from a customer file returns to the same results.
  useEffect(() => {
    if (draft.trim() === committedQuery.trim()) return;
    const timer = window.setTimeout(() => {
      setSearchParams(draft.trim() ? { q: draft.trim() } : {}, { replace: true });
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [draft, committedQuery, setSearchParams]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSearchParams(draft.trim() ? { q: draft.trim() } : {}, { replace: true });
  }

  const query = committedQuery.trim();
  const search = useCustomerSearch(query);
  const customers = search.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <h1>{t('customers.title')}</h1>
      <search>
        <form className="search-form" onSubmit={handleSubmit}>
          <label htmlFor="customer-search">{t('customers.searchLabel')}</label>
          <div className="search-row">
            <input
              id="customer-search"
              name="q"
              type="search"
              autoComplete="off"
              spellCheck={false}
              placeholder={t('customers.searchPlaceholder')}
              aria-describedby="customer-search-hint"
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
            />
            <button type="submit" className="button button-primary">
              {t('customers.searchButton')}
            </button>
          </div>
          <p id="customer-search-hint" className="muted">
            {t('customers.hint')}
          </p>
        </form>
      </search>

      <div className="results">
        {!query ? null : search.isPending ? (
          <Loading />
        ) : search.isError ? (
          <ErrorAlert error={search.error} onRetry={() => void search.refetch()} />
        ) : customers.length === 0 ? (
          <p className="empty-state" role="status">
            {t('customers.empty', { query })}
          </p>
        ) : (
          <>
            <p className="visually-hidden" role="status">
              {t('common.shownCount', { count: customers.length })}
            </p>
            <CustomerResultsTable customers={customers} query={query} />
            <LoadMoreButton
              hasNextPage={search.hasNextPage}
              isFetchingNextPage={search.isFetchingNextPage}
              onLoadMore={() => void search.fetchNextPage()}
            />
          </>
        )}
      </div>
    </>
  );
}
