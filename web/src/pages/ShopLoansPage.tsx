import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoanItems } from '../api/loans';
import { useCurrentUser } from '../auth/currentUser';
import { TableRegion } from '../components/TableRegion';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { usePageTitle } from '../components/usePageTitle';
import { formatDate } from '../format/intl';
import { LendForm, ReturnForm } from '../components/loans/LoanForms';
import { AddItemForm, OverdueSection } from '../components/loans/LoanSections';

type Action = { kind: 'lend' | 'return'; itemId: string } | null;

/** « Prêts de matériel »: the developer space's loanable items, lending, returns and overdue loans. */
export function ShopLoansPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('loans.title'));
  const user = useCurrentUser();
  const shopCode = user.site?.kind === 'shop' ? user.site.code : 'NCY';
  const items = useLoanItems(shopCode);
  const [action, setAction] = useState<Action>(null);
  const [done, setDone] = useState<string | null>(null);
  const current = action ? items.data?.items.find((item) => item.id === action.itemId) : undefined;

  const finish = (message: string) => {
    setAction(null);
    setDone(message);
  };

  return (
    <>
      <h1>{t('loans.title')}</h1>
      <p className="lead">{t('loans.intro', { limit: items.data?.limit ?? 3 })}</p>
      {done ? (
        <p className="alert alert-success" role="status">
          {done}
        </p>
      ) : null}
      <section className="section" aria-labelledby="loan-items-heading">
        <h2 id="loan-items-heading">{t('loans.itemsTitle')}</h2>
        {items.isPending ? (
          <Loading />
        ) : items.isError ? (
          <ErrorAlert error={items.error} onRetry={() => void items.refetch()} />
        ) : items.data.items.length === 0 ? (
          <p className="empty-state">{t('loans.noItems')}</p>
        ) : (
          <TableRegion caption={t('loans.itemsCaption')} hideCaption stackOnMobile>
            <thead>
              <tr>
                <th scope="col">{t('loans.item')}</th>
                <th scope="col">{t('loans.category')}</th>
                <th scope="col">{t('loans.condition')}</th>
                <th scope="col">{t('loans.availability')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('loans.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody data-testid="loan-items">
              {items.data.items.map((item) => (
                <tr key={item.id}>
                  <th scope="row" data-label={t('loans.item')}>
                    {item.name} <span className="mono">{item.assetTag}</span>
                  </th>
                  <td data-label={t('loans.category')}>{t(`loans.categories.${item.category}`)}</td>
                  <td data-label={t('loans.condition')}>{t(`loans.conditions.${item.condition}`)}</td>
                  <td data-label={t('loans.availability')}>
                    {item.available ? (
                      <span className="badge badge-active">{t('loans.available')}</span>
                    ) : (
                      <>
                        <span className="badge badge-pending">{t('loans.lent')}</span>{' '}
                        {item.loan?.borrower
                          ? t('loans.heldBy', {
                              name: item.loan.borrower.name,
                              reference: item.loan.borrower.reference,
                              date: formatDate(item.loan.dueDate, i18n.language),
                            })
                          : item.loan
                            ? t('loans.heldUntil', { date: formatDate(item.loan.dueDate, i18n.language) })
                            : null}
                      </>
                    )}
                  </td>
                  <td>
                    {item.available ? (
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        aria-label={t('loans.lendItem', { name: item.name, tag: item.assetTag })}
                        onClick={() => {
                          setDone(null);
                          setAction({ kind: 'lend', itemId: item.id });
                        }}
                      >
                        {t('loans.lend')}
                      </button>
                    ) : item.loan?.id ? (
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        aria-label={t('loans.returnItem', { name: item.name, tag: item.assetTag })}
                        onClick={() => {
                          setDone(null);
                          setAction({ kind: 'return', itemId: item.id });
                        }}
                      >
                        {t('loans.takeBack')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </TableRegion>
        )}
      </section>
      {action?.kind === 'lend' && current && items.data ? (
        <LendForm
          key={current.id}
          item={current}
          defaultDueDate={items.data.defaultDueDate}
          latestDueDate={items.data.latestDueDate}
          limit={items.data.limit}
          onCancel={() => setAction(null)}
          onDone={(loan) =>
            finish(
              t('loans.lentDone', {
                name: loan.item.name,
                tag: loan.item.assetTag,
                borrower: loan.borrower.name,
                date: formatDate(loan.dueDate, i18n.language),
              }),
            )
          }
        />
      ) : null}
      {action?.kind === 'return' && current ? (
        <ReturnForm
          key={current.id}
          item={current}
          onCancel={() => setAction(null)}
          onDone={(loan) =>
            finish(
              t('loans.returnedDone', {
                name: loan.item.name,
                tag: loan.item.assetTag,
                condition: t(`loans.conditions.${loan.conditionIn ?? current.condition}`),
              }),
            )
          }
        />
      ) : null}
      <OverdueSection />
      <AddItemForm shopCode={shopCode} />
    </>
  );
}
