import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type BillLine,
  type ChargeFlag,
  type DisputeResult,
  type ThirdPartyCharge,
  type Words,
  useBill,
  useBills,
  useDispute,
  useSetThirdPartyBilling,
  useThirdParty,
} from '../../api/billing';
import { newIdempotencyKey } from '../../api/idempotencyKey';
import { formatDay } from '../../format/cases';
import { ErrorAlert, Loading } from '../StatusMessages';
import { TableRegion } from '../TableRegion';

type Audience = 'subscriber' | 'staff';

const locale = (language: string) => (language.startsWith('en') ? 'en-GB' : 'fr-FR');

export function formatEuros(cents: number, language: string): string {
  return new Intl.NumberFormat(locale(language), { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

const words = (value: Words, language: string) => (language.startsWith('en') ? value.en : value.fr);

function Flags({ flags }: { flags: ChargeFlag[] }) {
  const { i18n } = useTranslation();
  if (flags.length === 0) return null;
  return (
    <span className="billing-flags">
      {flags.map((flag) => (
        <span key={flag.code} className="badge badge-suspended" data-flag={flag.code}>
          {words(flag.label, i18n.language)}
        </span>
      ))}
    </span>
  );
}

function DisputeOutcome({ result, audience }: { result: DisputeResult; audience: Audience }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="alert alert-success" role="status">
      <p>
        {result.refund
          ? t('billing.refunded', { amount: formatEuros(result.refund.amountCents, i18n.language) })
          : t('billing.underReview')}{' '}
        <Link to={`/cases/${result.case.id}`}>{t('billing.caseLink', { reference: result.case.reference })}</Link>
      </p>
      {audience === 'subscriber' && result.refund ? <p>{t('billing.refundOnNextBill')}</p> : null}
    </div>
  );
}

/** The dispute button and its short form; one Idempotency-Key per form, so a double click disputes once. */
function DisputeButton({
  target,
  label,
  audience,
  existing,
}: {
  target: { billLineId: string } | { chargeId: string };
  label: string;
  audience: Audience;
  /** The dispute already recorded for this line, if any. */
  existing: { outcome: string; case: { id: string; reference: string } } | null;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const dispute = useDispute();
  if (dispute.data) return <DisputeOutcome result={dispute.data} audience={audience} />;
  if (existing) return <DisputeState dispute={existing} />;
  if (!open) {
    return (
      <button type="button" className="button button-small" onClick={() => setOpen(true)}>
        {t('billing.dispute')}
        <span className="visually-hidden"> {label}</span>
      </button>
    );
  }
  const id = `reason-${'billLineId' in target ? target.billLineId : target.chargeId}`;
  return (
    <form
      className="billing-dispute-form"
      onSubmit={(event) => {
        event.preventDefault();
        dispute.mutate({
          ...target,
          reason: reason.trim() || t('billing.defaultReason'),
          ...(audience === 'staff' ? { channel: 'phone_in' } : {}),
          idempotencyKey: key,
        });
      }}
    >
      <label htmlFor={id}>{t('billing.reasonLabel')}</label>
      <textarea id={id} rows={2} maxLength={2000} value={reason} onChange={(event) => setReason(event.target.value)} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={dispute.isPending}>
          {t('billing.confirmDispute')}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setOpen(false);
            setKey(newIdempotencyKey());
          }}
        >
          {t('billing.cancel')}
        </button>
      </div>
      {dispute.isError ? <ErrorAlert error={dispute.error} /> : null}
    </form>
  );
}

function DisputeState({ dispute }: { dispute: { outcome: string; case: { id: string; reference: string } } }) {
  const { t } = useTranslation();
  return (
    <span>
      <span
        className={`badge ${dispute.outcome === 'declined' ? 'badge-suspended' : dispute.outcome === 'under_review' ? 'badge-pending' : 'badge-active'}`}
        data-outcome={dispute.outcome}
      >
        {/* Outcomes of a review (grant, partial grant, decline) are worded by the refund review. */}
        {t(
          dispute.outcome === 'refunded' || dispute.outcome === 'under_review'
            ? `billing.outcomes.${dispute.outcome}`
            : `refundReview.outcomes.${dispute.outcome}`,
        )}
      </span>{' '}
      <Link to={`/cases/${dispute.case.id}`}>{dispute.case.reference}</Link>
    </span>
  );
}

function ChargeRow({ charge, audience }: { charge: ThirdPartyCharge; audience: Audience }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="billing-charge" data-charge={charge.id}>
      <p>
        <strong>
          {charge.merchantName} — {charge.serviceName}
        </strong>{' '}
        {formatEuros(charge.amountInclVatCents, i18n.language)} <Flags flags={charge.flags} />
      </p>
      <p className="muted">{words(charge.explanation, i18n.language)}</p>
      <p>
        {charge.bill ? t('billing.onBill', { reference: charge.bill.reference }) : t('billing.notYetBilled')}{' '}
        {charge.refund
          ? t('billing.refundedOn', {
              amount: formatEuros(charge.refund.amountCents, i18n.language),
              bill: charge.refund.billReference ?? t('billing.nextBill'),
            })
          : null}
      </p>
      <DisputeButton
        target={{ chargeId: charge.id }}
        label={charge.merchantName}
        audience={audience}
        existing={charge.dispute}
      />
    </li>
  );
}

function ThirdPartyPanel({ customerId, audience }: { customerId: string; audience: Audience }) {
  const { t, i18n } = useTranslation();
  const query = useThirdParty(customerId);
  const setting = useSetThirdPartyBilling();
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const { lines, charges, rejections } = query.data;
  const recent = charges.filter((charge) => !charge.bill || charge.flags.length > 0 || charge.dispute).slice(0, 10);
  return (
    <section className="section" aria-labelledby="third-party-heading">
      <h2 id="third-party-heading">{t('billing.thirdPartyTitle')}</h2>
      <p className="lead">{t('billing.thirdPartyIntro')}</p>
      <ul className="billing-lines">
        {lines.map((line) => {
          const blocked = line.thirdPartyBilling === 'blocked';
          const last = line.history.at(-1);
          return (
            <li key={line.subscriptionId} data-line={line.subscriptionId}>
              <span>
                {line.plan} ({line.number ?? line.reference}){' '}
                <span
                  className={`badge ${blocked ? 'badge-terminated' : 'badge-active'}`}
                  data-third-party={line.thirdPartyBilling}
                >
                  {t(`billing.settings.${line.thirdPartyBilling}`)}
                </span>
                {last ? (
                  <span className="muted">
                    {' '}
                    {t('billing.changedOn', { day: formatDay(last.at.slice(0, 10), i18n.language) })}
                  </span>
                ) : null}
              </span>{' '}
              <button
                type="button"
                className="button button-small"
                disabled={setting.isPending}
                onClick={() =>
                  setting.mutate({
                    subscriptionId: line.subscriptionId,
                    status: blocked ? 'allowed' : 'blocked',
                    ...(audience === 'staff' ? { channel: 'phone' } : {}),
                  })
                }
              >
                {blocked ? t('billing.allow') : t('billing.block')}
                <span className="visually-hidden"> {line.number ?? line.reference}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {setting.isError ? <ErrorAlert error={setting.error} /> : null}
      <h3 className="subsection-heading">{t('billing.recentCharges')}</h3>
      {recent.length === 0 ? (
        <p className="empty-state">{t('billing.noCharges')}</p>
      ) : (
        <ul className="billing-charges">
          {recent.map((charge) => (
            <ChargeRow key={charge.id} charge={charge} audience={audience} />
          ))}
        </ul>
      )}
      {rejections.length > 0 ? (
        <>
          <h3 className="subsection-heading">{t('billing.rejectedTitle')}</h3>
          <ul className="billing-rejections">
            {rejections.slice(0, 10).map((rejection) => (
              <li key={rejection.id}>
                {t('billing.rejected', {
                  merchant: rejection.merchantName,
                  amount: formatEuros(rejection.amountInclVatCents, i18n.language),
                  day: formatDay(rejection.occurredAt.slice(0, 10), i18n.language),
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function LineRow({ line, audience }: { line: BillLine; audience: Audience }) {
  const { t, i18n } = useTranslation();
  return (
    <tr data-kind={line.kind} data-line-id={line.id}>
      <td data-label={t('billing.line')}>
        <strong>{line.label}</strong> {line.thirdParty ? <Flags flags={line.thirdParty.flags} /> : null}
        <br />
        <span className="muted">{words(line.explanation, i18n.language)}</span>
      </td>
      <td data-label={t('billing.exclVat')} className="numeric">
        {formatEuros(line.amountExclVatCents, i18n.language)}
      </td>
      <td data-label={t('billing.vat')} className="numeric">
        {formatEuros(line.vatCents, i18n.language)} ({line.vatRateBp / 100} %)
      </td>
      <td data-label={t('billing.inclVat')} className="numeric">
        {formatEuros(line.amountInclVatCents, i18n.language)}
      </td>
      <td data-label={t('billing.action')}>
        {line.dispute || line.disputable ? (
          <DisputeButton
            target={{ billLineId: line.id }}
            label={line.label}
            audience={audience}
            existing={line.dispute}
          />
        ) : null}
      </td>
    </tr>
  );
}

function BillDetail({ billId, audience }: { billId: string; audience: Audience }) {
  const { t, i18n } = useTranslation();
  const query = useBill(billId);
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const bill = query.data;
  return (
    <div className="billing-detail" data-bill={bill.reference}>
      <TableRegion caption={t('billing.detailCaption', { reference: bill.reference })} stackOnMobile>
        <thead>
          <tr>
            <th scope="col">{t('billing.line')}</th>
            <th scope="col">{t('billing.exclVat')}</th>
            <th scope="col">{t('billing.vat')}</th>
            <th scope="col">{t('billing.inclVat')}</th>
            <th scope="col">{t('billing.action')}</th>
          </tr>
        </thead>
        <tbody>
          {bill.lines.map((line) => (
            <LineRow key={line.id} line={line} audience={audience} />
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('billing.total')}</th>
            <td className="numeric">{formatEuros(bill.totalExclVatCents, i18n.language)}</td>
            <td className="numeric">{formatEuros(bill.vatCents, i18n.language)}</td>
            <td className="numeric">
              <strong>{formatEuros(bill.totalInclVatCents, i18n.language)}</strong>
            </td>
            <td />
          </tr>
        </tfoot>
      </TableRegion>
    </div>
  );
}

function BillsList({ customerId, audience }: { customerId: string; audience: Audience }) {
  const { t, i18n } = useTranslation();
  const query = useBills(customerId);
  const [openBill, setOpenBill] = useState<string | null>(null);
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const bills = query.data.pages.flatMap((page) => page.items);
  if (bills.length === 0) return <p className="empty-state">{t('billing.noBills')}</p>;
  return (
    <>
      <TableRegion caption={t('billing.billsCaption')} hideCaption stackOnMobile>
        <thead>
          <tr>
            <th scope="col">{t('billing.period')}</th>
            <th scope="col">{t('billing.inclVat')}</th>
            <th scope="col">{t('billing.payment')}</th>
            <th scope="col">{t('billing.flagged')}</th>
            <th scope="col">{t('billing.action')}</th>
          </tr>
        </thead>
        <tbody>
          {bills.map((bill) => (
            <tr key={bill.id} data-bill-row={bill.reference}>
              <td data-label={t('billing.period')}>
                {new Intl.DateTimeFormat(locale(i18n.language), {
                  month: 'long',
                  year: 'numeric',
                  timeZone: 'UTC',
                }).format(new Date(`${bill.periodStart}T12:00:00Z`))}
                <br />
                <span className="mono muted">{bill.reference}</span>
              </td>
              <td data-label={t('billing.inclVat')} className="numeric">
                {formatEuros(bill.totalInclVatCents, i18n.language)}
              </td>
              <td data-label={t('billing.payment')}>
                {t(bill.paid ? 'billing.paidOn' : 'billing.dueOn', {
                  day: formatDay(bill.paymentDueDate, i18n.language),
                })}
              </td>
              <td data-label={t('billing.flagged')}>
                {bill.flaggedLines > 0 ? (
                  <span className="badge badge-suspended">
                    {t('billing.flaggedCount', { count: bill.flaggedLines })}
                  </span>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td data-label={t('billing.action')}>
                <div className="button-row">
                  <button
                    type="button"
                    className="button button-small"
                    aria-expanded={openBill === bill.id}
                    onClick={() => setOpenBill(openBill === bill.id ? null : bill.id)}
                  >
                    {openBill === bill.id ? t('billing.hideDetail') : t('billing.showDetail')}
                    <span className="visually-hidden"> {bill.reference}</span>
                  </button>
                  <a className="button button-small" href={bill.pdf} target="_blank" rel="noreferrer">
                    {t('billing.pdf')}
                    <span className="visually-hidden"> {bill.reference}</span>
                  </a>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </TableRegion>
      {openBill ? <BillDetail billId={openBill} audience={audience} /> : null}
      {query.hasNextPage ? (
        <button
          type="button"
          className="button button-secondary"
          disabled={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
        >
          {t('billing.moreBills')}
        </button>
      ) : null}
    </>
  );
}

/** Bills and third-party billing of one customer: the subscriber's "Mes factures" and the advisor's view. */
export function BillingSection({ customerId, audience }: { customerId: string; audience: Audience }) {
  const { t } = useTranslation();
  return (
    <>
      <ThirdPartyPanel customerId={customerId} audience={audience} />
      <section className="section" aria-labelledby="bills-heading">
        <h2 id="bills-heading">{t('billing.billsTitle')}</h2>
        <BillsList customerId={customerId} audience={audience} />
      </section>
    </>
  );
}
