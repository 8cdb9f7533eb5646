import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Drawer, Empty, Flex, Form, Input, Modal, Select, Table, Timeline, Typography, type TableProps } from 'antd';
import { EditOutlined, HistoryOutlined, NodeIndexOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import { api } from '../../../shared/api';
import { useT } from '../../../shared/i18n';
import { useTaxonomyNames } from '../../../shared/taxonomyNames';
import { useApiData } from '../../../shared/useApiData';
import type { PageProps } from '../../../shared/navigation';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { FormModal } from '../../../shared/components/FormModal';
import { useFormSave } from '../../../shared/useFormSave';
import { PageHeader } from '../../../shared/components/PageHeader';
import { LevelTag, ZoneStatusTag, hostTypeName, zoneLevelName, zoneStatusName } from '../shared';
import { DeleteButton } from './DeleteButton';
import { ZONE_HOST_TYPES, ZONE_LEVELS, ZONE_TRANSITIONS, type ZoneDetail, type ZoneItem, type ZoneStatus } from '../types';
import { formatDate, formatDateTime } from '../../../shared/format';

interface ZoneValues {
  slug?: string;
  name: string;
  cityCode: string;
  level: string;
  hostType: string;
  appliedOn?: Dayjs | null;
}

function ZoneFormModal({ zone, open, onClose, onSaved }: { zone: ZoneItem | null; open: boolean; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { taxonomy } = useTaxonomyNames();
  const [form] = Form.useForm<ZoneValues>();

  const submit = async (v: ZoneValues) => {
    if (zone) {
      await api(`/api/zones/${encodeURIComponent(zone.id)}`, { method: 'PATCH', body: { name: v.name.trim(), cityCode: v.cityCode, level: v.level, hostType: v.hostType } });
      message.success(t('zadmin.updated', { name: v.name }));
    } else {
      await api('/api/zones', {
        method: 'POST',
        body: { slug: (v.slug ?? '').trim(), name: v.name.trim(), cityCode: v.cityCode, level: v.level, hostType: v.hostType, ...(v.appliedOn ? { appliedOn: v.appliedOn.format('YYYY-MM-DD') } : {}) },
      });
      message.success(t('zadmin.created', { name: v.name }));
    }
    onSaved();
  };

  return (
    <FormModal
      form={form}
      open={open}
      title={zone ? t('zadmin.editTitle', { name: zone.name }) : t('zadmin.createTitle')}
      initialValues={
        zone
          ? { name: zone.name, cityCode: zone.cityCode, level: zone.level, hostType: zone.hostType }
          : { slug: '', name: '', level: 'autonomous_region', hostType: 'high_tech_zone', appliedOn: dayjs() }
      }
      fields={['slug', 'name', 'cityCode', 'level', 'hostType', 'appliedOn']}
      onSubmit={submit}
      onClose={onClose}
    >
      {!zone && (
        <Form.Item
          label={t('zadmin.slug')}
          name="slug"
          extra={t('zadmin.slugExtra')}
          rules={[{ required: true, pattern: /^[a-z0-9]+(-[a-z0-9]+)*$/, message: t('zadmin.slugRule') }]}
        >
          <Input maxLength={60} placeholder="hechi-hitech" />
        </Form.Item>
      )}
      <Form.Item label={t('zone.col.name')} name="name" rules={[{ required: true, whitespace: true, min: 2, max: 100, message: t('zadmin.nameRule') }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label={t('zone.col.city')} name="cityCode" rules={[{ required: true, message: t('zadmin.cityRule') }]}>
        <Select showSearch={{ optionFilterProp: 'label' }} options={(taxonomy?.cities ?? []).filter((c) => c.code !== '450000').map((c) => ({ value: c.code, label: c.name }))} />
      </Form.Item>
      <Flex gap={12}>
        <Form.Item label={t('zone.col.level')} name="level" rules={[{ required: true }]} style={{ flex: 1 }}>
          <Select options={ZONE_LEVELS.map((l) => ({ value: l, label: zoneLevelName(t, l) }))} />
        </Form.Item>
        <Form.Item label={t('zadmin.hostType')} name="hostType" rules={[{ required: true }]} style={{ flex: 1 }}>
          <Select options={ZONE_HOST_TYPES.map((h) => ({ value: h, label: hostTypeName(t, h) }))} />
        </Form.Item>
      </Flex>
      {!zone && (
        <Form.Item label={t('zadmin.appliedOn')} name="appliedOn">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      )}
    </FormModal>
  );
}

function StatusModal({ zone, onClose, onSaved }: { zone: ZoneItem | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ status: ZoneStatus; effectiveOn: Dayjs; note?: string }>();
  const next = zone ? ZONE_TRANSITIONS[zone.status] ?? [] : [];
  const { save, saving, error, clearError } = useFormSave(form, async (v) => {
    if (!zone) return;
    await api(`/api/zones/${encodeURIComponent(zone.id)}/status`, {
      method: 'POST',
      body: { status: v.status, effectiveOn: v.effectiveOn.format('YYYY-MM-DD'), ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
    });
    message.success(t('zadmin.statusChanged', { name: zone.name, status: zoneStatusName(t, v.status) }));
    onSaved();
  });
  return (
    <Modal
      open={zone !== null}
      title={zone ? t('zadmin.statusTitle', { name: zone.name }) : ''}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onOk={save}
      okButtonProps={{ disabled: !next.length }}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
      afterClose={clearError}
    >
      {zone && (
        <Typography.Paragraph>
          {t('zadmin.currentStatus')}
          <ZoneStatusTag status={zone.status} />
        </Typography.Paragraph>
      )}
      {next.length ? (
        <Form form={form} layout="vertical" preserve={false} initialValues={{ status: next[0], effectiveOn: dayjs(), note: '' }}>
          <Form.Item label={t('zadmin.nextStatus')} name="status" rules={[{ required: true }]}>
            <Select options={next.map((s) => ({ value: s, label: zoneStatusName(t, s) }))} />
          </Form.Item>
          <Form.Item label={t('zadmin.effectiveOn')} name="effectiveOn" rules={[{ required: true, message: t('zadmin.effectiveOnRule') }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('zadmin.statusNote')} name="note">
            <Input.TextArea rows={2} maxLength={1000} placeholder={t('zadmin.statusNotePlaceholder')} />
          </Form.Item>
        </Form>
      ) : (
        <Alert type="info" showIcon title={t('zadmin.finalStatus')} />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}

function HistoryDrawer({ zoneId, onClose }: { zoneId: string | null; onClose: () => void }) {
  const t = useT();
  const { data, loading, error, reload } = useApiData<ZoneDetail>(zoneId ? `/api/zones/${encodeURIComponent(zoneId)}` : null);
  return (
    <Drawer open={zoneId !== null} onClose={onClose} title={data ? t('zadmin.historyTitle', { name: data.name }) : t('zone.history')} size={420} destroyOnHidden>
      {error !== null ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : loading || !data ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.loading')} />
      ) : (
        <Timeline
          items={[...data.statusHistory]
            .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt))
            .map((h, i) => ({
              key: i,
              content: (
                <Flex vertical gap={0}>
                  <Typography.Text strong>
                    {formatDate(h.effectiveOn)} · {zoneStatusName(t, h.status)}
                  </Typography.Text>
                  {h.note && <Typography.Text>{h.note}</Typography.Text>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('zadmin.recordedAt', { at: formatDateTime(h.recordedAt) })}
                  </Typography.Text>
                </Flex>
              ),
            }))}
        />
      )}
    </Drawer>
  );
}

/** `/admin/zones`: the list of zones — add, edit, move along the lifecycle, delete unused ones. */
export default function ZonesAdminPage(_props: PageProps) {
  const t = useT();
  const { names } = useTaxonomyNames();
  const { data, loading, error, reload } = useApiData<{ items: ZoneItem[] }>('/api/zones');
  const [editing, setEditing] = useState<{ zone: ZoneItem | null } | null>(null);
  const [statusOf, setStatusOf] = useState<ZoneItem | null>(null);
  const [historyOf, setHistoryOf] = useState<string | null>(null);

  const columns: TableProps<ZoneItem>['columns'] = [
    {
      title: t('zone.col.name'),
      key: 'name',
      render: (_, z) => (
        <Flex vertical gap={0}>
          <Link to={`/zones/${encodeURIComponent(z.id)}`}>{z.name}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
            {z.slug}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('zone.col.city'), key: 'city', width: 110, render: (_, z) => names.city(z.cityCode) },
    { title: t('zone.col.level'), key: 'level', width: 110, render: (_, z) => <LevelTag level={z.level} /> },
    { title: t('zadmin.hostType'), key: 'host', width: 150, responsive: ['lg'], render: (_, z) => hostTypeName(t, z.hostType) },
    { title: t('zone.col.status'), key: 'status', width: 140, render: (_, z) => <ZoneStatusTag status={z.status} /> },
    { title: t('zone.col.approvedAt'), key: 'approvedAt', width: 120, responsive: ['md'], render: (_, z) => (z.approvedAt ? formatDate(z.approvedAt) : t('common.none')) },
    {
      title: t('contract.col.actions'),
      key: 'actions',
      width: 300,
      render: (_, z) => (
        <Flex gap={4} wrap>
          <Button size="small" type="link" icon={<EditOutlined aria-hidden />} onClick={() => setEditing({ zone: z })}>
            {t('zadmin.edit')}
          </Button>
          <Button size="small" type="link" icon={<NodeIndexOutlined aria-hidden />} onClick={() => setStatusOf(z)} disabled={!ZONE_TRANSITIONS[z.status]?.length}>
            {t('zadmin.changeStatus')}
          </Button>
          <Button size="small" type="link" icon={<HistoryOutlined aria-hidden />} onClick={() => setHistoryOf(z.id)}>
            {t('zone.history')}
          </Button>
          <DeleteButton
            path={`/api/zones/${encodeURIComponent(z.id)}`}
            confirm={t('zadmin.deleteConfirm', { name: z.name })}
            description={t('zadmin.deleteHint')}
            done={t('zadmin.deleted', { name: z.name })}
            onDeleted={reload}
          />
        </Flex>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title={t('nav.adminZones')}
        subtitle={t('zadmin.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing({ zone: null })}>
            {t('zadmin.create')}
          </Button>
        }
      />
      <Card>
        {error !== null && !loading ? (
          <ErrorAlert error={error} onRetry={reload} />
        ) : (
          <Table<ZoneItem>
            rowKey="id"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            scroll={{ x: 1000 }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('zone.total', { n }) }}
            locale={{ emptyText: <Empty description={t('zone.empty')} /> }}
          />
        )}
      </Card>
      <ZoneFormModal
        zone={editing?.zone ?? null}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          reload();
        }}
      />
      <StatusModal
        zone={statusOf}
        onClose={() => setStatusOf(null)}
        onSaved={() => {
          setStatusOf(null);
          reload();
        }}
      />
      <HistoryDrawer zoneId={historyOf} onClose={() => setHistoryOf(null)} />
    </div>
  );
}
