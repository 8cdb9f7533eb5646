import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Popconfirm, Table, Tabs, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { api, describeError } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { useListQuery } from '../../shared/useListQuery';
import { ReasonModal } from './ReasonModal';
import type { Page } from './types';
import { PageHeader } from '../../shared/components/PageHeader';
import type { VerificationQueueItem as Verification } from '@common/schemas/verification.js';

/** `/admin/verifications` (认证审核): the queues of organization verification and broker qualifications, oldest first. */
export default function VerificationsPage() {
  const t = useT();
  const { message } = App.useApp();
  const { params, page, setQuery } = useListQuery();
  const kind = params.get('kind') === 'broker' ? 'broker' : 'organization';
  const list = useApiData<Page<Verification>>('/api/verifications', { kind, status: 'pending', page, pageSize: 20 });
  const [rejecting, setRejecting] = useState<Verification | null>(null);

  const decide = async (v: Verification, decision: 'approve' | 'reject', reason?: string) => {
    await api(`/api/verifications/${v.kind}/${v.id}/decision`, { method: 'POST', body: reason ? { decision, reason } : { decision } });
    message.success(t(decision === 'approve' ? 'verify.approved' : 'verify.rejected'));
    list.reload();
  };

  const columns: TableProps<Verification>['columns'] = [
    { title: t('verify.col.subject'), key: 'subject', render: (_, v) => v.subjectName ?? v.subjectId.slice(0, 8) },
    {
      title: t('verify.col.data'),
      key: 'data',
      render: (_, v) =>
        !v.data.level && !v.data.title && !v.data.note ? (
          t('common.none')
        ) : (
        <Flex vertical>
          {v.data.level && <span>{t('verify.level', { v: v.data.level })}</span>}
          {v.data.title && <span>{t('verify.titleLabel', { v: v.data.title })}</span>}
          {v.data.note && <Typography.Text type="secondary">{t('verify.note', { v: v.data.note })}</Typography.Text>}
        </Flex>
        ),
    },
    {
      title: t('verify.col.files'),
      key: 'files',
      render: (_, v) => (
        <Flex vertical>
          {v.files.map((f) => (
            <a key={f.id} href={`/api/files/${f.id}`} target="_blank" rel="noreferrer">
              {f.name}
            </a>
          ))}
        </Flex>
      ),
    },
    { title: t('verify.col.submitted'), key: 'at', width: 150, render: (_, v) => dayjs(v.createdAt).format('YYYY-MM-DD HH:mm') },
    {
      title: t('orgs.col.actions'),
      key: 'actions',
      width: 150,
      render: (_, v) => (
        <Flex gap={8}>
          <Popconfirm title={t('verify.approve')} onConfirm={() => decide(v, 'approve').catch((err: unknown) => message.error(describeError(err, t)))}>
            <Button type="primary" size="small">
              {t('verify.approve')}
            </Button>
          </Popconfirm>
          <Button size="small" danger onClick={() => setRejecting(v)}>
            {t('verify.reject')}
          </Button>
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('verify.title')} subtitle={t('verify.subtitle')} />
      <Card>
        <Tabs
          activeKey={kind}
          onChange={(k) => setQuery({ kind: k === 'organization' ? undefined : k })}
          items={[
            { key: 'organization', label: t('verify.tab.organization') },
            { key: 'broker', label: t('verify.tab.broker') },
          ]}
        />
        {list.error !== null && <Alert type="error" showIcon role="alert" title={describeError(list.error, t)} />}
        <Table<Verification>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 800 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('verify.empty')} /> }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: (p) => setQuery({ page: p, kind: kind === 'organization' ? undefined : kind }) }}
        />
      </Card>
      <ReasonModal
        open={!!rejecting}
        title={rejecting ? t('verify.rejectTitle', { name: rejecting.subjectName ?? '' }) : ''}
        required
        danger
        okText={t('verify.reject')}
        onClose={() => setRejecting(null)}
        onSubmit={async (reason) => {
          if (!rejecting) return;
          await decide(rejecting, 'reject', reason);
          setRejecting(null);
        }}
      />
    </Flex>
  );
}
