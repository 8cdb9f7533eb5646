import { useMemo, useRef, useState } from 'react';
import { Alert, App, AutoComplete, Button, Card, Col, DatePicker, Descriptions, Flex, Form, Input, Modal, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import { useAuth, type User } from '../auth';
import { api, ApiError, applyFieldErrors, describeError } from '../../shared/api';
import { useT, type Translate } from '../../shared/i18n';
import { zoneOptions } from '../../shared/taxonomy';
import { PageLoading } from '../../shared/components/StatusPages';
import { useApiData } from '../../shared/useApiData';
import { LinkButton } from '../../shared/components/LinkButton';
import type { PageProps } from '../../shared/navigation';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { UploadField, isUploading, toUploadFile, uploadedIds } from '../../shared/components/UploadField';
import { YuanInput, techAmountRules } from './amountFields';
import { ContractStatusTag, useContractTypeNames } from './components';
import { PageHeader } from '../../shared/components/PageHeader';
import { countryLabel, newIdempotencyKey, statusName } from './format';
import { ListingSelect, type OrgOption } from './pickers';
import type { Contract, ContractDetail, ContractInput } from './types';
import { beijingToday, formatWan, formatYuan } from '../../shared/format';
import { type PartyValues, type FormValues, KNOWN_FIELDS, ALIAS, MAX_CONTRACT_FILES, MAX_AMOUNT, ORG_ENTITY, blank, day, toPayload, partyValues, initialFor } from './contractFormValues';
import { PartySection } from './PartySection';

const yuanHint = (t: Translate, v: number | null | undefined) => (typeof v === 'number' && v >= 10000 && t.locale === 'zh' ? `≈ ${formatWan(t, v, 4)}` : undefined);

function ContractForm({ user, contract }: { user: User; contract: ContractDetail | null }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const { taxonomy, names, typeOptions, subtypeOptions, type: typeName, subtype: subtypeName } = useContractTypeNames();
  // One key per form: a double click or a retry after a lost answer never creates a second contract.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const busy = useRef(false);
  const [saving, setSaving] = useState<null | 'save' | 'resubmit'>(null);
  const [formError, setFormError] = useState<string | null>(null);
  /** The review-and-confirm step of a new submission: the values waiting for the user's confirmation. */
  const [review, setReview] = useState<FormValues | null>(null);
  /** A likely duplicate the server found (409 duplicate_suspected): the values and the existing contract. */
  const [duplicate, setDuplicate] = useState<{ values: FormValues; existing: Contract; message: string } | null>(null);
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
        list.push({ id: p.organizationId, name: p.name, type: Object.entries(ORG_ENTITY).find(([, e]) => e === p.entityType)?.[0] ?? 'enterprise', regionCode: p.regionCode ?? undefined });
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
      zoneId: contract.zoneId ?? undefined,
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

  const submit = async (values: FormValues, resubmit: boolean, confirmDuplicate = false) => {
    if (busy.current) return;
    if (isUploading(values.attachments)) {
      message.warning(t('contract.waitUpload'));
      return;
    }
    busy.current = true;
    setSaving(resubmit ? 'resubmit' : 'save');
    setFormError(null);
    try {
      const payload: ContractInput = { ...toPayload(values), ...(confirmDuplicate ? { confirmDuplicate: true } : {}) };
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
      setReview(null);
      setDuplicate(null);
      navigate(`/contracts/${encodeURIComponent(saved.id)}`, { replace: true });
    } catch (caught) {
      setReview(null);
      if (caught instanceof ApiError && caught.code === 'duplicate_suspected' && caught.details?.existing) {
        setDuplicate({ values, existing: caught.details.existing as Contract, message: caught.message });
        return;
      }
      setDuplicate(null);
      showError(caught);
    } finally {
      busy.current = false;
      setSaving(null);
    }
  };

  // A new submission is reviewed and confirmed first; a correction saves directly.
  const onFinish = (values: FormValues) => {
    if (editing) void submit(values, false);
    else setReview(values);
  };

  const partyLine = (p: PartyValues) => {
    if (p.mode === 'platform') return known.find((o) => o.id === p.organizationId)?.name ?? t('contract.party.platform');
    if (p.mode === 'foreign') return `${p.name ?? ''} · ${countryLabel(t, (p.countryCode ?? '').toUpperCase())}`;
    if (p.mode === 'individual') return `${p.name ?? ''} · ${t('contract.party.individual')}`;
    return `${p.name ?? ''} · ${p.creditCode ?? ''}`;
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      // Enter in a field (a date picker above all) never submits the whole form: only the button does.
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target instanceof HTMLInputElement) e.preventDefault();
      }}
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
              <Form.Item label={t('contract.field.zone')} name="zoneId" extra={t('contract.zoneOptionalExtra')}>
                <Select
                  allowClear
                  data-testid="zone-select"
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('contract.zoneNonePlaceholder')}
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
          {editing ? t('contract.editHint') : t('contract.submitHint', { zone: zoneId ? names.zone(zoneId) : t('contract.noZone') })}
        </Typography.Text>
      </Flex>
      <Modal
        open={review !== null}
        title={t('contract.review.title')}
        okText={t('contract.review.confirm')}
        cancelText={t('contract.review.back')}
        onOk={() => review && submit(review, false)}
        confirmLoading={saving !== null}
        onCancel={() => setReview(null)}
        width={720}
        destroyOnHidden
      >
        {review && (
          <Flex vertical gap={12} data-testid="contract-review">
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t('contract.review.hint')}
            </Typography.Paragraph>
            <Descriptions bordered size="small" column={1}>
              <Descriptions.Item label={t('contract.field.name')}>{review.name}</Descriptions.Item>
              <Descriptions.Item label={t('contract.field.type')}>
                {typeName(review.type ?? '')} · {subtypeName(review.type ?? '', review.subtype ?? '')}
              </Descriptions.Item>
              <Descriptions.Item label={t('contract.field.seller')}>{partyLine(review.seller)}</Descriptions.Item>
              <Descriptions.Item label={t('contract.field.buyer')}>{partyLine(review.buyer)}</Descriptions.Item>
              <Descriptions.Item label={t('contract.field.amount')}>{formatYuan(t, review.amount ?? 0)}</Descriptions.Item>
              <Descriptions.Item label={t('contract.field.techAmount')}>{formatYuan(t, review.techAmount ?? 0)}</Descriptions.Item>
              <Descriptions.Item label={t('contract.field.signedAt')}>{day(review.signedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('contract.field.validity')}>
                {day(review.validFrom)} ~ {day(review.validTo)}
              </Descriptions.Item>
              <Descriptions.Item label={t('contract.field.zone')}>{review.zoneId ? names.zone(review.zoneId) : t('contract.noZone')}</Descriptions.Item>
              <Descriptions.Item label={t('contract.field.attachments')}>{t('contract.review.files', { n: uploadedIds(review.attachments).length })}</Descriptions.Item>
            </Descriptions>
            {typeof review.amount === 'number' && review.amount >= 5_000_000 && <Alert type="info" showIcon title={t('contract.expertConfirmTitle')} description={t('contract.expertConfirm')} />}
          </Flex>
        )}
      </Modal>
      <Modal
        open={duplicate !== null}
        title={t('contract.duplicate.title')}
        okText={t('contract.duplicate.submitAnyway')}
        cancelText={t('contract.review.back')}
        okButtonProps={{ danger: true }}
        onOk={() => duplicate && submit(duplicate.values, false, true)}
        confirmLoading={saving !== null}
        onCancel={() => setDuplicate(null)}
      >
        {duplicate && (
          <Flex vertical gap={8} data-testid="duplicate-warning">
            <Alert type="warning" showIcon title={duplicate.message} />
            <Typography.Text>
              {t('contract.duplicate.existing')}
              <a href={`/contracts/${encodeURIComponent(duplicate.existing.id)}`} target="_blank" rel="noreferrer">
                {duplicate.existing.name}
              </a>
              {' · '}
              {statusName(t, duplicate.existing.status)} · {formatYuan(t, duplicate.existing.amount)} · {duplicate.existing.signedAt}
            </Typography.Text>
            <Typography.Text type="secondary">{t('contract.duplicate.hint')}</Typography.Text>
          </Flex>
        )}
      </Modal>
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
