import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../api/types';
import { useCreateToken } from '../api/users';
import { TextField } from './FormField';
import { ErrorAlert } from './StatusMessages';

interface TokenDialogProps {
  user: User;
  onClose: () => void;
}

/** Modal dialog that creates an API token for one user and shows it once. */
export function TokenDialog({ user, onClose }: TokenDialogProps) {
  const { t } = useTranslation();
  const createToken = useCreateToken();
  const [name, setName] = useState('');
  const [copied, setCopied] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);

  // showModal() traps focus and closes on Escape; the browser restores focus to the opener.
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  /** Closing through the element fires its `close` event, which calls onClose. */
  function closeDialog() {
    dialogRef.current?.close();
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCopied(false);
    createToken.mutate({ userId: user.id, name: name.trim() });
  }

  async function copyToken(token: string) {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  const token = createToken.data;
  return (
    <dialog ref={dialogRef} className="card token-dialog" aria-labelledby="token-dialog-heading" onClose={onClose}>
      <h2 id="token-dialog-heading">{t('token.title', { name: user.displayName })}</h2>
      {token ? (
        <div className="token-result">
          <p role="status" className="alert alert-success">
            {t('token.created', { name: token.name })}
          </p>
          <label htmlFor="created-token-value">{t('token.value')}</label>
          <input
            id="created-token-value"
            className="mono"
            readOnly
            value={token.token}
            onFocus={(event) => event.target.select()}
          />
          <div className="button-row">
            <button type="button" className="button button-secondary" onClick={() => void copyToken(token.token)}>
              {t('token.copy')}
            </button>
            <button type="button" className="button button-secondary" onClick={closeDialog}>
              {t('token.close')}
            </button>
          </div>
          <p role="status" className="muted">
            {copied ? t('token.copied') : ''}
          </p>
        </div>
      ) : (
        <form className="form-stack" onSubmit={handleSubmit}>
          <TextField
            id="token-name"
            label={t('token.name')}
            type="text"
            autoComplete="off"
            required
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
          {createToken.isError ? <ErrorAlert error={createToken.error} /> : null}
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={createToken.isPending}>
              {createToken.isPending ? t('token.submitting') : t('token.submit')}
            </button>
            <button type="button" className="button button-secondary" onClick={closeDialog}>
              {t('token.close')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
