import { useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Row,
  Select,
  TreeSelect,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import {
  ACHIEVEMENT_SOURCES,
  achievementCreateSchema,
  demandCreateSchema,
} from '@common/schemas/listings.js';
import { useAuth } from '../../auth';
import { api, ApiError, applyFieldErrors, describeError, type FieldError } from '../../../shared/api';
import { useLocale, useT } from '../../../shared/i18n';
import { activeZones } from '../../../shared/taxonomy';
import { industryTree, useTaxonomyNames } from '../../../shared/taxonomyNames';
import { useApiData } from '../../../shared/useApiData';
import { zodFieldErrors, zodRule } from '../../../shared/zodRules';
import { Forbidden, PageLoading } from '../../../shared/components/StatusPages';
import { LinkButton } from '../../../shared/components/LinkButton';
import type { PageProps } from '../../../shared/navigation';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { UploadField, isUploading } from '../../../shared/components/UploadField';
import { StatusTag } from '../components';
import { KeywordSuggestions } from './KeywordSuggestions';
import { fieldLabel } from '../fields';
import { sourceName, statusName } from '../format';
import { KIND, canEdit, detailPath, myPath } from '../kinds';
import type { Kind, Listing } from '../types';
import { type FormValues, A, D, IP, MAX_ATTACHMENTS, toFormErrors, toPayload, toFormValues, changedFields, wanRule } from './listingFormValues';

function Section({ title, children, extra }: { title: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <Card title={title} size="small" extra={extra} styles={{ header: { background: '#fafafa' } }}>
      {children}
    </Card>
  );
}

function ListingForm({ kind, listing }: { kind: Kind; listing: Listing | null }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { user } = useAuth();
  const { taxonomy, names, loading: taxonomyLoading } = useTaxonomyNames();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState<'draft' | 'submit' | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const initialValues = useMemo(() => toFormValues(kind, listing, user), [kind, listing, user]);
  const published = listing?.status === 'published';
  const cityCode = Form.useWatch('cityCode', form);
  const negotiable = Form.useWatch('negotiable', form) ?? false;
  const budgetNegotiable = Form.useWatch('budgetNegotiable', form) ?? false;
  const label = (field: string) => fieldLabel(t, kind, field);

  const industryData = useMemo(() => industryTree(taxonomy, locale), [taxonomy, locale]);
  const cityOptions = (taxonomy?.cities ?? []).map((c) => ({ value: c.code, label: t.locale === 'en' && c.nameEn ? c.nameEn : c.name }));
  const zoneOptions = activeZones(taxonomy)
    .filter((z) => !cityCode || z.cityCode === cityCode)
    .map((z) => ({ value: z.id, label: z.name }));
  const modeOptions = (taxonomy?.transferModes ?? []).map((m) => ({ value: m.code, label: names.mode(m.code) }));
  const trlOptions = (taxonomy?.maturityLevels ?? []).map((m) => ({ value: m.trl, label: `${names.trl(m.trl)} — ${names.trlName(m.trl)}` }));
  const ipTypeOptions = (taxonomy?.ipTypes ?? []).map((m) => ({ value: m.code, label: names.ipType(m.code) }));
  const ipStatusOptions = (taxonomy?.ipStatuses ?? []).map((m) => ({ value: m.code, label: names.ipStatus(m.code) }));

  const showErrors = (fields: readonly FieldError[]) => {
    const { matched, rest } = toFormErrors(kind, fields);
    applyFieldErrors(form, matched);
    setFormError(rest.length ? rest.join(t('common.listSeparator')) : matched.length ? t('form.fixErrors') : null);
    const first = matched[0];
    if (first) form.scrollToField(first.path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)), { block: 'center' });
  };

  const save = async (submit: boolean) => {
    setFormError(null);
    let values: FormValues;
    try {
      await form.validateFields();
      values = form.getFieldsValue(true) as FormValues;
    } catch (caught) {
      const first = (caught as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center' });
      setFormError(t('form.fixErrors'));
      return;
    }
    if (isUploading(values.attachments)) {
      setFormError(t('form.stillUploading'));
      return;
    }
    const payload = toPayload(kind, values);
    const schema = kind === 'achievement' ? achievementCreateSchema : demandCreateSchema;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      showErrors(zodFieldErrors(parsed.error));
      return;
    }

    const base = KIND[kind].api;
    setSaving(submit ? 'submit' : 'draft');
    let saved: Listing | null = listing;
    try {
      if (!listing) {
        saved = await api<Listing>(base, { method: 'POST', body: payload });
      } else {
        const changes = changedFields(toPayload(kind, initialValues), payload);
        if (Object.keys(changes).length) {
          saved = await api<Listing>(`${base}/${encodeURIComponent(listing.id)}`, { method: 'PATCH', body: changes });
        } else if (published || !submit) {
          message.info(t('form.noChanges'));
          setSaving(null);
          return;
        }
      }
    } catch (caught) {
      if (caught instanceof ApiError && caught.fields.length) showErrors(caught.fields);
      else setFormError(describeError(caught, t));
      setSaving(null);
      return;
    }
    if (!saved) return;
    if (published) {
      message.success(t('form.revisionSubmitted'));
      navigate(detailPath(kind, saved.id));
      return;
    }
    if (submit) {
      try {
        await api<Listing>(`${base}/${encodeURIComponent(saved.id)}/submit`, { method: 'POST' });
        message.success(t('form.submitted'));
      } catch (caught) {
        message.error(t('common.withReason', { what: t('form.submitFailed'), reason: describeError(caught, t) }));
      }
    } else {
      message.success(t('form.draftSaved'));
    }
    navigate(detailPath(kind, saved.id));
  };

  const modesField = KIND[kind].modesField;
  const noun = kind === 'achievement' ? t('listing.noun.achievement') : t('listing.noun.demand');

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      disabled={saving !== null}
      onValuesChange={(changed: Partial<FormValues>) => {
        if ('cityCode' in changed) {
          const zone = form.getFieldValue('zoneId') as string | null | undefined;
          if (zone && !activeZones(taxonomy).some((z) => z.id === zone && z.cityCode === changed.cityCode)) form.setFieldValue('zoneId', null);
        }
        if ('negotiable' in changed && changed.negotiable) form.setFields([{ name: 'priceWan', value: null, errors: [] }]);
        if ('budgetNegotiable' in changed && changed.budgetNegotiable) {
          form.setFields([
            { name: 'budgetMinWan', value: null, errors: [] },
            { name: 'budgetMaxWan', value: null, errors: [] },
          ]);
        }
      }}
      scrollToFirstError
      data-testid="listing-form"
    >
      <Flex vertical gap={16}>
        {published && (
          <Alert type="info" showIcon data-testid="revision-notice" title={t('form.publishedNotice', { noun })} description={t('form.publishedNoticeDesc')} />
        )}
        {listing?.revisionStatus === 'pending' && <Alert type="warning" showIcon title={t('form.revisionPendingNotice')} />}
        {listing?.status === 'rejected' && listing.rejectionReason && (
          <Alert type="error" showIcon title={t('detail.banner.rejected')} description={t('detail.banner.rejectedReason', { reason: listing.rejectionReason })} />
        )}

        <Section title={t('form.section.basic')}>
          <Form.Item name="title" label={label('title')} required rules={[zodRule(kind === 'achievement' ? A.title : D.title)]}>
            <Input maxLength={100} showCount placeholder={kind === 'achievement' ? t('form.ph.achievementTitle') : t('form.ph.demandTitle')} />
          </Form.Item>
          <Form.Item name="titleEn" label={label('titleEn')} rules={[zodRule(A.titleEn)]} extra={t('form.extra.titleEn')}>
            <Input maxLength={200} />
          </Form.Item>
          {kind === 'achievement' ? (
            <>
              <Form.Item name="summary" label={label('summary')} required rules={[zodRule(A.summary)]} extra={t('form.extra.summary')}>
                <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('form.ph.summary')} />
              </Form.Item>
              <Form.Item name="summaryEn" label={label('summaryEn')} rules={[zodRule(A.summaryEn)]}>
                <Input.TextArea rows={3} maxLength={1500} showCount />
              </Form.Item>
              <Form.Item name="detail" label={label('detail')} required rules={[zodRule(A.detail)]} extra={t('form.extra.detail')}>
                <Input.TextArea rows={6} maxLength={20000} showCount placeholder={t('form.ph.detail')} />
              </Form.Item>
              <Form.Item name="confidentialDetail" label={label('confidentialDetail')} rules={[zodRule(A.confidentialDetail)]} extra={t('form.extra.confidentialDetail')}>
                <Input.TextArea rows={3} maxLength={20000} />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item name="problem" label={label('problem')} required rules={[zodRule(D.problem)]} extra={t('form.extra.problem')}>
                <Input.TextArea rows={5} maxLength={5000} showCount placeholder={t('form.ph.problem')} />
              </Form.Item>
              <Form.Item name="expectedOutcome" label={label('expectedOutcome')} required rules={[zodRule(D.expectedOutcome)]}>
                <Input.TextArea rows={4} maxLength={3000} showCount placeholder={t('form.ph.expectedOutcome')} />
              </Form.Item>
            </>
          )}
        </Section>

        <Section title={t('form.section.classification')}>
          <Form.Item name="keywords" label={label('keywords')} rules={[zodRule(A.keywords)]} extra={t('form.extra.keywords')}>
            <Select mode="tags" maxCount={8} tokenSeparators={[',', '，', '、', ';', '；']} placeholder={t('form.ph.keywords')} suffixIcon={null} notFoundContent={null} />
          </Form.Item>
          <KeywordSuggestions form={form} kind={kind} />
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="industry" label={label('industry')} required rules={[zodRule(A.industry)]}>
                <TreeSelect
                  treeData={industryData}
                  showSearch={{ treeNodeFilterProp: 'title' }}
                  placeholder={t('form.ph.industry')}
                  loading={taxonomyLoading}
                  styles={{ popup: { root: { maxHeight: 400, overflow: 'auto' } } }}
                />
              </Form.Item>
            </Col>
            {kind === 'achievement' && (
              <Col xs={24} md={12}>
                <Form.Item name="technicalField" label={label('technicalField')} rules={[zodRule(A.technicalField)]}>
                  <Input maxLength={50} placeholder={t('form.ph.technicalField')} />
                </Form.Item>
              </Col>
            )}
          </Row>
          {kind === 'achievement' ? (
            <Form.Item name="trl" label={label('trl')} required rules={[zodRule(A.trl)]} extra={t('form.extra.trl')}>
              <Select options={trlOptions} placeholder={t('form.ph.trl')} loading={taxonomyLoading} />
            </Form.Item>
          ) : (
            <Form.Item name="trlMin" label={label('trlMin')} rules={[zodRule(D.trlMin)]} extra={t('form.extra.trlMin')}>
              <Select options={trlOptions} allowClear placeholder={t('listing.noRequirement')} loading={taxonomyLoading} />
            </Form.Item>
          )}
          <Form.Item name={modesField} label={label(modesField)} required rules={[zodRule(kind === 'achievement' ? A.transferModes : D.cooperationModes)]}>
            <Checkbox.Group options={modeOptions} />
          </Form.Item>
        </Section>

        {kind === 'achievement' && (
          <Section title={label('ipItems')}>
            <Form.List name="ipItems">
              {(fields, { add, remove }) => (
                <Flex vertical gap={8}>
                  {fields.map((field, index) => (
                    <Card key={field.key} size="small" type="inner" title={t('form.ipItem', { n: index + 1 })} extra={
                      <Button type="text" danger size="small" icon={<DeleteOutlined aria-hidden />} aria-label={t('form.ipRemove', { n: index + 1 })} onClick={() => remove(field.name)}>
                        {t('form.remove')}
                      </Button>
                    }>
                      <Row gutter={12}>
                        <Col xs={24} md={7}>
                          <Form.Item name={[field.name, 'type']} label={t('lf.ip.type')} required rules={[zodRule(IP.type)]}>
                            <Select options={ipTypeOptions} placeholder={t('form.ph.select')} />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={7}>
                          <Form.Item name={[field.name, 'number']} label={t('lf.ip.number')} required rules={[zodRule(IP.number)]}>
                            <Input maxLength={50} placeholder={t('form.ph.ipNumber')} />
                          </Form.Item>
                        </Col>
                        <Col xs={12} md={5}>
                          <Form.Item name={[field.name, 'status']} label={t('lf.ip.status')} required rules={[zodRule(IP.status)]}>
                            <Select options={ipStatusOptions} placeholder={t('form.ph.select')} />
                          </Form.Item>
                        </Col>
                        <Col xs={12} md={5}>
                          <Form.Item name={[field.name, 'share']} label={t('lf.ip.share')} rules={[zodRule(IP.share)]}>
                            <InputNumber min={0} max={100} suffix="%" style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                      </Row>
                    </Card>
                  ))}
                  {!fields.length && <Typography.Text type="secondary">{t('form.noIpItems')}</Typography.Text>}
                  <Button type="dashed" icon={<PlusOutlined aria-hidden />} disabled={fields.length >= 20} onClick={() => add({ status: 'granted', share: 100 })}>
                    {t('form.ipAdd')}
                  </Button>
                </Flex>
              )}
            </Form.List>
          </Section>
        )}

        <Section title={kind === 'achievement' ? t('form.section.price') : t('form.section.budget')}>
          {kind === 'achievement' ? (
            <Form.Item label={label('price')} required={!negotiable} extra={t('form.extra.price')}>
              <Flex gap={16} align="center" wrap>
                <Form.Item
                  name="priceWan"
                  noStyle
                  dependencies={['negotiable']}
                  rules={[wanRule(t, label('price'), () => !form.getFieldValue('negotiable'))]}
                >
                  <InputNumber min={0} suffix={t('catalogue.wan')} disabled={negotiable} style={{ width: 220 }} aria-label={label('price')} placeholder={t('form.ph.amount')} />
                </Form.Item>
                <Form.Item name="negotiable" valuePropName="checked" noStyle>
                  <Checkbox>{t('listing.negotiable')}</Checkbox>
                </Form.Item>
              </Flex>
            </Form.Item>
          ) : (
            <>
              <Form.Item label={t('lf.budget')} required={!budgetNegotiable} extra={t('form.extra.budget')}>
                <Flex gap={12} align="center" wrap>
                  <Form.Item
                    name="budgetMinWan"
                    noStyle
                    dependencies={['budgetNegotiable', 'budgetMaxWan']}
                    rules={[
                      wanRule(t, label('budgetMin'), () => false),
                      {
                        validator: async () => {
                          const v = form.getFieldsValue(['budgetMinWan', 'budgetMaxWan', 'budgetNegotiable']) as FormValues;
                          if (!v.budgetNegotiable && (v.budgetMinWan ?? null) === null && (v.budgetMaxWan ?? null) === null) throw new Error(t('form.budgetRequired'));
                        },
                      },
                    ]}
                  >
                    <InputNumber min={0} suffix={t('catalogue.wan')} disabled={budgetNegotiable} style={{ width: 180 }} aria-label={label('budgetMin')} placeholder={t('form.ph.budgetMin')} />
                  </Form.Item>
                  <span aria-hidden>–</span>
                  <Form.Item
                    name="budgetMaxWan"
                    noStyle
                    dependencies={['budgetNegotiable', 'budgetMinWan']}
                    rules={[
                      wanRule(t, label('budgetMax'), () => false),
                      {
                        validator: async (_rule, value: number | null | undefined) => {
                          const min = form.getFieldValue('budgetMinWan') as number | null | undefined;
                          if (value !== null && value !== undefined && min !== null && min !== undefined && min > value) throw new Error(t('form.budgetOrder'));
                        },
                      },
                    ]}
                  >
                    <InputNumber min={0} suffix={t('catalogue.wan')} disabled={budgetNegotiable} style={{ width: 180 }} aria-label={label('budgetMax')} placeholder={t('form.ph.budgetMax')} />
                  </Form.Item>
                  <Form.Item name="budgetNegotiable" valuePropName="checked" noStyle>
                    <Checkbox>{t('listing.negotiable')}</Checkbox>
                  </Form.Item>
                </Flex>
              </Form.Item>
              <Form.Item name="deadline" label={label('deadline')} extra={t('form.extra.deadline')} rules={[zodRule(D.deadline)]}>
                {/* The native date input: the calendar widget alone would add some 40 kB to the antd chunk. */}
                <Input type="date" min={dayjs().format('YYYY-MM-DD')} style={{ width: 220 }} />
              </Form.Item>
            </>
          )}
        </Section>

        <Section title={t('form.section.region')}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="cityCode" label={label('cityCode')} required rules={[zodRule(A.cityCode)]}>
                <Select options={cityOptions} showSearch={{ optionFilterProp: 'label' }} placeholder={t('form.ph.city')} loading={taxonomyLoading} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="zoneId" label={label('zoneId')} rules={[zodRule(A.zoneId)]} extra={t('form.extra.zone')}>
                <Select options={zoneOptions} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('form.ph.zone')} />
              </Form.Item>
            </Col>
          </Row>
          {kind === 'achievement' && (
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="source" label={label('source')} required rules={[zodRule(A.source)]}>
                  <Radio.Group options={ACHIEVEMENT_SOURCES.map((s) => ({ value: s, label: sourceName(t, s) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="registrationNo" label={label('registrationNo')} rules={[zodRule(A.registrationNo)]} extra={t('form.extra.registrationNo')}>
                  <Input maxLength={12} inputMode="numeric" />
                </Form.Item>
              </Col>
            </Row>
          )}
        </Section>

        <Section title={t('form.section.contact')}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="contactName" label={label('contactName')} required rules={[zodRule(A.contactName)]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="contactPhone" label={label('contactPhone')} rules={[zodRule(A.contactPhone)]}>
                <Input maxLength={20} placeholder={t('form.ph.phone')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="contactEmail" label={label('contactEmail')} rules={[zodRule(A.contactEmail)]}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text type="secondary">{t('form.contactHint')}</Typography.Text>
        </Section>

        <Section title={t('form.section.attachments')}>
          <Form.Item name="attachments" label={label('attachments')} extra={t('form.extra.attachments')}>
            <UploadField maxCount={MAX_ATTACHMENTS} label={t('form.upload')} />
          </Form.Item>
        </Section>

        {formError && <Alert type="error" showIcon role="alert" title={formError} data-testid="form-error" />}
        <Flex gap={12} wrap className="gjt-form-actions">
          {published ? (
            <Button type="primary" size="large" loading={saving === 'submit'} onClick={() => void save(true)}>
              {t('form.submitRevision')}
            </Button>
          ) : (
            <>
              <Button type="primary" size="large" loading={saving === 'submit'} onClick={() => void save(true)}>
                {t('form.saveAndSubmit')}
              </Button>
              <Button size="large" loading={saving === 'draft'} onClick={() => void save(false)}>
                {t('form.saveDraft')}
              </Button>
            </>
          )}
          <Button size="large" type="text" disabled={saving !== null} onClick={() => navigate(listing ? detailPath(kind, listing.id) : myPath(kind))}>
            {t('common.cancel')}
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}

const TITLES = { achievement: { new: 'nav.newAchievement', edit: 'page.achievementEdit' }, demand: { new: 'nav.newDemand', edit: 'page.demandEdit' } } as const;

/** `/my/{achievements|demands}/new` and `/my/{…}/:id/edit`. */
export function ListingFormPage({ kind, mode }: { kind: Kind; mode: 'new' | 'edit' }) {
  const t = useT();
  const { id = '' } = useParams();
  const { user } = useAuth();
  const { data: listing, error, reload } = useApiData<Listing>(mode === 'edit' ? `${KIND[kind].api}/${encodeURIComponent(id)}` : null);

  let body: ReactNode;
  if (mode === 'new') body = <ListingForm kind={kind} listing={null} />;
  else if (error !== null) body = <ErrorAlert error={error} onRetry={reload} />;
  else if (!listing) body = <PageLoading />;
  else if (!user || user.organizationId !== listing.ownerOrgId) body = <Forbidden />;
  else if (!canEdit(listing.status)) {
    body = (
      <Result
        status="warning"
        title={listing.status === 'pending' ? t('form.pendingLocked') : t('form.statusLocked', { status: statusName(t, listing.status) })}
        subTitle={listing.status === 'pending' ? t('form.pendingLockedSub') : undefined}
        extra={<LinkButton type="primary" to={detailPath(kind, listing.id)}>{t('form.backToDetail')}</LinkButton>}
      />
    );
  } else body = <ListingForm key={listing.id} kind={kind} listing={listing} />;

  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }}>
      <div>
        <Flex gap={8} align="center">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t(TITLES[kind][mode])}
          </Typography.Title>
          {listing && <StatusTag status={listing.status} />}
        </Flex>
        <Typography.Text type="secondary">{kind === 'achievement' ? t('form.subtitle.achievement') : t('form.subtitle.demand')}</Typography.Text>
      </div>
      {body}
    </Flex>
  );
}

export const NewAchievement = (_props: PageProps) => <ListingFormPage kind="achievement" mode="new" />;
export const EditAchievement = (_props: PageProps) => <ListingFormPage kind="achievement" mode="edit" />;
export const NewDemand = (_props: PageProps) => <ListingFormPage kind="demand" mode="new" />;
export const EditDemand = (_props: PageProps) => <ListingFormPage kind="demand" mode="edit" />;
