import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDocument } from '../../api/caseTypes';
import { newIdempotencyKey } from '../../api/idempotencyKey';
import { useCreateReplyLetter } from '../../api/replyLetters';
import { useCurrentUser } from '../../auth/currentUser';
import { TextField } from '../FormField';
import { ErrorAlert } from '../StatusMessages';
import { splitFieldErrors } from './fieldErrors';
import { TextAreaField } from './TextAreaField';

const FIELDS = ['body', 'signerName'] as const;

/**
 * Staff, written complaints: "Rédiger la réponse écrite". The server makes the signed PDF, puts
 * the letter on the timeline, settles the reply promise and queues the letter for posting. One
 * Idempotency-Key per text, so a double click or a retry makes one letter.
 */
export function ReplyLetterForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const create = useCreateReplyLetter(caseId);
  const [body, setBody] = useState('');
  const [signerName, setSignerName] = useState(user.displayName);
  const [created, setCreated] = useState<CaseDocument | null>(null);
  const idempotencyKey = useRef<string>(newIdempotencyKey());
  const errors = splitFieldErrors(create.error, FIELDS);

  function changed() {
    idempotencyKey.current = newIdempotencyKey();
    setCreated(null);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending || !body.trim()) return;
    const signer = signerName.trim();
    create.mutate(
      {
        letter: { body: body.trim(), ...(signer && signer !== user.displayName ? { signerName: signer } : {}) },
        idempotencyKey: idempotencyKey.current,
      },
      {
        onSuccess: (document) => {
          setBody('');
          idempotencyKey.current = newIdempotencyKey();
          setCreated(document);
        },
      },
    );
  }

  return (
    <section aria-labelledby="reply-letter-heading" className="section">
      <h2 id="reply-letter-heading">{t('replyLetter.heading')}</h2>
      <p className="muted">{t('replyLetter.intro')}</p>
      <form className="form-grid" onSubmit={handleSubmit} aria-labelledby="reply-letter-heading">
        <TextAreaField
          id="reply-letter-body"
          className="field-wide"
          label={t('replyLetter.body')}
          hint={t('replyLetter.bodyHint')}
          required
          maxLength={10000}
          rows={8}
          value={body}
          error={errors.byName.body}
          onChange={(event) => {
            setBody(event.target.value);
            changed();
          }}
        />
        <TextField
          id="reply-letter-signer"
          label={t('replyLetter.signer')}
          required
          maxLength={120}
          value={signerName}
          error={errors.byName.signerName}
          onChange={(event) => {
            setSignerName(event.target.value);
            changed();
          }}
        />
        <div className="form-actions">
          {create.isError ? <ErrorAlert error={create.error} extraMessages={errors.others} /> : null}
          <p role="status" className={created ? 'alert alert-success' : 'visually-hidden'}>
            {created ? (
              <>
                {t('replyLetter.created')}{' '}
                <a href={created.url} download={created.filename}>
                  {t('replyLetter.download', { filename: created.filename })}
                </a>
              </>
            ) : (
              ''
            )}
          </p>
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? t('replyLetter.submitting') : t('replyLetter.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
