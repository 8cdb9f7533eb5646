import { useEffect, useState } from 'react';
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select, Skeleton } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { api, describeError } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { useTaxonomyNames } from '../../shared/taxonomyNames';
import { useFormSave } from '../../shared/useFormSave';
import type { ContractDraft as Draft } from '@common/schemas/deals.js';

interface Values {
  name: string;
  type: string;
  subtype: string;
  techAmount: number;
  signedAt: Dayjs;
  validFrom: Dayjs;
  validTo: Dayjs;
  zoneId?: string;
  technicalField?: string;
  paymentTerms?: string;
}

/** GET /api/deals/:id/contract-draft, completed by a party and submitted to registration (POST /api/contracts). */
export function ContractDraftModal({ dealId, open, onClose }: { dealId: string; open: boolean; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { taxonomy } = useTaxonomyNames();
  const [form] = Form.useForm<Values>();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const type = Form.useWatch('type', form);

  useEffect(() => {
    if (!open) return;
    api<Draft>(`/api/deals/${dealId}/contract-draft`).then(
      (d) => {
        setDraft(d);
        form.setFieldsValue({ ...d, zoneId: d.zoneId ?? undefined, technicalField: d.technicalField ?? undefined, signedAt: dayjs(d.signedAt), validFrom: dayjs(d.validFrom), validTo: dayjs(d.validTo) });
      },
      (caught: unknown) => setLoadError(describeError(caught, t)),
    );
  }, [open, dealId, form, t]);

  const submit = async (v: Values) => {
    if (!draft) return;
    const body = {
      name: v.name,
      type: v.type,
      subtype: v.subtype,
      seller: draft.seller,
      buyer: draft.buyer,
      amount: draft.amount,
      techAmount: v.techAmount,
      signedAt: v.signedAt.format('YYYY-MM-DD'),
      validFrom: v.validFrom.format('YYYY-MM-DD'),
      validTo: v.validTo.format('YYYY-MM-DD'),
      zoneId: v.zoneId,
      technicalField: v.technicalField || null,
      paymentTerms: v.paymentTerms || null,
      dealId: draft.dealId,
      achievementId: draft.achievementId,
      demandId: draft.demandId,
      brokerId: draft.brokerId,
      attachments: [],
    };
    const contract = await api<{ id: string }>('/api/contracts', { method: 'POST', body });
    onClose();
    navigate(`/contracts/${contract.id}`);
  };
  const { save, saving, error: saveError } = useFormSave(form, submit, { fields: ['name', 'type', 'subtype', 'techAmount', 'signedAt', 'validFrom', 'validTo', 'zoneId', 'technicalField', 'paymentTerms'] });
  const error = loadError ?? saveError;

  const subtypes = taxonomy?.contractTypes.find((c) => c.code === type)?.subtypes ?? [];
  return (
    <Modal open={open} title={t('draft.title')} okText={t('draft.submit')} onOk={save} confirmLoading={saving} onCancel={onClose} destroyOnHidden width={720}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {!draft && !error ? (
        <Skeleton active />
      ) : (
        <Form<Values> form={form} layout="vertical" data-testid="contract-draft">
          <Form.Item name="name" label={t('contract.field.name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="type" label={t('contract.field.type')} rules={[{ required: true }]}>
            <Select options={(taxonomy?.contractTypes ?? []).map((c) => ({ value: c.code, label: c.name }))} onChange={() => form.setFieldValue('subtype', undefined)} />
          </Form.Item>
          <Form.Item name="subtype" label={t('contract.field.subtype')} rules={[{ required: true }]}>
            <Select options={subtypes.map((s) => ({ value: s.code, label: s.name }))} />
          </Form.Item>
          <Form.Item label={t('contract.field.amount')}>
            <InputNumber value={draft?.amount} disabled precision={2} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="techAmount" label={t('contract.field.techAmount')} extra={t('draft.techAmountHint')} rules={[{ required: true }]}>
            <InputNumber min={0} max={draft?.amount} precision={2} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="signedAt" label={t('contract.field.signedAt')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="validFrom" label={t('contract.field.validFrom')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="validTo" label={t('contract.field.validTo')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="zoneId" label={t('draft.zone')} rules={[{ required: true }]}>
            <Select data-testid="draft-zone" options={(taxonomy?.zones ?? []).map((z) => ({ value: z.id, label: z.name }))} showSearch optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="technicalField" label={t('contract.field.technicalField')}>
            <Input />
          </Form.Item>
          <Form.Item name="paymentTerms" label={t('contract.field.paymentTerms')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
