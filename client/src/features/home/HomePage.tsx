import { Flex } from 'antd';
import { useAuth } from '../auth';
import { PageLoading } from '../../shared/components/StatusPages';
import { useApiData } from '../../shared/useApiData';
import { PortalSearch } from '../portal';
import { PortalSections } from '../portal';
import type { PortalOverview } from '../portal';
import { Landing } from './Landing';
import { RoleHome } from './RoleHome';

/**
 * `/`: the portal. Visitors get the front page; logged-in users their workspace first, then the
 * same search, figures and news. (`/home` is the same page behind a login.)
 */
export default function HomePage() {
  const { user, loading } = useAuth();
  const portal = useApiData<PortalOverview>('/api/portal');
  if (loading) return <PageLoading />;
  if (!user) return <Landing portal={portal} />;
  return (
    <Flex vertical gap={24}>
      <RoleHome user={user} />
      <PortalSearch />
      <PortalSections data={portal.data} error={portal.error} reload={portal.reload} />
    </Flex>
  );
}
