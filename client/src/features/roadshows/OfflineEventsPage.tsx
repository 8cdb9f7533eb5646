import { useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Flex, Form, Input, InputNumber, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useAuth } from '../auth';
import { api, applyFieldErrors, describeError } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import type { PageProps } from '../../shared/navigation';

interface OfflineEvent {
  id: string;
  heldOn: string;
  title: string;
  participants: number;
}

/** `/roadshows/events`: the zone admin records offline matchmaking events (对接会、展览展示), counted in indicator 23. */
export default function OfflineEventsPage(_props: PageProps) {
  const t = useT();
  const { message } = App.useApp();
  const { user } = useAuth();
  const zoneId = user?.zoneId ?? null;
  const list = useApiData<{ items: OfflineEvent[] }>(zoneId ? `/api/zones/${encodeURIComponent(zoneId)}/events` : null);
  const [form] = Form.useForm<{ heldOn: Dayjs; title: string; participants: number }>();
  const [saving, setSaving] = useState(false);
  const save = async (v: { heldOn: Dayjs; title: string; participants: number }) => {
    setSaving(true);
    try {
      await api(`/api/zones/${encodeURIComponent(zoneId!)}/events`, { method: 'POST', body: { heldOn: v.heldOn.format('YYYY-MM-DD'), title: v.title, participants: v.participants } });
      void message.success(t('roadshow.events.saved'));
      form.resetFields();
      list.reload();
    } catch (error) {
      const left = applyFieldErrors(form, (error as { fields?: { path: string; message: string }[] }).fields ?? []);
      void message.error(left.length ? left.join('；') : describeError(error, t));
    } finally {
      setSaving(false);
    }
  };
  if (!zoneId) return <Empty description={t('roadshow.events.noZone')} />;
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('roadshow.events.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('roadshow.events.intro')}
      </Typography.Paragraph>
      <Card size="small" title={t('roadshow.events.record')}>
        <Form form={form} layout="inline" onFinish={(v) => void save(v)}>
          <Form.Item name="heldOn" label={t('roadshow.events.heldOn')} rules={[{ required: true, message: t('roadshow.events.heldOnRule') }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="title" label={t('roadshow.events.name')} rules={[{ required: true, min: 2, message: t('roadshow.events.nameRule') }]}>
            <Input style={{ width: 280 }} maxLength={200} />
          </Form.Item>
          <Form.Item name="participants" label={t('roadshow.events.participants')} rules={[{ required: true, message: t('roadshow.events.participantsRule') }]}>
            <InputNumber min={1} max={1000000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('roadshow.events.submit')}
          </Button>
        </Form>
      </Card>
      {list.error ? (
        <ErrorAlert error={list.error} onRetry={list.reload} />
      ) : (
        <Table<OfflineEvent>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('roadshow.events.empty')} /> }}
          columns={[
            { title: t('roadshow.events.heldOn'), dataIndex: 'heldOn', key: 'heldOn', width: 140 },
            { title: t('roadshow.events.name'), dataIndex: 'title', key: 'title' },
            { title: t('roadshow.events.participants'), dataIndex: 'participants', key: 'participants', width: 120, align: 'right' },
          ]}
        />
      )}
    </Flex>
  );
}
