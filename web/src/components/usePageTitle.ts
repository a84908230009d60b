import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets document.title to "<page> · Suivi"; null leaves the title to a child component. */
export function usePageTitle(page: string | null): void {
  const { t } = useTranslation();
  useEffect(() => {
    if (page !== null) document.title = t('app.pageTitle', { page });
  }, [page, t]);
}
