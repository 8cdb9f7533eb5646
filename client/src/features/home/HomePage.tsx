import { useAuth } from '../auth';
import { PageLoading } from '../../shared/components/StatusPages';
import { Landing } from './Landing';
import { RoleHome } from './RoleHome';

/** `/`: the public landing page for visitors, the role home for logged-in users. */
export default function HomePage() {
  const { user, loading } = useAuth();
  if (loading) return <PageLoading />;
  return user ? <RoleHome user={user} /> : <Landing />;
}
