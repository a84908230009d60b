/** The loans page's overdue list (with reminders) and the form to add a loanable item. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import {
  ITEM_CONDITIONS,
  type ItemCondition,
  LOAN_CATEGORIES,
  type LoanCategory,
  useAddLoanItem,
  useOverdueLoans,
  useRemindOverdue,
} from '../../api/loans';
import { TableRegion } from '../TableRegion';
import { ErrorAlert, Loading } from '../StatusMessages';
import { formatDate } from '../../format/intl';
import { parisToday } from '../../format/parisTime';

const DAY_MS = 86_400_000;

/** Whole days from one 'YYYY-MM-DD' to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

export function AddItemForm({ shopCode }: { shopCode: string }) {
  const { t } = useTranslation();
  const add = useAddLoanItem(shopCode);
  const [assetTag, setAssetTag] = useState('');
  const [name, setName] = useState('');
  const [category, setCategory] = useState<LoanCategory>('dev_board');
  const [condition, setCondition] = useState<ItemCondition>('new');
  const [added, setAdded] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    add.mutate(
      { assetTag: assetTag.trim(), name: name.trim(), category, condition },
      {
        onSuccess: (item) => {
          setAdded(`${item.name} (${item.assetTag})`);
          setAssetTag('');
          setName('');
        },
      },
    );
  };
  const tagTaken = add.error instanceof ApiError && add.error.status === 409;
  return (
    <section className="section" aria-labelledby="loan-add-heading">
      <h2 id="loan-add-heading">{t('loans.addTitle')}</h2>
      <form className="form-grid" onSubmit={submit}>
        <div className="field">
          <label htmlFor="loan-add-tag">{t('loans.assetTag')}</label>
          <input
            id="loan-add-tag"
            value={assetTag}
            maxLength={40}
            required
            aria-describedby="loan-add-tag-hint"
            onChange={(event) => setAssetTag(event.target.value)}
          />
          <p id="loan-add-tag-hint" className="field-hint">
            {t('loans.assetTagHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="loan-add-name">{t('loans.itemName')}</label>
          <input
            id="loan-add-name"
            value={name}
            maxLength={200}
            required
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="loan-add-category">{t('loans.category')}</label>
          <select
            id="loan-add-category"
            value={category}
            onChange={(event) => setCategory(event.target.value as LoanCategory)}
          >
            {LOAN_CATEGORIES.map((value) => (
              <option key={value} value={value}>
                {t(`loans.categories.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="loan-add-condition">{t('loans.condition')}</label>
          <select
            id="loan-add-condition"
            value={condition}
            onChange={(event) => setCondition(event.target.value as ItemCondition)}
          >
            {ITEM_CONDITIONS.map((value) => (
              <option key={value} value={value}>
                {t(`loans.conditions.${value}`)}
              </option>
            ))}
          </select>
        </div>
        {add.isError ? (
          tagTaken ? (
            <ErrorAlert error={add.error} summary={t('loans.tagTaken', { tag: assetTag.trim() })} hideDetail />
          ) : (
            <ErrorAlert error={add.error} />
          )
        ) : null}
        {added ? (
          <p className="alert alert-success" role="status">
            {t('loans.added', { item: added })}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={add.isPending}>
            {t('loans.add')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Loans past their due date, oldest first, with the reminder round. */
export function OverdueSection() {
  const { t, i18n } = useTranslation();
  const overdue = useOverdueLoans();
  const remind = useRemindOverdue();
  const today = parisToday();
  return (
    <section className="section" aria-labelledby="loan-overdue-heading">
      <h2 id="loan-overdue-heading">{t('loans.overdueTitle')}</h2>
      <p className="muted">{t('loans.overdueIntro')}</p>
      {overdue.isPending ? (
        <Loading />
      ) : overdue.isError ? (
        <ErrorAlert error={overdue.error} onRetry={() => void overdue.refetch()} />
      ) : overdue.data.items.length === 0 ? (
        <p className="empty-state">{t('loans.noOverdue')}</p>
      ) : (
        <TableRegion caption={t('loans.overdueCaption')} hideCaption stackOnMobile>
          <thead>
            <tr>
              <th scope="col">{t('loans.item')}</th>
              <th scope="col">{t('loans.borrower')}</th>
              <th scope="col">{t('loans.dueDate')}</th>
              <th scope="col">{t('loans.lateness')}</th>
            </tr>
          </thead>
          <tbody data-testid="overdue-loans">
            {overdue.data.items.map((loan) => (
              <tr key={loan.id}>
                <td data-label={t('loans.item')}>
                  {loan.item.name} <span className="mono">{loan.item.assetTag}</span>
                </td>
                <td data-label={t('loans.borrower')}>
                  {loan.borrower.name} ({loan.borrower.reference})
                </td>
                <td data-label={t('loans.dueDate')}>{formatDate(loan.dueDate, i18n.language)}</td>
                <td data-label={t('loans.lateness')}>
                  <span className="badge badge-risk-broken">
                    {t('loans.daysLate', { count: Math.max(1, daysBetween(loan.dueDate, today)) })}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
      {remind.isError ? <ErrorAlert error={remind.error} /> : null}
      {remind.isSuccess ? (
        <p className="alert alert-success" role="status">
          {remind.data.reminded === 0
            ? t('loans.remindersNone')
            : t('loans.remindersWritten', { count: remind.data.reminded })}
        </p>
      ) : null}
      {overdue.data && overdue.data.items.length > 0 ? (
        <button
          type="button"
          className="button button-primary"
          disabled={remind.isPending}
          onClick={() => remind.mutate()}
        >
          {t('loans.sendReminders')}
        </button>
      ) : null}
    </section>
  );
}
