import { useTranslation } from 'react-i18next';
import type { CaseDocument } from '../../api/caseTypes';
import { formatDateTime, formatNumber } from '../../format/intl';

/** The case's documents (reply letters as PDF), for staff and for the customer, with a download link. */
export function CaseDocuments({ documents }: { documents: CaseDocument[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="documents-heading" className="section">
      <h2 id="documents-heading">{t('caseDocuments.heading')}</h2>
      {documents.length === 0 ? (
        <p className="empty-state">{t('caseDocuments.empty')}</p>
      ) : (
        <ul className="document-list">
          {documents.map((document) => (
            <li key={document.id}>
              <a href={document.url} download={document.filename}>
                {t(`caseDocuments.kinds.${document.kind}`)}
              </a>{' '}
              <span className="muted">
                {t('caseDocuments.meta', {
                  date: formatDateTime(document.createdAt, i18n.language),
                  name: document.createdBy,
                  size: formatNumber(Math.max(1, Math.round(document.size / 1024)), i18n.language),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
