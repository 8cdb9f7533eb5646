import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Modal, Popconfirm, Select, Table, Tag, type TableProps } from 'antd';
import { api, describeError } from '../../shared/api';
import { useFormSave } from '../../shared/useFormSave';
import { useT } from '../../shared/i18n';
import { useTaxonomy } from '../../shared/taxonomy';
import { useApiData } from '../../shared/useApiData';
import { useRemoteSearch } from '../../shared/useRemoteSearch';
import type { AdminUser } from './types';
import { PageHeader } from '../../shared/components/PageHeader';

interface Station {
  id: string;
  name: string;
  organizationId: string | null;
  regionCodes: string[];
  registrars: { id: string; name: string; email: string }[];
}

/** `/admin/stations` (登记机构): registration stations, the cities or counties they serve, and their registrars. */
export default function StationsPage() {
  const t = useT();
  const { message } = App.useApp();
  const list = useApiData<{ items: Station[] }>('/api/registration-stations');
  const { taxonomy } = useTaxonomy();
  const [editing, setEditing] = useState<Station | 'new' | null>(null);
  const regionName = (code: string) => (code === '450000' ? '自治区本级' : (taxonomy?.cities.find((c) => c.code === code)?.name ?? code));

  const columns: TableProps<Station>['columns'] = [
    { title: t('stations.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('stations.regions'),
      key: 'regions',
      render: (_, s) => (
        <Flex gap={4} wrap>
          {s.regionCodes.map((c) => (
            <Tag key={c}>{regionName(c)}</Tag>
          ))}
        </Flex>
      ),
    },
    { title: t('stations.registrars'), key: 'registrars', render: (_, s) => s.registrars.map((r) => r.name).join('、') || t('common.none') },
    {
      title: t('orgs.col.actions'),
      key: 'actions',
      width: 140,
      render: (_, s) => (
        <Flex gap={8}>
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setEditing(s)}>
            {t('stations.edit')}
          </Button>
          <Popconfirm
            title={t('stations.deleteConfirm', { name: s.name })}
            onConfirm={() =>
              api(`/api/registration-stations/${s.id}`, { method: 'DELETE' }).then(
                () => list.reload(),
                (err: unknown) => message.error(describeError(err, t)),
              )
            }
          >
            <Button type="link" size="small" danger style={{ padding: 0 }}>
              {t('stations.delete')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('stations.title')}
        subtitle={t('stations.subtitle')}
        extra={
          <Button type="primary" onClick={() => setEditing('new')}>
            {t('stations.new')}
          </Button>
        }
      />
      <Card>
        {list.error !== null && <Alert type="error" showIcon role="alert" title={describeError(list.error, t)} />}
        <Table<Station>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stations.empty')} /> }}
        />
      </Card>
      {editing && (
        <StationModal
          station={editing === 'new' ? null : editing}
          cityOptions={[{ value: '450000', label: '自治区本级（450000）' }, ...(taxonomy?.cities ?? []).map((c) => ({ value: c.code, label: `${c.name}（${c.code}）` }))]}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            message.success(t('stations.saved'));
            list.reload();
          }}
        />
      )}
    </Flex>
  );
}

interface StationForm {
  name: string;
  regionCodes: string[];
  registrarIds: string[];
}

function StationModal({ station, cityOptions, onClose, onSaved }: { station: Station | null; cityOptions: { value: string; label: string }[]; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [form] = Form.useForm<StationForm>();
  const registrars = useRemoteSearch<AdminUser>('/api/admin/users?role=registrar', { hint: t('stations.registrarsPlaceholder'), empty: t('admin.users.empty') });
  const known = new Map<string, string>([...(station?.registrars ?? []).map((r) => [r.id, `${r.name}（${r.email}）`] as const), ...registrars.items.map((u) => [u.id, `${u.name}（${u.email}）`] as const)]);
  const { save, saving, error } = useFormSave(
    form,
    async (v) => {
      const body = { name: v.name.trim(), regionCodes: v.regionCodes };
      const saved = station
        ? await api<Station>(`/api/registration-stations/${station.id}`, { method: 'PATCH', body })
        : await api<Station>('/api/registration-stations', { method: 'POST', body });
      await api(`/api/registration-stations/${saved.id}/registrars`, { method: 'PUT', body: { userIds: v.registrarIds ?? [] } });
      onSaved();
    },
    { fields: ['name', 'regionCodes'], alias: { userIds: 'registrarIds' } },
  );
  return (
    <Modal open title={station ? t('stations.edit') : t('stations.new')} okText={t('adm.save')} okButtonProps={{ loading: saving }} onOk={() => void save()} onCancel={onClose} width={620}>
      <Form form={form} layout="vertical" initialValues={{ name: station?.name ?? '', regionCodes: station?.regionCodes ?? [], registrarIds: station?.registrars.map((r) => r.id) ?? [] }}>
        <Form.Item name="name" label={t('stations.name')} rules={[{ required: true, whitespace: true, message: t('stations.name') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="regionCodes" label={t('stations.regions')} extra={t('stations.regionsHint')} rules={[{ required: true, type: 'array', min: 1, message: t('stations.regionsRequired') }]}>
          <Select mode="tags" options={cityOptions} tokenSeparators={[',', '，', ' ']} optionFilterProp="label" aria-label={t('stations.regions')} />
        </Form.Item>
        <Form.Item name="registrarIds" label={t('stations.registrars')}>
          <Select
            mode="multiple"
            {...registrars.selectProps}
            aria-label={t('stations.registrars')}
            placeholder={t('stations.registrarsPlaceholder')}
            options={[...known.entries()].map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}
