import { Navigate } from 'react-router';
import { useCurrentUser } from './currentUser';
import { homePathFor } from './roles';

export function HomeRedirect() {
  const user = useCurrentUser();
  return <Navigate to={homePathFor(user.role)} replace />;
}
