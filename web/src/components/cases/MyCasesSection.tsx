import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../api/caseTypes';
import { useCustomerCases } from '../../api/cases';
import type { Subscription } from '../../api/types';
import { isFinished } from '../../format/cases';
import { ErrorAlert, LoadMoreButton, Loading } from '../StatusMessages';
import { CaseTable } from './CaseTable';
import { OpenCaseForm } from './OpenCaseForm';

interface MyCasesSectionProps {
  customerId: string;
  subscriptions: Subscription[];
}

function CaseGroup({ cases, caption, empty }: { cases: CaseSummary[]; caption: string; empty: string }) {
  if (cases.length === 0) return <p className="empty-state">{empty}</p>;
  return <CaseTable cases={cases} caption={caption} hideCaption />;
}

/** Subscriber home: all their cases, open then closed, and a form to open one through the portal. */
export function MyCasesSection({ customerId, subscriptions }: MyCasesSectionProps) {
  const { t } = useTranslation();
  const casesQuery = useCustomerCases(customerId);
  const cases = casesQuery.data?.pages.flatMap((page) => page.items) ?? [];
  const open = cases.filter((summary) => !isFinished(summary));
  const finished = cases.filter(isFinished);

  return (
    <section aria-labelledby="my-cases-heading" className="section">
      <h2 id="my-cases-heading">{t('myCases.heading')}</h2>
      {casesQuery.isPending ? (
        <Loading />
      ) : casesQuery.isError ? (
        <ErrorAlert error={casesQuery.error} onRetry={() => void casesQuery.refetch()} />
      ) : (
        <>
          <h3 className="subsection-heading">{t('myCases.open')}</h3>
          <CaseGroup cases={open} caption={t('myCases.open')} empty={t('myCases.emptyOpen')} />
          <h3 className="subsection-heading">{t('myCases.closed')}</h3>
          <CaseGroup cases={finished} caption={t('myCases.closed')} empty={t('myCases.emptyClosed')} />
          <LoadMoreButton
            hasNextPage={casesQuery.hasNextPage}
            isFetchingNextPage={casesQuery.isFetchingNextPage}
            onLoadMore={() => void casesQuery.fetchNextPage()}
          />
        </>
      )}
      <h3 id="my-new-case-heading" className="subsection-heading">
        {t('myCases.openForm')}
      </h3>
      <p className="muted">{t('myCases.openFormIntro')}</p>
      <OpenCaseForm
        customerId={customerId}
        subscriptions={subscriptions}
        audience="subscriber"
        idPrefix="my-new-case"
      />
    </section>
  );
}
