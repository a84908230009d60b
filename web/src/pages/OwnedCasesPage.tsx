import { useTranslation } from 'react-i18next';
import { useOwnedCases } from '../api/cases';
import { CaseTable } from '../components/cases/CaseTable';
import { ErrorAlert, LoadMoreButton, Loading } from '../components/StatusMessages';
import { usePageTitle } from '../components/usePageTitle';

/** Staff: the unfinished cases I own or that were routed to me, the nearest promise first. */
export function OwnedCasesPage() {
  const { t } = useTranslation();
  usePageTitle(t('ownedCases.title'));
  const owned = useOwnedCases();
  const cases = owned.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <h1>{t('ownedCases.title')}</h1>
      <p className="lead">{t('ownedCases.intro')}</p>
      {owned.isPending ? (
        <Loading />
      ) : owned.isError ? (
        <ErrorAlert error={owned.error} onRetry={() => void owned.refetch()} />
      ) : cases.length === 0 ? (
        <p className="empty-state">{t('ownedCases.empty')}</p>
      ) : (
        <>
          <CaseTable cases={cases} caption={t('ownedCases.caption')} />
          <LoadMoreButton
            hasNextPage={owned.hasNextPage}
            isFetchingNextPage={owned.isFetchingNextPage}
            onLoadMore={() => void owned.fetchNextPage()}
          />
        </>
      )}
    </>
  );
}
