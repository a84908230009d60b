import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import type { User } from '../api/types';
import { AppHeader } from './AppHeader';
import { MainNav } from './MainNav';

/** After an in-app navigation, move focus to the new page's heading so screen readers announce it. */
function useFocusHeadingOnNavigation(): void {
  const { pathname } = useLocation();
  const previousPathname = useRef(pathname);
  useEffect(() => {
    if (previousPathname.current === pathname) return;
    previousPathname.current = pathname;
    const heading = document.querySelector<HTMLElement>('#main-content h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: false });
    }
  }, [pathname]);
}

export function AppShell({ user }: { user: User }) {
  const { t } = useTranslation();
  useFocusHeadingOnNavigation();
  return (
    <>
      <a className="skip-link" href="#main-content">
        {t('app.skipToContent')}
      </a>
      <AppHeader user={user} />
      <MainNav role={user.role} />
      <main id="main-content" className="page" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
