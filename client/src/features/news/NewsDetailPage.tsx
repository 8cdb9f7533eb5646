import { Breadcrumb, Card, Flex, List, Result, Tag, Typography } from 'antd';
import { EditOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { isStatus } from '../listings';
import { useT } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { usePageMeta } from '../../shared/pageMeta';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { LinkButton } from '../../shared/components/LinkButton';
import { PageLoading } from '../../shared/components/StatusPages';
import { NEWS_CATEGORY_COLORS, type NewsArticle } from './types';
import './news.css';
import { formatDate } from '../../shared/format';

const fileSize = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** `/news/:id`: one article; its body is HTML the server rendered from Markdown (raw HTML escaped). */
export default function NewsDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { data: article, error, reload } = useApiData<NewsArticle>(`/api/news/${encodeURIComponent(id)}`);
  usePageMeta(article?.title, article?.summary);

  if (error !== null) {
    if (isStatus(error, 404)) {
      return <Result status="404" title={t('status.notFound')} extra={<LinkButton type="primary" to="/news">{t('news.back')}</LinkButton>} />;
    }
    return <ErrorAlert error={error} onRetry={reload} />;
  }
  if (!article) return <PageLoading />;

  return (
    <Flex vertical gap={16}>
      <Breadcrumb
        items={[
          { title: <Link to="/news">{t('news.title')}</Link> },
          { title: <Link to={`/news?category=${article.category}`}>{t(`news.category.${article.category}`)}</Link> },
        ]}
      />
      <Card>
        <article className="gjt-article">
          <Typography.Title level={2} style={{ marginTop: 0 }}>
            {article.title}
          </Typography.Title>
          <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
            <Tag color={NEWS_CATEGORY_COLORS[article.category]}>{t(`news.category.${article.category}`)}</Tag>
            {article.status === 'draft' && <Tag>{t('news.draft')}</Tag>}
            {article.source && (
              <Typography.Text type="secondary">
                {t('news.source')}：{article.source}
              </Typography.Text>
            )}
            {article.publishedAt && (
              <Typography.Text type="secondary">
                {t('news.publishedAt')}：{formatDate(article.publishedAt)}
              </Typography.Text>
            )}
            {article.zoneName && <Tag color="purple">{article.zoneName}</Tag>}
            {article.canEdit && (
              <LinkButton size="small" icon={<EditOutlined aria-hidden />} to={`/admin/news/${encodeURIComponent(article.id)}/edit`}>
                {t('news.edit')}
              </LinkButton>
            )}
          </Flex>
          {/* Rendered by the server with raw HTML escaped and unsafe link schemes dropped. */}
          <div className="gjt-markdown" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
        </article>
        {article.attachments.length > 0 && (
          <section aria-label={t('news.attachments')} style={{ marginTop: 24 }}>
            <Typography.Title level={5}>{t('news.attachments')}</Typography.Title>
            <List
              size="small"
              dataSource={article.attachments}
              renderItem={(file) => (
                <List.Item key={file.id}>
                  <a href={`/api/files/${encodeURIComponent(file.id)}`} download={file.name}>
                    <PaperClipOutlined aria-hidden /> {file.name}
                  </a>
                  <Typography.Text type="secondary">{fileSize(file.size)}</Typography.Text>
                </List.Item>
              )}
            />
          </section>
        )}
      </Card>
    </Flex>
  );
}
