import { Navigate, useLocation, useParams } from 'react-router-dom';
import { pageAccess, type PageDef } from '../../shared/navigation';
import { Forbidden, PageLoading } from '../../shared/components/StatusPages';
import { useAuth } from './AuthContext';
import { useT } from '../../shared/i18n';
import { usePageMeta } from '../../shared/pageMeta';

/**
 * Renders a page only for those its access rule admits: visitors are sent to the login page
 * (coming back afterwards), logged-in users without the role see a 403 page.
 */
export function RequireAccess({ page }: { page: PageDef }) {
  const { user, loading } = useAuth();
  const location = useLocation();
  const params = useParams();
  const t = useT();
  // The page's name as the document title; detail pages refine it with their object's title.
  usePageMeta(page.key === 'home' ? t('app.name') : t(page.titleKey));

  if (page.access !== 'public' && loading) return <PageLoading />;

  const access = pageAccess(page, user, params);
  if (access === 'login') {
    const next = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (access === 'forbidden') return <Forbidden />;

  const Page = page.component;
  return <Page page={page} />;
}
