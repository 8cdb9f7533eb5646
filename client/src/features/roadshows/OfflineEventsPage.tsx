import { useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Flex, Form, Image, Input, InputNumber, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useAuth } from '../auth';
import { api, applyFieldErrors, describeError } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import type { PageProps } from '../../shared/navigation';
import { ImageUpload, imageIds, imagesUploading, type ImageList } from './ImageUpload';

interface OfflineEvent {
  id: string;
  heldOn: string;
  title: string;
  participants: number;
  photoFileIds: string[];
}
type EventValues = { heldOn: Dayjs; title: string; participants: number; photos?: ImageList };

/** `/roadshows/events`: the zone admin records offline matchmaking events (对接会、展览展示), counted in indicator 23. */
export default function OfflineEventsPage(_props: PageProps) {
  const t = useT();
  const { message } = App.useApp();
  const { user } = useAuth();
  const zoneId = user?.zoneId ?? null;
  const list = useApiData<{ items: OfflineEvent[] }>(zoneId ? `/api/zones/${encodeURIComponent(zoneId)}/events` : null);
  const [form] = Form.useForm<EventValues>();
  const [saving, setSaving] = useState(false);
  const save = async (v: EventValues) => {
    if (imagesUploading(v.photos)) {
      void message.warning(t('roadshow.image.waitUpload'));
      return;
    }
    setSaving(true);
    try {
      const photos = imageIds(v.photos);
      await api(`/api/zones/${encodeURIComponent(zoneId!)}/events`, { method: 'POST', body: { heldOn: v.heldOn.format('YYYY-MM-DD'), title: v.title, participants: v.participants, ...(photos.length ? { photos } : {}) } });
      void message.success(t('roadshow.events.saved'));
      form.resetFields();
      list.reload();
    } catch (error) {
      // A refused photo (`photos.2`) is reported on the photos field.
      const fields = ((error as { fields?: { path: string; message: string }[] }).fields ?? []).map((f) => (f.path.startsWith('photos.') ? { ...f, path: 'photos' } : f));
      const left = applyFieldErrors(form, fields);
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
          <Form.Item name="photos" label={t('roadshow.events.photos')} extra={t('roadshow.events.photosHelp')} style={{ width: '100%', marginTop: 8 }}>
            <ImageUpload maxCount={20} label={t('roadshow.events.photosAdd')} data-testid="event-photos" />
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
            {
              title: t('roadshow.events.photos'),
              key: 'photos',
              render: (_: unknown, e: OfflineEvent) =>
                e.photoFileIds.length ? (
                  <Image.PreviewGroup>
                    <Flex gap={4} wrap>
                      {e.photoFileIds.slice(0, 4).map((id) => (
                        <Image key={id} src={`/api/files/${encodeURIComponent(id)}`} width={48} height={36} style={{ objectFit: 'cover' }} alt={e.title} />
                      ))}
                      {e.photoFileIds.length > 4 && <Typography.Text type="secondary">{t('roadshow.events.photoCount', { n: e.photoFileIds.length })}</Typography.Text>}
                    </Flex>
                  </Image.PreviewGroup>
                ) : null,
            },
          ]}
        />
      )}
    </Flex>
  );
}
