import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CaseFile } from '../api/caseTypes';
import { useCase } from '../api/cases';
import { useCurrentUser } from '../auth/currentUser';
import { RefundReviewPanel } from '../components/billing/RefundReviewPanel';
import { CaseActionsSection } from '../components/cases/CaseActionsSection';
import { CaseFlags, CaseStatusBadge } from '../components/cases/CaseBadges';
import { MediationNotice, RoutingNotice, WaitingNotice } from '../components/cases/CaseNotices';
import { CaseDocuments } from '../components/cases/CaseDocuments';
import { CaseTimeline } from '../components/cases/CaseTimeline';
import { MergeCaseForm, MergedNotice } from '../components/cases/CaseMerge';
import { ContactForm } from '../components/cases/ContactForm';
import { PromisePanel } from '../components/cases/PromisePanel';
import { ReplyLetterForm } from '../components/cases/ReplyLetterForm';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { usePageTitle } from '../components/usePageTitle';
import { formatDateTime } from '../format/intl';

type Audience = 'staff' | 'subscriber';

/** One case file, for staff and for the subscriber it belongs to. */
export function CasePage() {
  const { t } = useTranslation();
  const { caseId } = useParams();
  const user = useCurrentUser();
  const audience: Audience = user.role === 'subscriber' ? 'subscriber' : 'staff';
  const caseQuery = useCase(caseId);
  usePageTitle(caseQuery.isSuccess ? null : t('casePage.title'));

  if (caseQuery.isSuccess) return <CaseFileView file={caseQuery.data} audience={audience} />;
  return (
    <>
      <BackLink audience={audience} customerId={null} />
      <h1>{t('casePage.title')}</h1>
      {caseQuery.isError ? (
        <ErrorAlert error={caseQuery.error} onRetry={() => void caseQuery.refetch()} />
      ) : (
        <Loading />
      )}
    </>
  );
}

function BackLink({ audience, customerId }: { audience: Audience; customerId: string | null }) {
  const { t } = useTranslation();
  const target = audience === 'subscriber' ? '/me' : customerId ? `/customers/${customerId}` : '/customers';
  return (
    <p className="breadcrumb">
      <Link to={target}>{audience === 'subscriber' ? t('casePage.backToMyCases') : t('casePage.backToCustomer')}</Link>
    </p>
  );
}

function CaseFileView({ file, audience }: { file: CaseFile; audience: Audience }) {
  const { t, i18n } = useTranslation();
  const typeLabel = t(`caseTypes.${file.type}`);
  usePageTitle(`${file.reference} · ${typeLabel}`);
  const ownerName = file.owner?.displayName ?? t('casePage.noOwner');

  return (
    <>
      <BackLink audience={audience} customerId={file.customerId} />
      <h1 className="customer-heading">
        {typeLabel} <span className="reference mono">{file.reference}</span>
      </h1>
      <div className="case-header">
        <CaseStatusBadge summary={file} />
        <CaseFlags flags={file.flags} />
      </div>
      <MergedNotice file={file} />
      <p className="case-owner" data-testid="case-owner">
        {audience === 'subscriber'
          ? t('casePage.yourAdvisor', { name: ownerName })
          : t('casePage.owner', { name: ownerName })}
      </p>
      <p className="muted">
        {t('casePage.opened', {
          date: formatDateTime(file.openedAt, i18n.language),
          channel: t(`caseChannels.${file.channel}`),
        })}
      </p>
      <p className="case-summary">{file.summary}</p>
      <WaitingNotice file={file} audience={audience} />
      {audience === 'staff' ? <RoutingNotice file={file} /> : null}
      <div className="profile-grid">
        <PromisePanel file={file} />
        <MediationNotice file={file} audience={audience} />
      </div>
      <section aria-labelledby="timeline-heading" className="section">
        <h2 id="timeline-heading">{t('casePage.timeline')}</h2>
        <CaseTimeline timeline={file.timeline} audience={audience} />
      </section>
      {/* A dispute case merged into this one carries on here: the panel hides itself when there is none (404). */}
      {file.type === 'billing_dispute' || (file.mergedFrom?.length ?? 0) > 0 ? (
        <RefundReviewPanel caseId={file.id} audience={audience} />
      ) : null}
      <CaseDocuments file={file} />
      {audience === 'staff' && file.type === 'written_complaint' ? <ReplyLetterForm caseId={file.id} /> : null}
      {audience === 'staff' || file.status !== 'closed' ? (
        <section aria-labelledby={audience === 'staff' ? 'contact-heading' : 'message-heading'} className="section">
          <h2 id={audience === 'staff' ? 'contact-heading' : 'message-heading'}>
            {audience === 'staff' ? t('contactForm.heading') : t('messageForm.heading')}
          </h2>
          <ContactForm caseId={file.id} customerId={file.customerId} audience={audience} />
        </section>
      ) : null}
      {audience === 'staff' ? <CaseActionsSection file={file} /> : null}
      {audience === 'staff' ? <MergeCaseForm file={file} /> : null}
    </>
  );
}
