import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useCustomerSearch } from '../api/customers';
import {
  ITEM_CONDITIONS,
  type ItemCondition,
  LOAN_CATEGORIES,
  type Loan,
  type LoanCategory,
  type LoanItem,
  useAddLoanItem,
  useLend,
  useLoanItems,
  useOverdueLoans,
  useRemindOverdue,
  useReturnLoan,
} from '../api/loans';
import type { CustomerSummary } from '../api/types';
import { useCurrentUser } from '../auth/currentUser';
import { TableRegion } from '../components/TableRegion';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { usePageTitle } from '../components/usePageTitle';
import { formatDate } from '../format/intl';
import { parisToday } from './ShopAppointmentsPage';

const DAY_MS = 86_400_000;
const SEARCH_DEBOUNCE_MS = 250;

/** Whole days from one 'YYYY-MM-DD' to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

function fieldOf(error: unknown): string | null {
  return error instanceof ApiError ? (error.problem?.errors?.[0]?.field ?? null) : null;
}

/** Lend an available item: find the member, pick the due date (the shop's default to start with). */
function LendForm({
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
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState('');
  const [member, setMember] = useState<CustomerSummary | null>(null);
  const [dueDate, setDueDate] = useState(defaultDueDate);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(draft.trim()), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [draft]);
  const search = useCustomerSearch(query);
  const found = search.data?.pages.flatMap((page) => page.items) ?? [];

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
        <div className="field">
          <label htmlFor={`${id}-member`}>{t('loans.findMember')}</label>
          <input
            id={`${id}-member`}
            type="search"
            autoComplete="off"
            spellCheck={false}
            value={draft}
            aria-describedby={`${id}-member-hint`}
            onChange={(event) => setDraft(event.target.value)}
          />
          <p id={`${id}-member-hint`} className="field-hint">
            {t('loans.findMemberHint')}
          </p>
        </div>
        {query ? (
          search.isPending ? (
            <Loading />
          ) : search.isError ? (
            <ErrorAlert error={search.error} onRetry={() => void search.refetch()} />
          ) : found.length === 0 ? (
            <p className="empty-state" role="status">
              {t('loans.noMember', { query })}
            </p>
          ) : (
            <fieldset className="field field-wide">
              <legend>{t('loans.members')}</legend>
              <div className="form-stack">
                {found.map((customer) => (
                  <div key={customer.id}>
                    <label className="period-option">
                      <input
                        type="radio"
                        name={`${id}-borrower`}
                        value={customer.id}
                        checked={member?.id === customer.id}
                        onChange={() => setMember(customer)}
                      />{' '}
                      {customer.firstName} {customer.lastName} — {customer.reference} — {customer.city}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          )
        ) : null}
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
function ReturnForm({
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
function AddItemForm({ shopCode }: { shopCode: string }) {
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
function OverdueSection() {
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
