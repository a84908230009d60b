import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../api/session';
import { AppShell } from '../components/AppShell';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { CurrentUserContext } from './currentUser';

export interface LoginRedirectState {
  from?: string;
}

/** Layout route: shows the app shell for a signed-in user, otherwise sends them to /login. */
export function RequireAuth() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();

  if (me.isPending) {
    return (
      <main className="page page-centered">
        <Loading label={t('app.loadingSession')} />
      </main>
    );
  }
  if (me.isError) {
    return (
      <main className="page page-centered">
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
      </main>
    );
  }
  if (!me.data) {
    const from = `${location.pathname}${location.search}`;
    const state: LoginRedirectState = from === '/' ? {} : { from };
    return <Navigate to="/login" replace state={state} />;
  }
  return (
    <CurrentUserContext.Provider value={me.data}>
      <AppShell user={me.data} />
    </CurrentUserContext.Provider>
  );
}
