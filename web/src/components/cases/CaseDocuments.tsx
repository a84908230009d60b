import { type ChangeEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDocument, CaseFile } from '../../api/caseTypes';
import { useAttachFile } from '../../api/cases';
import { newIdempotencyKey } from '../../api/idempotencyKey';
import { formatDateTime, formatNumber } from '../../format/intl';
import { ErrorAlert } from '../StatusMessages';

const ACCEPTED = 'application/pdf,image/png,image/jpeg';
const MAX_BYTES = 5 * 1024 * 1024;

/** The case's documents (reply letters, attached files) with a download link, and a way to attach one. */
export function CaseDocuments({ file }: { file: CaseFile }) {
  const { t, i18n } = useTranslation();
  const documents = file.documents ?? [];
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
                {documentLabel(document, t)}
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
      {file.status !== 'closed' && file.status !== 'merged' ? <AttachFileForm caseId={file.id} /> : null}
    </section>
  );
}

function documentLabel(document: CaseDocument, t: (key: string) => string): string {
  return document.kind === 'attachment' ? document.filename : t(`caseDocuments.kinds.${document.kind}`);
}

function AttachFileForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const attach = useAttachFile(caseId);
  const input = useRef<HTMLInputElement>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const [attached, setAttached] = useState<string | null>(null);

  function handleChange(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    setAttached(null);
    setTooLarge(false);
    if (!chosen) return;
    if (chosen.size > MAX_BYTES) {
      setTooLarge(true);
      return;
    }
    attach.mutate(
      { file: chosen, idempotencyKey: newIdempotencyKey() },
      {
        onSuccess: (document) => {
          setAttached(document.filename);
          if (input.current) input.current.value = '';
        },
      },
    );
  }

  return (
    <div className="attach-file">
      <label htmlFor="attach-file-input" className="button button-secondary">
        {attach.isPending ? t('caseDocuments.attaching') : t('caseDocuments.attach')}
      </label>
      <input
        id="attach-file-input"
        ref={input}
        type="file"
        accept={ACCEPTED}
        className="visually-hidden"
        disabled={attach.isPending}
        onChange={handleChange}
      />
      <span className="muted"> {t('caseDocuments.attachHint')}</span>
      {tooLarge ? (
        <p className="field-error" role="alert">
          {t('caseDocuments.tooLarge')}
        </p>
      ) : null}
      {attach.isError ? <ErrorAlert error={attach.error} /> : null}
      <p role="status" className={attached ? 'alert alert-success' : 'visually-hidden'}>
        {attached ? t('caseDocuments.attached', { name: attached }) : ''}
      </p>
    </div>
  );
}
