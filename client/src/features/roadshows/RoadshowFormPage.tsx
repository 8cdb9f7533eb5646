import { useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Result, Select, Space, Switch, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import { useAuth } from '../auth';
import { api, applyFieldErrors, describeError } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { zoneOptions } from '../../shared/taxonomy';
import { useTaxonomy } from '../../shared/taxonomy';
import { LoadError, PageLoading } from '../../shared/components/StatusPages';
import type { PageProps } from '../../shared/navigation';
import { ImageUpload, imageIds, imagesUploading, storedImage, type ImageList } from './ImageUpload';
import type { PageOf, Roadshow } from './types';
import type { FormInstance } from 'antd';
import { zoneBound } from '../../shared/policies';

interface Values {
  title: string;
  zoneId: string;
  range: [Dayjs, Dayjs];
  description?: string;
  cover?: ImageList;
  capacity?: number | null;
  registrationRequired?: boolean;
  streamUrl?: string;
  recordingUrl?: string;
  items: { achievementId: string; minutes?: number | null; presenterId?: string | null }[];
}

/** `/roadshows/new`: an organizer drafts a roadshow (published from its page). */
export default function RoadshowFormPage(_props: PageProps) {
  return <RoadshowForm existing={null} />;
}

/** `/roadshows/:id/edit`: the host edits it; once live or ended only the description, the stream and the recording. */
export function RoadshowEditPage(_props: PageProps) {
  const { id = '' } = useParams();
  const t = useT();
  const detail = useApiData<Roadshow>(`/api/roadshows/${encodeURIComponent(id)}`);
  if (detail.error) return <LoadError error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <PageLoading />;
  if (!detail.data.me?.host || detail.data.status === 'cancelled') return <Result status="warning" title={t('roadshow.form.notEditable')} />;
  return <RoadshowForm existing={detail.data} />;
}

function RoadshowForm({ existing }: { existing: Roadshow | null }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { user } = useAuth();
  const { taxonomy } = useTaxonomy();
  const [form] = Form.useForm<Values>();
  const [search, setSearch] = useState('');
  const achievements = useApiData<PageOf<{ id: string; title: string }>>('/api/achievements', { q: search || undefined, pageSize: 50 });
  const [saving, setSaving] = useState(false);
  const cover = Form.useWatch('cover', form);
  const zones = zoneBound(user) ? zoneOptions(taxonomy).map((g) => ({ ...g, options: g.options.filter((o) => o.value === user?.zoneId) })).filter((g) => g.options.length) : zoneOptions(taxonomy);
  // Once live or ended, the plan is fixed: only the description, the stream and the recording change.
  const planning = !existing || existing.status === 'draft' || existing.status === 'scheduled';
  const late = !!existing && (existing.status === 'live' || existing.status === 'ended');
  // Presenters already in the agenda keep their name while the candidates load.
  const presenterNames = new Map((existing?.agenda ?? []).filter((i) => i.presenterId && i.presenterName).map((i) => [i.presenterId!, i.presenterName!]));
  // The agenda's own achievements stay selectable whatever the search shows.
  const options = new Map((existing?.agenda ?? []).map((i) => [i.achievementId, i.achievement?.title ?? i.achievementId]));
  for (const a of achievements.data?.items ?? []) options.set(a.id, a.title);

  useEffect(() => {
    if (!existing) return;
    form.setFieldsValue({
      title: existing.title,
      zoneId: existing.zoneId,
      range: [dayjs(existing.startsAt), dayjs(existing.endsAt)],
      description: existing.description ?? undefined,
      cover: existing.coverFileId ? [storedImage(existing.coverFileId, t('roadshow.form.cover'))] : [],
      capacity: existing.capacity,
      registrationRequired: existing.registrationRequired,
      streamUrl: existing.streamUrl ?? undefined,
      recordingUrl: existing.recordingUrl ?? undefined,
      items: existing.agenda.map((i) => ({ achievementId: i.achievementId, minutes: i.minutes, presenterId: i.presenterId })),
    });
  }, [existing, form, t]);

  const submit = async (v: Values) => {
    if (imagesUploading(v.cover)) {
      void message.warning(t('roadshow.image.waitUpload'));
      return;
    }
    setSaving(true);
    try {
      const coverFileId = imageIds(v.cover)[0] ?? null;
      const always = { description: v.description || null, streamUrl: v.streamUrl || null };
      const body = planning
        ? {
            title: v.title,
            zoneId: v.zoneId,
            startsAt: v.range[0].toISOString(),
            endsAt: v.range[1].toISOString(),
            ...always,
            ...(!existing || coverFileId !== existing.coverFileId ? { coverFileId } : {}),
            capacity: v.capacity ?? null,
            registrationRequired: !!v.registrationRequired,
            items: v.items.map((i) => ({ achievementId: i.achievementId, minutes: i.minutes ?? null, ...(i.presenterId ? { presenterId: i.presenterId } : {}) })),
          }
        : { ...always, recordingUrl: v.recordingUrl || null };
      const saved = existing
        ? await api<Roadshow>(`/api/roadshows/${encodeURIComponent(existing.id)}`, { method: 'PATCH', body })
        : await api<Roadshow>('/api/roadshows', { method: 'POST', body });
      void message.success(t(existing ? 'roadshow.form.updated' : 'roadshow.form.saved'));
      navigate(`/roadshows/${saved.id}`);
    } catch (error) {
      const unplaced = applyFieldErrors(form, (error as { fields?: { path: string; message: string }[] }).fields ?? [], { alias: { startsAt: 'range', endsAt: 'range', coverFileId: 'cover', 'coverFileId.0': 'cover' } });
      void message.error(unplaced.length ? unplaced.join('；') : describeError(error, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {existing ? t('roadshow.form.editTitle', { title: existing.title }) : t('roadshow.new')}
      </Typography.Title>
      {late && <Typography.Text type="secondary">{t('roadshow.form.lateNotice')}</Typography.Text>}
      <Card>
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ items: [{}], registrationRequired: false, cover: [] }} style={{ maxWidth: 760 }}>
          <Form.Item name="title" label={t('roadshow.form.title')} rules={[{ required: true, min: 2, max: 120, message: t('roadshow.form.titleRule') }]}>
            <Input maxLength={120} disabled={!planning} />
          </Form.Item>
          <Form.Item name="zoneId" label={t('roadshow.zone')} rules={[{ required: true, message: t('roadshow.form.zoneRule') }]}>
            <Select options={zones} showSearch optionFilterProp="label" disabled={!planning} />
          </Form.Item>
          <Form.Item name="range" label={t('roadshow.time')} rules={[{ required: true, message: t('roadshow.form.timeRule') }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabled={!planning} />
          </Form.Item>
          <Form.Item name="cover" label={t('roadshow.form.cover')} extra={t('roadshow.form.coverHelp')} valuePropName="value">
            {planning ? <ImageUpload maxCount={1} label={t('roadshow.form.coverAdd')} data-testid="cover-upload" /> : <span>{cover?.length ? t('roadshow.form.coverSet') : t('roadshow.form.coverNone')}</span>}
          </Form.Item>
          <Form.Item name="description" label={t('roadshow.form.description')}>
            <Input.TextArea rows={4} maxLength={5000} />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item name="capacity" label={t('roadshow.capacity')}>
              <InputNumber min={1} max={100000} placeholder={t('roadshow.unlimited')} disabled={!planning} />
            </Form.Item>
            <Form.Item name="registrationRequired" label={t('roadshow.form.registrationRequired')} valuePropName="checked">
              <Switch disabled={!planning} />
            </Form.Item>
          </Space>
          <Form.Item name="streamUrl" label={t('roadshow.form.streamUrl')} extra={t('roadshow.form.streamUrlHelp')}>
            <Input placeholder="https://live.example.cn/app/stream.m3u8" />
          </Form.Item>
          {late && (
            <Form.Item name="recordingUrl" label={t('roadshow.form.recordingUrl')} extra={t('roadshow.form.recordingUrlHelp')}>
              <Input placeholder="https://vod.example.cn/roadshow/2026-03.m3u8" data-testid="recording-url" />
            </Form.Item>
          )}
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
                        style={{ width: 'min(380px, 80vw)' }}
                        placeholder={t('roadshow.form.itemPlaceholder')}
                        disabled={!planning}
                        options={[...options].map(([value, label]) => ({ value, label }))}
                        // Another achievement, another organization: its presenter is chosen again.
                        onChange={() => form.setFieldValue(['items', field.name, 'presenterId'], null)}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'minutes']} label={t('roadshow.form.minutes')}>
                      <InputNumber min={1} max={240} disabled={!planning} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'presenterId']} label={t('roadshow.form.presenter')}>
                      <PresenterSelect form={form} index={field.name} known={presenterNames} disabled={!planning} />
                    </Form.Item>
                    {planning && fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('roadshow.form.removeItem')} />}
                  </Space>
                ))}
                {planning && (
                  <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />} disabled={fields.length >= 30}>
                    {t('roadshow.form.addItem')}
                  </Button>
                )}
              </>
            )}
          </Form.List>
          <Form.Item style={{ marginTop: 24 }}>
            <Space>
              <Button type="primary" htmlType="submit" loading={saving} data-testid="save-roadshow">
                {existing ? t('roadshow.form.update') : t('roadshow.form.save')}
              </Button>
              {existing && <Button onClick={() => navigate(`/roadshows/${existing.id}`)}>{t('common.cancel')}</Button>}
            </Space>
          </Form.Item>
        </Form>
      </Card>
    </Flex>
  );
}

/**
 * The presenter of one agenda item: a member of the chosen achievement's organization (the API accepts no one
 * else), loaded when the achievement is chosen. Optional; cleared when the achievement changes.
 */
function PresenterSelect({ form, index, known, disabled, value, onChange }: { form: FormInstance<Values>; index: number; known: Map<string, string>; disabled: boolean; value?: string | null; onChange?: (v: string | null) => void }) {
  const t = useT();
  const achievementId = Form.useWatch(['items', index, 'achievementId'], form) as string | undefined;
  const members = useApiData<{ items: { id: string; name: string }[] }>(achievementId ? '/api/roadshow-presenters' : null, achievementId ? { achievementId } : undefined);
  const options = (members.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }));
  if (value && !options.some((o) => o.value === value) && known.has(value)) options.unshift({ value, label: known.get(value)! });
  return (
    <Select
      allowClear
      showSearch
      optionFilterProp="label"
      style={{ width: 200 }}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      placeholder={t('roadshow.form.presenterPlaceholder')}
      loading={members.loading}
      disabled={disabled || !achievementId}
      options={options}
      notFoundContent={achievementId ? t('roadshow.form.presenterNone') : t('roadshow.form.presenterPickFirst')}
      data-testid={`presenter-${index}`}
    />
  );
}
