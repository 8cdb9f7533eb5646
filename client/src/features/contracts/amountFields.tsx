import { InputNumber, type FormRule, type InputNumberProps } from 'antd';
import { useT, type Translate } from '../../shared/i18n';

/** A sum in yuan, to the cent. */
export function YuanInput(props: InputNumberProps<number>) {
  const t = useT();
  return <InputNumber<number> min={0} precision={2} style={{ width: '100%' }} suffix={t('contract.yuan')} {...props} />;
}

/** 技术交易额: required, and no more than the form's `amount` (合同成交额); the Form.Item needs `dependencies={['amount']}`. */
export const techAmountRules = (t: Translate): FormRule[] => [
  { required: true, message: t('contract.techAmountRequired') },
  ({ getFieldValue }) => ({
    validator: async (_rule, value: number | null | undefined) => {
      const total = getFieldValue('amount') as number | null | undefined;
      if (typeof value === 'number' && typeof total === 'number' && value > total) throw new Error(t('contract.techAmountTooLarge'));
    },
  }),
];
