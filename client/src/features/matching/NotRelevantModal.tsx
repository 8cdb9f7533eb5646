import { useState } from 'react';
import { Alert, Form, Input, Modal, Radio, Typography } from 'antd';
import { ApiError, applyFieldErrors, describeError } from '../../shared/api';
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
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reason = Form.useWatch('reason', form);

  const onFinish = async (values: Values) => {
    if (!values.reason) return;
    setSending(true);
    setError(null);
    try {
      await onSubmit(values.reason, values.note?.trim() || undefined);
    } catch (caught) {
      const rest = caught instanceof ApiError ? applyFieldErrors(form, caught.fields, { known: ['reason', 'note'] }) : [];
      if (!(caught instanceof ApiError) || !caught.fields.length || rest.length) setError(rest.length ? rest.join(t('common.listSeparator')) : describeError(caught, t));
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('match.notRelevant.title')}
      okText={t('match.notRelevant.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={sending}
      onOk={() => form.submit()}
      onCancel={onCancel}
      forceRender
      afterOpenChange={(visible) => {
        if (!visible) {
          form.resetFields();
          setError(null);
        }
      }}
    >
      {subject && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>
          {subject}
        </Typography.Paragraph>
      )}
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} disabled={sending}>
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
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}
