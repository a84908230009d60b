import { useTranslation } from 'react-i18next';
import { useCustomerCases } from '../../api/cases';
import type { CustomerDetail } from '../../api/types';
import { ErrorAlert, LoadMoreButton, Loading } from '../StatusMessages';
import { CaseTable } from './CaseTable';
import { OpenCaseForm } from './OpenCaseForm';

/** Staff, on the customer page: the customer's cases (newest first) and a form to open one. */
export function CustomerCasesSection({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const casesQuery = useCustomerCases(customer.id);
  const cases = casesQuery.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-labelledby="customer-cases-heading" className="section">
      <h2 id="customer-cases-heading">{t('cases.section')}</h2>
      {casesQuery.isPending ? (
        <Loading />
      ) : casesQuery.isError ? (
        <ErrorAlert error={casesQuery.error} onRetry={() => void casesQuery.refetch()} />
      ) : cases.length === 0 ? (
        <p className="empty-state">{t('cases.empty')}</p>
      ) : (
        <>
          <CaseTable cases={cases} caption={t('cases.caption')} />
          <LoadMoreButton
            hasNextPage={casesQuery.hasNextPage}
            isFetchingNextPage={casesQuery.isFetchingNextPage}
            onLoadMore={() => void casesQuery.fetchNextPage()}
          />
        </>
      )}
      <h3 id="new-case-heading" className="subsection-heading">
        {t('cases.newCase')}
      </h3>
      <OpenCaseForm
        customerId={customer.id}
        subscriptions={customer.subscriptions}
        audience="staff"
        idPrefix="new-case"
      />
    </section>
  );
}
