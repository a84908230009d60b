import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WrittenComplaintItem } from '../../api/caseTypes';
import { useWrittenComplaints } from '../../api/cases';
import { formatDay, formatDayWithWeekday, formatShare } from '../../format/cases';
import { ErrorAlert, LoadMoreButton, Loading } from '../StatusMessages';
import { TableRegion } from '../TableRegion';

/**
 * Complaints team: every unfinished written complaint by reply deadline, whatever its risk,
 * with the day the customer may take it to the Médiateur if nothing satisfactory comes.
 */
export function WrittenComplaintsSection() {
  const { t } = useTranslation();
  const complaints = useWrittenComplaints();
  const items = complaints.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="written-complaints-heading" className="section">
      <h2 id="written-complaints-heading">{t('writtenComplaints.heading')}</h2>
      <p>{t('writtenComplaints.intro')}</p>
      {complaints.isPending ? (
        <Loading />
      ) : complaints.isError ? (
        <ErrorAlert error={complaints.error} onRetry={() => void complaints.refetch()} />
      ) : items.length === 0 ? (
        <p className="empty-state">{t('writtenComplaints.empty')}</p>
      ) : (
        <>
          <ComplaintsTable items={items} />
          <LoadMoreButton
            hasNextPage={complaints.hasNextPage}
            isFetchingNextPage={complaints.isFetchingNextPage}
            onLoadMore={() => void complaints.fetchNextPage()}
          />
        </>
      )}
    </section>
  );
}

function ComplaintsTable({ items }: { items: WrittenComplaintItem[] }) {
  const { t, i18n } = useTranslation();
  const column = (key: string) => t(`writtenComplaints.columns.${key}`);
  return (
    <TableRegion caption={t('writtenComplaints.caption')} stackOnMobile>
      <thead>
        <tr>
          <th scope="col">{column('reference')}</th>
          <th scope="col">{column('received')}</th>
          <th scope="col">{column('replyDue')}</th>
          <th scope="col" className="numeric">
            {column('delayUsed')}
          </th>
          <th scope="col">{column('owner')}</th>
          <th scope="col">{column('mediator')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.case.id}>
            <th scope="row" data-label={column('reference')}>
              <Link to={`/cases/${encodeURIComponent(item.case.id)}`} className="mono nowrap">
                {item.case.reference}
              </Link>
            </th>
            <td data-label={column('received')}>{formatDay(item.mediation.complaintDate, i18n.language)}</td>
            <td data-label={column('replyDue')}>
              {item.reply ? (
                <>
                  <time dateTime={item.reply.dueAt}>{formatDayWithWeekday(item.reply.dueDate, i18n.language)}</time>
                  {item.reply.escalation ? (
                    <>
                      {' '}
                      <span className={`badge badge-escalation-${item.reply.escalation}`}>
                        {t(`escalation.${item.reply.escalation}`)}
                      </span>
                    </>
                  ) : null}
                </>
              ) : (
                t('writtenComplaints.replied')
              )}
            </td>
            <td className="numeric" data-label={column('delayUsed')}>
              {item.reply ? formatShare(item.reply.delayUsed, i18n.language) : '—'}
            </td>
            <td data-label={column('owner')}>{item.case.owner?.displayName ?? t('casePage.noOwner')}</td>
            <td data-label={column('mediator')}>{formatDay(item.mediation.mediatorFrom, i18n.language)}</td>
          </tr>
        ))}
      </tbody>
    </TableRegion>
  );
}
