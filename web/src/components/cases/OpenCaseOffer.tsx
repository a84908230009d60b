import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type Channel, FIXED_DIRECTION, type OpenCaseOnLine } from '../../api/caseTypes';
import { useRecordInteraction } from '../../api/cases';
import { ApiError } from '../../api/client';
import { formatDate } from '../../format/intl';
import { ErrorAlert } from '../StatusMessages';

/** The unfinished cases a 409 from POST /api/cases offers, if that is what the error is. */
export function openCasesOffered(error: unknown): OpenCaseOnLine[] {
  if (!(error instanceof ApiError) || error.status !== 409) return [];
  const offered = (error.problem as { openCases?: unknown } | null)?.openCases;
  return Array.isArray(offered) ? (offered as OpenCaseOnLine[]) : [];
}

interface OpenCaseOfferProps {
  customerId: string;
  offered: OpenCaseOnLine[];
  channel: Channel;
  summary: string;
  idempotencyKey: string;
  onNewCase: () => void;
  disabled: boolean;
}

/**
 * "Ce client a déjà un dossier en cours sur cette ligne": the contact goes on that case (one
 * click), or, if it really is another problem, a new case is opened anyway.
 */
export function OpenCaseOffer({
  customerId,
  offered,
  channel,
  summary,
  idempotencyKey,
  onNewCase,
  disabled,
}: OpenCaseOfferProps) {
  const { t, i18n } = useTranslation();
  return (
    <section className="alert alert-warning field-wide" aria-labelledby="open-case-offer-heading">
      <h3 id="open-case-offer-heading">{t('cases.offer.heading')}</h3>
      <p>{t('cases.offer.explanation')}</p>
      <ul className="offer-list">
        {offered.map((item) => (
          <li key={item.id}>
            <LinkToCase
              customerId={customerId}
              item={item}
              channel={channel}
              summary={summary}
              idempotencyKey={idempotencyKey}
              openedOn={formatDate(item.openedAt, i18n.language)}
            />
          </li>
        ))}
      </ul>
      <button type="button" className="button" onClick={onNewCase} disabled={disabled}>
        {t('cases.offer.newCase')}
      </button>
    </section>
  );
}

function LinkToCase({
  customerId,
  item,
  channel,
  summary,
  idempotencyKey,
  openedOn,
}: {
  customerId: string;
  item: OpenCaseOnLine;
  channel: Channel;
  summary: string;
  idempotencyKey: string;
  openedOn: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const record = useRecordInteraction(item.id, customerId);
  const direction = FIXED_DIRECTION[channel] ?? 'inbound';
  return (
    <div className="offer-item">
      <p>
        <strong>{item.reference}</strong> · {t(`caseTypes.${item.type}`)} · {t(`caseStatuses.${item.status}`)} ·{' '}
        {t('cases.offer.openedBy', { date: openedOn, name: item.owner.displayName })}
      </p>
      <p className="muted">{item.summary}</p>
      {record.isError ? <ErrorAlert error={record.error} /> : null}
      <button
        type="button"
        className="button button-primary"
        disabled={record.isPending}
        onClick={() =>
          record.mutate(
            { interaction: { channel, direction, summary }, idempotencyKey },
            { onSuccess: () => void navigate(`/cases/${encodeURIComponent(item.id)}`) },
          )
        }
      >
        {t('cases.offer.addTo', { reference: item.reference })}
      </button>
    </div>
  );
}
