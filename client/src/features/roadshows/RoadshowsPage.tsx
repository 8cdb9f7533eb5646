import { Card, Empty, Flex, List, Pagination, Space, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth';
import { useT } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { useListQuery } from '../../shared/useListQuery';
import { LinkButton } from '../../shared/components/LinkButton';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { zoneOptions } from '../../shared/taxonomy';
import { useTaxonomyNames } from '../../shared/taxonomyNames';
import type { PageProps } from '../../shared/navigation';
import { RoadshowStatusTag } from './components';
import { formatRange } from './format';
import type { PageOf, RoadshowSummary } from './types';
import { hasRole, organizesRoadshows } from '../../shared/policies';
import { FilterBar } from '../../shared/components/FilterBar';

const WHEN = ['live', 'upcoming', 'replay'] as const;
type When = (typeof WHEN)[number];

/** `/roadshows`: the public calendar — live now, upcoming, replays — filtered by zone and industry. */
export default function RoadshowsPage(_props: PageProps) {
  const t = useT();
  const { user } = useAuth();
  const { params, page, setQuery } = useListQuery();
  const { taxonomy, names } = useTaxonomyNames();
  const whenParam = params.get('when') ?? '';
  const when: When = (WHEN as readonly string[]).includes(whenParam) ? (whenParam as When) : 'upcoming';
  const zone = params.get('zone') ?? undefined;
  const industry = params.get('industry') ?? undefined;
  const list = useApiData<PageOf<RoadshowSummary>>('/api/roadshows', { when, zone, industry, page, pageSize: 10 });
  const organizer = organizesRoadshows(user);
  const topIndustries = (taxonomy?.industries ?? []).filter((i) => i.parent && (taxonomy?.industries ?? []).some((p) => p.code === i.parent && !p.parent));

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.roadshows')}
        </Typography.Title>
        <Space wrap>
          {user && (
            <LinkButton to="/roadshows/leads" icon={<UnorderedListOutlined />}>
              {t('roadshow.leads.title')}
            </LinkButton>
          )}
          {hasRole(user, 'zone_admin') && <LinkButton to="/roadshows/events">{t('page.roadshowEvents')}</LinkButton>}
          {organizer && (
            <LinkButton to="/roadshows/new" type="primary" icon={<PlusOutlined />}>
              {t('roadshow.new')}
            </LinkButton>
          )}
        </Space>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('roadshow.intro')}
      </Typography.Paragraph>
      <Card size="small">
        <FilterBar
          filters={[
            { name: 'zone', label: t('roadshow.filter.zone'), value: zone, width: 220, options: zoneOptions(taxonomy) },
            { name: 'industry', label: t('roadshow.filter.industry'), value: industry, width: 220, searchable: true, options: topIndustries.map((i) => ({ value: i.code, label: names.industry(i.code) })) },
          ]}
          onChange={setQuery}
        />
      </Card>
      <Tabs
        activeKey={when}
        onChange={(k) => setQuery({ when: k, page: undefined })}
        items={WHEN.map((w) => ({ key: w, label: t(`roadshow.when.${w}`) }))}
      />
      {list.error ? (
        <ErrorAlert error={list.error} onRetry={list.reload} />
      ) : (
        <List
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={t(`roadshow.empty.${when}`)} /> }}
          renderItem={(r) => <RoadshowListItem roadshow={r} />}
        />
      )}
      {(list.data?.total ?? 0) > 10 && <Pagination align="end" current={page} pageSize={10} total={list.data?.total ?? 0} onChange={(p) => setQuery({ page: p })} />}
    </Flex>
  );
}

export function RoadshowListItem({ roadshow: r }: { roadshow: RoadshowSummary }) {
  const t = useT();
  const { names } = useTaxonomyNames();
  return (
    <List.Item data-testid="roadshow-item" extra={<RoadshowStatusTag status={r.status} />}>
      <List.Item.Meta
        avatar={r.coverFileId ? <img src={`/api/files/${encodeURIComponent(r.coverFileId)}`} alt={t('roadshow.coverAlt')} loading="lazy" width={96} height={54} style={{ objectFit: 'cover', borderRadius: 4 }} /> : undefined}
        title={<Link to={`/roadshows/${encodeURIComponent(r.id)}`}>{r.title}</Link>}
        description={
          <Flex vertical gap={4}>
            <span>
              {formatRange(r.startsAt, r.endsAt)} · {r.zoneName ?? ''} {r.organizerName ? `· ${t('roadshow.organizer')}：${r.organizerName}` : ''}
            </span>
            <span>
              {t('roadshow.agendaCount', { n: r.items.length })} · {t('roadshow.registrations', { n: r.registrations })}
              {r.registrationRequired && <Tag style={{ marginLeft: 8 }}>{t('roadshow.registrationRequired')}</Tag>}
            </span>
            <span>{r.industries.map((i) => <Tag key={i}>{names.industry(i)}</Tag>)}</span>
          </Flex>
        }
      />
    </List.Item>
  );
}

/** Upcoming and live roadshows, for the landing page (exported from the feature's index). */
export function UpcomingRoadshows({ limit = 5 }: { limit?: number }) {
  const t = useT();
  const live = useApiData<PageOf<RoadshowSummary>>('/api/roadshows', { when: 'live', pageSize: limit });
  const upcoming = useApiData<PageOf<RoadshowSummary>>('/api/roadshows', { when: 'upcoming', pageSize: limit });
  const items = [...(live.data?.items ?? []), ...(upcoming.data?.items ?? [])].slice(0, limit);
  return (
    <Card title={t('roadshow.upcomingTitle')} extra={<Link to="/roadshows">{t('roadshow.all')}</Link>} size="small">
      <List
        loading={live.loading || upcoming.loading}
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('roadshow.empty.upcoming')} /> }}
        renderItem={(r) => (
          <List.Item extra={<RoadshowStatusTag status={r.status} />}>
            <List.Item.Meta title={<Link to={`/roadshows/${encodeURIComponent(r.id)}`}>{r.title}</Link>} description={formatRange(r.startsAt, r.endsAt)} />
          </List.Item>
        )}
      />
    </Card>
  );
}
