import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { login, meQueryKey, useMe } from '../api/session';
import type { User } from '../api/types';
import type { LoginRedirectState } from '../auth/RequireAuth';
import { homePathFor } from '../auth/roles';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { ErrorAlert } from '../components/StatusMessages';
import { usePageTitle } from '../components/usePageTitle';
import type { PasswordSetState } from './AccountAccessPages';

function redirectTarget(state: unknown, user: User): string {
  const from = (state as LoginRedirectState | null)?.from;
  return from?.startsWith('/') && !from.startsWith('/login') ? from : homePathFor(user.role);
}

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const me = useMe();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const loginMutation = useMutation({
    mutationFn: () => login(email.trim(), password),
    onSuccess: (user) => {
      queryClient.setQueryData(meQueryKey, user);
      void navigate(redirectTarget(location.state, user), { replace: true });
    },
  });

  if (me.data && !loginMutation.isPending) {
    return <Navigate to={redirectTarget(location.state, me.data)} replace />;
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    loginMutation.mutate();
  }

  const error = loginMutation.error;
  const wrongCredentials = error instanceof ApiError && error.status === 401;

  return (
    <div className="login-layout">
      <div className="login-topbar">
        <span className="brand">{t('app.name')}</span>
        <LanguageSwitch />
      </div>
      <main id="main-content" className="login-card">
        <h1>{t('login.title')}</h1>
        <p className="muted">{t('login.intro')}</p>
        {(location.state as PasswordSetState | null)?.passwordSet && !error ? (
          <div className="alert alert-success" role="status">
            <p className="alert-summary">{t('accountAccess.passwordSet')}</p>
          </div>
        ) : null}
        <form onSubmit={handleSubmit} noValidate={false} className="form-stack">
          <div className="field">
            <label htmlFor="login-email">{t('login.email')}</label>
            <input
              id="login-email"
              name="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              aria-invalid={wrongCredentials || undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="login-password">{t('login.password')}</label>
            <input
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              aria-invalid={wrongCredentials || undefined}
            />
          </div>
          {error ? (
            <ErrorAlert
              error={error}
              summary={wrongCredentials ? t('login.invalid') : undefined}
              hideDetail={wrongCredentials}
            />
          ) : null}
          <button type="submit" className="button button-primary" disabled={loginMutation.isPending}>
            {loginMutation.isPending ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        <p>
          <Link to="/forgot-password">{t('accountAccess.forgotLink')}</Link>
        </p>
        <p>
          {t('accountAccess.claimPrompt')} <Link to="/claim-account">{t('accountAccess.claimLink')}</Link>
        </p>
      </main>
    </div>
  );
}
