import { Flex, List, Tag, Typography } from 'antd';
import { PushpinFilled } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useT } from '../../shared/i18n';
import { NEWS_CATEGORY_COLORS, type NewsSummary } from './types';
import { formatDate } from '../../shared/format';

/** Articles as a list of linked titles with category, date and (optionally) the summary. */
export function NewsList({ items, withSummary = false, withCategory = true, empty }: { items: NewsSummary[]; withSummary?: boolean; withCategory?: boolean; empty: string }) {
  const t = useT();
  return (
    <List
      dataSource={items}
      locale={{ emptyText: empty }}
      split
      renderItem={(item) => (
        <List.Item key={item.id} style={{ paddingInline: 0 }}>
          <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
            <Flex gap={8} align="baseline" justify="space-between">
              <Link to={`/news/${encodeURIComponent(item.id)}`} className="gjt-news-title">
                {item.pinned && <PushpinFilled aria-label={t('news.pinned')} style={{ color: '#d4380d', marginInlineEnd: 4 }} />}
                {item.title}
              </Link>
              <Typography.Text type="secondary" style={{ flex: 'none', fontSize: 12 }}>
                {formatDate(item.publishedAt)}
              </Typography.Text>
            </Flex>
            {(withCategory || item.source) && (
              <Flex gap={6} wrap align="center">
                {withCategory && <Tag color={NEWS_CATEGORY_COLORS[item.category]}>{t(`news.category.${item.category}`)}</Tag>}
                {item.source && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {item.source}
                  </Typography.Text>
                )}
              </Flex>
            )}
            {withSummary && (
              <Typography.Paragraph type="secondary" className="gjt-clamp-2" style={{ margin: 0 }}>
                {item.summary}
              </Typography.Paragraph>
            )}
          </Flex>
        </List.Item>
      )}
    />
  );
}
