import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Radio, Select, Table, Tabs, Tag, Typography } from 'antd';
import { PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { useRemoteSearch } from '../../shared/useRemoteSearch';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { FormModal } from '../../shared/components/FormModal';
import type { PageProps } from '../../shared/navigation';
import { formatSize, type UploadedFile } from '../../shared/upload';
import { formatDateTime } from '../../shared/format';
import type { PageOf } from '../listings';

import type { Complaint, CreditEvent } from '@common/schemas/deals.js';

interface OrgOption {
  id: string;
  name: string;
}

const PAGE_SIZE = 20;

/** Organizations by name (`GET /api/organizations?q=`), for the filters and the record form. */
function OrgPicker({ value, onChange, placeholder, id }: { value?: string; onChange?: (v: string | undefined) => void; placeholder?: string; id?: string }) {
  const t = useT();
  const { items, selectProps } = useRemoteSearch<OrgOption>('/api/organizations', { hint: t('credit.orgHint'), empty: t('credit.orgEmpty') });
  const [known, setKnown] = useState<OrgOption[]>([]);
  const pool = [...known.filter((k) => !items.some((i) => i.id === k.id)), ...items];
  return (
    <Select
      id={id}
      allowClear
      style={{ minWidth: 240 }}
      placeholder={placeholder ?? t('credit.org')}
      value={value}
      onChange={(v: string | undefined) => {
        const picked = pool.find((o) => o.id === v);
        if (picked) setKnown([picked]);
        onChange?.(v);
      }}
      options={pool.map((o) => ({ value: o.id, label: o.name }))}
      {...selectProps}
    />
  );
}

function Evidence({ files }: { files: UploadedFile[] }) {
  if (!files.length) return null;
  return (
    <Flex vertical gap={2}>
      {files.map((f) => (
        <a key={f.id} href={`/api/files/${encodeURIComponent(f.id)}`} target="_blank" rel="noreferrer">
          <PaperClipOutlined aria-hidden /> {f.name} <Typography.Text type="secondary">（{formatSize(f.size)}）</Typography.Text>
        </a>
      ))}
    </Flex>
  );
}

/** 投诉处理: the queue with status and organization filters; 处理 opens the decision with a note. */
function ComplaintsTab() {
  const t = useT();
  const { message } = App.useApp();
  const [status, setStatus] = useState<string | undefined>('open');
  const [org, setOrg] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useApiData<PageOf<Complaint>>('/api/complaints', { status, organizationId: org, page, pageSize: PAGE_SIZE });
  const [handling, setHandling] = useState<Complaint | null>(null);
  const [form] = Form.useForm<{ decision: 'dismiss' | 'warning' | 'dishonest'; note: string }>();
  const decision = Form.useWatch('decision', form);

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('complaint.filter.status')}
          value={status}
          onChange={(v) => (setStatus(v), setPage(1))}
          options={(['open', 'upheld', 'dismissed'] as const).map((s) => ({ value: s, label: t(`complaint.status.${s}`) }))}
          data-testid="complaint-status-filter"
        />
        <OrgPicker value={org} onChange={(v) => (setOrg(v), setPage(1))} placeholder={t('complaint.filter.org')} />
      </Flex>
      {error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : (
        <Table<Complaint>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          data-testid="complaints"
          locale={{ emptyText: <Empty description={t('complaint.empty')} /> }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showTotal: (n) => t('credit.total', { count: String(n) }) }}
          expandable={{
            rowExpandable: (c) => c.status !== 'open',
            expandedRowRender: (c) => <Typography.Text>{t('complaint.resolution', { note: c.resolution ?? '', name: c.resolvedByName ?? '', date: formatDateTime(c.resolvedAt) })}</Typography.Text>,
          }}
          columns={[
            { title: t('complaint.col.createdAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v) },
            { title: t('complaint.col.org'), render: (_: unknown, c) => <Link to={`/organizations/${c.organizationId}`}>{c.organizationName}</Link> },
            { title: t('complaint.col.complainant'), render: (_: unknown, c) => `${c.complainantOrgName ?? ''}${c.complainantName ? ` · ${c.complainantName}` : ''}` },
            {
              title: t('complaint.col.reason'),
              render: (_: unknown, c) => (
                <Flex vertical gap={4}>
                  <Typography.Paragraph style={{ margin: 0, maxWidth: 420 }} ellipsis={{ rows: 3, expandable: true }}>
                    {c.reason}
                  </Typography.Paragraph>
                  {c.dealId && <Typography.Text type="secondary">{t('complaint.withDeal')}</Typography.Text>}
                  <Evidence files={c.evidence} />
                </Flex>
              ),
            },
            {
              title: t('complaint.col.status'),
              dataIndex: 'status',
              render: (s: Complaint['status']) => <Tag color={s === 'open' ? 'processing' : s === 'upheld' ? 'red' : 'default'}>{t(`complaint.status.${s}`)}</Tag>,
            },
            {
              title: '',
              render: (_: unknown, c) =>
                c.status === 'open' && (
                  <Button size="small" type="primary" onClick={() => setHandling(c)} data-testid="complaint-handle">
                    {t('complaint.handle')}
                  </Button>
                ),
            },
          ]}
        />
      )}
      <FormModal
        form={form}
        open={!!handling}
        title={t('complaint.handleTitle', { org: handling?.organizationName ?? '' })}
        initialValues={{ decision: 'dismiss' }}
        fields={['decision', 'note']}
        onClose={() => setHandling(null)}
        onSubmit={async (values) => {
          await api(`/api/complaints/${handling!.id}/resolve`, { method: 'POST', body: values });
          message.success(t('complaint.resolved'));
          setHandling(null);
          reload();
        }}
      >
        {handling && <Typography.Paragraph type="secondary">{handling.reason}</Typography.Paragraph>}
        <Form.Item name="decision" label={t('complaint.decision')} rules={[{ required: true }]}>
          <Radio.Group
            options={(['dismiss', 'warning', 'dishonest'] as const).map((d) => ({ value: d, label: t(`complaint.decision.${d}`) }))}
            optionType="button"
          />
        </Form.Item>
        {decision === 'dishonest' && <Alert type="warning" showIcon title={t('complaint.decision.dishonestHint')} style={{ marginBottom: 12 }} />}
        <Form.Item name="note" label={t('complaint.note')} rules={[{ required: true, min: 2, max: 2000, whitespace: true, message: t('complaint.noteRequired') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('complaint.notePlaceholder')} />
        </Form.Item>
      </FormModal>
    </Flex>
  );
}

/** 诚信记录: every 警示 and 失信 with filters; record one directly, or lift an active one with a reason. */
function EventsTab() {
  const t = useT();
  const { message } = App.useApp();
  const [kind, setKind] = useState<string | undefined>();
  const [active, setActive] = useState<string | undefined>('true');
  const [org, setOrg] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useApiData<PageOf<CreditEvent>>('/api/credit-events', { kind, active, organizationId: org, page, pageSize: PAGE_SIZE });
  const [recording, setRecording] = useState(false);
  const [lifting, setLifting] = useState<CreditEvent | null>(null);
  const [recordForm] = Form.useForm<{ organizationId: string; kind: 'warning' | 'dishonest'; reason: string }>();
  const [liftForm] = Form.useForm<{ reason: string }>();
  const recordKind = Form.useWatch('kind', recordForm);

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap justify="space-between">
        <Flex gap={12} wrap>
          <Select allowClear style={{ width: 140 }} placeholder={t('credit.filter.kind')} value={kind} onChange={(v) => (setKind(v), setPage(1))} options={(['warning', 'dishonest'] as const).map((k) => ({ value: k, label: t(`credit.kind.${k}`) }))} />
          <Select allowClear style={{ width: 140 }} placeholder={t('credit.filter.active')} value={active} onChange={(v) => (setActive(v), setPage(1))} options={[{ value: 'true', label: t('credit.active') }, { value: 'false', label: t('credit.lifted') }]} />
          <OrgPicker value={org} onChange={(v) => (setOrg(v), setPage(1))} />
        </Flex>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setRecording(true)} data-testid="credit-record">
          {t('credit.record')}
        </Button>
      </Flex>
      {error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : (
        <Table<CreditEvent>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          data-testid="credit-events"
          locale={{ emptyText: <Empty description={t('credit.empty')} /> }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showTotal: (n) => t('credit.total', { count: String(n) }) }}
          columns={[
            { title: t('credit.col.createdAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v) },
            { title: t('credit.col.org'), render: (_: unknown, e) => <Link to={`/organizations/${e.organizationId}`}>{e.organizationName}</Link> },
            { title: t('credit.col.kind'), dataIndex: 'kind', render: (k: CreditEvent['kind']) => <Tag color={k === 'dishonest' ? 'red' : 'orange'}>{t(`credit.kind.${k}`)}</Tag> },
            {
              title: t('credit.col.reason'),
              render: (_: unknown, e) => (
                <Flex vertical gap={2}>
                  <Typography.Text>{e.reason}</Typography.Text>
                  {e.complaintId && <Typography.Text type="secondary">{t('credit.fromComplaint')}</Typography.Text>}
                  {e.liftedAt && <Typography.Text type="secondary">{t('credit.liftedBy', { name: e.liftedByName ?? '', date: formatDateTime(e.liftedAt), reason: e.liftReason ?? '' })}</Typography.Text>}
                </Flex>
              ),
            },
            { title: t('credit.col.by'), dataIndex: 'createdByName' },
            { title: t('credit.col.status'), render: (_: unknown, e) => <Tag color={e.active ? 'processing' : 'default'}>{e.active ? t('credit.active') : t('credit.lifted')}</Tag> },
            {
              title: '',
              render: (_: unknown, e) =>
                e.active && (
                  <Button size="small" onClick={() => setLifting(e)}>
                    {t('credit.lift')}
                  </Button>
                ),
            },
          ]}
        />
      )}
      <FormModal
        form={recordForm}
        open={recording}
        title={t('credit.record')}
        initialValues={{ kind: 'warning' }}
        fields={['organizationId', 'kind', 'reason']}
        onClose={() => setRecording(false)}
        onSubmit={async ({ organizationId, ...body }) => {
          await api(`/api/organizations/${organizationId}/credit-events`, { method: 'POST', body });
          message.success(t('credit.recorded'));
          setRecording(false);
          reload();
        }}
      >
        <Form.Item name="organizationId" label={t('credit.org')} rules={[{ required: true, message: t('credit.orgRequired') }]}>
          <OrgPicker />
        </Form.Item>
        <Form.Item name="kind" label={t('credit.col.kind')} rules={[{ required: true }]}>
          <Radio.Group options={(['warning', 'dishonest'] as const).map((k) => ({ value: k, label: t(`credit.kind.${k}`) }))} optionType="button" />
        </Form.Item>
        {recordKind === 'dishonest' && <Alert type="warning" showIcon title={t('complaint.decision.dishonestHint')} style={{ marginBottom: 12 }} />}
        <Form.Item name="reason" label={t('credit.col.reason')} rules={[{ required: true, min: 2, max: 2000, whitespace: true, message: t('complaint.noteRequired') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('credit.reasonPlaceholder')} />
        </Form.Item>
      </FormModal>
      <FormModal
        form={liftForm}
        open={!!lifting}
        title={t('credit.liftTitle', { kind: lifting ? t(`credit.kind.${lifting.kind}`) : '', org: lifting?.organizationName ?? '' })}
        initialValues={{}}
        fields={['reason']}
        onClose={() => setLifting(null)}
        onSubmit={async (body) => {
          await api(`/api/credit-events/${lifting!.id}/lift`, { method: 'POST', body });
          message.success(t('credit.liftedDone'));
          setLifting(null);
          reload();
        }}
      >
        <Form.Item name="reason" label={t('credit.liftReason')} rules={[{ required: true, min: 2, max: 2000, whitespace: true, message: t('complaint.noteRequired') }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </FormModal>
    </Flex>
  );
}

/** `/admin/credit` (reviewers, admins): complaints to handle and the register of credit events. Every step is audited by the server. */
export default function CreditAdminPage(_props: PageProps) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'events' ? 'events' : 'complaints';
  return (
    <Card>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'complaints' ? {} : { tab: key }, { replace: true })}
        items={[
          { key: 'complaints', label: t('credit.tab.complaints'), children: <ComplaintsTab /> },
          { key: 'events', label: t('credit.tab.events'), children: <EventsTab /> },
        ]}
      />
    </Card>
  );
}
