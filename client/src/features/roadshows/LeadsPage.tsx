import { Empty, Flex, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useT } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { useListQuery } from '../../shared/useListQuery';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import type { PageProps } from '../../shared/navigation';
import { formatTime } from './format';
import type { Lead, PageOf } from './types';

/**
 * `/roadshows/leads` (all my leads) and `/roadshows/:id/leads` (one roadshow's): cooperation intents
 * expressed in roadshows on my organization's achievements or in roadshows I host — ready to become deals.
 */
export default function LeadsPage(_props: PageProps) {
  const { id } = useParams();
  const t = useT();
  const { page, setQuery } = useListQuery();
  const list = useApiData<PageOf<Lead>>(id ? `/api/roadshows/${encodeURIComponent(id)}/intents` : '/api/roadshow-intents', { page, pageSize: 20 });
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('roadshow.leads.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('roadshow.leads.intro')}
      </Typography.Paragraph>
      {list.error ? (
        <ErrorAlert error={list.error} onRetry={list.reload} />
      ) : (
        <Table<Lead>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('roadshow.leads.empty')} /> }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: (p) => setQuery({ page: p }) }}
          columns={[
            { title: t('roadshow.leads.org'), key: 'org', render: (_, l) => <span data-testid="lead-org">{l.organizationName}（{l.userName}）</span> },
            { title: t('roadshow.leads.achievement'), key: 'a', render: (_, l) => <Link to={`/achievements/${encodeURIComponent(l.achievementId)}`}>{l.achievementTitle}</Link> },
            { title: t('roadshow.leads.roadshow'), key: 'r', responsive: ['md'], render: (_, l) => <Link to={`/roadshows/${encodeURIComponent(l.roadshowId)}`}>{l.roadshowTitle ?? ''}</Link> },
            { title: t('roadshow.leads.note'), dataIndex: 'note', key: 'note', render: (v: string | null) => v ?? t('common.none') },
            { title: t('roadshow.leads.status'), key: 's', render: (_, l) => (l.dealId ? <Link to={`/deals/${encodeURIComponent(l.dealId)}`}><Tag color="green">{t('roadshow.leads.deal')}</Tag></Link> : <Tag color="blue">{t('roadshow.leads.ready')}</Tag>) },
            { title: t('roadshow.leads.at'), dataIndex: 'createdAt', key: 'at', responsive: ['md'], render: (v: string) => formatTime(v) },
          ]}
        />
      )}
    </Flex>
  );
}
