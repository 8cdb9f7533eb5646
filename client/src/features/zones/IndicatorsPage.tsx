import { useMemo, useState } from 'react';
import { Alert, App, AutoComplete, Button, Card, Flex, Form, Input, InputNumber, List, Modal, Popconfirm, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { DeleteOutlined, DownloadOutlined, EditOutlined, FilePdfOutlined, HistoryOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useParams, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth';
import { api, ApiError, describeError } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { LinkButton } from '../../shared/components/LinkButton';
import { NotFound, PageLoading } from '../../shared/components/StatusPages';
import type { PageProps } from '../../shared/navigation';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { FormModal } from '../../shared/components/FormModal';
import { PageHeader } from '../../shared/components/PageHeader';
import { downloadFile } from './download';
import { YearSelect, ZoneStatusTag } from './shared';
import { isTextUnit, type Indicator, type IndicatorsResponse } from './types';
import './zones.css';
import { beijingYear, formatDateTime, formatNumber, formatYuan } from '../../shared/format';
import { managesZone } from '../../shared/policies';

type Row = Indicator & { groupSpan: number };

const UNIT_OPTIONS = ['项', '个', '家', '人', '场', '件', '亿元', '万元', '%', 'text'].map((u) => ({ value: u }));

function ValueCell({ ind }: { ind: Indicator }) {
  const t = useT();
  if (ind.value === null || ind.value === undefined) {
    if (ind.detail && typeof ind.detail.pending === 'string') return <Typography.Text type="secondary">{ind.detail.pending}</Typography.Text>;
    return <Typography.Text type="secondary">{ind.source === 'auto' ? t('common.none') : t('ind.empty')}</Typography.Text>;
  }
  if (typeof ind.value === 'string') {
    return (
      <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3, expandable: 'collapsible' }}>
        {ind.value}
      </Typography.Paragraph>
    );
  }
  const detail = ind.detail ?? {};
  return (
    <Flex vertical gap={0}>
      <Typography.Text strong data-testid={`value-${ind.code}`}>
        {formatNumber(t, ind.value)}
        {!isTextUnit(ind.unit) && <span style={{ fontWeight: 'normal' }}> {ind.unit}</span>}
      </Typography.Text>
      {typeof detail.amountYuan === 'number' && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('ind.detailContracts', { n: Number(detail.contracts ?? 0), amount: formatYuan(t, detail.amountYuan) })}
        </Typography.Text>
      )}
      {typeof detail.byLevel === 'object' && detail.byLevel !== null && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {Object.entries(detail.byLevel as Record<string, number>)
            .map(([level, n]) => `${level} ${n}`)
            .join(' · ')}
        </Typography.Text>
      )}
    </Flex>
  );
}

function HistoryModal({ zoneId, year, ind, onClose }: { zoneId: string; year: number; ind: Indicator | null; onClose: () => void }) {
  const t = useT();
  const { data, loading, error, reload } = useApiData<{ items: { value: number | string | null; note: string; at: string }[] }>(
    ind ? `/api/zones/${encodeURIComponent(zoneId)}/indicators/${encodeURIComponent(ind.code)}/history` : null,
    { year },
  );
  return (
    <Modal open={ind !== null} title={ind ? t('ind.historyTitle', { name: ind.name }) : ''} footer={null} onCancel={onClose} destroyOnHidden>
      {error !== null ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : (
        <List
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: t('ind.noHistory') }}
          renderItem={(h) => (
            <List.Item>
              <Flex vertical gap={2}>
                <Typography.Text strong>{h.value === null ? t('ind.cleared') : typeof h.value === 'number' ? formatNumber(t, h.value) : h.value}</Typography.Text>
                <Typography.Text type="secondary">
                  {formatDateTime(h.at)} · {h.note}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Modal>
  );
}

function CustomModal({ zoneId, open, editing, onClose, onSaved }: { zoneId: string; open: boolean; editing: Indicator | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; unit: string; description?: string }>();
  const submit = async (values: { name: string; unit: string; description?: string }) => {
    const body = { name: values.name.trim(), unit: values.unit.trim(), description: values.description?.trim() || null };
    if (editing) await api(`/api/zones/${encodeURIComponent(zoneId)}/custom-indicators/${encodeURIComponent(editing.code)}`, { method: 'PATCH', body });
    else await api(`/api/zones/${encodeURIComponent(zoneId)}/custom-indicators`, { method: 'POST', body });
    message.success(editing ? t('ind.customUpdated') : t('ind.customAdded'));
    onSaved();
  };
  return (
    <FormModal
      form={form}
      open={open}
      title={editing ? t('ind.customEdit') : t('ind.customAdd')}
      initialValues={editing ? { name: editing.name, unit: editing.unit, description: editing.hint ?? undefined } : { name: '', unit: '项', description: '' }}
      fields={['name', 'unit', 'description']}
      onSubmit={submit}
      onClose={onClose}
    >
      <Form.Item label={t('ind.customName')} name="name" rules={[{ required: true, whitespace: true, min: 2, max: 200, message: t('ind.customNameRule') }]}>
        <Input maxLength={200} placeholder={t('ind.customNamePlaceholder')} />
      </Form.Item>
      <Form.Item label={t('ind.col.unit')} name="unit" rules={[{ required: true, whitespace: true, message: t('ind.customUnitRule') }]} extra={t('ind.customUnitExtra')}>
        <AutoComplete options={UNIT_OPTIONS} />
      </Form.Item>
      <Form.Item label={t('ind.customDescription')} name="description">
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}

/** `/zones/:zoneId/indicators`: the 27 indicators of 附件2 for a year; the zone's admin enters the manual ones. */
export default function IndicatorsPage(_props: PageProps) {
  const t = useT();
  const { message } = App.useApp();
  const { user } = useAuth();
  const { zoneId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const manages = managesZone(user, zoneId);
  // The zone's managers work on this year; everyone else reads the last filed year (reports are filed in January).
  const defaultYear = manages ? beijingYear() : beijingYear() - 1;
  const year = Number(params.get('year')) || defaultYear;
  const { data, loading, error, reload, setData } = useApiData<IndicatorsResponse>(`/api/zones/${encodeURIComponent(zoneId)}/indicators`, { year });

  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<{ value: number | string | null; note: string }>({ value: null, note: '' });
  const [fieldErrors, setFieldErrors] = useState<{ value?: string; note?: string }>({});
  const [saving, setSaving] = useState(false);
  const [history, setHistory] = useState<Indicator | null>(null);
  const [customOpen, setCustomOpen] = useState<{ editing: Indicator | null } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const rows: Row[] = useMemo(() => {
    const list = data?.indicators ?? [];
    return list.map((ind, i) => {
      const first = i === 0 || list[i - 1]!.group !== ind.group;
      let span = 0;
      if (first) for (let j = i; j < list.length && list[j]!.group === ind.group; j++) span++;
      return { ...ind, groupSpan: span };
    });
  }, [data]);

  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return <NotFound />;
  if (error !== null && !loading && !data) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;

  const setYear = (y: number) => {
    setEditing(null);
    const p = new URLSearchParams(params);
    if (y === defaultYear) p.delete('year');
    else p.set('year', String(y));
    setParams(p, { replace: true });
  };

  const startEdit = (ind: Indicator) => {
    setEditing(ind.code);
    setDraft({ value: ind.value, note: ind.note ?? '' });
    setFieldErrors({});
  };

  const saveEdit = async (ind: Indicator) => {
    const note = draft.note.trim();
    const errs: { value?: string; note?: string } = {};
    if (note.length < 2) errs.note = t('ind.noteRequired');
    let value = draft.value;
    if (typeof value === 'string') value = value.trim() === '' ? null : value.trim();
    if (Object.keys(errs).length) {
      setFieldErrors(errs);
      return;
    }
    setSaving(true);
    try {
      const updated = await api<Indicator>(`/api/zones/${encodeURIComponent(zoneId)}/indicators/${encodeURIComponent(ind.code)}`, {
        method: 'PUT',
        query: { year },
        body: { value, note },
      });
      setData((prev) => (prev ? { ...prev, indicators: prev.indicators.map((i) => (i.code === updated.code ? updated : i)) } : prev));
      setEditing(null);
      message.success(t('ind.saved', { name: ind.name }));
    } catch (caught) {
      if (caught instanceof ApiError && caught.fields.length) {
        const next: { value?: string; note?: string } = {};
        for (const f of caught.fields) if (f.path === 'value' || f.path === 'note') next[f.path] = f.message;
        setFieldErrors(next);
        if (!next.value && !next.note) message.error(caught.message);
      } else if (caught instanceof ApiError && caught.status === 409) {
        message.error(caught.message);
        setEditing(null);
        reload();
      } else message.error(describeError(caught, t));
    } finally {
      setSaving(false);
    }
  };

  const download = async (format: 'xlsx' | 'pdf') => {
    setBusy(format);
    try {
      const name = await downloadFile(`/api/zones/${encodeURIComponent(zoneId)}/report?year=${year}&format=${format}`, `${data.zone.name}${year}年度建设报告.${format}`);
      message.success(t('ind.downloaded', { name }));
    } catch (caught) {
      message.error(describeError(caught, t));
    } finally {
      setBusy(null);
    }
  };

  const publish = async () => {
    setBusy('publish');
    try {
      const next = await api<IndicatorsResponse>(`/api/zones/${encodeURIComponent(zoneId)}/report/publish`, { method: 'POST', body: { year } });
      setData(next);
      message.success(t('ind.published', { year }));
    } catch (caught) {
      message.error(describeError(caught, t));
    } finally {
      setBusy(null);
    }
  };

  const removeCustom = async (ind: Indicator) => {
    try {
      await api(`/api/zones/${encodeURIComponent(zoneId)}/custom-indicators/${encodeURIComponent(ind.code)}`, { method: 'DELETE' });
      message.success(t('ind.customRemoved', { name: ind.name }));
      reload();
    } catch (caught) {
      message.error(describeError(caught, t));
    }
  };

  const columns: TableProps<Row>['columns'] = [
    {
      title: t('ind.col.group'),
      dataIndex: 'group',
      key: 'group',
      width: 96,
      render: (_, r) => (t.locale === 'en' && r.groupEn ? r.groupEn : r.group),
      onCell: (r) => ({ rowSpan: r.groupSpan, className: 'gjt-group-cell' }),
    },
    { title: t('ind.col.no'), key: 'no', width: 60, align: 'center', render: (_, r) => (r.custom ? r.code.replace(/^I/, '') : r.no) },
    {
      title: t('ind.col.name'),
      key: 'name',
      width: 300,
      render: (_, r) => (
        <Flex vertical gap={2}>
          <Flex gap={6} wrap align="center">
            <Typography.Text>{t.locale === 'en' && r.nameEn ? r.nameEn : r.name}</Typography.Text>
            {r.custom && <Tag color="gold">{t('ind.customTag')}</Tag>}
          </Flex>
          {r.hint && editing !== r.code && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.hint}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: t('ind.col.unit'), key: 'unit', width: 80, render: (_, r) => (isTextUnit(r.unit) ? t('ind.textUnit') : t.locale === 'en' && r.unitEn ? r.unitEn : r.unit) },
    {
      title: t('ind.col.value'),
      key: 'value',
      width: 340,
      render: (_, r) => {
        if (editing !== r.code)
          return (
            <Flex vertical gap={4}>
              <ValueCell ind={r} />
              {r.note && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('ind.sourceLine', { note: r.note })}
                  {r.updatedAt ? ` · ${t('ind.updatedAt', { at: formatDateTime(r.updatedAt) })}` : ''}
                </Typography.Text>
              )}
            </Flex>
          );
        const text = isTextUnit(r.unit);
        return (
          <Form layout="vertical" component="div" style={{ minWidth: 240 }}>
            <Form.Item
              label={t('ind.valueLabel', { unit: text ? t('ind.textUnit') : r.unit })}
              validateStatus={fieldErrors.value ? 'error' : undefined}
              help={fieldErrors.value ?? r.hint ?? undefined}
              style={{ marginBottom: 8 }}
            >
              {text ? (
                <Input.TextArea
                  rows={4}
                  maxLength={5000}
                  value={typeof draft.value === 'string' ? draft.value : ''}
                  onChange={(e) => setDraft({ ...draft, value: e.target.value })}
                  aria-label={t('ind.valueAria', { name: r.name })}
                />
              ) : (
                <InputNumber<number>
                  style={{ width: '100%' }}
                  value={typeof draft.value === 'number' ? draft.value : null}
                  onChange={(v) => setDraft({ ...draft, value: v })}
                  step={1}
                  aria-label={t('ind.valueAria', { name: r.name })}
                />
              )}
            </Form.Item>
            <Form.Item label={t('ind.noteLabel')} required validateStatus={fieldErrors.note ? 'error' : undefined} help={fieldErrors.note} style={{ marginBottom: 8 }}>
              <Input
                value={draft.note}
                maxLength={1000}
                onChange={(e) => setDraft({ ...draft, note: e.target.value })}
                placeholder={t('ind.notePlaceholder')}
                aria-label={t('ind.noteAria', { name: r.name })}
              />
            </Form.Item>
            <Flex gap={8}>
              <Button type="primary" size="small" loading={saving} onClick={() => void saveEdit(r)}>
                {t('ind.save')}
              </Button>
              <Button size="small" onClick={() => setEditing(null)} disabled={saving}>
                {t('common.cancel')}
              </Button>
            </Flex>
          </Form>
        );
      },
    },
    {
      title: t('ind.col.source'),
      key: 'source',
      width: 90,
      render: (_, r) =>
        r.source === 'auto' ? (
          <Tooltip title={t('ind.autoHint')}>
            <Tag color="blue">{t('ind.auto')}</Tag>
          </Tooltip>
        ) : (
          <Tag>{t('ind.manual')}</Tag>
        ),
    },
  ];
  if (manages) {
    columns.push({
      title: t('contract.col.actions'),
      key: 'actions',
      width: 120,
      render: (_, r) =>
        r.source === 'auto' ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('ind.autoReadonly')}
          </Typography.Text>
        ) : (
          <Flex vertical gap={4} align="flex-start">
            {r.editable && editing !== r.code && (
              <Button type="link" size="small" icon={<EditOutlined aria-hidden />} style={{ padding: 0 }} onClick={() => startEdit(r)} aria-label={t('ind.editAria', { name: r.name })}>
                {t('ind.edit')}
              </Button>
            )}
            <Button type="link" size="small" icon={<HistoryOutlined aria-hidden />} style={{ padding: 0 }} onClick={() => setHistory(r)}>
              {t('ind.history')}
            </Button>
            {r.custom && (
              <>
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setCustomOpen({ editing: r })}>
                  {t('ind.customRename')}
                </Button>
                <Popconfirm title={t('ind.customRemoveConfirm')} okText={t('ind.customRemove')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => removeCustom(r)}>
                  <Button type="link" danger size="small" icon={<DeleteOutlined aria-hidden />} style={{ padding: 0 }}>
                    {t('ind.customRemove')}
                  </Button>
                </Popconfirm>
              </>
            )}
          </Flex>
        ),
    });
  }

  const filled = data.indicators.filter((i) => i.source === 'manual' && i.value !== null).length;
  const manualTotal = data.indicators.filter((i) => i.source === 'manual').length;

  return (
    <div>
      <PageHeader
        title={t('ind.title', { zone: data.zone.name })}
        tags={
          <>
            <ZoneStatusTag status={data.zone.status} />
            {data.published ? (
              <Tag color="green" data-testid="report-published">
                {t('ind.publishedAt', { at: formatDateTime(data.publishedAt) })}
              </Tag>
            ) : (
              <Tag>{t('ind.notPublished')}</Tag>
            )}
          </>
        }
        subtitle={manages ? t('ind.subtitleManager') : t('ind.subtitlePublic')}
        extra={
          <>
            <YearSelect value={year} onChange={setYear} />
            <LinkButton to={`/zones/${encodeURIComponent(zoneId)}?year=${year}`}>{t('zone.dashboard')}</LinkButton>
          </>
        }
      />
      <Flex vertical gap={16}>
        {!manages && (
          <Alert
            type={data.published ? 'info' : 'warning'}
            showIcon
            title={data.published ? t('ind.publicPublished', { year, at: formatDateTime(data.publishedAt) }) : t('ind.publicNotPublished', { year })}
          />
        )}
        {manages && (
          <Card size="small">
            <Flex justify="space-between" align="center" gap={12} wrap>
              <Typography.Text>{t('ind.progress', { filled, total: manualTotal })}</Typography.Text>
              <Flex gap={8} wrap>
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => setCustomOpen({ editing: null })}>
                  {t('ind.customAdd')}
                </Button>
                <Button icon={<DownloadOutlined aria-hidden />} loading={busy === 'xlsx'} onClick={() => void download('xlsx')}>
                  {t('ind.downloadXlsx')}
                </Button>
                <Button icon={<FilePdfOutlined aria-hidden />} loading={busy === 'pdf'} onClick={() => void download('pdf')}>
                  {t('ind.downloadPdf')}
                </Button>
                <Popconfirm title={t('ind.publishConfirm', { year })} okText={t('ind.publish')} cancelText={t('common.cancel')} onConfirm={publish}>
                  <Button type="primary" icon={<SendOutlined aria-hidden />} loading={busy === 'publish'}>
                    {data.published ? t('ind.republish') : t('ind.publish')}
                  </Button>
                </Popconfirm>
              </Flex>
            </Flex>
          </Card>
        )}
        <Card>
          <Table<Row>
            className="gjt-indicator-table"
            rowKey="code"
            columns={columns}
            dataSource={rows}
            loading={loading}
            pagination={false}
            bordered
            size="middle"
            scroll={{ x: manages ? 1080 : 960 }}
            data-testid="indicator-table"
          />
        </Card>
      </Flex>
      <HistoryModal zoneId={zoneId} year={year} ind={history} onClose={() => setHistory(null)} />
      <CustomModal
        zoneId={zoneId}
        open={customOpen !== null}
        editing={customOpen?.editing ?? null}
        onClose={() => setCustomOpen(null)}
        onSaved={() => {
          setCustomOpen(null);
          reload();
        }}
      />
    </div>
  );
}
