import { useEffect, useId, useState } from 'react';
import { useCustomerSearch } from '../api/customers';
import type { CustomerSummary } from '../api/types';
import { ErrorAlert, Loading } from './StatusMessages';

const SEARCH_DEBOUNCE_MS = 250;

/**
 * Find a customer by name, phone or reference (searched as the staff member types) and choose one
 * of the results: the member who borrows an item, joins a working group…
 */
export function CustomerChoice({
  label,
  hint,
  legend,
  noneFound,
  chosen,
  onChoose,
  wide = false,
}: {
  label: string;
  hint: string;
  legend: string;
  noneFound: (query: string) => string;
  chosen: CustomerSummary | null;
  onChoose: (customer: CustomerSummary) => void;
  /** Results across the whole form grid. */
  wide?: boolean;
}) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(draft.trim()), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [draft]);
  const search = useCustomerSearch(query);
  const found = search.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-search`}>{label}</label>
        <input
          id={`${id}-search`}
          type="search"
          autoComplete="off"
          spellCheck={false}
          value={draft}
          aria-describedby={`${id}-hint`}
          onChange={(event) => setDraft(event.target.value)}
        />
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      </div>
      {query ? (
        search.isPending ? (
          <Loading />
        ) : search.isError ? (
          <ErrorAlert error={search.error} onRetry={() => void search.refetch()} />
        ) : found.length === 0 ? (
          <p className="empty-state" role="status">
            {noneFound(query)}
          </p>
        ) : (
          <fieldset className={wide ? 'field field-wide' : 'field'}>
            <legend>{legend}</legend>
            <div className="form-stack">
              {found.map((customer) => (
                <div key={customer.id}>
                  <label className="period-option">
                    <input
                      type="radio"
                      name={`${id}-choice`}
                      value={customer.id}
                      checked={chosen?.id === customer.id}
                      onChange={() => onChoose(customer)}
                    />{' '}
                    {customer.firstName} {customer.lastName} — {customer.reference} — {customer.city}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        )
      ) : null}
    </>
  );
}
