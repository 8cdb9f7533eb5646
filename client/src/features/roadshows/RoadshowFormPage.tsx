import { useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../auth';
import { api, applyFieldErrors, describeError } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { zoneOptions } from '../../shared/taxonomy';
import { useTaxonomy } from '../../shared/taxonomy';
import type { PageProps } from '../../shared/navigation';
import type { PageOf, Roadshow } from './types';

interface Values {
  title: string;
  zoneId: string;
  range: [Dayjs, Dayjs];
  description?: string;
  capacity?: number | null;
  registrationRequired?: boolean;
  streamUrl?: string;
  items: { achievementId: string; minutes?: number | null }[];
}

/** `/roadshows/new`: an organizer drafts a roadshow (published from its page). */
export default function RoadshowFormPage(_props: PageProps) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { user } = useAuth();
  const { taxonomy } = useTaxonomy();
  const [form] = Form.useForm<Values>();
  const [search, setSearch] = useState('');
  const achievements = useApiData<PageOf<{ id: string; title: string }>>('/api/achievements', { q: search || undefined, pageSize: 50 });
  const [saving, setSaving] = useState(false);
  const zones = user?.roles.includes('zone_admin') && !user.roles.includes('admin') && user.zoneId ? zoneOptions(taxonomy).map((g) => ({ ...g, options: g.options.filter((o) => o.value === user.zoneId) })).filter((g) => g.options.length) : zoneOptions(taxonomy);

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const body = {
        title: v.title,
        zoneId: v.zoneId,
        startsAt: v.range[0].toISOString(),
        endsAt: v.range[1].toISOString(),
        description: v.description || null,
        capacity: v.capacity ?? null,
        registrationRequired: !!v.registrationRequired,
        streamUrl: v.streamUrl || null,
        items: v.items.map((i) => ({ achievementId: i.achievementId, minutes: i.minutes ?? null })),
      };
      const created = await api<Roadshow>('/api/roadshows', { method: 'POST', body });
      void message.success(t('roadshow.form.saved'));
      navigate(`/roadshows/${created.id}`);
    } catch (error) {
      const unplaced = applyFieldErrors(form, (error as { fields?: { path: string; message: string }[] }).fields ?? [], { alias: { startsAt: 'range', endsAt: 'range' } });
      void message.error(unplaced.length ? unplaced.join('；') : describeError(error, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('roadshow.new')}
      </Typography.Title>
      <Card>
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ items: [{}], registrationRequired: false }} style={{ maxWidth: 760 }}>
          <Form.Item name="title" label={t('roadshow.form.title')} rules={[{ required: true, min: 2, max: 120, message: t('roadshow.form.titleRule') }]}>
            <Input maxLength={120} />
          </Form.Item>
          <Form.Item name="zoneId" label={t('roadshow.zone')} rules={[{ required: true, message: t('roadshow.form.zoneRule') }]}>
            <Select options={zones} showSearch optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="range" label={t('roadshow.time')} rules={[{ required: true, message: t('roadshow.form.timeRule') }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="description" label={t('roadshow.form.description')}>
            <Input.TextArea rows={4} maxLength={5000} />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item name="capacity" label={t('roadshow.capacity')}>
              <InputNumber min={1} max={100000} placeholder={t('roadshow.unlimited')} />
            </Form.Item>
            <Form.Item name="registrationRequired" label={t('roadshow.form.registrationRequired')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Form.Item name="streamUrl" label={t('roadshow.form.streamUrl')} extra={t('roadshow.form.streamUrlHelp')}>
            <Input placeholder="https://live.example.cn/app/stream.m3u8" />
          </Form.Item>
          <Typography.Title level={5}>{t('roadshow.agenda')}</Typography.Title>
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Space key={field.key} align="baseline" wrap>
                    <Form.Item name={[field.name, 'achievementId']} label={t('roadshow.item.no', { n: index + 1 })} rules={[{ required: true, message: t('roadshow.form.itemRule') }]}>
                      <Select
                        showSearch
                        filterOption={false}
                        onSearch={setSearch}
                        style={{ width: 380 }}
                        placeholder={t('roadshow.form.itemPlaceholder')}
                        options={(achievements.data?.items ?? []).map((a) => ({ value: a.id, label: a.title }))}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'minutes']} label={t('roadshow.form.minutes')}>
                      <InputNumber min={1} max={240} />
                    </Form.Item>
                    {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('roadshow.form.removeItem')} />}
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />} disabled={fields.length >= 30}>
                  {t('roadshow.form.addItem')}
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item style={{ marginTop: 24 }}>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('roadshow.form.save')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
    </Flex>
  );
}
