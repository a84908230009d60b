import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AtRiskItem } from '../api/caseTypes';
import { useAtRiskQueue } from '../api/cases';
import { CaseFlags, CaseStatusBadge } from '../components/cases/CaseBadges';
import { WrittenComplaintsSection } from '../components/cases/WrittenComplaintsSection';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { TableRegion } from '../components/TableRegion';
import { usePageTitle } from '../components/usePageTitle';
import { formatDayWithWeekday, formatShare } from '../format/cases';

/** Supervisors: promises at risk, broken promises and overdue written complaints, most urgent first. */
export function AtRiskQueuePage() {
  const { t } = useTranslation();
  usePageTitle(t('queue.title'));
  const queue = useAtRiskQueue();
  return (
    <>
      <h1>{t('queue.title')}</h1>
      <p className="lead">{t('queue.intro')}</p>
      {queue.isPending ? (
        <Loading />
      ) : queue.isError ? (
        <ErrorAlert error={queue.error} onRetry={() => void queue.refetch()} />
      ) : queue.data.items.length === 0 ? (
        <p className="empty-state">{t('queue.empty')}</p>
      ) : (
        <QueueTable items={queue.data.items} />
      )}
      <WrittenComplaintsSection />
    </>
  );
}

function QueueTable({ items }: { items: AtRiskItem[] }) {
  const { t, i18n } = useTranslation();
  const column = (key: string) => t(`queue.columns.${key}`);
  return (
    <TableRegion caption={t('queue.caption')} stackOnMobile>
      <thead>
        <tr>
          <th scope="col">{column('reason')}</th>
          <th scope="col">{column('reference')}</th>
          <th scope="col">{column('type')}</th>
          <th scope="col">{column('due')}</th>
          <th scope="col" className="numeric">
            {column('delayUsed')}
          </th>
          <th scope="col">{column('owner')}</th>
          <th scope="col">{column('status')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={`${item.case.id}-${item.promise.id}`}>
            <td data-label={column('reason')}>
              <span className={`badge badge-escalation-${item.reason}`}>{t(`escalation.${item.reason}`)}</span>
            </td>
            <th scope="row" data-label={column('reference')}>
              <Link to={`/cases/${encodeURIComponent(item.case.id)}`} className="mono nowrap">
                {item.case.reference}
              </Link>
            </th>
            <td data-label={column('type')}>{t(`caseTypes.${item.case.type}`)}</td>
            <td data-label={column('due')}>
              <time dateTime={item.promise.dueAt}>{formatDayWithWeekday(item.promise.dueDate, i18n.language)}</time>
            </td>
            <td className="numeric" data-label={column('delayUsed')}>
              {formatShare(item.promise.delayUsed, i18n.language)}
            </td>
            <td data-label={column('owner')}>{item.case.owner?.displayName ?? t('casePage.noOwner')}</td>
            <td data-label={column('status')}>
              <CaseStatusBadge summary={item.case} />
              <CaseFlags flags={item.case.flags} />
            </td>
          </tr>
        ))}
      </tbody>
    </TableRegion>
  );
}
