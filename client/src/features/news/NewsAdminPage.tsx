import { App, Button, Card, Flex, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined, PushpinFilled } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { NEWS_CATEGORIES } from '@common/schemas/news.js';
import { api } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { useListQuery } from '../../shared/useListQuery';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { LinkButton } from '../../shared/components/LinkButton';
import { NEWS_CATEGORY_COLORS, type NewsArticle, type NewsPage, type NewsSummary } from './types';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/components/PageHeader';
import { useAction } from '../../shared/useAction';

const PAGE_SIZE = 20;

/** `/admin/news`: the editor's list (drafts included) with publish and unpublish. */
export default function NewsAdminPage() {
  const t = useT();
  const { message } = App.useApp();
  const { params, page, setQuery } = useListQuery();
  const q = params.get('q')?.trim() ?? '';
  const category = params.get('category') ?? undefined;
  const status = params.get('status') ?? undefined;
  const { data, error, loading, reload } = useApiData<NewsPage>('/api/news/manage', { q: q || undefined, category, status, page, pageSize: PAGE_SIZE });
  const action = useAction();
  const busy = action.busy;
  const toggle = (item: NewsSummary) => {
    const publish = item.status === 'draft';
    return action.run(item.id, async () => {
      await api<NewsArticle>(`/api/news/${encodeURIComponent(item.id)}/${publish ? 'publish' : 'unpublish'}`, { method: 'POST' });
      message.success(publish ? t('newsAdmin.published') : t('newsAdmin.unpublished'));
      reload();
    });
  };

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('newsAdmin.title')}
        subtitle={t('newsAdmin.subtitle')}
        extra={
          <LinkButton type="primary" icon={<PlusOutlined aria-hidden />} to="/admin/news/new">
            {t('newsAdmin.new')}
          </LinkButton>
        }
      />
      <Card size="small">
        <Flex gap={12} wrap style={{ marginBottom: 12 }}>
          <Input.Search key={q} defaultValue={q} allowClear placeholder={t('news.search')} aria-label={t('news.search')} style={{ maxWidth: 320 }} onSearch={(value) => setQuery({ q: value.trim() || undefined })} />
          <Select
            allowClear
            aria-label={t('newsForm.category')}
            placeholder={t('newsForm.category')}
            value={category}
            style={{ width: 160 }}
            options={NEWS_CATEGORIES.map((c) => ({ value: c, label: t(`news.category.${c}`) }))}
            onChange={(value?: string) => setQuery({ category: value })}
          />
          <Select
            allowClear
            aria-label={t('newsAdmin.statusFilter')}
            placeholder={t('newsAdmin.col.status')}
            value={status}
            style={{ width: 140 }}
            options={[
              { value: 'draft', label: t('news.draft') },
              { value: 'published', label: t('news.published') },
            ]}
            onChange={(value?: string) => setQuery({ status: value })}
          />
        </Flex>
        {error !== null ? (
          <ErrorAlert error={error} onRetry={reload} />
        ) : (
          <Table<NewsSummary>
            rowKey="id"
            loading={loading}
            dataSource={data?.items ?? []}
            scroll={{ x: 760 }}
            locale={{ emptyText: t('newsAdmin.empty') }}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false, onChange: (next) => setQuery({ page: next }) }}
            columns={[
              {
                title: t('newsAdmin.col.title'),
                dataIndex: 'title',
                render: (_, item) => (
                  <Space size={4}>
                    {item.pinned && <PushpinFilled aria-label={t('news.pinned')} style={{ color: '#d4380d' }} />}
                    <Link to={`/news/${encodeURIComponent(item.id)}`}>{item.title}</Link>
                  </Space>
                ),
              },
              { title: t('newsAdmin.col.category'), dataIndex: 'category', width: 120, render: (_, item) => <Tag color={NEWS_CATEGORY_COLORS[item.category]}>{t(`news.category.${item.category}`)}</Tag> },
              { title: t('newsAdmin.col.zone'), dataIndex: 'zoneName', width: 160, render: (_, item) => item.zoneName ?? t('news.platformWide') },
              {
                title: t('newsAdmin.col.status'),
                dataIndex: 'status',
                width: 90,
                render: (_, item) => (item.status === 'published' ? <Tag color="green">{t('news.published')}</Tag> : <Tag>{t('news.draft')}</Tag>),
              },
              { title: t('newsAdmin.col.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (_, item) => formatDateTime(item.updatedAt) },
              {
                title: t('newsAdmin.col.actions'),
                key: 'actions',
                width: 150,
                render: (_, item) => (
                  <Space size={4}>
                    <LinkButton size="small" type="link" to={`/admin/news/${encodeURIComponent(item.id)}/edit`} aria-label={`${t('news.edit')} ${item.title}`}>
                      {t('news.edit')}
                    </LinkButton>
                    {item.status === 'draft' ? (
                      <Button size="small" type="link" loading={busy === item.id} onClick={() => void toggle(item)} aria-label={`${t('newsAdmin.publish')} ${item.title}`}>
                        {t('newsAdmin.publish')}
                      </Button>
                    ) : (
                      <Popconfirm title={t('newsAdmin.unpublish')} onConfirm={() => toggle(item)}>
                        <Button size="small" type="link" danger loading={busy === item.id} aria-label={`${t('newsAdmin.unpublish')} ${item.title}`}>
                          {t('newsAdmin.unpublish')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
    </Flex>
  );
}
