import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useFormSave } from '../../shared/useFormSave';
import { useT } from '../../shared/i18n';

interface Props {
  open: boolean;
  title: string;
  hint?: string;
  /** Whether a reason must be given (disable, withdraw verification). */
  required: boolean;
  okText: string;
  danger?: boolean;
  onSubmit: (reason: string | undefined) => Promise<void>;
  onClose: () => void;
}

/** A confirmation that asks for the reason kept in the audit log. */
export function ReasonModal({ open, title, hint, required, okText, danger, onSubmit, onClose }: Props) {
  const t = useT();
  const [form] = Form.useForm<{ reason?: string }>();
  const { save, saving, error, clearError } = useFormSave(form, async (v) => onSubmit(v.reason?.trim() || undefined), { fields: ['reason'] });
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger, loading: saving }}
      onOk={() => void save()}
      onCancel={onClose}
      afterClose={() => {
        form.resetFields();
        clearError();
      }}
      destroyOnHidden
    >
      {hint && <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>}
      <Form form={form} layout="vertical" onFinish={() => void save()}>
        <Form.Item name="reason" label={t('adm.reason')} extra={t('adm.reasonHint')} rules={required ? [{ required: true, whitespace: true, message: t('adm.reasonRequired') }] : []}>
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
