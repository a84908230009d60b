import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  type LinkRefusal,
  linkRefusalOf,
  useClaimAccount,
  useRequestPasswordReset,
  useSetPasswordWithLink,
} from '../api/accountAccess';
import { describeError, fieldErrorsByName } from '../api/errorMessage';
import { TextField } from '../components/FormField';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { ErrorAlert } from '../components/StatusMessages';
import { usePageTitle } from '../components/usePageTitle';

/** What the login page shows after a password was set with a link. */
export interface PasswordSetState {
  passwordSet?: boolean;
}

function AccountAccessLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="login-layout">
      <div className="login-topbar">
        <span className="brand">{t('app.name')}</span>
        <LanguageSwitch />
      </div>
      <main id="main-content" className="login-card">
        <h1>{title}</h1>
        {children}
        <p>
          <Link to="/login">{t('accountAccess.backToLogin')}</Link>
        </p>
      </main>
    </div>
  );
}

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('accountAccess.forgot.title'));
  const [email, setEmail] = useState('');
  const request = useRequestPasswordReset();
  const sentTo = request.isSuccess ? request.variables : null;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    request.mutate(email.trim());
  }

  const fieldErrors = fieldErrorsByName(describeError(request.error, t).fieldErrors);

  return (
    <AccountAccessLayout title={t('accountAccess.forgot.title')}>
      {sentTo ? (
        <div className="alert alert-success" role="status" data-testid="reset-requested">
          <p className="alert-summary">{t('accountAccess.forgot.sentTitle')}</p>
          <p>{t('accountAccess.forgot.sentBody', { email: sentTo })}</p>
        </div>
      ) : (
        <>
          <p className="muted">{t('accountAccess.forgot.intro')}</p>
          <form onSubmit={handleSubmit} className="form-stack">
            <TextField
              id="forgot-email"
              label={t('accountAccess.forgot.email')}
              name="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              error={fieldErrors.email}
            />
            {request.error ? <ErrorAlert error={request.error} /> : null}
            <button type="submit" className="button button-primary" disabled={request.isPending}>
              {request.isPending ? t('accountAccess.forgot.submitting') : t('accountAccess.forgot.submit')}
            </button>
          </form>
        </>
      )}
    </AccountAccessLayout>
  );
}

/**
 * “Créer mon espace”: an existing customer without an online account asks for one with the
 * reference on her bills and the e-mail address she gave us. The confirmation is the same whether
 * or not the details matched; the e-mail goes to the address on file.
 */
export function ClaimAccountPage() {
  const { t } = useTranslation();
  usePageTitle(t('accountAccess.claim.title'));
  const [customerReference, setCustomerReference] = useState('');
  const [email, setEmail] = useState('');
  const claim = useClaimAccount();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    claim.mutate({ customerReference: customerReference.trim(), email: email.trim() });
  }

  const fieldErrors = fieldErrorsByName(describeError(claim.error, t).fieldErrors);

  return (
    <AccountAccessLayout title={t('accountAccess.claim.title')}>
      {claim.isSuccess ? (
        <div className="alert alert-success" role="status" data-testid="claim-requested">
          <p className="alert-summary">{t('accountAccess.claim.sentTitle')}</p>
          <p>{t('accountAccess.claim.sentBody')}</p>
        </div>
      ) : (
        <>
          <p className="muted">{t('accountAccess.claim.intro')}</p>
          <form onSubmit={handleSubmit} className="form-stack">
            <TextField
              id="claim-reference"
              label={t('accountAccess.claim.reference')}
              name="customerReference"
              autoComplete="off"
              placeholder="CL-0000031"
              aria-describedby={
                fieldErrors.customerReference ? 'claim-reference-error claim-reference-hint' : 'claim-reference-hint'
              }
              required
              maxLength={40}
              value={customerReference}
              onChange={(event) => setCustomerReference(event.target.value)}
              error={fieldErrors.customerReference}
            />
            <p className="muted" id="claim-reference-hint">
              {t('accountAccess.claim.referenceHint')}
            </p>
            <TextField
              id="claim-email"
              label={t('accountAccess.claim.email')}
              name="email"
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              error={fieldErrors.email}
            />
            {claim.error ? <ErrorAlert error={claim.error} /> : null}
            <button type="submit" className="button button-primary" disabled={claim.isPending}>
              {claim.isPending ? t('accountAccess.claim.submitting') : t('accountAccess.claim.submit')}
            </button>
          </form>
          <p>
            <Link to="/forgot-password">{t('accountAccess.claim.alreadyHave')}</Link>
          </p>
        </>
      )}
    </AccountAccessLayout>
  );
}

function RefusedLink({ reason, purpose }: { reason: LinkRefusal; purpose: 'activation' | 'reset' }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-error" role="alert" data-testid="link-refused">
      <p className="alert-summary">{t(`accountAccess.refused.${reason}`)}</p>
      <p>
        {purpose === 'activation' ? t('accountAccess.refused.askActivation') : t('accountAccess.refused.askReset')}{' '}
        <Link to="/forgot-password">{t('accountAccess.refused.newLink')}</Link>
      </p>
    </div>
  );
}

/**
 * The token of the link that opened the page: in the fragment (`#token=…`, never sent to the
 * server), or in the query for links sent before the fragment was used.
 */
function linkTokenOf(location: Location): string {
  return (
    new URLSearchParams(location.hash.replace(/^#/, '')).get('token') ??
    new URLSearchParams(location.search).get('token') ??
    ''
  );
}

/** Choosing a password with a link: `/activate#token=…` (first password) or `/reset-password#token=…`. */
export function SetPasswordPage({ purpose }: { purpose: 'activation' | 'reset' }) {
  const { t } = useTranslation();
  const title = purpose === 'activation' ? t('accountAccess.activate.title') : t('accountAccess.reset.title');
  usePageTitle(title);
  const navigate = useNavigate();
  // Read once, then taken out of the address bar (history, bookmarks, screen sharing).
  const [token] = useState(() => linkTokenOf(window.location));
  useEffect(() => {
    const { pathname, hash, search } = window.location;
    if (hash || search) window.history.replaceState(window.history.state, '', pathname);
  }, []);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const setPasswordMutation = useSetPasswordWithLink({
    onSuccess: () => {
      const state: PasswordSetState = { passwordSet: true };
      void navigate('/login', { replace: true, state });
    },
  });

  if (!token) {
    return (
      <AccountAccessLayout title={title}>
        <RefusedLink reason="unknown" purpose={purpose} />
      </AccountAccessLayout>
    );
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password !== confirmation) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setPasswordMutation.mutate({ token, password });
  }

  const error = setPasswordMutation.error;
  const refusal = linkRefusalOf(error);
  const fieldErrors = fieldErrorsByName(describeError(error, t).fieldErrors);

  return (
    <AccountAccessLayout title={title}>
      {refusal ? (
        <RefusedLink reason={refusal} purpose={purpose} />
      ) : (
        <>
          <p className="muted">
            {purpose === 'activation' ? t('accountAccess.activate.intro') : t('accountAccess.reset.intro')}
          </p>
          <form onSubmit={handleSubmit} className="form-stack">
            <TextField
              id="new-password"
              label={t('accountAccess.password')}
              name="password"
              type="password"
              autoComplete="new-password"
              required
              minLength={12}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              error={fieldErrors.password}
            />
            <p className="muted" id="new-password-hint">
              {t('accountAccess.passwordHint')}
            </p>
            <TextField
              id="new-password-confirmation"
              label={t('accountAccess.confirmation')}
              name="confirmation"
              type="password"
              autoComplete="new-password"
              required
              value={confirmation}
              onChange={(event) => setConfirmation(event.target.value)}
              error={mismatch ? t('accountAccess.mismatch') : undefined}
            />
            {error && !fieldErrors.password ? <ErrorAlert error={error} /> : null}
            <button type="submit" className="button button-primary" disabled={setPasswordMutation.isPending}>
              {setPasswordMutation.isPending ? t('accountAccess.submitting') : t('accountAccess.submit')}
            </button>
          </form>
        </>
      )}
    </AccountAccessLayout>
  );
}
