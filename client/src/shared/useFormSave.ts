import { useState } from 'react';
import type { FormInstance } from 'antd';
import { ApiError, applyFieldErrors, describeError } from './api';
import { useT } from './i18n';

/** Thrown by an `onSubmit` that finds a problem before sending (e.g. nothing changed): its message is shown. */
export class FormProblem extends Error {}

export interface FieldErrorTargets {
  /** The form's fields: the server's errors on them show under the field, the others with the modal's error. */
  fields: string[];
  /** Server field name → form field name, where they differ. */
  alias?: Record<string, string>;
}

/**
 * Saving a form (a modal's OK, a page's 保存): validates, sends the values with `onSubmit`, puts the
 * server's field errors under their fields and keeps the rest as `error` for the form to show
 * (`clearError` once a modal has closed).
 */
export function useFormSave<V>(form: FormInstance<V>, onSubmit: (values: V) => Promise<void>, targets?: FieldErrorTargets) {
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
      if (caught instanceof FormProblem) setError(caught.message);
      else if (targets && caught instanceof ApiError && caught.fields.length) {
        const rest = applyFieldErrors(form, caught.fields, { known: targets.fields, alias: targets.alias });
        setError(rest.length ? rest.join(t('common.listSeparator')) : null);
      } else setError(describeError(caught, t));
    } finally {
      setSaving(false);
    }
  };
  return { save, saving, error, clearError: () => setError(null) };
}
