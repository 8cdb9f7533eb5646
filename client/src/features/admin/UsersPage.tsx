import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Popconfirm, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { api, describeError } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { useTaxonomy, zoneOptions } from '../../shared/taxonomy';
import { useListQuery } from '../../shared/useListQuery';
import { useApiData } from '../../shared/useApiData';
import { GrantRolesModal } from './GrantRolesModal';
import { ReasonModal } from './ReasonModal';
import type { AdminUser, Page } from './types';
import { OneTimeLinkModal, type OneTimeLink } from '../../shared/components/OneTimeLinkModal';
import { PageHeader } from '../../shared/components/PageHeader';
import { FilterBar } from '../../shared/components/FilterBar';

const DEFAULT_PAGE_SIZE = 20;

/** `/admin/users`: search and page through users (state kept in the URL) and grant staff roles. */
export default function UsersPage() {
  const t = useT();
  const { params, page, setQuery } = useListQuery();
  const pageSize = Math.min(100, Math.max(1, Math.trunc(Number(params.get('pageSize'))) || DEFAULT_PAGE_SIZE));
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? undefined;
  const [disabling, setDisabling] = useState<AdminUser | null>(null);

  const [target, setTarget] = useState<AdminUser | null>(null);
  const [modalOpen, setModalOpen] = useState(false);
  const [resetLink, setResetLink] = useState<(OneTimeLink & { name: string }) | null>(null);
  const { message } = App.useApp();
  const { taxonomy, loading: taxonomyLoading } = useTaxonomy();

  const { data, loading, error, reload } = useApiData<Page<AdminUser>>('/api/admin/users', { page, pageSize, q, status });

  const zoneNames = useMemo(() => new Map((taxonomy?.zones ?? []).map((zone) => [zone.id, zone.name])), [taxonomy]);
  const zones = useMemo(() => zoneOptions(taxonomy), [taxonomy]);

  const issueReset = async (user: AdminUser) => {
    try {
      const link = await api<OneTimeLink>(`/api/admin/users/${user.id}/password-reset`, { method: 'POST', body: {} });
      setResetLink({ ...link, name: user.name });
    } catch (err) {
      message.error(describeError(err, t));
    }
  };

  const enable = async (user: AdminUser) => {
    try {
      await api(`/api/admin/users/${user.id}/enable`, { method: 'POST', body: {} });
      message.success(t('users.enabled', { name: user.name }));
      reload();
    } catch (err) {
      message.error(describeError(err, t));
    }
  };

  const columns: TableProps<AdminUser>['columns'] = [
    { title: t('admin.users.col.name'), dataIndex: 'name', key: 'name', width: 120 },
    {
      title: t('users.status'),
      key: 'status',
      width: 100,
      render: (_, user) =>
        user.disabledAt ? (
          <Tooltip title={user.disabledReason ?? undefined}>
            <Tag color="red">{t('users.status.disabled')}</Tag>
          </Tooltip>
        ) : (
          <Tag color="green">{t('users.status.active')}</Tag>
        ),
    },
    { title: t('admin.users.col.email'), dataIndex: 'email', key: 'email', ellipsis: true },
    {
      title: t('admin.users.col.org'),
      key: 'organization',
      render: (_, user) =>
        user.organization ? (
          <Flex vertical>
            <span>
              {user.organization.name}
              {user.organization.status === 'disabled' && (
                <Tag color="red" style={{ marginLeft: 4 }}>
                  {t('users.orgDisabled')}
                </Tag>
              )}
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t.orgType(user.organization.type)}
            </Typography.Text>
          </Flex>
        ) : (
          t('common.none')
        ),
    },
    {
      title: t('admin.users.col.roles'),
      key: 'roles',
      render: (_, user) => (
        <Flex gap={4} wrap>
          {user.roles.map((role) => (
            <Tag key={role} color={['supplier', 'enterprise', 'broker'].includes(role) ? 'blue' : 'gold'}>
              {t.role(role)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('admin.users.col.zone'),
      key: 'zone',
      render: (_, user) => (user.zoneId ? (zoneNames.get(user.zoneId) ?? user.zoneId) : t('common.none')),
    },
    {
      title: t('admin.users.col.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 150,
      render: (value: string) => (value ? dayjs(value).format('YYYY-MM-DD HH:mm') : t('common.none')),
    },
    {
      title: t('admin.users.col.actions'),
      key: 'actions',
      width: 200,
      render: (_, user) => (
        <Flex gap={8} wrap>
          <Button
            type="link"
            style={{ padding: 0 }}
            onClick={() => {
              setTarget(user);
              setModalOpen(true);
            }}
          >
            {t('admin.users.grant')}
          </Button>
          <Button type="link" style={{ padding: 0 }} onClick={() => void issueReset(user)}>
            {t('reset.adminLink')}
          </Button>
          {user.disabledAt ? (
            <Popconfirm title={t('users.enableConfirm', { name: user.name })} onConfirm={() => enable(user)}>
              <Button type="link" style={{ padding: 0 }}>
                {t('users.enable')}
              </Button>
            </Popconfirm>
          ) : (
            <Button type="link" danger style={{ padding: 0 }} onClick={() => setDisabling(user)}>
              {t('users.disable')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('admin.users.title')} subtitle={t('admin.users.subtitle')} />
      <Card>
        <Flex vertical gap={16}>
          <FilterBar
            search={{ label: t('admin.users.search'), value: q, width: 420 }}
            filters={[
              {
                name: 'status',
                label: t('users.status'),
                value: status,
                width: 140,
                options: [
                  { value: 'active', label: t('users.status.active') },
                  { value: 'disabled', label: t('users.status.disabled') },
                ],
              },
            ]}
            onChange={setQuery}
          />
          {error !== null && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={t('common.withReason', { what: t('error.loadFailed'), reason: describeError(error, t) })}
              action={
                <Button size="small" onClick={() => reload()}>
                  {t('common.retry')}
                </Button>
              }
            />
          )}
          <Table<AdminUser>
            rowKey="id"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            scroll={{ x: 900 }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={error !== null ? t('error.loadFailed') : q ? t('admin.users.emptySearch', { q }) : t('admin.users.empty')}
                />
              ),
            }}
            pagination={{
              current: page,
              pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => t('admin.users.total', { n: total }),
              onChange: (nextPage, nextSize) => setQuery({ page: nextSize !== pageSize ? 1 : nextPage, pageSize: nextSize === DEFAULT_PAGE_SIZE ? undefined : nextSize }),
            }}
          />
        </Flex>
      </Card>
      {target && (
        <GrantRolesModal
          key={target.id}
          user={target}
          open={modalOpen}
          zoneOptions={zones}
          zonesLoading={taxonomyLoading}
          onClose={() => setModalOpen(false)}
          afterClose={() => setTarget(null)}
          onGranted={() => {
            setModalOpen(false);
            reload();
          }}
        />
      )}
      <ReasonModal
        open={!!disabling}
        title={disabling ? t('users.disableTitle', { name: disabling.name }) : ''}
        hint={t('users.disableHint')}
        required={false}
        danger
        okText={t('users.disable')}
        onClose={() => setDisabling(null)}
        onSubmit={async (reason) => {
          if (!disabling) return;
          const res = await api<{ sessionsEnded: number; tokensRevoked: number }>(`/api/admin/users/${disabling.id}/disable`, { method: 'POST', body: reason ? { reason } : {} });
          message.success(t('users.disabled', { name: disabling.name, sessions: res.sessionsEnded, tokens: res.tokensRevoked }));
          setDisabling(null);
          reload();
        }}
      />
      <OneTimeLinkModal link={resetLink} title={resetLink ? t('member.resetLinkTitle', { name: resetLink.name }) : ''} hint={t('member.oneTimeHint')} onClose={() => setResetLink(null)} />
    </Flex>
  );
}
