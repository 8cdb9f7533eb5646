import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, describeError } from '../../../shared/api';
import { useT } from '../../../shared/i18n';
import { useApiData } from '../../../shared/useApiData';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { YearSelect } from '../shared';
import type { Holiday } from '../types';
import { beijingYear } from '../../../shared/format';


/** 工作日历: holidays and make-up working days that the registration deadlines count with. */
export function HolidaysTab() {
  const t = useT();
  const { message } = App.useApp();
  const [year, setYear] = useState(() => beijingYear());
  const { data, loading, error, reload } = useApiData<{ items: Holiday[] }>('/api/holidays', { year });
  const [editing, setEditing] = useState<{ holiday: Holiday | null } | null>(null);
  const [form] = Form.useForm<{ date: Dayjs; kind: Holiday['kind']; name: string; provisional: boolean }>();
  const [saving, setSaving] = useState(false);

  const save = async () => {
    let v: { date: Dayjs; kind: Holiday['kind']; name: string; provisional: boolean };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await api(`/api/holidays/${v.date.format('YYYY-MM-DD')}`, { method: 'PUT', body: { kind: v.kind, name: v.name.trim(), provisional: !!v.provisional } });
      message.success(t('hol.saved'));
      setEditing(null);
      reload();
    } catch (caught) {
      message.error(describeError(caught, t));
    } finally {
      setSaving(false);
    }
  };
  const remove = async (h: Holiday) => {
    try {
      await api(`/api/holidays/${h.date}`, { method: 'DELETE' });
      message.success(t('hol.deleted', { date: h.date }));
      reload();
    } catch (caught) {
      message.error(describeError(caught, t));
    }
  };
  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap justify="space-between">
        <Flex gap={12} align="center" wrap>
          <YearSelect value={year} onChange={setYear} years={[beijingYear() + 1, beijingYear(), beijingYear() - 1]} />
          <Typography.Text type="secondary">{t('hol.hint')}</Typography.Text>
        </Flex>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing({ holiday: null })}>
          {t('hol.add')}
        </Button>
      </Flex>
      {data?.items.some((h) => h.provisional) && <Alert type="warning" showIcon title={t('hol.provisional', { year })} />}
      {error !== null && !loading ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : (
        <Table
          rowKey="date"
          size="small"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description={t('hol.empty', { year })} /> }}
          columns={[
            { title: t('hol.date'), dataIndex: 'date', width: 130 },
            { title: t('hol.kind'), key: 'k', width: 120, render: (_, h) => (h.kind === 'holiday' ? <Tag color="red">{t('hol.holiday')}</Tag> : <Tag color="blue">{t('hol.workday')}</Tag>) },
            { title: t('hol.name'), key: 'n', render: (_, h) => (h.provisional ? `${h.name}（${t('hol.provisionalTag')}）` : h.name) },
            {
              title: t('contract.col.actions'),
              key: 'a',
              width: 150,
              render: (_, h) => (
                <Flex gap={4}>
                  <Button size="small" type="link" onClick={() => setEditing({ holiday: h })}>
                    {t('zadmin.edit')}
                  </Button>
                  <Popconfirm title={t('hol.deleteConfirm', { date: h.date })} okText={t('zadmin.delete')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => remove(h)}>
                    <Button size="small" type="link" danger>
                      {t('zadmin.delete')}
                    </Button>
                  </Popconfirm>
                </Flex>
              ),
            },
          ]}
        />
      )}
      <Modal
        open={editing !== null}
        title={editing?.holiday ? t('hol.edit', { date: editing.holiday.date }) : t('hol.add')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onOk={save}
        confirmLoading={saving}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={
            editing?.holiday
              ? { date: dayjs(editing.holiday.date), kind: editing.holiday.kind, name: editing.holiday.name, provisional: editing.holiday.provisional }
              : { kind: 'holiday', name: '', provisional: false }
          }
        >
          <Form.Item label={t('hol.date')} name="date" rules={[{ required: true, message: t('hol.dateRule') }]}>
            <DatePicker style={{ width: '100%' }} disabled={!!editing?.holiday} />
          </Form.Item>
          <Form.Item label={t('hol.kind')} name="kind" rules={[{ required: true }]}>
            <Select
              options={[
                { value: 'holiday', label: t('hol.holiday') },
                { value: 'workday', label: t('hol.workday') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('hol.name')} name="name" rules={[{ required: true, whitespace: true, max: 50, message: t('hol.nameRule') }]}>
            <Input maxLength={50} placeholder={t('hol.namePlaceholder')} />
          </Form.Item>
          <Form.Item name="provisional" valuePropName="checked">
            <Checkbox>{t('hol.provisionalLabel')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
