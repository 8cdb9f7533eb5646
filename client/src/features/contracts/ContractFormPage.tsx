import { useMemo, useRef, useState } from 'react';
import { Alert, App, AutoComplete, Button, Card, Col, DatePicker, Flex, Form, Input, Radio, Row, Select, Typography, type UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import { creditCodeSchema, regionCodeSchema } from '@common/schemas/auth.js';
import { useAuth, type User } from '../auth';
import { api, ApiError, applyFieldErrors, describeError } from '../../shared/api';
import { useT, type Translate } from '../../shared/i18n';
import { zoneOptions } from '../../shared/taxonomy';
import { zodRule } from '../../shared/zodRules';
import type { UploadedFile } from '../../shared/upload';
import { PageLoading } from '../../shared/components/StatusPages';
import { useApiData } from '../../shared/useApiData';
import { LinkButton } from '../../shared/components/LinkButton';
import type { PageProps } from '../../shared/navigation';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { UploadField, isUploading, toUploadFile, uploadedIds } from '../../shared/components/UploadField';
import { YuanInput, techAmountRules } from './amountFields';
import { ContractStatusTag, PageHeader, useContractTypeNames } from './components';
import { beijingToday, entityTypeName, formatWan, newIdempotencyKey } from './format';
import { ListingSelect, OrgSelect, type OrgOption } from './pickers';
import { ENTITY_TYPES, type Contract, type ContractDetail, type ContractInput, type EntityType, type Party, type PartyInput } from './types';

type Side = 'seller' | 'buyer';
interface PartyValues {
  mode: 'platform' | 'outside';
  organizationId?: string | null;
  name?: string;
  creditCode?: string;
  regionCode?: string;
  entityType?: EntityType;
}
interface FormValues {
  name?: string;
  type?: string;
  subtype?: string;
  seller: PartyValues;
  buyer: PartyValues;
  amount?: number | null;
  techAmount?: number | null;
  signedAt?: Dayjs | null;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
  zoneId?: string;
  technicalField?: string;
  paymentTerms?: string;
  achievementId?: string | null;
  demandId?: string | null;
  attachments?: UploadFile<UploadedFile>[];
  resubmitNote?: string;
}

/** Every path the form renders, so a server error lands under its field. */
const PARTY_FIELDS = ['mode', 'organizationId', 'name', 'creditCode', 'regionCode', 'entityType'];
const KNOWN_FIELDS = [
  'name',
  'type',
  'subtype',
  ...(['seller', 'buyer'] as const).flatMap((side) => PARTY_FIELDS.map((f) => `${side}.${f}`)),
  'amount',
  'techAmount',
  'signedAt',
  'validFrom',
  'validTo',
  'zoneId',
  'technicalField',
  'paymentTerms',
  'achievementId',
  'demandId',
  'attachments',
];
const ALIAS = { seller: 'seller.mode', buyer: 'buyer.mode', brokerId: 'seller.mode' };
const MAX_CONTRACT_FILES = 20;
/** The server's limit for either sum. */
const MAX_AMOUNT = 999_999_999_999.99;

const ORG_ENTITY: Record<string, EntityType> = { university: 'university', institute: 'institute', enterprise: 'enterprise' };
const blank = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v.trim());
const day = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : undefined);

function partyPayload(p: PartyValues): PartyInput {
  if (p.mode === 'platform') return { organizationId: p.organizationId ?? '' };
  return { name: (p.name ?? '').trim(), creditCode: (p.creditCode ?? '').trim().toUpperCase(), regionCode: (p.regionCode ?? '').trim(), entityType: p.entityType as EntityType };
}

function toPayload(v: FormValues): ContractInput {
  return {
    name: (v.name ?? '').trim(),
    type: v.type ?? '',
    subtype: v.subtype ?? '',
    seller: partyPayload(v.seller),
    buyer: partyPayload(v.buyer),
    amount: v.amount ?? 0,
    techAmount: v.techAmount ?? 0,
    signedAt: day(v.signedAt) ?? '',
    validFrom: day(v.validFrom) ?? '',
    validTo: day(v.validTo) ?? '',
    zoneId: v.zoneId ?? '',
    technicalField: blank(v.technicalField),
    paymentTerms: blank(v.paymentTerms),
    achievementId: v.achievementId ?? null,
    demandId: v.demandId ?? null,
    attachments: uploadedIds(v.attachments),
  };
}

function partyValues(p: Party): PartyValues {
  return p.organizationId
    ? { mode: 'platform', organizationId: p.organizationId }
    : { mode: 'outside', name: p.name, creditCode: p.creditCode, regionCode: p.regionCode, entityType: p.entityType };
}

/** A new form: the user's own organization on its natural side (enterprise buys, supplier sells). */
function initialFor(user: User): FormValues {
  const own: PartyValues = { mode: 'platform', organizationId: user.organizationId };
  const outside: PartyValues = { mode: 'outside' };
  const sells = user.roles.includes('supplier') && !user.roles.includes('enterprise');
  const brokerOnly = user.roles.includes('broker') && !user.roles.includes('supplier') && !user.roles.includes('enterprise');
  return {
    seller: brokerOnly ? { mode: 'platform' } : sells ? own : outside,
    buyer: brokerOnly ? { mode: 'platform' } : sells ? outside : own,
    zoneId: user.zoneId ?? undefined,
    attachments: [],
  };
}

function PartySection({ side, known }: { side: Side; known: OrgOption[] }) {
  const t = useT();
  const sideLabel = side === 'seller' ? t('contract.sellerShort') : t('contract.buyerShort');
  const cityOptions = useCityOptions();
  return (
    <Card
      size="small"
      title={side === 'seller' ? t('contract.field.sellerLong') : t('contract.field.buyerLong')}
      data-testid={`party-${side}`}
      style={{ height: '100%' }}
    >
      <Form.Item name={[side, 'mode']} style={{ marginBottom: 12 }}>
        <Radio.Group
          optionType="button"
          aria-label={t('contract.party.modeAria', { side: sideLabel })}
          options={[
            { value: 'platform', label: t('contract.party.platform') },
            { value: 'outside', label: t('contract.party.outside') },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={[[side, 'mode']]}>
        {({ getFieldValue }) =>
          getFieldValue([side, 'mode']) === 'platform' ? (
            <Form.Item
              label={t('contract.party.org', { side: sideLabel })}
              name={[side, 'organizationId']}
              rules={[{ required: true, message: t('contract.party.orgRequired') }]}
              extra={t('contract.party.orgExtra')}
            >
              <OrgSelect known={known} />
            </Form.Item>
          ) : (
            <>
              <Form.Item
                label={t('contract.party.nameOf', { side: sideLabel })}
                name={[side, 'name']}
                rules={[
                  { required: true, whitespace: true, message: t('contract.party.nameRequired') },
                  { min: 2, max: 100, message: t('contract.party.nameLength') },
                ]}
              >
                <Input maxLength={100} placeholder={t('contract.party.namePlaceholder')} />
              </Form.Item>
              <Form.Item
                label={t('contract.party.creditCodeOf', { side: sideLabel })}
                name={[side, 'creditCode']}
                required
                rules={[zodRule(creditCodeSchema)]}
                normalize={(v: string) => v?.toUpperCase()}
              >
                <Input maxLength={18} placeholder={t('register.creditCodePlaceholder')} style={{ fontFamily: 'monospace' }} />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item
                    label={t('contract.party.regionCodeOf', { side: sideLabel })}
                    name={[side, 'regionCode']}
                    required
                    rules={[zodRule(regionCodeSchema)]}
                    extra={t('contract.party.regionExtra')}
                  >
                    <AutoComplete
                      options={cityOptions}
                      placeholder={t('register.regionCodePlaceholder')}
                      showSearch={{ filterOption: (input, option) => !!option && String(option.label).includes(input.trim()) }}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item label={t('contract.party.entityTypeOf', { side: sideLabel })} name={[side, 'entityType']} rules={[{ required: true, message: t('contract.party.entityRequired') }]}>
                    <Select placeholder={t('contract.party.entityPlaceholder')} options={ENTITY_TYPES.map((e) => ({ value: e, label: entityTypeName(t, e) }))} />
                  </Form.Item>
                </Col>
              </Row>
            </>
          )
        }
      </Form.Item>
    </Card>
  );
}

function useCityOptions() {
  const { taxonomy } = useContractTypeNames();
  return useMemo(() => (taxonomy?.cities ?? []).map((c) => ({ value: c.code, label: `${c.name}（${c.code}）` })), [taxonomy]);
}

const yuanHint = (t: Translate, v: number | null | undefined) => (typeof v === 'number' && v >= 10000 && t.locale === 'zh' ? `≈ ${formatWan(t, v, 4)}` : undefined);

function ContractForm({ user, contract }: { user: User; contract: ContractDetail | null }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const { taxonomy, names, typeOptions, subtypeOptions } = useContractTypeNames();
  // One key per form: a double click or a retry after a lost answer never creates a second contract.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const busy = useRef(false);
  const [saving, setSaving] = useState<null | 'save' | 'resubmit'>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const type = Form.useWatch('type', form);
  const amount = Form.useWatch('amount', form);
  const techAmount = Form.useWatch('techAmount', form);
  const attachments = Form.useWatch('attachments', form);
  const zoneId = Form.useWatch('zoneId', form);
  const editing = contract !== null;
  const correcting = contract?.status === 'needs_correction';

  const known: OrgOption[] = useMemo(() => {
    // Contract pages are for parties, and party roles take effect only with an organization.
    const own = user.organization;
    const list: OrgOption[] = own ? [{ id: own.id, name: own.name, type: own.type }] : [];
    for (const p of contract ? [contract.seller, contract.buyer] : []) {
      if (p.organizationId && p.organizationId !== own?.id) {
        list.push({ id: p.organizationId, name: p.name, type: Object.entries(ORG_ENTITY).find(([, e]) => e === p.entityType)?.[0] ?? 'enterprise', regionCode: p.regionCode });
      }
    }
    return list;
  }, [user, contract]);

  const initialValues = useMemo<FormValues>(() => {
    if (!contract) return initialFor(user);
    return {
      name: contract.name,
      type: contract.type,
      subtype: contract.subtype,
      seller: partyValues(contract.seller),
      buyer: partyValues(contract.buyer),
      amount: contract.amount,
      techAmount: contract.techAmount,
      signedAt: dayjs(contract.signedAt),
      validFrom: dayjs(contract.validFrom),
      validTo: dayjs(contract.validTo),
      zoneId: contract.zoneId,
      technicalField: contract.technicalField ?? undefined,
      paymentTerms: contract.paymentTerms ?? undefined,
      achievementId: contract.achievementId,
      demandId: contract.demandId,
      attachments: contract.attachments.map(toUploadFile),
    };
  }, [contract, user]);

  const industries = useMemo(
    () => (taxonomy?.industries ?? []).filter((i) => i.parent !== null).map((i) => ({ value: i.name, label: i.name })),
    [taxonomy],
  );

  const showError = (caught: unknown) => {
    if (caught instanceof ApiError && caught.fields.length) {
      const unmatched = applyFieldErrors(form, caught.fields.map((f) => ({ ...f, path: f.path.startsWith('attachments') ? 'attachments' : f.path })), { known: KNOWN_FIELDS, alias: ALIAS });
      setFormError(unmatched.length ? unmatched.join(t('common.listSeparator')) : caught.message);
      const first = caught.fields[0]?.path;
      if (first) form.scrollToField((ALIAS as Record<string, string>)[first]?.split('.') ?? first.split('.'), { block: 'center' });
    } else {
      setFormError(describeError(caught, t));
    }
  };

  const submit = async (values: FormValues, resubmit: boolean) => {
    if (busy.current) return;
    if (isUploading(values.attachments)) {
      message.warning(t('contract.waitUpload'));
      return;
    }
    busy.current = true;
    setSaving(resubmit ? 'resubmit' : 'save');
    setFormError(null);
    try {
      const payload = toPayload(values);
      let saved: Contract;
      if (contract) {
        saved = await api<Contract>(`/api/contracts/${encodeURIComponent(contract.id)}`, { method: 'PATCH', body: payload });
        if (resubmit) {
          const note = blank(values.resubmitNote);
          saved = await api<Contract>(`/api/contracts/${encodeURIComponent(contract.id)}/resubmit`, { method: 'POST', body: note ? { note } : {} });
          message.success(t('contract.resubmitted'));
        } else message.success(t('contract.saved'));
      } else {
        saved = await api<Contract>('/api/contracts', { method: 'POST', body: payload, headers: { 'Idempotency-Key': idempotencyKey } });
        message.success(t('contract.submitted'));
      }
      navigate(`/contracts/${encodeURIComponent(saved.id)}`, { replace: true });
    } catch (caught) {
      showError(caught);
    } finally {
      busy.current = false;
      setSaving(null);
    }
  };

  const onFinish = (values: FormValues) => {
    if (!editing && typeof values.amount === 'number' && values.amount >= 5_000_000) {
      modal.confirm({
        title: t('contract.expertConfirmTitle'),
        content: t('contract.expertConfirm'),
        okText: t('contract.submit'),
        cancelText: t('common.cancel'),
        onOk: () => submit(values, false),
      });
      return;
    }
    void submit(values, false);
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      onFinishFailed={({ errorFields }) => errorFields[0] && form.scrollToField(errorFields[0].name, { block: 'center' })}
      onValuesChange={(changed: Partial<FormValues>) => {
        if ('type' in changed) form.setFieldValue('subtype', undefined);
        if (formError) setFormError(null);
      }}
      scrollToFirstError={false}
      requiredMark
    >
      {contract?.status === 'needs_correction' && contract.decisionNote && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('contract.correctionAsked')} description={contract.decisionNote} />
      )}
      <Flex vertical gap={16}>
        <Card title={t('contract.section.basic')}>
          <Form.Item
            label={t('contract.field.name')}
            name="name"
            rules={[
              { required: true, whitespace: true, message: t('contract.nameRequired') },
              { min: 2, max: 200, message: t('contract.nameLength') },
            ]}
          >
            <Input maxLength={200} placeholder={t('contract.namePlaceholder')} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label={t('contract.field.type')} name="type" rules={[{ required: true, message: t('contract.typeRequired') }]}>
                <Select placeholder={t('contract.typePlaceholder')} options={typeOptions} loading={!taxonomy} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('contract.field.subtype')} name="subtype" rules={[{ required: true, message: t('contract.subtypeRequired') }]}>
                <Select placeholder={type ? t('contract.subtypePlaceholder') : t('contract.subtypeFirst')} disabled={!type} options={subtypeOptions(type)} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label={t('contract.field.zone')} name="zoneId" rules={[{ required: true, message: t('contract.zoneRequired') }]} extra={t('contract.zoneExtra')}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('contract.zonePlaceholder')}
                  options={zoneOptions(taxonomy)}
                  loading={!taxonomy}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('contract.field.technicalField')} name="technicalField" rules={[{ max: 100, message: t('contract.fieldTooLong', { n: 100 }) }]}>
                <AutoComplete
                  options={industries}
                  placeholder={t('contract.technicalFieldPlaceholder')}
                  showSearch={{ filterOption: (input, option) => !!option && String(option.value).includes(input.trim()) }}
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={t('contract.section.parties')}>
          <Typography.Paragraph type="secondary">{t('contract.partiesHint')}</Typography.Paragraph>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <PartySection side="seller" known={known} />
            </Col>
            <Col xs={24} lg={12}>
              <PartySection side="buyer" known={known} />
            </Col>
          </Row>
        </Card>

        <Card title={t('contract.section.money')}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                label={t('contract.field.amount')}
                name="amount"
                rules={[
                  { required: true, message: t('contract.amountRequired') },
                  { type: 'number', min: 0.01, message: t('contract.amountPositive') },
                ]}
                extra={yuanHint(t, amount) ?? t('contract.amountExtra')}
              >
                <YuanInput max={MAX_AMOUNT} step={10000} placeholder="0.00" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                label={t('contract.field.techAmount')}
                name="techAmount"
                dependencies={['amount']}
                rules={techAmountRules(t)}
                extra={yuanHint(t, techAmount) ?? t('contract.techAmountExtra')}
              >
                <YuanInput max={MAX_AMOUNT} step={10000} placeholder="0.00" />
              </Form.Item>
            </Col>
          </Row>
          {typeof amount === 'number' && amount >= 5_000_000 && <Alert type="info" showIcon title={t('contract.expertNotice')} style={{ marginBottom: 16 }} />}
          <Form.Item label={t('contract.field.paymentTerms')} name="paymentTerms" rules={[{ max: 1000, message: t('contract.fieldTooLong', { n: 1000 }) }]}>
            <Input.TextArea rows={2} maxLength={1000} showCount placeholder={t('contract.paymentPlaceholder')} />
          </Form.Item>
        </Card>

        <Card title={t('contract.section.dates')}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                label={t('contract.field.signedAt')}
                name="signedAt"
                dependencies={['validTo']}
                rules={[
                  { required: true, message: t('contract.signedRequired') },
                  ({ getFieldValue }) => ({
                    validator: async (_rule, value: Dayjs | null | undefined) => {
                      const to = getFieldValue('validTo') as Dayjs | null | undefined;
                      if (value && day(value)! > beijingToday()) throw new Error(t('contract.signedFuture'));
                      if (value && to && value.isAfter(to, 'day')) throw new Error(t('contract.signedAfterEnd'));
                    },
                  }),
                ]}
              >
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > beijingToday()} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={t('contract.field.validFrom')} name="validFrom" rules={[{ required: true, message: t('contract.validFromRequired') }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                label={t('contract.field.validTo')}
                name="validTo"
                dependencies={['validFrom']}
                rules={[
                  { required: true, message: t('contract.validToRequired') },
                  ({ getFieldValue }) => ({
                    validator: async (_rule, value: Dayjs | null | undefined) => {
                      const from = getFieldValue('validFrom') as Dayjs | null | undefined;
                      if (value && from && value.isBefore(from, 'day')) throw new Error(t('contract.validToBeforeFrom'));
                    },
                  }),
                ]}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={t('contract.section.links')}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label={t('contract.field.achievement')} name="achievementId" extra={t('contract.achievementExtra')}>
                <ListingSelect kind="achievements" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('contract.field.demand')} name="demandId">
                <ListingSelect kind="demands" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={t('contract.field.attachments')} name="attachments" valuePropName="value" extra={t('contract.attachmentsExtra')}>
            <UploadField maxCount={MAX_CONTRACT_FILES} label={t('contract.upload')} />
          </Form.Item>
          {correcting && (
            <Form.Item label={t('contract.resubmitNote')} name="resubmitNote" rules={[{ max: 2000, message: t('contract.fieldTooLong', { n: 2000 }) }]}>
              <Input.TextArea rows={2} maxLength={2000} placeholder={t('contract.resubmitNotePlaceholder')} />
            </Form.Item>
          )}
        </Card>

        {formError && <Alert type="error" showIcon role="alert" title={formError} data-testid="form-error" />}
        <Flex gap={12} wrap justify="flex-end">
          <Button onClick={() => navigate(contract ? `/contracts/${encodeURIComponent(contract.id)}` : '/contracts')}>{t('common.cancel')}</Button>
          {correcting ? (
            <>
              <Button htmlType="submit" loading={saving === 'save'} disabled={saving !== null || isUploading(attachments)}>
                {t('contract.saveOnly')}
              </Button>
              <Button
                type="primary"
                loading={saving === 'resubmit'}
                disabled={saving !== null || isUploading(attachments)}
                onClick={() => form.validateFields().then((values) => submit({ ...form.getFieldsValue(true), ...values }, true), () => undefined)}
              >
                {t('contract.saveAndResubmit')}
              </Button>
            </>
          ) : (
            <Button type="primary" htmlType="submit" loading={saving !== null} disabled={isUploading(attachments)}>
              {editing ? t('contract.saveChanges') : t('contract.submit')}
            </Button>
          )}
        </Flex>
        <Typography.Text type="secondary" style={{ textAlign: 'right' }}>
          {editing ? t('contract.editHint') : t('contract.submitHint', { zone: names.zone(zoneId) || t('contract.zoneUnset') })}
        </Typography.Text>
      </Flex>
    </Form>
  );
}

/** `/contracts/new`: submit a contract for 认定登记. */
export function NewContractPage(_props: PageProps) {
  const t = useT();
  const { user } = useAuth();
  if (!user) return <PageLoading />;
  return (
    <div style={{ maxWidth: 1080 }}>
      <PageHeader title={t('page.contractNew')} subtitle={t('contract.form.subtitle')} />
      <ContractForm user={user} contract={null} />
    </div>
  );
}

/** `/contracts/:id/edit`: the submitting side corrects a contract that waits for (or was sent back by) the registrar. */
export function EditContractPage(_props: PageProps) {
  const t = useT();
  const { user } = useAuth();
  const { id = '' } = useParams();
  const { data: contract, loading, error, reload } = useApiData<ContractDetail>(`/api/contracts/${encodeURIComponent(id)}`);

  if (!user) return <PageLoading />;
  if (error !== null && !loading) return <ErrorAlert error={error} onRetry={reload} />;
  if (!contract || loading) return <PageLoading />;
  if (contract.status !== 'submitted' && contract.status !== 'needs_correction') {
    return (
      <Alert
        type="info"
        showIcon
        title={t('contract.notEditable')}
        description={<ContractStatusTag status={contract.status} />}
        action={<LinkButton to={`/contracts/${encodeURIComponent(contract.id)}`}>{t('contract.backToDetail')}</LinkButton>}
      />
    );
  }
  return (
    <div style={{ maxWidth: 1080 }}>
      <PageHeader title={t('page.contractEdit')} subtitle={contract.name} tags={<ContractStatusTag status={contract.status} />} />
      <ContractForm key={contract.id} user={user} contract={contract} />
    </div>
  );
}
