import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type BillingDisputeReview,
  type ReviewDecision,
  type Words,
  useBillingDisputeOfCase,
  useReviewDecision,
} from '../../api/billing';
import { ApiError } from '../../api/client';
import { newIdempotencyKey } from '../../api/idempotencyKey';
import { formatDateTime } from '../../format/intl';
import { TextField } from '../FormField';
import { ErrorAlert, Loading } from '../StatusMessages';
import { splitFieldErrors } from '../cases/fieldErrors';
import { TextAreaField } from '../cases/TextAreaField';
import { formatEuros } from './BillingSection';

type Audience = 'staff' | 'subscriber';

const words = (value: Words, language: string) => (language.startsWith('en') ? value.en : value.fr);

/** "3", "3,5", "3.50" euros → cents; null when it is not an amount. */
export function centsFromEuros(text: string): number | null {
  const match = /^(\d{1,5})(?:[.,](\d{1,2}))?$/.exec(text.trim().replace(/\s|€/g, ''));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

const outcomeBadge: Record<BillingDisputeReview['outcome'], string> = {
  refunded: 'badge-active',
  granted: 'badge-active',
  partially_granted: 'badge-active',
  under_review: 'badge-pending',
  declined: 'badge-suspended',
};

/**
 * The billing dispute on its case page: the charge, its consent record, what was refunded and
 * each review decision; billing reviewers grant a refund (whole or partial) or decline it with a
 * reason, the customer sees the decision.
 */
export function RefundReviewPanel({ caseId, audience }: { caseId: string; audience: Audience }) {
  const { t } = useTranslation();
  const query = useBillingDisputeOfCase(caseId, true);
  if (query.isError && query.error instanceof ApiError && query.error.status === 404) return null;
  return (
    <section aria-labelledby="refund-review-heading" className="section refund-review">
      <h2 id="refund-review-heading">{t('refundReview.heading')}</h2>
      {query.isPending ? <Loading /> : null}
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? <ReviewBody review={query.data} audience={audience} caseId={caseId} /> : null}
    </section>
  );
}

function ReviewBody({
  review,
  audience,
  caseId,
}: {
  review: BillingDisputeReview;
  audience: Audience;
  caseId: string;
}) {
  const { t, i18n } = useTranslation();
  const [confirmation, setConfirmation] = useState<string | null>(null);
  const onDecided = (decision: ReviewDecision) =>
    setConfirmation(
      decision.decision === 'grant'
        ? t('refundReview.granted', { amount: formatEuros(decision.amountCents ?? 0, i18n.language) })
        : t('refundReview.declined'),
    );
  const { charge } = review;
  return (
    <>
      <p>
        <span className={`badge ${outcomeBadge[review.outcome]}`} data-testid="refund-review-outcome">
          {t(`refundReview.outcomes.${review.outcome}`)}
        </span>{' '}
        <span className="muted">
          {t('refundReview.disputedOn', { date: formatDateTime(review.openedAt, i18n.language) })}
        </span>
      </p>
      <p>{t('refundReview.customerReason', { reason: review.reason })}</p>
      {charge ? (
        <div className="profile-grid">
          <div>
            <h3>{t('refundReview.chargeHeading')}</h3>
            <dl className="details">
              <dt>{t('refundReview.merchant')}</dt>
              <dd>
                {charge.merchantName} — {charge.serviceName}
              </dd>
              <dt>{t('refundReview.amount')}</dt>
              <dd>{formatEuros(charge.amountInclVatCents, i18n.language)}</dd>
              <dt>{t('refundReview.occurredAt')}</dt>
              <dd>{formatDateTime(charge.occurredAt, i18n.language)}</dd>
              <dt>{t('refundReview.line')}</dt>
              <dd className="mono">{charge.line ?? '—'}</dd>
              <dt>{t('refundReview.bill')}</dt>
              <dd>{charge.bill ? charge.bill.reference : t('refundReview.notYetBilled')}</dd>
              <dt>{t('refundReview.refunded')}</dt>
              <dd data-testid="refund-review-refunded">
                {formatEuros(review.refundedCents, i18n.language)}
                {review.refundableCents > 0
                  ? ` ${t('refundReview.remaining', { amount: formatEuros(review.refundableCents, i18n.language) })}`
                  : ''}
              </dd>
            </dl>
          </div>
          <div>
            <h3>{t('refundReview.consentHeading')}</h3>
            {charge.consent ? (
              <dl className="details">
                <dt>{t('refundReview.consentChannel')}</dt>
                <dd>{charge.consent.channel}</dd>
                <dt>{t('refundReview.firstStep')}</dt>
                <dd>{charge.consent.firstStepAt ? formatDateTime(charge.consent.firstStepAt, i18n.language) : '—'}</dd>
                <dt>{t('refundReview.secondStep')}</dt>
                <dd>
                  {charge.consent.secondStepAt ? formatDateTime(charge.consent.secondStepAt, i18n.language) : '—'}
                </dd>
                <dt>{t('refundReview.source')}</dt>
                <dd className="mono">
                  {[charge.consent.sourceLine, charge.consent.sourceIp].filter(Boolean).join(' · ') || '—'}
                </dd>
                {charge.consent.confirmationPage ? (
                  <>
                    <dt>{t('refundReview.confirmationPage')}</dt>
                    <dd className="mono">{charge.consent.confirmationPage}</dd>
                  </>
                ) : null}
              </dl>
            ) : null}
            <p className={charge.consentComplete ? '' : 'field-error'}>
              {charge.consentComplete
                ? t('refundReview.consentComplete')
                : t('refundReview.consentIncomplete', {
                    gaps: charge.consentGaps.map((gap) => words(gap.label, i18n.language)).join(', '),
                  })}
            </p>
          </div>
        </div>
      ) : review.billLine ? (
        <p>
          {t('refundReview.billLine', {
            label: review.billLine.label,
            bill: review.billLine.billReference,
            amount: formatEuros(review.billLine.amountInclVatCents, i18n.language),
          })}
        </p>
      ) : null}
      <h3>{t('refundReview.decisionsHeading')}</h3>
      {review.decisions.length === 0 ? (
        <p className="muted">
          {review.outcome === 'refunded'
            ? t('refundReview.refundedAtOnce')
            : audience === 'subscriber'
              ? t('refundReview.waitingSubscriber')
              : t('refundReview.waitingStaff')}
        </p>
      ) : (
        <ul className="refund-review-decisions" data-testid="refund-review-decisions">
          {review.decisions.map((decision) => (
            <li key={decision.id}>
              {decision.decision === 'grant'
                ? t('refundReview.grantLine', {
                    amount: formatEuros(decision.amountCents ?? 0, i18n.language),
                    date: formatDateTime(decision.decidedAt, i18n.language),
                    name: decision.decidedBy,
                  })
                : t('refundReview.declineLine', {
                    date: formatDateTime(decision.decidedAt, i18n.language),
                    name: decision.decidedBy,
                  })}
              {decision.reason ? <> {t('refundReview.reasonShown', { reason: decision.reason })}</> : null}
              {decision.refund ? (
                <>
                  {' '}
                  {decision.refund.billReference
                    ? t('refundReview.onBill', { bill: decision.refund.billReference })
                    : t('refundReview.onNextBill')}
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p role="status" className={confirmation ? 'alert alert-success' : 'visually-hidden'}>
        {confirmation ?? ''}
      </p>
      {audience === 'staff' && review.canGrant ? (
        <GrantForm review={review} caseId={caseId} onDecided={onDecided} />
      ) : null}
      {audience === 'staff' && review.canDecline ? (
        <DeclineForm review={review} caseId={caseId} onDecided={onDecided} />
      ) : null}
    </>
  );
}

interface FormProps {
  review: BillingDisputeReview;
  caseId: string;
  onDecided: (decision: ReviewDecision) => void;
}

/** Grant: empty amount refunds all that remains. One Idempotency-Key per amount meant. */
function GrantForm({ review, caseId, onDecided }: FormProps) {
  const { t, i18n } = useTranslation();
  const [amount, setAmount] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());
  const grant = useReviewDecision(caseId, (decision) => {
    key.current = newIdempotencyKey();
    setAmount('');
    onDecided(decision);
  });
  const errors = splitFieldErrors(grant.error, ['amountCents']);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (grant.isPending) return;
    const cents = amount.trim() ? centsFromEuros(amount) : undefined;
    if (cents === null || cents === 0) {
      setLocalError(t('refundReview.amountInvalid'));
      return;
    }
    if (cents !== undefined && cents > review.refundableCents) {
      setLocalError(t('refundReview.amountTooHigh', { amount: formatEuros(review.refundableCents, i18n.language) }));
      return;
    }
    setLocalError(null);
    grant.mutate({
      disputeId: review.id,
      key: key.current,
      decision: 'grant',
      ...(cents ? { amountCents: cents } : {}),
    });
  };
  return (
    <form className="form-grid" onSubmit={submit} aria-labelledby="refund-grant-heading">
      <h3 id="refund-grant-heading" className="field-wide">
        {t('refundReview.grantHeading')}
      </h3>
      <TextField
        id="refund-grant-amount"
        label={t('refundReview.amountLabel', { amount: formatEuros(review.refundableCents, i18n.language) })}
        inputMode="decimal"
        autoComplete="off"
        value={amount}
        error={localError ?? errors.byName.amountCents}
        onChange={(event) => {
          setAmount(event.target.value);
          setLocalError(null);
          key.current = newIdempotencyKey();
        }}
      />
      <div className="form-actions">
        {grant.isError ? <ErrorAlert error={grant.error} extraMessages={errors.others} /> : null}
        <button type="submit" className="button button-primary" disabled={grant.isPending}>
          {amount.trim() ? t('refundReview.grantPartial') : t('refundReview.grantAll')}
        </button>
      </div>
    </form>
  );
}

/** Decline, with the reason the customer is shown. */
function DeclineForm({ review, caseId, onDecided }: FormProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const key = useRef(newIdempotencyKey());
  const decline = useReviewDecision(caseId, (decision) => {
    key.current = newIdempotencyKey();
    setReason('');
    onDecided(decision);
  });
  const errors = splitFieldErrors(decline.error, ['reason']);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (decline.isPending || !reason.trim()) return;
    decline.mutate({ disputeId: review.id, key: key.current, decision: 'decline', reason: reason.trim() });
  };
  return (
    <form className="form-grid" onSubmit={submit} aria-labelledby="refund-decline-heading">
      <h3 id="refund-decline-heading" className="field-wide">
        {t('refundReview.declineHeading')}
      </h3>
      <TextAreaField
        id="refund-decline-reason"
        className="field-wide"
        label={t('refundReview.reasonLabel')}
        hint={t('refundReview.reasonHint')}
        required
        maxLength={2000}
        rows={3}
        value={reason}
        error={errors.byName.reason}
        onChange={(event) => {
          setReason(event.target.value);
          key.current = newIdempotencyKey();
        }}
      />
      <div className="form-actions">
        {decline.isError ? <ErrorAlert error={decline.error} extraMessages={errors.others} /> : null}
        <button type="submit" className="button button-secondary" disabled={decline.isPending}>
          {t('refundReview.decline')}
        </button>
      </div>
    </form>
  );
}
