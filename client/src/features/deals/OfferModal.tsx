import { Button, DatePicker, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useLocale, useT } from '../../shared/i18n';
import { useTaxonomyNames } from '../../shared/taxonomyNames';
import { FormModal } from '../../shared/components/FormModal';
import { sideName } from './format';

interface Values {
  amount?: number;
  modes?: string[];
  validUntil?: Dayjs;
  terms?: { dueDate?: Dayjs; amount?: number }[];
  note?: string;
  basis?: 'rate' | 'fixed';
  ratePercent?: number;
  payerSide?: 'supply' | 'demand';
}

const OFFER_FIELDS = ['amount', 'modes', 'validUntil', 'terms', 'note', 'payerSide'];

/** The offer, counter-offer and commission form; the server checks the rules (instalments summing to the total, one live offer). */
export function OfferModal({
  open,
  purpose,
  counter,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  purpose: 'price' | 'commission';
  counter: boolean;
  onCancel: () => void;
  /** Sends the offer; a failure (thrown) stays in the modal, field errors under their fields. */
  onSubmit: (offer: Record<string, unknown>) => Promise<void>;
}) {
  const t = useT();
  const { locale } = useLocale();
  const { taxonomy } = useTaxonomyNames();
  const [form] = Form.useForm<Values>();
  const basis = Form.useWatch('basis', form);

  const finish = async (v: Values) => {
    const validUntil = (v.validUntil ?? dayjs().add(7, 'day')).endOf('day').toISOString();
    const offer: Record<string, unknown> =
      purpose === 'price'
        ? {
            amount: v.amount,
            modes: v.modes ?? [],
            terms: (v.terms ?? []).filter((x) => x.dueDate && x.amount).map((x) => ({ dueDate: x.dueDate!.format('YYYY-MM-DD'), amount: x.amount })),
            validUntil,
            ...(v.note ? { note: v.note } : {}),
          }
        : {
            purpose: 'commission',
            validUntil,
            payerSide: v.payerSide,
            ...(v.basis === 'fixed' ? { amount: v.amount } : { commissionRate: ((v.ratePercent ?? 0) / 100).toFixed(6) }),
            ...(v.note ? { note: v.note } : {}),
          };
    await onSubmit(offer);
  };

  return (
    <FormModal<Values>
      form={form}
      open={open}
      title={purpose === 'commission' ? t('offer.commission') : counter ? t('offer.counter') : t('offer.make')}
      okText={t('chat.send')}
      width={640}
      initialValues={{ validUntil: dayjs().add(7, 'day'), basis: 'rate', payerSide: 'demand', modes: [] }}
      fields={OFFER_FIELDS}
      alias={Object.fromEntries(OFFER_FIELDS.map((f) => [`offer.${f}`, f]))}
      onSubmit={finish}
      onClose={onCancel}
    >
        {purpose === 'commission' && (
          <>
            <Form.Item name="basis" label={t('offer.basis')}>
              <Radio.Group options={[{ value: 'rate', label: t('offer.basisRate') }, { value: 'fixed', label: t('offer.basisFixed') }]} />
            </Form.Item>
            {basis !== 'fixed' ? (
              <Form.Item name="ratePercent" label={t('offer.rate')} rules={[{ required: true }]}>
                <InputNumber min={0.0001} max={100} precision={4} style={{ width: 200 }} />
              </Form.Item>
            ) : null}
            <Form.Item name="payerSide" label={t('offer.payer')}>
              <Select options={(['demand', 'supply'] as const).map((s) => ({ value: s, label: sideName(t, s) }))} style={{ width: 200 }} />
            </Form.Item>
          </>
        )}
        {(purpose === 'price' || basis === 'fixed') && (
          <Form.Item name="amount" label={purpose === 'price' ? t('offer.amount') : t('offer.fixed')} rules={[{ required: true }]}>
            <InputNumber min={0.01} max={999999999999.99} precision={2} style={{ width: 260 }} data-testid="offer-amount" />
          </Form.Item>
        )}
        {purpose === 'price' && (
          <>
            <Form.Item name="modes" label={t('offer.modes')} rules={[{ required: true }]}>
              <Select
                mode="multiple"
                data-testid="offer-modes"
                options={(taxonomy?.transferModes ?? []).map((m) => ({ value: m.code, label: locale === 'en' && m.nameEn ? m.nameEn : m.name }))}
              />
            </Form.Item>
            <Form.List name="terms">
              {(fields, { add, remove }) => (
                <Form.Item label={t('offer.terms')}>
                  {fields.map((field) => (
                    <Space key={field.key} align="baseline">
                      <Form.Item name={[field.name, 'dueDate']} rules={[{ required: true }]}>
                        <DatePicker placeholder={t('offer.termDate')} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'amount']} rules={[{ required: true }]}>
                        <InputNumber min={0.01} precision={2} placeholder={t('offer.termAmount')} style={{ width: 180 }} />
                      </Form.Item>
                      <Button type="link" onClick={() => remove(field.name)}>
                        ×
                      </Button>
                    </Space>
                  ))}
                  <Button type="dashed" onClick={() => add()}>
                    {t('offer.addTerm')}
                  </Button>
                </Form.Item>
              )}
            </Form.List>
          </>
        )}
        <Form.Item name="validUntil" label={t('offer.validUntil')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="note" label={t('offer.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
    </FormModal>
  );
}
