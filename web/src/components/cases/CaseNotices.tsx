import { useTranslation } from 'react-i18next';
import type { CaseFile } from '../../api/caseTypes';
import { formatDay } from '../../format/cases';
import { formatDateTime } from '../../format/intl';

interface NoticeProps {
  file: CaseFile;
  audience: 'staff' | 'subscriber';
}

/** What the customer must do while the case waits on them (the promise is paused meanwhile). */
export function WaitingNotice({ file, audience }: NoticeProps) {
  const { t, i18n } = useTranslation();
  if (!file.waiting) return null;
  return (
    <div className="alert alert-warning" role="note" aria-labelledby="waiting-heading">
      <h2 id="waiting-heading" className="alert-summary">
        {audience === 'subscriber' ? t('casePage.waitingCustomer') : t('casePage.waitingStaff')}
      </h2>
      {file.waiting.whatWeNeedFromYou ? <p>{file.waiting.whatWeNeedFromYou}</p> : null}
      <p className="muted">
        {t('casePage.waitingSince', { date: formatDateTime(file.waiting.since, i18n.language) })} ·{' '}
        {t('casePage.waitingPaused')}
      </p>
    </div>
  );
}

/** Staff: where a repeat contact routed the case, and why. */
export function RoutingNotice({ file }: { file: CaseFile }) {
  const { t } = useTranslation();
  if (!file.routing) return null;
  return (
    <p className="alert alert-warning">
      {t('casePage.routedTo', { name: file.routing.to?.displayName ?? t('casePage.unassigned') })}
      {file.routing.reason ? ` — ${file.routing.reason}` : null}
    </p>
  );
}

/** Written complaints: when the customer may go to the second level, then to the Médiateur. */
export function MediationNotice({ file, audience }: NoticeProps) {
  const { t, i18n } = useTranslation();
  const mediation = file.mediation;
  if (!mediation) return null;
  const day = (date: string) => formatDay(date, i18n.language);
  const keyPrefix = audience === 'subscriber' ? 'mediation.you' : 'mediation.customer';
  return (
    <section className="card" aria-labelledby="mediation-heading">
      <h2 id="mediation-heading">{t('mediation.heading')}</h2>
      <p className="muted">{t('mediation.complaintDate', { date: day(mediation.complaintDate) })}</p>
      <ul className="plain-list">
        <li>{t(`${keyPrefix}.secondLevel`, { date: day(mediation.secondLevelFrom) })}</li>
        <li>
          {t(`${keyPrefix}.mediator`, { date: day(mediation.mediatorFrom), until: day(mediation.mediatorUntil) })}
        </li>
      </ul>
    </section>
  );
}
