import { useState } from 'react';
import { Alert, App, Badge, Button, Card, Descriptions, Drawer, Empty, Flex, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { ORG_TYPES } from '@common/roles.js';
import { api, describeError } from '../../shared/api';
import { useFormSave } from '../../shared/useFormSave';
import { useT } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { useListQuery } from '../../shared/useListQuery';
import { useRemoteSearch } from '../../shared/useRemoteSearch';
import { ReasonModal } from './ReasonModal';
import type { AdminOrganization, AuditEntry, Page } from './types';
import { PageHeader } from '../../shared/components/PageHeader';
import { FilterBar } from '../../shared/components/FilterBar';

type Pending = { kind: 'disable' | 'unverify' | 'merge' | 'rating'; org: AdminOrganization } | null;

const STATUS_COLOR = { active: 'green', disabled: 'red', merged: 'default' } as const;

/** `/admin/organizations` (单位管理): search, verify, disable / enable and merge organizations. */
export default function OrganizationsPage() {
  const t = useT();
  const { message } = App.useApp();
  const { params, page, setQuery } = useListQuery();
  const pageSize = Math.min(100, Number(params.get('pageSize')) || 20);
  const q = params.get('q') ?? '';
  const type = params.get('type') ?? undefined;
  const status = params.get('status') ?? undefined;
  const verified = params.get('verified') ?? undefined;
  const list = useApiData<Page<AdminOrganization>>('/api/admin/organizations', { q, type, status, verified, page, pageSize });
  const [pending, setPending] = useState<Pending>(null);
  const [detailId, setDetailId] = useState<string | null>(null);

  const act = async (org: AdminOrganization, action: 'verify' | 'unverify' | 'disable' | 'enable', reason?: string) => {
    await api(`/api/admin/organizations/${org.id}/${action}`, { method: 'POST', body: reason ? { reason } : {} });
    message.success(t('adm.done'));
    list.reload();
  };
  const quick = (org: AdminOrganization, action: 'verify' | 'enable') => act(org, action).catch((err: unknown) => message.error(describeError(err, t)));

  const columns: TableProps<AdminOrganization>['columns'] = [
    {
      title: t('orgs.col.name'),
      key: 'name',
      render: (_, o) => (
        <Flex vertical>
          <Button type="link" style={{ padding: 0, height: 'auto', textAlign: 'left', whiteSpace: 'normal' }} onClick={() => setDetailId(o.id)}>
            {o.name}
          </Button>
          {o.verified && (
            <span>
              <Badge status="success" text={t('orgs.verified')} />
            </span>
          )}
        </Flex>
      ),
    },
    { title: t('orgs.col.creditCode'), dataIndex: 'creditCode', key: 'creditCode', width: 200 },
    { title: t('orgs.col.type'), key: 'type', width: 130, render: (_, o) => t.orgType(o.type) },
    { title: t('orgs.col.members'), dataIndex: 'memberCount', key: 'members', width: 80, align: 'right' },
    {
      title: t('orgs.col.status'),
      key: 'status',
      width: 100,
      render: (_, o) => <Tag color={STATUS_COLOR[o.status]}>{t(`orgs.status.${o.status}`)}</Tag>,
    },
    { title: t('orgs.col.createdAt'), key: 'createdAt', width: 120, render: (_, o) => dayjs(o.createdAt).format('YYYY-MM-DD') },
    {
      title: t('orgs.col.actions'),
      key: 'actions',
      width: 230,
      render: (_, o) =>
        o.status === 'merged' ? null : (
          <Flex gap={8} wrap>
            {o.verified ? (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setPending({ kind: 'unverify', org: o })}>
                {t('orgs.unverify')}
              </Button>
            ) : (
              <Popconfirm title={t('orgs.verifyConfirm', { name: o.name })} onConfirm={() => quick(o, 'verify')}>
                <Button type="link" size="small" style={{ padding: 0 }}>
                  {t('orgs.verify')}
                </Button>
              </Popconfirm>
            )}
            {o.status === 'disabled' ? (
              <Popconfirm title={t('orgs.enableConfirm', { name: o.name })} onConfirm={() => quick(o, 'enable')}>
                <Button type="link" size="small" style={{ padding: 0 }}>
                  {t('orgs.enable')}
                </Button>
              </Popconfirm>
            ) : (
              <Button type="link" size="small" danger style={{ padding: 0 }} onClick={() => setPending({ kind: 'disable', org: o })}>
                {t('orgs.disable')}
              </Button>
            )}
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setPending({ kind: 'merge', org: o })}>
              {t('orgs.merge')}
            </Button>
            {o.type === 'agency' && (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setPending({ kind: 'rating', org: o })}>
                {t('orgs.rating')}
              </Button>
            )}
          </Flex>
        ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('orgs.title')} subtitle={t('orgs.subtitle')} />
      <Card>
        <Flex vertical gap={16}>
          <FilterBar
            search={{ label: t('orgs.search'), value: q }}
            filters={[
              { name: 'type', label: t('orgs.filter.type'), value: type, options: ORG_TYPES.map((v) => ({ value: v, label: t.orgType(v) })) },
              { name: 'status', label: t('orgs.filter.status'), value: status, width: 120, options: (['active', 'disabled', 'merged'] as const).map((v) => ({ value: v, label: t(`orgs.status.${v}`) })) },
              {
                name: 'verified',
                label: t('orgs.filter.verified'),
                value: verified,
                width: 120,
                options: [
                  { value: 'true', label: t('orgs.verified') },
                  { value: 'false', label: t('orgs.unverified') },
                ],
              },
            ]}
            onChange={setQuery}
          />
          {list.error !== null && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={t('common.withReason', { what: t('error.loadFailed'), reason: describeError(list.error, t) })}
              action={
                <Button size="small" onClick={list.reload}>
                  {t('common.retry')}
                </Button>
              }
            />
          )}
          <Table<AdminOrganization>
            rowKey="id"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            scroll={{ x: 1000 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q ? t('orgs.emptySearch', { q }) : t('orgs.empty')} /> }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => t('orgs.total', { n: total }),
              onChange: (p, size) => setQuery(size !== pageSize ? { pageSize: size } : { page: p }),
            }}
          />
        </Flex>
      </Card>
      <ReasonModal
        open={pending?.kind === 'disable' || pending?.kind === 'unverify'}
        title={pending ? t(pending.kind === 'disable' ? 'orgs.disableTitle' : 'orgs.unverifyTitle', { name: pending.org.name }) : ''}
        hint={pending?.kind === 'disable' ? t('orgs.disableHint') : undefined}
        required
        danger
        okText={pending?.kind === 'disable' ? t('orgs.disable') : t('orgs.unverify')}
        onClose={() => setPending(null)}
        onSubmit={async (reason) => {
          if (!pending || (pending.kind !== 'disable' && pending.kind !== 'unverify')) return;
          await act(pending.org, pending.kind, reason);
          setPending(null);
        }}
      />
      {pending?.kind === 'merge' && (
        <MergeModal
          org={pending.org}
          onClose={() => setPending(null)}
          onMerged={() => {
            setPending(null);
            list.reload();
          }}
        />
      )}
      {pending?.kind === 'rating' && (
        <RatingModal
          org={pending.org}
          onClose={() => setPending(null)}
          onSaved={() => {
            setPending(null);
            list.reload();
          }}
        />
      )}
      <OrganizationDrawer id={detailId} onClose={() => setDetailId(null)} />
    </Flex>
  );
}

function MergeModal({ org, onClose, onMerged }: { org: AdminOrganization; onClose: () => void; onMerged: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ into: string; reason: string }>();
  const search = useRemoteSearch<AdminOrganization>(`/api/admin/organizations?type=${encodeURIComponent(org.type)}&status=active`, {
    hint: t('orgs.mergeIntoPlaceholder'),
    empty: t('orgs.empty'),
  });
  const { save, saving, error } = useFormSave(
    form,
    async (v) => {
      const res = await api<{ organization: AdminOrganization; moved: Record<string, number> }>(`/api/admin/organizations/${org.id}/merge`, { method: 'POST', body: { into: v.into, reason: v.reason.trim() } });
      const moved = Object.entries(res.moved)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${k} ${n}`)
        .join(t('common.listSeparator'));
      message.success(t('orgs.merged', { name: res.organization.name, moved: moved || '0' }));
      onMerged();
    },
    { fields: ['into', 'reason'] },
  );
  return (
    <Modal open title={t('orgs.mergeTitle', { name: org.name })} okText={t('orgs.mergeSubmit')} okButtonProps={{ danger: true, loading: saving }} onOk={() => void save()} onCancel={onClose}>
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('orgs.mergeHint', { name: org.name })} />
      <Form form={form} layout="vertical">
        <Form.Item name="into" label={t('orgs.mergeInto')} rules={[{ required: true, message: t('orgs.mergeIntoRequired') }]}>
          <Select
            {...search.selectProps}
            placeholder={t('orgs.mergeIntoPlaceholder')}
            aria-label={t('orgs.mergeInto')}
            options={search.items.filter((o) => o.id !== org.id).map((o) => ({ value: o.id, label: `${o.name}（${o.creditCode}）` }))}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('adm.reason')} extra={t('adm.reasonHint')} rules={[{ required: true, whitespace: true, message: t('adm.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}

/** 示范机构评定 of an agency (indicator 3): rating, year and rating body, or cleared. */
function RatingModal({ org, onClose, onSaved }: { org: AdminOrganization; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ rating: string; year: number; ratingBody: string }>();
  const send = async (body: { rating: string | null; year?: number; ratingBody?: string }) => {
    await api(`/api/organizations/${org.id}/agency-rating`, { method: 'PUT', body });
    onSaved();
  };
  const { save, saving, error } = useFormSave(form, (v) => send({ rating: v.rating.trim(), year: Number(v.year), ratingBody: v.ratingBody.trim() }), { fields: ['rating', 'year', 'ratingBody'] });
  return (
    <Modal
      open
      title={t('orgs.ratingTitle', { name: org.name })}
      okText={t('adm.save')}
      okButtonProps={{ loading: saving }}
      onOk={() => void save()}
      onCancel={onClose}
      footer={(_, { OkBtn, CancelBtn }) => (
        <Flex justify="space-between">
          <Button danger disabled={!org.agencyRating} onClick={() => void send({ rating: null })}>
            {t('orgs.rating.clear')}
          </Button>
          <Flex gap={8}>
            <CancelBtn />
            <OkBtn />
          </Flex>
        </Flex>
      )}
    >
      <Form form={form} layout="vertical" initialValues={{ rating: org.agencyRating ?? '', year: org.agencyRatingYear ?? new Date().getFullYear(), ratingBody: org.agencyRatingBody ?? '' }}>
        <Form.Item name="rating" label={t('orgs.rating.value')} rules={[{ required: true, whitespace: true, min: 2, message: t('orgs.rating.value') }]}>
          <Input maxLength={100} placeholder="国家技术转移示范机构" />
        </Form.Item>
        <Form.Item name="year" label={t('orgs.rating.year')} rules={[{ required: true, message: t('orgs.rating.year') }]}>
          <Input type="number" min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="ratingBody" label={t('orgs.rating.body')} rules={[{ required: true, whitespace: true, min: 2, message: t('orgs.rating.body') }]}>
          <Input maxLength={100} placeholder="科技部" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}

interface OrgDetail extends AdminOrganization {
  parent: { id: string; name: string } | null;
  mergedIntoOrganization: { id: string; name: string } | null;
}
interface Member {
  id: string;
  name: string;
  email: string;
  orgAdmin: boolean;
  lastLoginAt: string | null;
}

function OrganizationDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const detail = useApiData<OrgDetail>(id ? `/api/admin/organizations/${id}` : null);
  const members = useApiData<{ items: Member[] }>(id && detail.data?.status !== 'merged' ? `/api/organizations/${id}/members` : null);
  const history = useApiData<Page<AuditEntry>>(id ? '/api/audit-log' : null, { entityType: 'organization', entityId: id ?? undefined, pageSize: 20 });
  const o = detail.data && detail.data.id === id ? detail.data : null;
  return (
    <Drawer open={!!id} onClose={onClose} size="large" title={o?.name ?? t('orgs.detail')} destroyOnHidden>
      {detail.error !== null && <Alert type="error" showIcon title={describeError(detail.error, t)} />}
      {o && (
        <Flex vertical gap={24}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('orgs.col.creditCode')}>{o.creditCode}</Descriptions.Item>
            <Descriptions.Item label={t('orgs.col.type')}>{t.orgType(o.type)}</Descriptions.Item>
            <Descriptions.Item label={t('orgs.detail.region')}>{o.regionCode}</Descriptions.Item>
            <Descriptions.Item label={t('orgs.col.status')}>
              <Tag color={STATUS_COLOR[o.status]}>{t(`orgs.status.${o.status}`)}</Tag> {o.verified ? <Badge status="success" text={t('orgs.verified')} /> : t('orgs.unverified')}
            </Descriptions.Item>
            {o.statusReason && <Descriptions.Item label={t('orgs.detail.statusReason')}>{o.statusReason}</Descriptions.Item>}
            {o.mergedIntoOrganization && <Descriptions.Item label={t('orgs.detail.mergedInto')}>{o.mergedIntoOrganization.name}</Descriptions.Item>}
            {o.parent && <Descriptions.Item label={t('orgs.detail.parent')}>{o.parent.name}</Descriptions.Item>}
            {o.agencyRating && (
              <Descriptions.Item label={t('orgs.detail.rating')}>
                {o.agencyRating}（{o.agencyRatingYear}，{o.agencyRatingBody}）
              </Descriptions.Item>
            )}
          </Descriptions>
          {o.status !== 'merged' && (
            <div>
              <Typography.Title level={5}>{t('orgs.detail.members')}</Typography.Title>
              <Table<Member>
                rowKey="id"
                size="small"
                pagination={false}
                loading={members.loading}
                dataSource={members.data?.items ?? []}
                locale={{ emptyText: t('orgs.detail.noMembers') }}
                columns={[
                  { title: t('member.col.name'), key: 'name', render: (_, m) => (m.orgAdmin ? `${m.name}（${t('member.orgAdmin')}）` : m.name) },
                  { title: t('member.col.email'), dataIndex: 'email', key: 'email' },
                  { title: t('member.col.lastLogin'), key: 'last', render: (_, m) => (m.lastLoginAt ? dayjs(m.lastLoginAt).format('YYYY-MM-DD HH:mm') : t('common.none')) },
                ]}
              />
            </div>
          )}
          <div>
            <Typography.Title level={5}>{t('orgs.detail.history')}</Typography.Title>
            <Table<AuditEntry>
              rowKey="id"
              size="small"
              pagination={false}
              loading={history.loading}
              dataSource={history.data?.items ?? []}
              locale={{ emptyText: t('audit.empty') }}
              columns={[
                { title: t('audit.col.at'), key: 'at', width: 140, render: (_, e) => dayjs(e.at).format('YYYY-MM-DD HH:mm') },
                { title: t('audit.col.actor'), key: 'actor', render: (_, e) => e.actorName ?? t('audit.system') },
                { title: t('audit.col.action'), dataIndex: 'action', key: 'action' },
                { title: t('audit.col.reason'), key: 'reason', render: (_, e) => e.reason ?? '' },
              ]}
            />
          </div>
        </Flex>
      )}
    </Drawer>
  );
}
