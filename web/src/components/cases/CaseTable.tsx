import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseSummary } from '../../api/caseTypes';
import { formatDayWithWeekday } from '../../format/cases';
import { TableRegion } from '../TableRegion';
import { CaseFlags, CaseStatusBadge, PromiseState } from './CaseBadges';

interface CaseTableProps {
  cases: CaseSummary[];
  caption: string;
  /** Hide the caption visually when a heading right above already says it. */
  hideCaption?: boolean;
}

/** A list of cases: reference (link), type, status, owner, promised date and flags; stacks on phones. */
export function CaseTable({ cases, caption, hideCaption = false }: CaseTableProps) {
  const { t, i18n } = useTranslation();
  const column = (key: string) => t(`cases.columns.${key}`);
  return (
    <TableRegion caption={caption} hideCaption={hideCaption} stackOnMobile>
      <thead>
        <tr>
          <th scope="col">{column('reference')}</th>
          <th scope="col">{column('type')}</th>
          <th scope="col">{column('status')}</th>
          <th scope="col">{column('owner')}</th>
          <th scope="col">{column('promise')}</th>
          <th scope="col">{column('flags')}</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((summary) => (
          <tr key={summary.id}>
            <th scope="row" data-label={column('reference')}>
              <Link to={`/cases/${encodeURIComponent(summary.id)}`} className="mono nowrap">
                {summary.reference}
              </Link>
            </th>
            <td data-label={column('type')}>{t(`caseTypes.${summary.type}`)}</td>
            <td data-label={column('status')}>
              <CaseStatusBadge summary={summary} />
            </td>
            <td data-label={column('owner')}>{summary.owner?.displayName ?? t('casePage.noOwner')}</td>
            <td data-label={column('promise')}>
              {summary.currentPromise ? (
                <span className="promise-cell">
                  <time dateTime={summary.currentPromise.dueAt}>
                    {formatDayWithWeekday(summary.currentPromise.dueDate, i18n.language)}
                  </time>
                  <PromiseState promise={summary.currentPromise} />
                </span>
              ) : (
                t('casePage.noPromise')
              )}
            </td>
            <td data-label={column('flags')}>{summary.flags.length > 0 ? <CaseFlags flags={summary.flags} /> : '—'}</td>
          </tr>
        ))}
      </tbody>
    </TableRegion>
  );
}
