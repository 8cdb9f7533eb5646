import { Form, Input, Radio, Typography } from 'antd';
import { FormModal } from '../../shared/components/FormModal';
import { useT } from '../../shared/i18n';
import { NOT_RELEVANT_REASONS, REASON_LABELS, type NotRelevantReason } from './feedback';

interface Values {
  reason?: NotRelevantReason;
  note?: string;
}

interface Props {
  open: boolean;
  /** What is being dismissed, e.g. the counterpart's title. */
  subject?: string;
  onCancel: () => void;
  /** Sends the verdict; the modal shows any failure and stays open. */
  onSubmit: (reason: NotRelevantReason, note: string | undefined) => Promise<void>;
}

/** Asks why a match is not relevant: one structured reason, and a note that is required for 其他. */
export function NotRelevantModal({ open, subject, onCancel, onSubmit }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const reason = Form.useWatch('reason', form);

  return (
    <FormModal<Values>
      form={form}
      open={open}
      title={t('match.notRelevant.title')}
      okText={t('match.notRelevant.submit')}
      initialValues={{}}
      fields={['reason', 'note']}
      onSubmit={(values) => onSubmit(values.reason!, values.note?.trim() || undefined)}
      onClose={onCancel}
    >
      {subject && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>
          {subject}
        </Typography.Paragraph>
      )}
      <Form.Item name="reason" label={t('match.notRelevant.reason')} rules={[{ required: true, message: t('match.notRelevant.reasonRequired') }]}>
        <Radio.Group
          aria-label={t('match.notRelevant.reason')}
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          options={NOT_RELEVANT_REASONS.map((code) => ({ value: code, label: t(REASON_LABELS[code]) }))}
        />
      </Form.Item>
      <Form.Item
        name="note"
        label={t('match.notRelevant.note')}
        required={reason === 'other'}
        rules={[
          { max: 500, message: t('match.notRelevant.noteTooLong') },
          {
            validator: async (_rule, value: string | undefined) => {
              if (form.getFieldValue('reason') === 'other' && !value?.trim()) throw new Error(t('match.notRelevant.noteRequired'));
            },
          },
        ]}
        dependencies={['reason']}
      >
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('match.notRelevant.notePlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}
