/** The counter's two loan forms: lending an item to a member, taking it back. */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ITEM_CONDITIONS, type ItemCondition, type Loan, type LoanItem, useLend, useReturnLoan } from '../../api/loans';
import type { CustomerSummary } from '../../api/types';
import { CustomerChoice } from '../CustomerChoice';
import { ErrorAlert } from '../StatusMessages';
import { formatDate } from '../../format/intl';

function fieldOf(error: unknown): string | null {
  return error instanceof ApiError ? (error.problem?.errors?.[0]?.field ?? null) : null;
}

export function LendForm({
  item,
  defaultDueDate,
  latestDueDate,
  limit,
  onDone,
  onCancel,
}: {
  item: LoanItem;
  defaultDueDate: string;
  latestDueDate: string;
  limit: number;
  onDone: (loan: Loan) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const lend = useLend();
  const [member, setMember] = useState<CustomerSummary | null>(null);
  const [dueDate, setDueDate] = useState(defaultDueDate);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!member) return;
    lend.mutate({ itemId: item.id, customerId: member.id, dueDate }, { onSuccess: onDone });
  };

  const failed = lend.isError ? fieldOf(lend.error) : null;
  const memberName = member ? `${member.firstName} ${member.lastName}` : '';
  return (
    <section className="section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} ref={heading} tabIndex={-1}>
        {t('loans.lendTitle', { name: item.name, tag: item.assetTag })}
      </h2>
      <form className="form-grid" onSubmit={submit}>
        <CustomerChoice
          label={t('loans.findMember')}
          hint={t('loans.findMemberHint')}
          legend={t('loans.members')}
          noneFound={(query) => t('loans.noMember', { query })}
          chosen={member}
          onChoose={setMember}
          wide
        />
        <div className="field">
          <label htmlFor={`${id}-due`}>{t('loans.dueDate')}</label>
          <input
            id={`${id}-due`}
            type="date"
            value={dueDate}
            max={latestDueDate}
            required
            aria-describedby={`${id}-due-hint`}
            onChange={(event) => setDueDate(event.target.value)}
          />
          <p id={`${id}-due-hint`} className="field-hint">
            {t('loans.dueDateHint', {
              defaultDate: formatDate(defaultDueDate, i18n.language),
              latest: formatDate(latestDueDate, i18n.language),
            })}
          </p>
        </div>
        {lend.isError ? (
          <div className="field-wide">
            {failed === 'body.customerId' && lend.error instanceof ApiError && lend.error.status === 409 ? (
              <ErrorAlert
                error={lend.error}
                summary={t('loans.limitReached', { name: memberName, limit })}
                hideDetail
              />
            ) : failed === 'body.itemId' ? (
              <ErrorAlert error={lend.error} summary={t('loans.alreadyLent')} hideDetail />
            ) : failed === 'body.dueDate' ? (
              <ErrorAlert
                error={lend.error}
                summary={t('loans.badDueDate', { latest: formatDate(latestDueDate, i18n.language) })}
                hideDetail
              />
            ) : (
              <ErrorAlert error={lend.error} />
            )}
          </div>
        ) : null}
        <div className="form-actions">
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={!member || !dueDate || lend.isPending}>
              {member ? t('loans.lendTo', { name: memberName }) : t('loans.lend')}
            </button>
            <button type="button" className="button button-secondary" onClick={onCancel}>
              {t('loans.cancel')}
            </button>
          </div>
        </div>
      </form>
    </section>
  );
}

/** Take an item back, noting the condition it came back in. */
export function ReturnForm({
  item,
  onDone,
  onCancel,
}: {
  item: LoanItem;
  onDone: (loan: Loan) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const back = useReturnLoan();
  const [condition, setCondition] = useState<ItemCondition>(item.condition);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const loanId = item.loan?.id;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (loanId) back.mutate({ id: loanId, condition }, { onSuccess: onDone });
  };
  return (
    <section className="section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} ref={heading} tabIndex={-1}>
        {t('loans.returnTitle', { name: item.name, tag: item.assetTag })}
      </h2>
      <form className="form-grid" onSubmit={submit}>
        {item.loan?.borrower ? (
          <p>{t('loans.returnedBy', { name: item.loan.borrower.name, reference: item.loan.borrower.reference })}</p>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-condition`}>{t('loans.conditionIn')}</label>
          <select
            id={`${id}-condition`}
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
        {back.isError ? <ErrorAlert error={back.error} /> : null}
        <div className="form-actions">
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={!loanId || back.isPending}>
              {t('loans.confirmReturn')}
            </button>
            <button type="button" className="button button-secondary" onClick={onCancel}>
              {t('loans.cancel')}
            </button>
          </div>
        </div>
      </form>
    </section>
  );
}

/** A new loanable item for the shop's shelf. */
