import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { logout } from '../api/session';
import type { User } from '../api/types';
import { homePathFor } from '../auth/roles';
import { LanguageSwitch } from './LanguageSwitch';

export function AppHeader({ user }: { user: User }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const logoutMutation = useMutation({
    mutationFn: logout,
    // Whatever the server says, forget local data and go to the login page.
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(['me'], null);
      void navigate('/login', { replace: true });
    },
  });

  return (
    <header className="app-header">
      <div className="header-inner">
        <Link to={homePathFor(user.role)} className="brand">
          {t('app.name')}
        </Link>
        <p className="user-summary" data-testid="user-summary">
          <span className="user-name">{user.displayName}</span>
          <span className="user-meta">
            <span data-testid="user-role">{t(`roles.${user.role}`)}</span>
            {' · '}
            <span data-testid="user-site">{user.site ? user.site.name : t('header.noSite')}</span>
          </span>
        </p>
        <div className="header-actions">
          <LanguageSwitch />
          <button
            type="button"
            className="button button-secondary"
            onClick={() => logoutMutation.mutate()}
            disabled={logoutMutation.isPending}
          >
            {logoutMutation.isPending ? t('header.loggingOut') : t('header.logout')}
          </button>
        </div>
      </div>
    </header>
  );
}
