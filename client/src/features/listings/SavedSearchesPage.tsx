import { App, Button, Card, Empty, Flex, Popconfirm, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { SavedSearchNotify } from '@common/schemas/savedSearches.js';
import { api, describeError } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { useTaxonomyNames } from '../../shared/taxonomyNames';
import type { PageProps } from '../../shared/navigation';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { LinkButton } from '../../shared/components/LinkButton';
import { formatDateTime } from '../../shared/format';
import { catalogueLink, describeSearch, type SavedSearch } from './savedSearch';
import { PageHeader } from '../../shared/components/PageHeader';

interface ListResponse {
  items: SavedSearch[];
  total: number;
  limit: number;
}

/** `/saved-searches` (我的订阅): the user's saved searches, their reminder mode, last reminder, and delete. */
export default function SavedSearchesPage(_props: PageProps) {
  const t = useT();
  const { message } = App.useApp();
  const { names } = useTaxonomyNames();
  const { data, error, reload, setData } = useApiData<ListResponse>('/api/saved-searches');

  const remove = async (s: SavedSearch) => {
    try {
      await api(`/api/saved-searches/${s.id}`, { method: 'DELETE' });
      setData((d) => (d ? { ...d, items: d.items.filter((i) => i.id !== s.id), total: d.total - 1 } : d));
      message.success(t('saved.deleted'));
    } catch (err) {
      message.error(describeError(err, t));
    }
  };
  const changeNotify = async (s: SavedSearch, notify: SavedSearchNotify) => {
    try {
      const updated = await api<SavedSearch>(`/api/saved-searches/${s.id}`, { method: 'PATCH', body: { notify } });
      setData((d) => (d ? { ...d, items: d.items.map((i) => (i.id === s.id ? updated : i)) } : d));
      message.success(t('saved.notifyChanged', { mode: t(`saved.notify.${notify}`) }));
    } catch (err) {
      message.error(describeError(err, t));
    }
  };

  let body;
  if (error) body = <ErrorAlert error={error} onRetry={reload} />;
  else if (!data) body = <Skeleton active />;
  else if (!data.items.length) {
    body = (
      <Empty description={<Flex vertical gap={4}><span>{t('saved.empty')}</span><Typography.Text type="secondary">{t('saved.emptyHint')}</Typography.Text></Flex>}>
        <Flex gap={8} justify="center">
          <LinkButton type="primary" to="/achievements">{t('saved.goAchievements')}</LinkButton>
          <LinkButton to="/demands">{t('saved.goDemands')}</LinkButton>
        </Flex>
      </Empty>
    );
  } else {
    body = (
      <Table<SavedSearch>
        rowKey="id"
        dataSource={data.items}
        pagination={false}
        scroll={{ x: 800 }}
        data-testid="saved-searches"
        columns={[
          {
            title: t('saved.col.name'),
            key: 'name',
            render: (_, s) => (
              <Flex vertical gap={2}>
                <Link to={catalogueLink(s)}>{s.name}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {describeSearch(t, names, s.kind, s.q, s.filters)}
                </Typography.Text>
              </Flex>
            ),
          },
          { title: t('saved.col.kind'), key: 'kind', width: 90, render: (_, s) => <Tag color={s.kind === 'achievement' ? 'blue' : 'orange'}>{t(s.kind === 'achievement' ? 'nav.achievements' : 'nav.demands')}</Tag> },
          {
            title: t('saved.col.notify'),
            key: 'notify',
            width: 140,
            render: (_, s) => (
              <Select<SavedSearchNotify>
                size="small"
                aria-label={`${t('saved.col.notify')}：${s.name}`}
                value={s.notify}
                style={{ width: 120 }}
                options={(['immediate', 'daily'] as const).map((n) => ({ value: n, label: t(`saved.notify.${n}`) }))}
                onChange={(n) => void changeNotify(s, n)}
              />
            ),
          },
          { title: t('saved.col.lastNotified'), key: 'last', width: 150, render: (_, s) => (s.lastNotifiedAt ? formatDateTime(s.lastNotifiedAt) : <Typography.Text type="secondary">{t('saved.never')}</Typography.Text>) },
          {
            title: t('saved.col.found'),
            key: 'found',
            width: 150,
            render: (_, s) => (
              <Flex vertical>
                <span>{t('saved.found', { n: s.notifiedCount })}</span>
                {s.pendingCount > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('saved.pending', { n: s.pendingCount })}</Typography.Text>}
              </Flex>
            ),
          },
          {
            title: t('saved.col.actions'),
            key: 'actions',
            width: 160,
            render: (_, s) => (
              <Flex gap={4}>
                <LinkButton size="small" type="link" to={catalogueLink(s)}>{t('saved.open')}</LinkButton>
                <Popconfirm title={t('saved.deleteConfirm', { name: s.name })} okText={t('saved.delete')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => remove(s)}>
                  <Button size="small" type="link" danger>
                    {t('saved.delete')}
                  </Button>
                </Popconfirm>
              </Flex>
            ),
          },
        ]}
      />
    );
  }

  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('nav.savedSearches')} subtitle={t('saved.pageIntro')} />
      <Card size="small" extra={data && data.items.length > 0 ? <Typography.Text type="secondary">{t('saved.total', { n: data.total, limit: data.limit })}</Typography.Text> : null}>
        {body}
      </Card>
    </Flex>
  );
}
