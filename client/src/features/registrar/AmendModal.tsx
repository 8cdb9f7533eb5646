import { Alert, App, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { zoneOptions } from '../../shared/taxonomy';
import { YuanInput, techAmountRules } from '../contracts';
import { useContractTypeNames } from '../contracts';
import type { Contract } from '../contracts';
import { FormProblem, useFormSave } from '../../shared/useFormSave';

interface Values {
  name: string;
  type: string;
  subtype: string;
  amount: number;
  techAmount: number;
  signedAt: Dayjs;
  validFrom: Dayjs;
  validTo: Dayjs;
  zoneId: string | null;
  technicalField?: string | null;
  paymentTerms?: string | null;
  note?: string;
}

const FIELDS = ['name', 'type', 'subtype', 'amount', 'techAmount', 'signedAt', 'validFrom', 'validTo', 'zoneId', 'technicalField', 'paymentTerms', 'note'];
const DATE_FIELDS = new Set(['signedAt', 'validFrom', 'validTo']);

function initial(c: Contract): Values {
  return {
    name: c.name,
    type: c.type,
    subtype: c.subtype,
    amount: c.amount,
    techAmount: c.techAmount,
    signedAt: dayjs(c.signedAt),
    validFrom: dayjs(c.validFrom),
    validTo: dayjs(c.validTo),
    zoneId: c.zoneId,
    technicalField: c.technicalField,
    paymentTerms: c.paymentTerms,
  };
}

/** 变更登记: the registering body corrects a registered contract; only changed fields are sent, with the reason. */
export function AmendModal({ contract, open, onClose, onSaved }: { contract: Contract; open: boolean; onClose: () => void; onSaved: (c: Contract) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { taxonomy, typeOptions, subtypeOptions } = useContractTypeNames();
  const type = Form.useWatch('type', form);

  const send = async (values: Values) => {
    const before = initial(contract) as unknown as Record<string, unknown>;
    const body: Record<string, unknown> = {};
    for (const key of FIELDS) {
      if (key === 'note') continue;
      let value = (values as unknown as Record<string, unknown>)[key];
      let old = before[key];
      if (DATE_FIELDS.has(key)) {
        value = (value as Dayjs).format('YYYY-MM-DD');
        old = (old as Dayjs).format('YYYY-MM-DD');
      }
      if (typeof value === 'string' && (key === 'technicalField' || key === 'paymentTerms')) value = value.trim() || null;
      if (value === undefined) value = null;
      if (value !== old) body[key] = value;
    }
    if (!Object.keys(body).length) throw new FormProblem(t('registrar.amendNothing'));
    const updated = await api<Contract>(`/api/contracts/${encodeURIComponent(contract.id)}/amend`, { method: 'POST', body: { ...body, note: (values.note ?? '').trim() } });
    message.success(t('registrar.amended'));
    onSaved(updated);
  };
  const { save, saving, error, clearError } = useFormSave(form, send, { fields: FIELDS });

  return (
    <Modal open={open} title={t('registrar.amendTitle')} width={760} okText={t('registrar.amendSave')} cancelText={t('common.cancel')} onOk={save} confirmLoading={saving} onCancel={onClose} destroyOnHidden afterClose={clearError}>
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={initial(contract)} onValuesChange={(changed: Partial<Values>) => 'type' in changed && form.setFieldValue('subtype', undefined)}>
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('registrar.amendInfo')} />
        <Form.Item label={t('contract.field.name')} name="name" rules={[{ required: true, whitespace: true, min: 2, max: 200, message: t('contract.nameLength') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item label={t('contract.field.type')} name="type" rules={[{ required: true, message: t('contract.typeRequired') }]}>
              <Select options={typeOptions} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('contract.field.subtype')} name="subtype" rules={[{ required: true, message: t('contract.subtypeRequired') }]}>
              <Select options={subtypeOptions(type)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('contract.field.amount')} name="amount" rules={[{ required: true, type: 'number', min: 0.01, message: t('contract.amountPositive') }]}>
              <YuanInput />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('contract.field.techAmount')} name="techAmount" dependencies={['amount']} rules={techAmountRules(t)}>
              <YuanInput />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label={t('contract.field.signedAt')} name="signedAt" rules={[{ required: true, message: t('contract.signedRequired') }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label={t('contract.field.validFrom')} name="validFrom" rules={[{ required: true, message: t('contract.validFromRequired') }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label={t('contract.field.validTo')} name="validTo" rules={[{ required: true, message: t('contract.validToRequired') }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('contract.field.zone')} name="zoneId" extra={t('contract.zoneOptionalExtra')}>
              <Select allowClear placeholder={t('contract.zoneNonePlaceholder')} showSearch={{ optionFilterProp: 'label' }} options={zoneOptions(taxonomy)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('contract.field.technicalField')} name="technicalField">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('contract.field.paymentTerms')} name="paymentTerms">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item label={t('registrar.amendNote')} name="note" rules={[{ required: true, whitespace: true, min: 2, message: t('registrar.amendNoteRequired') }]}>
          <Input.TextArea rows={2} maxLength={2000} placeholder={t('registrar.amendNotePlaceholder')} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
