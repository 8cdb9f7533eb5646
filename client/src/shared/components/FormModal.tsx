import { useState, type ReactNode } from 'react';
import { Alert, Form, Modal, type FormInstance, type FormProps } from 'antd';
import { ApiError, applyFieldErrors, describeError } from '../api';
import { useT } from '../i18n';

interface FieldErrorTargets {
  /** The form's fields: the server's errors on them show under the field, the others with the modal's error. */
  fields: string[];
  /** Server field name → form field name, where they differ. */
  alias?: Record<string, string>;
}

/**
 * The OK button of a modal form: validates, sends the values with `onSubmit`, and keeps the reason
 * of a failure for the modal to show (`clearError` once it has closed).
 */
export function useModalSave<V>(form: FormInstance<V>, onSubmit: (values: V) => Promise<void>, targets?: FieldErrorTargets) {
  const t = useT();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await onSubmit(values);
    } catch (caught) {
      if (targets && caught instanceof ApiError && caught.fields.length) {
        const rest = applyFieldErrors(form, caught.fields, { known: targets.fields, alias: targets.alias });
        setError(rest.length ? rest.join(t('common.listSeparator')) : null);
      } else setError(describeError(caught, t));
    } finally {
      setSaving(false);
    }
  };
  return { save, saving, error, clearError: () => setError(null) };
}

interface Props<V> extends FieldErrorTargets {
  form: FormInstance<V>;
  open: boolean;
  title: ReactNode;
  width?: number;
  initialValues: FormProps<V>['initialValues'];
  /** Sends the validated values; a failure stays in the modal, shown with its reason. */
  onSubmit: (values: V) => Promise<void>;
  onClose: () => void;
  children: ReactNode;
}

/** A modal with a vertical form: OK validates the fields, then sends them. */
export function FormModal<V>({ form, open, title, width, initialValues, fields, alias, onSubmit, onClose, children }: Props<V>) {
  const t = useT();
  const { save, saving, error, clearError } = useModalSave(form, onSubmit, { fields, alias });
  return (
    <Modal
      open={open}
      title={title}
      width={width}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onOk={save}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
      afterClose={clearError}
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={initialValues}>
        {children}
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
