import { Card, Flex, Input, Pagination, Segmented, Skeleton, Typography } from 'antd';
import { NEWS_CATEGORIES } from '@common/schemas/news.js';
import { useT } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { useListQuery } from '../../shared/useListQuery';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { NewsList } from './NewsList';
import type { NewsCategory, NewsPage } from './types';
import { PageHeader } from '../../shared/components/PageHeader';

const PAGE_SIZE = 15;

/** `/news`: published articles by category, searchable, pinned first; the query lives in the address. */
export default function NewsListPage() {
  const t = useT();
  const { params, page, setQuery } = useListQuery();
  const q = params.get('q')?.trim() ?? '';
  const rawCategory = params.get('category');
  const category = (NEWS_CATEGORIES as readonly string[]).includes(rawCategory ?? '') ? (rawCategory as NewsCategory) : undefined;
  const { data, error, reload } = useApiData<NewsPage>('/api/news', { q: q || undefined, category, page, pageSize: PAGE_SIZE });

  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('news.title')} subtitle={t('news.subtitle')} />
      <Input.Search
        key={q}
        defaultValue={q}
        allowClear
        size="large"
        enterButton={t('portal.search.button')}
        placeholder={t('news.search')}
        aria-label={t('news.search')}
        maxLength={100}
        onSearch={(value) => setQuery({ q: value.trim() || undefined })}
      />
      <Segmented<string>
        aria-label={t('newsForm.category')}
        value={category ?? 'all'}
        options={[{ value: 'all', label: t('news.all') }, ...NEWS_CATEGORIES.map((c) => ({ value: c, label: t(`news.category.${c}`) }))]}
        onChange={(value) => setQuery({ category: value === 'all' ? undefined : value })}
        style={{ alignSelf: 'flex-start', maxWidth: '100%', overflowX: 'auto' }}
      />
      <Card size="small">
        {error !== null ? (
          <ErrorAlert error={error} onRetry={reload} />
        ) : !data ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : (
          <>
            <Typography.Text type="secondary" aria-live="polite">
              {t('news.total', { n: data.total })}
            </Typography.Text>
            <NewsList items={data.items} withSummary withCategory={!category} empty={q || category ? t('news.emptyFiltered') : t('news.empty')} />
          </>
        )}
      </Card>
      {data && data.total > PAGE_SIZE && (
        <Pagination align="end" current={page} pageSize={PAGE_SIZE} total={data.total} showSizeChanger={false} onChange={(next) => setQuery({ page: next })} />
      )}
    </Flex>
  );
}
