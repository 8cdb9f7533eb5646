import { Alert, Button, Card, DatePicker, Empty, Flex, Input, Select, Table, Tag, Typography, type TableProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useAuth } from '../auth';
import { describeError } from '../../shared/api';
import { useT, type MessageKey } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { useListQuery } from '../../shared/useListQuery';
import { useRemoteSearch } from '../../shared/useRemoteSearch';
import type { AdminUser, AuditEntry, Page } from './types';
import { PageHeader } from '../../shared/components/PageHeader';
import { isAdmin } from '../../shared/policies';

const ENTITY_TYPES = ['organization', 'user', 'contract', 'zone', 'achievement', 'demand', 'deal', 'verification', 'registration_station', 'api_token'] as const;

/**
 * `/admin/audit-log` (操作日志): platform admins read every entry, zone admins those about their zone,
 * its contracts and organizations (the server scopes it). Filters live in the address.
 */
export default function AuditLogPage() {
  const t = useT();
  const { user } = useAuth();
  const admin = isAdmin(user);
  const { params, page, setQuery } = useListQuery();
  const pageSize = Math.min(100, Number(params.get('pageSize')) || 20);
  const filters = {
    actor: params.get('actor') ?? undefined,
    entityType: params.get('entityType') ?? undefined,
    entityId: params.get('entityId') ?? undefined,
    action: params.get('action') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
  };
  const list = useApiData<Page<AuditEntry>>('/api/audit-log', { ...filters, page, pageSize });
  const actors = useRemoteSearch<AdminUser>('/api/admin/users', { hint: t('audit.filter.actorPlaceholder'), empty: t('admin.users.empty') });
  const range: [Dayjs, Dayjs] | null = filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to).subtract(1, 'day')] : null;
  const entityName = (type: string) => (ENTITY_TYPES as readonly string[]).includes(type) ? t(`audit.entity.${type}` as MessageKey) : type;

  const columns: TableProps<AuditEntry>['columns'] = [
    { title: t('audit.col.at'), key: 'at', width: 170, render: (_, e) => dayjs(e.at).format('YYYY-MM-DD HH:mm:ss') },
    {
      title: t('audit.col.actor'),
      key: 'actor',
      width: 140,
      render: (_, e) =>
        e.actorId ? (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setQuery({ actor: e.actorId ?? undefined })}>
            {e.actorName ?? e.actorId.slice(0, 8)}
          </Button>
        ) : (
          t('audit.system')
        ),
    },
    {
      title: t('audit.col.action'),
      key: 'action',
      render: (_, e) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setQuery({ action: e.action })}>
          <Typography.Text code>{e.action}</Typography.Text>
        </Button>
      ),
    },
    {
      title: t('audit.col.entity'),
      key: 'entity',
      render: (_, e) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setQuery({ entityType: e.entityType, entityId: e.entityId })}>
          <Tag>{entityName(e.entityType)}</Tag>
          <Typography.Text type="secondary">{e.entityId.slice(0, 8)}</Typography.Text>
        </Button>
      ),
    },
    { title: t('audit.col.reason'), key: 'reason', render: (_, e) => e.reason ?? '' },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('audit.title')} subtitle={admin ? t('audit.subtitle') : t('audit.subtitleZone')} />
      <Card>
        <Flex vertical gap={16}>
          <Flex gap={12} wrap>
            {admin && (
              <Select
                {...actors.selectProps}
                allowClear
                style={{ width: 220 }}
                placeholder={t('audit.filter.actor')}
                aria-label={t('audit.filter.actor')}
                value={filters.actor}
                options={[
                  ...(filters.actor && !actors.items.some((u) => u.id === filters.actor) ? [{ value: filters.actor, label: filters.actor.slice(0, 8) }] : []),
                  ...actors.items.map((u) => ({ value: u.id, label: `${u.name}（${u.email}）` })),
                ]}
                onChange={(v?: string) => setQuery({ actor: v })}
              />
            )}
            <Select
              allowClear
              style={{ width: 150 }}
              placeholder={t('audit.filter.entityType')}
              aria-label={t('audit.filter.entityType')}
              value={filters.entityType}
              options={ENTITY_TYPES.map((v) => ({ value: v, label: entityName(v) }))}
              onChange={(v?: string) => setQuery({ entityType: v, entityId: undefined })}
            />
            <Input.Search
              key={`id-${filters.entityId ?? ''}`}
              defaultValue={filters.entityId}
              allowClear
              style={{ width: 220 }}
              placeholder={t('audit.filter.entityId')}
              aria-label={t('audit.filter.entityId')}
              onSearch={(v) => setQuery({ entityId: v.trim() || undefined })}
            />
            <Input.Search
              key={`action-${filters.action ?? ''}`}
              defaultValue={filters.action}
              allowClear
              style={{ width: 260 }}
              placeholder={t('audit.filter.actionPlaceholder')}
              aria-label={t('audit.filter.action')}
              onSearch={(v) => setQuery({ action: v.trim() || undefined })}
            />
            <DatePicker.RangePicker
              aria-label={t('audit.filter.range')}
              value={range}
              onChange={(v) =>
                setQuery(
                  v?.[0] && v[1]
                    ? { from: v[0].startOf('day').toISOString(), to: v[1].add(1, 'day').startOf('day').toISOString() }
                    : { from: undefined, to: undefined },
                )
              }
            />
            <Button onClick={() => setQuery({ actor: undefined, entityType: undefined, entityId: undefined, action: undefined, from: undefined, to: undefined })}>{t('audit.filter.reset')}</Button>
          </Flex>
          {list.error !== null && <Alert type="error" showIcon role="alert" title={t('common.withReason', { what: t('error.loadFailed'), reason: describeError(list.error, t) })} />}
          <Table<AuditEntry>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            scroll={{ x: 900 }}
            expandable={{
              rowExpandable: (e) => Object.keys(e.data).length > 0,
              expandedRowRender: (e) => (
                <Flex vertical gap={4}>
                  <Typography.Text type="secondary">{t('audit.details')}</Typography.Text>
                  <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>{JSON.stringify(e.data, null, 2)}</pre>
                </Flex>
              ),
            }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.empty')} /> }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (total) => t('audit.total', { n: total }),
              onChange: (p, size) => setQuery(size !== pageSize ? { pageSize: size } : { page: p }),
            }}
          />
        </Flex>
      </Card>
    </Flex>
  );
}
