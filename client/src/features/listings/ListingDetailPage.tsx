import { lazy, Suspense, type ReactNode } from 'react';
import { Alert, Card, Flex, Result, Skeleton, Tabs, Tag, Typography } from 'antd';
import { Link, useLocation, useParams, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth';
import { useT } from '../../shared/i18n';
import { useTaxonomyNames } from '../../shared/taxonomyNames';
import { useApiData } from '../../shared/useApiData';
import { useLiveRefresh } from '../../shared/liveNotifications';
import { LinkButton } from '../../shared/components/LinkButton';
import { PageLoading } from '../../shared/components/StatusPages';
import { usePageMeta } from '../../shared/pageMeta';
import type { PageProps } from '../../shared/navigation';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { StatusTag, isStatus } from './components';
import { statusName } from './format';
import { HistoryTab } from './HistoryTab';
import { ListingDescriptions } from './ListingDescriptions';
import { KIND } from './kinds';
import { OwnerActions } from './OwnerActions';
import type { Kind, Listing } from './types';
import { RatingBadge, StartDeal } from '../deals';
import { formatDate, formatDateTime } from '../../shared/format';
import { hasRole, isStaff } from '../../shared/policies';

const MatchesPanel = lazy(() => import('../matching/MatchesPanel').then((m) => ({ default: m.MatchesPanel })));

type TabKey = 'detail' | 'matches' | 'history';

/** Banners for the owner: review results, pending revision, expiry. */
function OwnerBanners({ listing }: { listing: Listing }) {
  const t = useT();
  const banners: ReactNode[] = [];
  const noun = listing.kind === 'achievement' ? t('listing.noun.achievement') : t('listing.noun.demand');
  switch (listing.status) {
    case 'draft':
      banners.push(<Alert key="draft" type="info" showIcon title={t('detail.banner.draft')} />);
      break;
    case 'pending':
      banners.push(<Alert key="pending" type="info" showIcon title={t('detail.banner.pending', { date: formatDateTime(listing.submittedAt) })} />);
      break;
    case 'rejected':
      banners.push(
        <Alert
          key="rejected"
          type="error"
          showIcon
          data-testid="rejection-banner"
          title={t('detail.banner.rejected')}
          description={t('detail.banner.rejectedReason', { reason: listing.rejectionReason || t('common.none') })}
        />,
      );
      break;
    case 'withdrawn':
      banners.push(<Alert key="withdrawn" type="warning" showIcon title={t('detail.banner.withdrawn', { noun })} />);
      break;
    case 'expired':
      banners.push(<Alert key="expired" type="warning" showIcon title={t('detail.banner.expired', { noun })} />);
      break;
    case 'transferred':
      banners.push(<Alert key="transferred" type="success" showIcon title={t('detail.banner.transferred', { noun })} />);
      break;
    default:
      break;
  }
  if (listing.status === 'published' && listing.expiresSoon) {
    banners.push(<Alert key="expiring" type="warning" showIcon data-testid="expiry-banner" title={t('detail.banner.expiresSoon', { date: formatDate(listing.expiresAt) })} />);
  }
  if (listing.revisionStatus === 'pending') {
    banners.push(
      <Alert
        key="revision"
        type="info"
        showIcon
        data-testid="revision-banner"
        title={t('detail.banner.revisionPending', { date: formatDateTime(listing.revisionSubmittedAt) })}
        description={t('detail.banner.revisionPendingDesc')}
      />,
    );
  } else if (listing.revisionStatus === 'rejected') {
    banners.push(
      <Alert
        key="revision-rejected"
        type="error"
        showIcon
        title={t('detail.banner.revisionRejected')}
        description={t('detail.banner.rejectedReason', { reason: listing.revisionReason || t('common.none') })}
      />,
    );
  }
  return banners.length ? <Flex vertical gap={8}>{banners}</Flex> : null;
}

/** `/achievements/:id` and `/demands/:id`: all the fields the viewer may see, owner actions, matches and history. */
export function ListingDetailPage({ kind }: { kind: Kind }) {
  const t = useT();
  const { id = '' } = useParams();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const { user } = useAuth();
  const { names } = useTaxonomyNames();
  const { data: listing, error, reload, setData } = useApiData<Listing>(`${KIND[kind].api}/${encodeURIComponent(id)}`);
  useLiveRefresh(reload);
  usePageMeta(listing?.title, listing ? (kind === 'achievement' ? listing.summary : listing.problem) : null);

  if (error !== null) {
    if (isStatus(error, 404)) {
      return (
        <Result
          status="404"
          title={kind === 'achievement' ? t('detail.notFound.achievement') : t('detail.notFound.demand')}
          subTitle={t('detail.notFoundSub')}
          extra={<LinkButton type="primary" to={`/${KIND[kind].path}`}>{kind === 'achievement' ? t('detail.backToAchievements') : t('detail.backToDemands')}</LinkButton>}
        />
      );
    }
    return <ErrorAlert error={error} onRetry={reload} />;
  }
  if (!listing) return <PageLoading />;

  const isOwner = !!user && user.organizationId === listing.ownerOrgId;
  const staff = isStaff(user);
  const isBroker = hasRole(user, 'broker');
  const showMatches = (isOwner || staff || isBroker) && listing.status !== 'withdrawn';
  const showHistory = isOwner || staff;
  const available: TabKey[] = ['detail', ...(showMatches ? (['matches'] as const) : []), ...(showHistory ? (['history'] as const) : [])];
  const requested = params.get('tab') as TabKey | null;
  const tab: TabKey = requested && available.includes(requested) ? requested : 'detail';

  const actions = isOwner ? <OwnerActions listing={listing} onChange={(updated) => setData(updated)} /> : <StartDeal listing={listing} />;

  const tabItems = [
    {
      key: 'detail',
      label: t('detail.tab.detail'),
      children: (
        <Flex vertical gap={16}>
          {!user && (
            <Alert
              type="info"
              showIcon
              data-testid="login-prompt"
              title={t('detail.loginPrompt')}
              description={t('detail.loginPromptDesc')}
              action={
                <LinkButton type="primary" size="small" to={`/login?next=${encodeURIComponent(`${location.pathname}${location.search}`)}`}>
                  {t('header.login')}
                </LinkButton>
              }
            />
          )}
          <ListingDescriptions listing={listing} names={names} />
        </Flex>
      ),
    },
    ...(showMatches
      ? [
          {
            key: 'matches',
            label: kind === 'demand' ? t('detail.tab.matchesDemand') : t('detail.tab.matchesAchievement'),
            children: (
              <Suspense fallback={<Skeleton active />}>
                <MatchesPanel kind={kind} id={listing.id} canFeedback={isOwner || isBroker} canExplain={isBroker || staff} canStartDeal={isOwner && listing.status === 'published'} />
              </Suspense>
            ),
          },
        ]
      : []),
    ...(showHistory ? [{ key: 'history', label: t('detail.tab.history'), children: <HistoryTab kind={kind} id={listing.id} /> }] : []),
  ];

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex vertical gap={12}>
          <Flex justify="space-between" align="flex-start" gap={16} wrap>
            <div style={{ flex: 1, minWidth: 280 }}>
              <Flex gap={8} align="center" wrap>
                <Typography.Title level={3} style={{ margin: 0 }} data-testid="listing-title">
                  {listing.title}
                </Typography.Title>
                <StatusTag status={listing.status} />
                {listing.revisionStatus === 'pending' && <Tag color="processing">{t('listing.revisionPendingTag')}</Tag>}
              </Flex>
              {listing.titleEn && <Typography.Text type="secondary">{listing.titleEn}</Typography.Text>}
              <div style={{ marginTop: 4 }}>
                <Flex gap={8} align="center" wrap>
                  <Typography.Text type="secondary" data-testid="owner-org">
                    <Link to={`/organizations/${listing.ownerOrgId}`}>{listing.owner.name}</Link>
                    {listing.owner.type ? ` · ${t.orgType(listing.owner.type)}` : ''}
                    {listing.publishedAt ? ` · ${t('catalogue.publishedAt', { date: formatDate(listing.publishedAt) })}` : ''}
                  </Typography.Text>
                  <RatingBadge rating={listing.ownerRating} compact />
                </Flex>
              </div>
            </div>
            {actions}
          </Flex>
          {isOwner && <OwnerBanners listing={listing} />}
          {!isOwner && listing.status !== 'published' && (
            <Alert type="warning" showIcon title={t('detail.notPublic', { status: statusName(t, listing.status) })} />
          )}
        </Flex>
      </Card>
      <Card>
        {tabItems.length > 1 ? (
          <Tabs
            activeKey={tab}
            items={tabItems}
            onChange={(key) => {
              const next = new URLSearchParams(params);
              if (key === 'detail') next.delete('tab');
              else next.set('tab', key);
              setParams(next, { replace: true });
            }}
          />
        ) : (
          tabItems[0]?.children
        )}
      </Card>
    </Flex>
  );
}

export function AchievementDetail(_props: PageProps) {
  return <ListingDetailPage kind="achievement" />;
}

export function DemandDetail(_props: PageProps) {
  return <ListingDetailPage kind="demand" />;
}
