import { App, Button, Card, Empty, Flex, Table, Tabs, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { LISTING_STATUSES } from '@common/schemas/listings.js';
import { useT } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { useListQuery } from '../../shared/useListQuery';
import { LinkButton } from '../../shared/components/LinkButton';
import type { PageProps } from '../../shared/navigation';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { StatusTag } from './components';
import { daysUntil, expiringSoon, statusName } from './format';
import { KIND, canEdit, canReconfirm, canSubmit, detailPath, editPath, newPath } from './kinds';
import { listingAction } from './OwnerActions';
import type { Kind, Listing, ListingStatus, PageOf } from './types';
import { formatDate, formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/components/PageHeader';
import { useAction } from '../../shared/useAction';

const PAGE_SIZE = 20;

/** `/my/achievements` and `/my/demands`: the organization's own listings of every status. */
export function MyListingsPage({ kind }: { kind: Kind }) {
  const t = useT();
  const { message } = App.useApp();
  const { params, page, setQuery } = useListQuery();
  const statusParam = params.get('status');
  const status = (LISTING_STATUSES as readonly string[]).includes(statusParam ?? '') ? (statusParam as ListingStatus) : undefined;
  const { data, loading, error, reload } = useApiData<PageOf<Listing>>(KIND[kind].api, { mine: 'true', status, page, pageSize: PAGE_SIZE });
  const action = useAction();
  const busy = action.busy;
  const run = (listing: Listing, which: 'submit' | 'reconfirm') =>
    action.run(`${listing.id}:${which}`, async () => {
      const updated = await listingAction(listing, which);
      message.success(which === 'submit' ? t('detail.submitted') : t('detail.reconfirmed', { date: formatDate(updated.expiresAt) }));
      reload();
    });

  const columns: TableProps<Listing>['columns'] = [
    {
      title: t('my.col.title'),
      dataIndex: 'title',
      key: 'title',
      render: (_, listing) => (
        <Flex vertical gap={2}>
          <Link to={detailPath(kind, listing.id)}>{listing.title}</Link>
          {listing.revisionStatus === 'pending' && (
            <span>
              <Tag color="processing">{t('listing.revisionPendingTag')}</Tag>
            </span>
          )}
        </Flex>
      ),
    },
    { title: t('my.col.status'), dataIndex: 'status', key: 'status', width: 100, render: (value: ListingStatus) => <StatusTag status={value} /> },
    { title: t('my.col.updatedAt'), dataIndex: 'updatedAt', key: 'updatedAt', width: 150, render: (value: string) => formatDateTime(value) },
    {
      title: t('my.col.expiresAt'),
      dataIndex: 'expiresAt',
      key: 'expiresAt',
      width: 150,
      render: (value: string | null, listing) => {
        if (!value) return t('common.none');
        const warn = (listing.status === 'published' && (listing.expiresSoon || expiringSoon(value))) || listing.status === 'expired';
        if (!warn) return formatDate(value);
        const days = daysUntil(value) ?? 0;
        return (
          <Tooltip title={days >= 0 ? t('my.expiresIn', { n: days }) : t('my.expiredAgo')}>
            <Typography.Text type="warning" data-testid="expiry-warning">
              <WarningOutlined aria-hidden /> {formatDate(value)}
            </Typography.Text>
          </Tooltip>
        );
      },
    },
    {
      title: t('my.col.reason'),
      key: 'reason',
      ellipsis: true,
      render: (_, listing) => {
        const reason = listing.status === 'rejected' ? listing.rejectionReason : listing.revisionStatus === 'rejected' ? listing.revisionReason : null;
        return reason ? (
          <Tooltip title={reason}>
            <Typography.Text type="danger">{reason}</Typography.Text>
          </Tooltip>
        ) : (
          t('common.none')
        );
      },
    },
    {
      title: t('my.col.actions'),
      key: 'actions',
      width: 220,
      render: (_, listing) => (
        <Flex gap={4} wrap>
          <Link to={detailPath(kind, listing.id)}>{t('my.view')}</Link>
          {canEdit(listing.status) && <Link to={editPath(kind, listing.id)}>{t('detail.edit')}</Link>}
          {canSubmit(listing.status) && (
            <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} loading={busy === `${listing.id}:submit`} onClick={() => void run(listing, 'submit')}>
              {t('detail.submit')}
            </Button>
          )}
          {canReconfirm(listing.status) && (listing.expiresSoon || listing.status === 'expired') && (
            <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} loading={busy === `${listing.id}:reconfirm`} onClick={() => void run(listing, 'reconfirm')}>
              {t('detail.reconfirm')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  const noun = kind === 'achievement' ? t('listing.noun.achievement') : t('listing.noun.demand');
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" wrap gap={12}>
        <PageHeader title={kind === 'achievement' ? t('nav.myAchievements') : t('nav.myDemands')} subtitle={kind === 'achievement' ? t('my.subtitle.achievement') : t('my.subtitle.demand')} />
        <LinkButton type="primary" icon={<PlusOutlined aria-hidden />} to={newPath(kind)}>
          {kind === 'achievement' ? t('nav.newAchievement') : t('nav.newDemand')}
        </LinkButton>
      </Flex>
      <Card>
        <Tabs
          activeKey={status ?? 'all'}
          onChange={(key) => setQuery({ status: key === 'all' ? undefined : key })}
          items={[{ key: 'all', label: t('my.tab.all') }, ...LISTING_STATUSES.map((s) => ({ key: s, label: statusName(t, s) }))]}
        />
        {error !== null && <ErrorAlert error={error} onRetry={reload} />}
        <Table<Listing>
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          scroll={{ x: 960 }}
          data-testid="my-listings"
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={error !== null ? t('error.loadFailed') : status ? t('my.emptyStatus', { status: statusName(t, status), noun }) : t('my.empty', { noun })}
              />
            ),
          }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            showTotal: (total) => t('my.total', { n: total, noun }),
            onChange: (next) => setQuery({ page: next }),
          }}
        />
      </Card>
    </Flex>
  );
}

export const MyAchievements = (_props: PageProps) => <MyListingsPage kind="achievement" />;
export const MyDemands = (_props: PageProps) => <MyListingsPage kind="demand" />;
