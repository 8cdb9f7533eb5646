import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Progress,
  Row,
  Select,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import { EditOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { api, ApiError, describeError } from '../../../shared/api';
import { useT } from '../../../shared/i18n';
import { zoneOptions } from '../../../shared/taxonomy';
import { useTaxonomyNames } from '../../../shared/taxonomyNames';
import { useApiData } from '../../../shared/useApiData';
import type { PageProps } from '../../../shared/navigation';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { FormModal } from '../../../shared/components/FormModal';
import { PageHeader } from '../../../shared/components/PageHeader';
import { YuanInput } from '../../contracts';
import { YearSelect } from '../shared';
import { DeleteButton } from './DeleteButton';
import type { Holiday, SubsidyEstimate, SubsidyRule, TargetsResponse } from '../types';
import { beijingYear, formatYuan } from '../../../shared/format';

// 城市目标

function TargetsTab() {
  const t = useT();
  const { message } = App.useApp();
  const [year, setYear] = useState(() => beijingYear());
  const { data, loading, error, reload, setData } = useApiData<TargetsResponse>('/api/targets', { year });
  const [draft, setDraft] = useState<Record<string, number | null>>({});
  const [saving, setSaving] = useState(false);
  const [newYear, setNewYear] = useState<number | null>(null);

  useEffect(() => {
    if (data) setDraft(Object.fromEntries(data.items.map((i) => [i.cityCode, i.target])));
  }, [data]);

  const years = useMemo(() => [...new Set([...(data?.years ?? []), year, beijingYear()])].sort((a, b) => b - a), [data, year]);
  const dirty = !!data && data.items.some((i) => (draft[i.cityCode] ?? null) !== i.target);

  const save = async () => {
    if (!data) return;
    // The API only sets targets (PUT upserts); a target once set can be changed, e.g. to 0, but not removed.
    const cleared = data.items.filter((i) => i.target !== null && (draft[i.cityCode] ?? null) === null);
    if (cleared.length) {
      message.warning(t('tgt.cannotClear', { cities: cleared.map((i) => i.name).join('、') }));
      return;
    }
    const targets = data.items.flatMap((i) => {
      const v = draft[i.cityCode];
      return v === null || v === undefined ? [] : [{ cityCode: i.cityCode, target: v }];
    });
    if (!targets.length) {
      message.warning(t('tgt.noneEntered'));
      return;
    }
    setSaving(true);
    try {
      const next = await api<TargetsResponse>(`/api/targets/${year}`, { method: 'PUT', body: { targets } });
      setData(next);
      message.success(t('tgt.saved', { year }));
    } catch (caught) {
      message.error(caught instanceof ApiError && caught.fields.length ? caught.fields.map((f) => f.message).join(t('common.listSeparator')) : describeError(caught, t));
    } finally {
      setSaving(false);
    }
  };

  const columns: TableProps<TargetsResponse['items'][number]>['columns'] = [
    { title: t('tgt.col.city'), dataIndex: 'name', key: 'name', width: 140 },
    {
      title: t('tgt.col.target'),
      key: 'target',
      width: 160,
      render: (_, i) => (
        <InputNumber<number>
          min={0}
          max={1_000_000}
          precision={0}
          value={draft[i.cityCode] ?? null}
          onChange={(v) => setDraft({ ...draft, [i.cityCode]: v })}
          placeholder={t('tgt.unset')}
          aria-label={t('tgt.targetAria', { city: i.name })}
          style={{ width: 120 }}
        />
      ),
    },
    { title: t('tgt.col.achieved'), dataIndex: 'achieved', key: 'achieved', width: 100, align: 'right' },
    {
      title: t('tgt.col.progress'),
      key: 'progress',
      render: (_, i) =>
        i.progress === null ? (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ) : (
          <Progress percent={Math.round(i.progress * 1000) / 10} status={i.progress >= 1 ? 'success' : 'normal'} style={{ margin: 0, maxWidth: 320 }} />
        ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap align="center">
        <YearSelect value={year} onChange={setYear} years={years} label={t('tgt.year')} />
        <InputNumber<number> min={2000} max={2100} precision={0} placeholder={t('tgt.newYear')} value={newYear} onChange={setNewYear} aria-label={t('tgt.newYear')} style={{ width: 140 }} />
        <Button
          icon={<PlusOutlined aria-hidden />}
          disabled={!newYear}
          onClick={() => {
            if (newYear) setYear(newYear);
            setNewYear(null);
          }}
        >
          {t('tgt.addYear')}
        </Button>
        <Button type="primary" icon={<SaveOutlined aria-hidden />} loading={saving} disabled={!dirty} onClick={save}>
          {t('tgt.save', { year })}
        </Button>
      </Flex>
      {data && <Typography.Text type="secondary">{t('tgt.rule', { min: formatYuan(t, data.rule.minTechAmount) })}</Typography.Text>}
      {error !== null && !loading ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : (
        <Table
          rowKey="cityCode"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          pagination={false}
          size="small"
          summary={() =>
            data ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t('tgt.total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1}>{data.total.target ?? t('common.none')}</Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {data.total.achieved}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3}>{data.total.progress === null ? t('common.none') : `${Math.round(data.total.progress * 1000) / 10}%`}</Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      )}
    </Flex>
  );
}

// 补助规则

const BENEFICIARIES = ['registrar', 'intermediary', 'enterprise'] as const;
interface RuleValues {
  code?: string;
  name: string;
  beneficiaryType: SubsidyRule['beneficiaryType'];
  base: SubsidyRule['base'];
  ratePct: number;
  cap?: number | null;
  regionCode: string;
  effectiveFrom: Dayjs;
  effectiveTo?: Dayjs | null;
  source?: string | null;
}

const rateText = (rate: number) => (rate < 0.01 ? `${Math.round(rate * 1e7) / 1e4}‰` : `${Math.round(rate * 1e6) / 1e4}%`);

function RuleModal({ rule, open, onClose, onSaved }: { rule: SubsidyRule | null; open: boolean; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleValues>();
  const submit = async (v: RuleValues) => {
    const body = {
      name: v.name.trim(),
      beneficiaryType: v.beneficiaryType,
      base: v.base,
      rate: Math.round(v.ratePct * 1e4) / 1e6,
      cap: v.cap ?? null,
      regionCode: v.regionCode.trim(),
      effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
      effectiveTo: v.effectiveTo ? v.effectiveTo.format('YYYY-MM-DD') : null,
      source: v.source?.trim() || null,
    };
    if (rule) await api(`/api/subsidy-rules/${encodeURIComponent(rule.code)}`, { method: 'PATCH', body });
    else await api('/api/subsidy-rules', { method: 'POST', body: { code: (v.code ?? '').trim(), ...body } });
    message.success(t('sub.ruleSaved', { name: body.name }));
    onSaved();
  };
  return (
    <FormModal
      form={form}
      open={open}
      title={rule ? t('sub.editRule', { name: rule.name }) : t('sub.addRule')}
      width={680}
      initialValues={
        rule
          ? {
              name: rule.name,
              beneficiaryType: rule.beneficiaryType,
              base: rule.base,
              ratePct: Math.round(rule.rate * 1e6) / 1e4,
              cap: rule.cap,
              regionCode: rule.regionCode,
              effectiveFrom: dayjs(rule.effectiveFrom),
              effectiveTo: rule.effectiveTo ? dayjs(rule.effectiveTo) : null,
              source: rule.source,
            }
          : { code: '', name: '', beneficiaryType: 'registrar', base: 'amount', ratePct: 0.1, cap: null, regionCode: '450000', effectiveFrom: dayjs().startOf('year'), effectiveTo: null, source: '' }
      }
      fields={['code', 'name', 'beneficiaryType', 'base', 'cap', 'regionCode', 'effectiveFrom', 'effectiveTo', 'source']}
      alias={{ rate: 'ratePct' }}
      onSubmit={submit}
      onClose={onClose}
    >
      <Row gutter={12}>
        {!rule && (
          <Col xs={24} sm={10}>
            <Form.Item label={t('sub.code')} name="code" rules={[{ required: true, pattern: /^[a-z0-9_]{2,64}$/, message: t('sub.codeRule') }]}>
              <Input maxLength={64} placeholder="gx_registrar_2026" />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} sm={rule ? 24 : 14}>
          <Form.Item label={t('sub.name')} name="name" rules={[{ required: true, whitespace: true, min: 2, max: 200, message: t('sub.nameRule') }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t('sub.beneficiary')} name="beneficiaryType" rules={[{ required: true }]}>
            <Select options={BENEFICIARIES.map((b) => ({ value: b, label: t(`sub.beneficiary.${b}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t('sub.base')} name="base" rules={[{ required: true }]}>
            <Select
              options={[
                { value: 'amount', label: t('contract.field.amount') },
                { value: 'techAmount', label: t('contract.field.techAmount') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t('sub.ratePct')} name="ratePct" extra={t('sub.rateExtra')} rules={[{ required: true, type: 'number', min: 0.0001, max: 100, message: t('sub.rateRule') }]}>
            <InputNumber<number> min={0} max={100} precision={4} suffix="%" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t('sub.cap')} name="cap" extra={t('sub.capExtra')}>
            <YuanInput />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item label={t('sub.region')} name="regionCode" extra={t('sub.regionExtra')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('sub.regionRule') }]}>
            <Input maxLength={6} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item label={t('sub.from')} name="effectiveFrom" rules={[{ required: true, message: t('sub.fromRule') }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item label={t('sub.to')} name="effectiveTo" extra={t('sub.toExtra')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('sub.source')} name="source">
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}

function RulesTab() {
  const t = useT();
  const { names } = useTaxonomyNames();
  const { data, loading, error, reload } = useApiData<{ items: SubsidyRule[] }>('/api/subsidy-rules');
  const [editing, setEditing] = useState<{ rule: SubsidyRule | null } | null>(null);
  const columns: TableProps<SubsidyRule>['columns'] = [
    {
      title: t('sub.name'),
      key: 'name',
      render: (_, r) => (
        <Flex vertical gap={0}>
          <span>{r.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
            {r.code}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('sub.beneficiary'), key: 'b', width: 150, render: (_, r) => <Tag>{t(`sub.beneficiary.${r.beneficiaryType}`)}</Tag> },
    { title: t('sub.rate'), key: 'rate', width: 150, render: (_, r) => `${r.base === 'amount' ? t('contract.field.amount') : t('contract.field.techAmount')} × ${rateText(r.rate)}` },
    { title: t('sub.cap'), key: 'cap', width: 130, render: (_, r) => (r.cap === null ? t('sub.noCap') : formatYuan(t, r.cap)) },
    { title: t('sub.region'), key: 'region', width: 120, render: (_, r) => (r.regionCode === '450000' ? t('sub.allGuangxi') : names.city(r.regionCode) || r.regionCode) },
    { title: t('sub.period'), key: 'period', width: 200, render: (_, r) => `${r.effectiveFrom} ~ ${r.effectiveTo ?? t('sub.open')}` },
    {
      title: t('contract.col.actions'),
      key: 'actions',
      width: 150,
      render: (_, r) => (
        <Flex gap={4}>
          <Button size="small" type="link" icon={<EditOutlined aria-hidden />} onClick={() => setEditing({ rule: r })}>
            {t('zadmin.edit')}
          </Button>
          <DeleteButton path={`/api/subsidy-rules/${encodeURIComponent(r.code)}`} confirm={t('sub.deleteConfirm', { name: r.name })} done={t('sub.ruleDeleted', { name: r.name })} onDeleted={reload} />
        </Flex>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" gap={12} wrap>
        <Typography.Text type="secondary">{t('sub.rulesHint')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing({ rule: null })}>
          {t('sub.addRule')}
        </Button>
      </Flex>
      {error !== null && !loading ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : (
        <Table rowKey="code" columns={columns} dataSource={data?.items ?? []} loading={loading} pagination={false} scroll={{ x: 1000 }} locale={{ emptyText: <Empty description={t('sub.noRules')} /> }} />
      )}
      <RuleModal
        rule={editing?.rule ?? null}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          reload();
        }}
      />
    </Flex>
  );
}

// 补助测算

function EstimatesTab() {
  const t = useT();
  const { taxonomy } = useTaxonomyNames();
  const [year, setYear] = useState(() => beijingYear());
  const [zone, setZone] = useState<string | undefined>();
  const [city, setCity] = useState<string | undefined>();
  const { data, loading, error, reload } = useApiData<SubsidyEstimate>('/api/subsidies', { year, zone, city });
  const money = (v: number) => formatYuan(t, v);
  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap>
        <YearSelect value={year} onChange={setYear} />
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('registrar.filter.zone')} aria-label={t('registrar.filter.zone')} value={zone} onChange={setZone} options={zoneOptions(taxonomy)} style={{ width: 240 }} />
        <Select
          allowClear
          placeholder={t('zone.filter.city')}
          aria-label={t('zone.filter.city')}
          value={city}
          onChange={setCity}
          options={(taxonomy?.cities ?? []).map((c) => ({ value: c.code, label: c.name }))}
          style={{ width: 160 }}
        />
      </Flex>
      {error !== null && !loading ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            {(['registrar', 'intermediary', 'enterprise'] as const).map((k) => (
              <Col key={k} xs={12} md={6}>
                <Card size="small" loading={loading && !data}>
                  <Statistic title={t(`sub.beneficiary.${k}`)} value={data ? money(data.totals[k]) : t('common.none')} />
                </Card>
              </Col>
            ))}
            <Col xs={12} md={6}>
              <Card size="small" loading={loading && !data}>
                <Statistic title={t('sub.total')} value={data ? money(data.totals.total) : t('common.none')} styles={{ content: { color: '#1668dc' } }} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('sub.items')}>
            <Table
              rowKey={(i) => `${i.ruleCode}|${i.beneficiary.id ?? i.beneficiary.creditCode}|${i.beneficiary.name}`}
              loading={loading}
              dataSource={data?.items ?? []}
              size="small"
              scroll={{ x: 900 }}
              locale={{ emptyText: <Empty description={t('sub.noItems', { year })} /> }}
              columns={[
                { title: t('sub.beneficiaryName'), key: 'n', render: (_, i) => i.beneficiary.name },
                { title: t('sub.beneficiary'), key: 'b', width: 140, render: (_, i) => <Tag>{t(`sub.beneficiary.${i.beneficiaryType}`)}</Tag> },
                { title: t('sub.ruleName'), key: 'r', render: (_, i) => i.ruleName },
                { title: t('sub.contracts'), dataIndex: 'contracts', key: 'c', width: 90, align: 'right' },
                { title: t('sub.baseAmount'), key: 'ba', width: 170, align: 'right', render: (_, i) => money(i.baseAmount) },
                { title: t('sub.estimate'), key: 'e', width: 160, align: 'right', render: (_, i) => <Typography.Text strong>{money(i.estimate)}</Typography.Text> },
              ]}
            />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('sub.byZone')}>
                <Table rowKey="zoneId" size="small" pagination={false} dataSource={data?.byZone ?? []} columns={[{ title: t('zone.col.name'), dataIndex: 'name' }, { title: t('sub.estimate'), key: 'e', align: 'right', render: (_, r) => money(r.estimate) }]} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('sub.byCity')}>
                <Table rowKey="cityCode" size="small" pagination={false} dataSource={data?.byCity ?? []} columns={[{ title: t('zone.col.city'), dataIndex: 'name' }, { title: t('sub.estimate'), key: 'e', align: 'right', render: (_, r) => money(r.estimate) }]} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('sub.byBroker')}>
            <Table
              rowKey={(r) => `${r.brokerId}|${r.ruleCode}`}
              size="small"
              dataSource={data?.byBroker ?? []}
              columns={[
                { title: t('sub.broker'), dataIndex: 'name' },
                { title: t('sub.agency'), key: 'o', render: (_, r) => r.organizationName ?? t('common.none') },
                { title: t('sub.contracts'), dataIndex: 'contracts', align: 'right', width: 90 },
                { title: t('sub.baseAmount'), key: 'ba', align: 'right', render: (_, r) => money(r.baseAmount) },
                { title: t('sub.estimate'), key: 'e', align: 'right', render: (_, r) => money(r.estimate) },
              ]}
            />
          </Card>
        </>
      )}
    </Flex>
  );
}

// 节假日安排（工作日计算）

function HolidaysTab() {
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

const TAB_KEYS = ['targets', 'rules', 'estimates', 'holidays'] as const;

/** `/admin/targets`: city targets by year, subsidy rules and estimates, and the working-day calendar. */
export default function TargetsPage(_props: PageProps) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = (TAB_KEYS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as (typeof TAB_KEYS)[number]) : 'targets';
  return (
    <div>
      <PageHeader title={t('nav.adminTargets')} subtitle={t('tgt.subtitle')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'targets' ? {} : { tab: key }, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'targets', label: t('tgt.tab.targets'), children: <TargetsTab /> },
            { key: 'rules', label: t('tgt.tab.rules'), children: <RulesTab /> },
            { key: 'estimates', label: t('tgt.tab.estimates'), children: <EstimatesTab /> },
            { key: 'holidays', label: t('tgt.tab.holidays'), children: <HolidaysTab /> },
          ]}
        />
      </Card>
    </div>
  );
}
