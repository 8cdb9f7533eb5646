import { useState } from 'react';
import { Alert, App, Button, Card, Drawer, Empty, Flex, Form, Input, Table, Tabs, Tag, Typography, type TableProps } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { reviewDecisionSchema } from '@common/schemas/listings.js';
import { api, ApiError, describeError } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { useTaxonomyNames, type TaxonomyNames } from '../../shared/taxonomyNames';
import { useApiData } from '../../shared/useApiData';
import { useListQuery } from '../../shared/useListQuery';
import type { PageProps } from '../../shared/navigation';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { StatusTag } from '../listings';
import { FIELD_ORDER, fieldLabel, formatFieldValue } from '../listings';
import { ListingDescriptions } from '../listings';
import type { Kind, Listing, PageOf } from '../listings';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/components/PageHeader';
import { zodFieldErrors } from '../../shared/zodRules';

interface QueueItem {
  kind: Kind;
  id: string;
  title: string;
  revision: boolean;
  submittedAt: string | null;
  owner: { id: string; name: string; type: string };
  listing: Listing;
}

const PAGE_SIZE = 20;

/** JSON with object keys sorted: PostgreSQL's jsonb does not keep the key order of the request. */
function stable(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** The value a field has now on the published listing, for the comparison with the revision. */
function currentValue(listing: Listing, field: string): unknown {
  if (field === 'attachments') return listing.attachments ?? [];
  return (listing as unknown as Record<string, unknown>)[field];
}

/** A revision of a published listing: each changed field, current value beside the proposed one. */
function RevisionDiff({ listing, names }: { listing: Listing; names: TaxonomyNames }) {
  const t = useT();
  const revision = listing.pendingRevision ?? {};
  const order = FIELD_ORDER[listing.kind];
  const fields = Object.keys(revision)
    .filter((field) => {
      const now = currentValue(listing, field);
      if (field === 'attachments') return stable(((now as { id: string }[]) ?? []).map((f) => f.id)) !== stable(revision[field] ?? []);
      return stable(now) !== stable(revision[field]);
    })
    .sort((a, b) => order.indexOf(a) - order.indexOf(b));
  if (!fields.length) return <Alert type="info" showIcon title={t('review.noDiff')} />;
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="field"
      data-testid="revision-diff"
      dataSource={fields.map((field) => ({ field }))}
      columns={[
        { title: t('review.col.field'), dataIndex: 'field', width: 120, render: (field: string) => <Typography.Text strong>{fieldLabel(t, listing.kind, field)}</Typography.Text> },
        { title: t('review.col.current'), key: 'current', render: (_, { field }) => formatFieldValue(t, names, listing.kind, field, currentValue(listing, field)) },
        {
          title: t('review.col.proposed'),
          key: 'proposed',
          render: (_, { field }) => <div className="gjt-diff-new">{formatFieldValue(t, names, listing.kind, field, revision[field])}</div>,
        },
      ]}
    />
  );
}

function ReviewDrawer({ item, onClose, onDecided }: { item: QueueItem | null; onClose: () => void; onDecided: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { names } = useTaxonomyNames();
  const [form] = Form.useForm<{ reason?: string }>();
  const [deciding, setDeciding] = useState<'approve' | 'reject' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const decide = async (decision: 'approve' | 'reject') => {
    if (!item) return;
    setError(null);
    const reason = (form.getFieldValue('reason') as string | undefined)?.trim() ?? '';
    const parsed = reviewDecisionSchema.safeParse({ decision, reason });
    if (!parsed.success) {
      form.setFields([{ name: 'reason', errors: zodFieldErrors(parsed.error).map((e) => e.message) }]);
      return;
    }
    form.setFields([{ name: 'reason', errors: [] }]);
    setDeciding(decision);
    try {
      await api<Listing>(`/api/reviews/${item.kind}/${encodeURIComponent(item.id)}`, { method: 'POST', body: parsed.data });
      message.success(decision === 'approve' ? t('review.approved', { title: item.title }) : t('review.rejected', { title: item.title }));
      form.resetFields();
      onDecided();
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 409) {
        message.warning(describeError(caught, t));
        form.resetFields();
        onDecided();
      } else setError(describeError(caught, t));
    } finally {
      setDeciding(null);
    }
  };

  const listing = item?.listing;
  return (
    <Drawer
      open={item !== null}
      onClose={() => {
        form.resetFields();
        setError(null);
        onClose();
      }}
      size={880}
      title={
        item ? (
          <Flex gap={8} align="center" wrap>
            <span>{item.revision ? t('review.drawerTitleRevision') : t('review.drawerTitle')}</span>
            <Tag>{item.kind === 'achievement' ? t('listing.noun.achievement') : t('listing.noun.demand')}</Tag>
          </Flex>
        ) : null
      }
      destroyOnHidden
      footer={
        item ? (
          <Flex vertical gap={8}>
            <Form form={form} layout="vertical" disabled={deciding !== null}>
              <Form.Item name="reason" label={t('review.reason')} extra={t('review.reasonHint')} style={{ marginBottom: 8 }}>
                <Input.TextArea rows={2} maxLength={1000} showCount placeholder={t('review.reasonPlaceholder')} />
              </Form.Item>
            </Form>
            {error && <Alert type="error" showIcon role="alert" title={error} />}
            <Flex gap={8} justify="flex-end">
              <Button danger icon={<CloseOutlined aria-hidden />} loading={deciding === 'reject'} disabled={deciding === 'approve'} onClick={() => void decide('reject')}>
                {t('review.reject')}
              </Button>
              <Button type="primary" icon={<CheckOutlined aria-hidden />} loading={deciding === 'approve'} disabled={deciding === 'reject'} onClick={() => void decide('approve')}>
                {t('review.approve')}
              </Button>
            </Flex>
          </Flex>
        ) : null
      }
    >
      {item && listing && (
        <Flex vertical gap={16} data-testid="review-drawer">
          <Flex vertical gap={4}>
            <Flex gap={8} align="center" wrap>
              <Typography.Title level={4} style={{ margin: 0 }}>
                {listing.title}
              </Typography.Title>
              <StatusTag status={listing.status} />
            </Flex>
            <Typography.Text type="secondary">
              {item.owner.name}
              {item.owner.type ? ` · ${t.orgType(item.owner.type)}` : ''} · {t('review.submittedAt', { date: formatDateTime(item.submittedAt) })}
            </Typography.Text>
          </Flex>
          {item.revision && (
            <Flex vertical gap={8}>
              <Alert type="info" showIcon title={t('review.revisionNotice')} />
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('review.changes')}
              </Typography.Title>
              <RevisionDiff listing={listing} names={names} />
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('review.currentVersion')}
              </Typography.Title>
            </Flex>
          )}
          <ListingDescriptions listing={listing} names={names} column={1} />
        </Flex>
      )}
    </Drawer>
  );
}

/** `/reviews`: the queue of new submissions and revisions of published listings, decided one by one. */
export default function ReviewsPage(_props: PageProps) {
  const t = useT();
  const { params, page, setQuery } = useListQuery();
  const kindParam = params.get('kind');
  const kind: Kind | undefined = kindParam === 'achievement' || kindParam === 'demand' ? kindParam : undefined;
  const { data, loading, error, reload } = useApiData<PageOf<QueueItem>>('/api/reviews', { kind, page, pageSize: PAGE_SIZE });
  const [open, setOpen] = useState<QueueItem | null>(null);

  const columns: TableProps<QueueItem>['columns'] = [
    {
      title: t('review.col.kind'),
      dataIndex: 'kind',
      width: 90,
      render: (value: Kind) => <Tag color={value === 'achievement' ? 'blue' : 'cyan'}>{value === 'achievement' ? t('listing.noun.achievement') : t('listing.noun.demand')}</Tag>,
    },
    {
      title: t('review.col.title'),
      dataIndex: 'title',
      render: (title: string, item) => (
        <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }} onClick={() => setOpen(item)}>
          {title}
        </Button>
      ),
    },
    {
      title: t('review.col.type'),
      dataIndex: 'revision',
      width: 110,
      render: (revision: boolean) => (revision ? <Tag color="orange">{t('review.type.revision')}</Tag> : <Tag color="green">{t('review.type.new')}</Tag>),
    },
    { title: t('review.col.owner'), key: 'owner', render: (_, item) => item.owner.name },
    { title: t('review.col.submittedAt'), dataIndex: 'submittedAt', width: 150, render: (value: string | null) => formatDateTime(value) || t('common.none') },
    {
      title: t('review.col.actions'),
      key: 'actions',
      width: 90,
      render: (_, item) => (
        <Button type="primary" size="small" onClick={() => setOpen(item)} aria-label={t('review.openAria', { title: item.title })}>
          {t('review.open')}
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('nav.reviews')} subtitle={t('review.subtitle')} />
      <Card>
        <Tabs
          activeKey={kind ?? 'all'}
          onChange={(key) => setQuery({ kind: key === 'all' ? undefined : key })}
          items={[
            { key: 'all', label: t('review.tab.all') },
            { key: 'achievement', label: t('nav.achievements') },
            { key: 'demand', label: t('nav.demands') },
          ]}
        />
        {error !== null && <ErrorAlert error={error} onRetry={reload} />}
        <Table<QueueItem>
          rowKey={(item) => `${item.kind}:${item.id}`}
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          scroll={{ x: 860 }}
          data-testid="review-queue"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={error !== null ? t('error.loadFailed') : t('review.empty')} /> }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showTotal: (n) => t('review.total', { n }), onChange: (next) => setQuery({ page: next }) }}
        />
      </Card>
      <ReviewDrawer
        item={open}
        onClose={() => setOpen(null)}
        onDecided={() => {
          setOpen(null);
          reload();
        }}
      />
    </Flex>
  );
}
