import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Form, Input, InputNumber, Popconfirm, Segmented, Table, Tabs, Tag, Typography } from 'antd';
import { MailOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { invitationSchema, joinDecisionSchema } from '@common/schemas/auth.js';
import { api, describeError } from '../../shared/api';
import { useT, type MessageKey } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { FormModal } from '../../shared/components/FormModal';
import { Forbidden } from '../../shared/components/StatusPages';
import { zodRule } from '../../shared/zodRules';
import { useAuth } from '../auth';
import { VerificationTab } from './VerificationTab';
import { OneTimeLinkModal, type OneTimeLink } from '../../shared/components/OneTimeLinkModal';
import { useAction } from '../../shared/useAction';
import { managesMembers } from '../../shared/policies';
import type { InvitationItem as Invitation, JoinRequestOut, Member } from '@common/schemas/auth.js';

/** The organization's list names each applicant. */
type JoinRequest = JoinRequestOut & { user: NonNullable<JoinRequestOut['user']> };

const time = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');
const STATUS_COLOR: Record<JoinRequest['status'], string> = { pending: 'gold', approved: 'green', declined: 'red', cancelled: 'default' };
const INVITATION_COLOR: Record<Invitation['status'], string> = { active: 'green', used: 'blue', revoked: 'default', expired: 'default' };

/** `/organization/members`: an organization admin decides join requests, manages members and invitation links. */
export default function MembersPage() {
  const t = useT();
  const { user } = useAuth();
  const orgId = user?.organizationId ?? null;
  if (!user || !orgId || !managesMembers(user)) return <Forbidden />;
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('nav.orgMembers')} · {user.organization?.name}
      </Typography.Title>
      <Tabs
        items={[
          { key: 'requests', label: t('member.tab.requests'), children: <Requests orgId={orgId} /> },
          { key: 'members', label: t('member.tab.members'), children: <Members orgId={orgId} selfId={user.id} /> },
          { key: 'invitations', label: t('member.tab.invitations'), children: <Invitations orgId={orgId} /> },
          { key: 'verification', label: t('orgVerify.tab'), children: <VerificationTab orgId={orgId} /> },
        ]}
      />
    </Flex>
  );
}

function Requests({ orgId }: { orgId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<'pending' | 'all'>('pending');
  const [page, setPage] = useState(1);
  const { data, loading, error, reload } = useApiData<{ items: JoinRequest[]; total: number }>(`/api/organizations/${orgId}/join-requests`, {
    status: filter === 'pending' ? 'pending' : undefined,
    page,
    pageSize: 20,
  });
  const [declining, setDeclining] = useState<JoinRequest | null>(null);
  const [form] = Form.useForm<{ reason?: string }>();
  const action = useAction();
  const busy = action.busy;
  const approve = (r: JoinRequest) =>
    action.run(r.id, async () => {
      await api(`/api/organizations/${orgId}/join-requests/${r.id}/approve`, { method: 'POST', body: {} });
      message.success(t('member.approved', { name: r.user.name }));
      reload();
    });

  return (
    <Card>
      <Segmented
        value={filter}
        onChange={(v) => {
          setFilter(v as 'pending' | 'all');
          setPage(1);
        }}
        options={[
          { value: 'pending', label: t('member.requests.filter.pending') },
          { value: 'all', label: t('member.requests.filter.all') },
        ]}
        style={{ marginBottom: 16 }}
      />
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      <Table<JoinRequest>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description={t('member.requests.empty')} /> }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        scroll={{ x: 720 }}
        columns={[
          {
            title: t('member.col.applicant'),
            render: (_, r) => (
              <Flex vertical>
                <Typography.Text strong>{r.user.name}</Typography.Text>
                <Typography.Text type="secondary">{r.user.email}</Typography.Text>
              </Flex>
            ),
          },
          { title: t('member.col.role'), render: (_, r) => t.role(r.role) },
          { title: t('member.col.message'), render: (_, r) => r.message ?? '—' },
          { title: t('member.col.time'), render: (_, r) => time(r.createdAt) },
          {
            title: t('member.col.status'),
            render: (_, r) => (
              <Flex vertical gap={2}>
                <Tag color={STATUS_COLOR[r.status]}>{t(`member.status.${r.status}` as MessageKey)}</Tag>
                {r.reason && <Typography.Text type="secondary">{r.reason}</Typography.Text>}
              </Flex>
            ),
          },
          {
            title: t('member.col.actions'),
            render: (_, r) =>
              r.status === 'pending' ? (
                <Flex gap={8}>
                  <Button type="primary" size="small" loading={busy === r.id} onClick={() => approve(r)} aria-label={`${t('member.approve')} ${r.user.name}`}>
                    {t('member.approve')}
                  </Button>
                  <Button danger size="small" onClick={() => setDeclining(r)} aria-label={`${t('member.decline')} ${r.user.name}`}>
                    {t('member.decline')}
                  </Button>
                </Flex>
              ) : null,
          },
        ]}
      />
      <FormModal<{ reason?: string }>
        form={form}
        open={!!declining}
        title={declining ? t('member.declineTitle', { name: declining.user.name }) : ''}
        initialValues={{}}
        fields={['reason']}
        onClose={() => setDeclining(null)}
        onSubmit={async (values) => {
          await api(`/api/organizations/${orgId}/join-requests/${declining!.id}/decline`, { method: 'POST', body: { reason: values.reason || undefined } });
          message.success(t('member.declined'));
          setDeclining(null);
          reload();
        }}
      >
        <Form.Item name="reason" label={t('member.declineReason')} rules={[zodRule(joinDecisionSchema.shape.reason)]}>
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </FormModal>
    </Card>
  );
}

function Members({ orgId, selfId }: { orgId: string; selfId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const { data, loading, error, reload, setData } = useApiData<{ items: Member[] }>(`/api/organizations/${orgId}/members`);
  const [link, setLink] = useState<(OneTimeLink & { name: string }) | null>(null);

  const setAdmin = async (m: Member, orgAdmin: boolean) => {
    try {
      setData(await api<{ items: Member[] }>(`/api/organizations/${orgId}/members/${m.id}/org-admin`, { method: 'PUT', body: { orgAdmin } }));
    } catch (err) {
      message.error(describeError(err, t));
    }
  };
  const resetLink = async (m: Member) => {
    try {
      const res = await api<OneTimeLink>(`/api/organizations/${orgId}/members/${m.id}/password-reset`, { method: 'POST', body: {} });
      setLink({ ...res, name: m.name });
    } catch (err) {
      message.error(describeError(err, t));
    }
  };

  return (
    <Card>
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      <Table<Member>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 720 }}
        columns={[
          {
            title: t('member.col.name'),
            render: (_, m) => (
              <Flex gap={8} align="center">
                {m.name}
                {m.orgAdmin && <Tag color="blue">{t('member.orgAdmin')}</Tag>}
              </Flex>
            ),
          },
          { title: t('member.col.email'), dataIndex: 'email' },
          { title: t('member.col.joined'), render: (_, m) => time(m.createdAt) },
          { title: t('member.col.lastLogin'), render: (_, m) => time(m.lastLoginAt) },
          {
            title: t('member.col.actions'),
            render: (_, m) => (
              <Flex gap={8} wrap>
                {m.orgAdmin ? (
                  <Popconfirm title={t('member.revokeAdmin')} onConfirm={() => setAdmin(m, false)} okText={t('common.ok')} cancelText={t('common.cancel')}>
                    <Button size="small">{t('member.revokeAdmin')}</Button>
                  </Popconfirm>
                ) : (
                  <Button size="small" onClick={() => setAdmin(m, true)}>
                    {t('member.grantAdmin')}
                  </Button>
                )}
                {m.id !== selfId && (
                  <Button size="small" icon={<MailOutlined aria-hidden />} onClick={() => resetLink(m)}>
                    {t('member.resetLink')}
                  </Button>
                )}
              </Flex>
            ),
          },
        ]}
      />
      <OneTimeLinkModal link={link} title={link ? t('member.resetLinkTitle', { name: link.name }) : ''} hint={t('member.oneTimeHint')} onClose={() => setLink(null)} />
    </Card>
  );
}

function Invitations({ orgId }: { orgId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const { data, loading, error, reload } = useApiData<{ items: Invitation[] }>(`/api/organizations/${orgId}/invitations`);
  const [creating, setCreating] = useState(false);
  const [link, setLink] = useState<OneTimeLink | null>(null);
  const [form] = Form.useForm<{ days: number; note?: string }>();

  const revoke = async (inv: Invitation) => {
    try {
      await api(`/api/organizations/${orgId}/invitations/${inv.id}`, { method: 'DELETE' });
      message.success(t('member.revokedInvite'));
      reload();
    } catch (err) {
      message.error(describeError(err, t));
    }
  };

  return (
    <Card>
      <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)} style={{ marginBottom: 16 }}>
        {t('member.invite')}
      </Button>
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      <Table<Invitation>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 640 }}
        columns={[
          { title: t('member.col.note'), render: (_, i) => i.note ?? '—' },
          { title: t('member.col.time'), render: (_, i) => time(i.createdAt) },
          { title: t('member.col.expires'), render: (_, i) => time(i.expiresAt) },
          {
            title: t('member.col.status'),
            render: (_, i) => (
              <Flex gap={4} align="center" wrap>
                <Tag color={INVITATION_COLOR[i.status]}>{t(`member.inv.${i.status}` as MessageKey)}</Tag>
                {i.usedBy && <Typography.Text type="secondary">{t('member.usedBy', { name: i.usedBy })}</Typography.Text>}
              </Flex>
            ),
          },
          {
            title: t('member.col.actions'),
            render: (_, i) =>
              i.status === 'active' ? (
                <Button size="small" danger onClick={() => revoke(i)}>
                  {t('member.revokeInvite')}
                </Button>
              ) : null,
          },
        ]}
      />
      <FormModal<{ days: number; note?: string }>
        form={form}
        open={creating}
        title={t('member.inviteTitle')}
        initialValues={{ days: 7 }}
        fields={['days', 'note']}
        onClose={() => setCreating(false)}
        onSubmit={async (values) => {
          const res = await api<OneTimeLink>(`/api/organizations/${orgId}/invitations`, { method: 'POST', body: { days: values.days, note: values.note || undefined } });
          setCreating(false);
          setLink(res);
          reload();
        }}
      >
        <Form.Item name="days" label={t('member.inviteDays')} rules={[zodRule(invitationSchema.shape.days)]}>
          <InputNumber min={1} max={30} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="note" label={t('member.inviteNote')} rules={[zodRule(invitationSchema.shape.note)]}>
          <Input maxLength={100} />
        </Form.Item>
      </FormModal>
      <OneTimeLinkModal link={link} title={t('member.inviteLinkTitle')} hint={t('member.inviteHint')} onClose={() => setLink(null)} />
    </Card>
  );
}
