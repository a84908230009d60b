import type { ReactNode } from 'react';
import { ForbiddenPage } from '../pages/ForbiddenPage';
import { useCurrentUser } from './currentUser';
import { canOpen, type NavKey } from './roles';

/** Renders the page only for roles allowed to open it; the server still enforces access. */
export function RequireScreen({ screen, children }: { screen: NavKey; children: ReactNode }) {
  const user = useCurrentUser();
  return canOpen(user.role, screen) ? children : <ForbiddenPage />;
}
