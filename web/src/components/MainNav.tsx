import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { Role } from '../api/types';
import { NAV_PATHS, navItemsFor } from '../auth/roles';

export function MainNav({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <ul>
        {navItemsFor(role).map((item) => (
          <li key={item}>
            <NavLink
              to={NAV_PATHS[item]}
              className={({ isActive }) => (isActive ? 'nav-link nav-link-active' : 'nav-link')}
            >
              {t(`nav.${item}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
