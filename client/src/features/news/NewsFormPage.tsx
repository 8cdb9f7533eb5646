import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Radio, Select, Switch, Typography, type UploadFile } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { NEWS_CATEGORIES, newsBodySchema, type NewsCategory } from '@common/schemas/news.js';
import { useAuth } from '../auth';
import { ApiError, api, applyFieldErrors, describeError } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { useTaxonomy } from '../../shared/taxonomy';
import { useApiData } from '../../shared/useApiData';
import { PageHeader } from '../../shared/components/PageHeader';
import { zodRule } from '../../shared/zodRules';
import type { UploadedFile } from '../../shared/upload';
import { UploadField, isUploading, toUploadFile, uploadedIds } from '../../shared/components/UploadField';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageLoading } from '../../shared/components/StatusPages';
import type { NewsArticle } from './types';
import { isAdmin } from '../../shared/policies';

interface FormValues {
  title: string;
  category: NewsCategory;
  summary?: string;
  source?: string;
  zoneId?: string | null;
  pinned: boolean;
  body: string;
  attachments?: UploadFile<UploadedFile>[];
}

const FIELDS = ['title', 'category', 'summary', 'source', 'zoneId', 'pinned', 'body', 'attachments'];
const shape = newsBodySchema.shape;
const blank = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

function NewsForm({ article }: { article: NewsArticle | null }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { user } = useAuth();
  const { taxonomy } = useTaxonomy();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState<'save' | 'publish' | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const admin = isAdmin(user);
  const attachments = Form.useWatch('attachments', form);

  useEffect(() => {
    form.setFieldsValue(
      article
        ? {
            title: article.title,
            category: article.category,
            summary: article.editorSummary ?? undefined,
            source: article.source ?? undefined,
            zoneId: article.zoneId,
            pinned: article.pinned,
            body: article.body,
            attachments: article.attachments.map(toUploadFile),
          }
        : { category: 'notice', pinned: false },
    );
  }, [article, form]);

  const save = async (publish: boolean) => {
    setFormError(null);
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const body = {
      title: values.title,
      category: values.category,
      summary: blank(values.summary),
      source: blank(values.source),
      ...(admin ? { zoneId: values.zoneId || null } : {}),
      pinned: values.pinned,
      body: values.body,
      attachments: uploadedIds(values.attachments),
    };
    setSaving(publish ? 'publish' : 'save');
    try {
      let saved = article
        ? await api<NewsArticle>(`/api/news/${encodeURIComponent(article.id)}`, { method: 'PATCH', body })
        : await api<NewsArticle>('/api/news', { method: 'POST', body });
      if (publish && saved.status === 'draft') saved = await api<NewsArticle>(`/api/news/${encodeURIComponent(saved.id)}/publish`, { method: 'POST' });
      message.success(publish ? t('newsAdmin.published') : t('newsForm.saved'));
      navigate(publish ? `/news/${encodeURIComponent(saved.id)}` : '/admin/news');
    } catch (caught) {
      if (caught instanceof ApiError && caught.fields.length) {
        const rest = applyFieldErrors(form, caught.fields.map((f) => ({ ...f, path: f.path.replace(/^attachments\.\d+$/, 'attachments') })), { known: FIELDS });
        if (rest.length) setFormError(rest.join('；'));
      } else setFormError(describeError(caught, t));
    } finally {
      setSaving(null);
    }
  };

  const zoneName = taxonomy?.zones.find((z) => z.id === (article?.zoneId ?? user?.zoneId))?.name;

  return (
    <Flex vertical gap={16}>
      <PageHeader title={article ? t('page.newsEdit') : t('page.newsNew')} />
      <Card>
        <Form<FormValues> form={form} layout="vertical" requiredMark style={{ maxWidth: 860 }}>
          <Form.Item name="title" label={t('newsForm.title')} required rules={[zodRule(shape.title)]}>
            <Input maxLength={120} showCount />
          </Form.Item>
          <Form.Item name="category" label={t('newsForm.category')} required>
            <Radio.Group optionType="button" options={NEWS_CATEGORIES.map((c) => ({ value: c, label: t(`news.category.${c}`) }))} />
          </Form.Item>
          <Form.Item name="source" label={t('newsForm.source')} rules={[zodRule(shape.source)]}>
            <Input maxLength={120} />
          </Form.Item>
          {admin ? (
            <Form.Item name="zoneId" label={t('newsForm.zone')} extra={t('newsForm.zoneHint')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={(taxonomy?.zones ?? []).map((z) => ({ value: z.id, label: z.name }))} />
            </Form.Item>
          ) : (
            <Form.Item label={t('newsForm.zone')} extra={t('newsForm.zoneFixed')}>
              <Typography.Text>{zoneName ?? '—'}</Typography.Text>
            </Form.Item>
          )}
          <Form.Item name="summary" label={t('newsForm.summary')} extra={t('newsForm.summaryHint')} rules={[zodRule(shape.summary)]}>
            <Input.TextArea maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
          <Form.Item name="body" label={t('newsForm.body')} extra={t('newsForm.bodyHint')} required rules={[zodRule(shape.body)]}>
            <Input.TextArea autoSize={{ minRows: 10, maxRows: 30 }} style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }} />
          </Form.Item>
          <Form.Item name="pinned" label={t('newsForm.pinned')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="attachments" label={t('newsForm.attachments')}>
            <UploadField maxCount={10} label={t('form.upload')} />
          </Form.Item>
          {formError && <Alert type="error" showIcon role="alert" title={formError} style={{ marginBottom: 16 }} />}
          <Flex gap={12} wrap>
            <Button onClick={() => void save(false)} loading={saving === 'save'} disabled={isUploading(attachments) || saving !== null}>
              {t('newsForm.save')}
            </Button>
            {article?.status !== 'published' && (
              <Button type="primary" onClick={() => void save(true)} loading={saving === 'publish'} disabled={isUploading(attachments) || saving !== null}>
                {t('newsForm.saveAndPublish')}
              </Button>
            )}
          </Flex>
        </Form>
      </Card>
    </Flex>
  );
}

/** `/admin/news/new`. */
export function NewNewsPage() {
  return <NewsForm article={null} />;
}

/** `/admin/news/:id/edit`. */
export function EditNewsPage() {
  const { id = '' } = useParams();
  const { data, error, reload } = useApiData<NewsArticle>(`/api/news/${encodeURIComponent(id)}`);
  if (error !== null) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  return <NewsForm article={data} />;
}
