import type { ReactNode } from 'react';
import { ForbiddenPage } from '../pages/ForbiddenPage';
import { useCurrentUser } from './currentUser';
import { canOpen, type ScreenKey } from './roles';

/** Renders the page only for roles allowed to open it; the server still enforces access. */
export function RequireScreen({ screen, children }: { screen: ScreenKey; children: ReactNode }) {
  const user = useCurrentUser();
  return canOpen(user.role, screen) ? children : <ForbiddenPage />;
}
