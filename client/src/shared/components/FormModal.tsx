import type { ReactNode } from 'react';
import { Alert, Form, Modal, type FormInstance, type FormProps } from 'antd';
import { useT } from '../i18n';
import { useFormSave, type FieldErrorTargets } from '../useFormSave';

interface Props<V> extends FieldErrorTargets {
  /** The OK button's words (default 确定). */
  okText?: ReactNode;
  /** An OK that undoes something (撤销登记…) is shown as dangerous. */
  okDanger?: boolean;
  form: FormInstance<V>;
  open: boolean;
  title: ReactNode;
  width?: number;
  initialValues: FormProps<V>['initialValues'];
  /** Sends the validated values; a failure stays in the modal, shown with its reason. */
  onSubmit: (values: V) => Promise<void>;
  onClose: () => void;
  /** Once the closing animation has ended (e.g. to forget which object the modal edited). */
  afterClose?: () => void;
  children: ReactNode;
}

/** A modal with a vertical form: OK validates the fields, then sends them. */
export function FormModal<V>({ form, open, title, width, okText, okDanger, initialValues, fields, alias, onSubmit, onClose, afterClose, children }: Props<V>) {
  const t = useT();
  const { save, saving, error, clearError } = useFormSave(form, onSubmit, { fields, alias });
  return (
    <Modal
      open={open}
      title={title}
      width={width}
      okText={okText ?? t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={okDanger ? { danger: true } : undefined}
      onOk={save}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
      afterClose={() => {
        clearError();
        afterClose?.();
      }}
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={initialValues}>
        {children}
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
