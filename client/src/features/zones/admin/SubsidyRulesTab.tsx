import { useState } from 'react';
import {
  App,
  Button,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../../shared/api';
import { useT } from '../../../shared/i18n';
import { useTaxonomyNames } from '../../../shared/taxonomyNames';
import { useApiData } from '../../../shared/useApiData';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { FormModal } from '../../../shared/components/FormModal';
import { YuanInput } from '../../contracts';
import { DeleteButton } from './DeleteButton';
import type { SubsidyRule } from '../types';
import { formatYuan } from '../../../shared/format';


/** 补贴规则: the subsidy rules per beneficiary (rate, cap), edited in a modal. */
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

export function SubsidyRulesTab() {
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
