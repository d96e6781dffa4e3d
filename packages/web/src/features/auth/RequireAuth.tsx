import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { PageLoader, QueryError } from '../../routes/states.tsx';
import { useMe, useRefetchWhenRightsChange } from './useMe.ts';

export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  useRefetchWhenRightsChange(me.data);
  if (me.isPending) return <PageLoader />;
  if (me.isError) return <QueryError error={me.error} onRetry={() => me.refetch()} />;
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  return children;
}
