import { useState } from 'react';
import { Alert, App, Checkbox, Flex, Form, Modal, Select, Tag, Typography } from 'antd';
import { GRANTABLE_ROLES } from '@common/roles.js';
import { grantRolesSchema } from '@common/schemas/auth.js';
import { api, ApiError, applyFieldErrors, describeError } from '../../shared/api';
import { zodFieldErrors, zodRule } from '../../shared/zodRules';
import { useT } from '../../shared/i18n';
import type { AdminUser } from './types';

type GrantableRole = (typeof GRANTABLE_ROLES)[number];

interface GrantValues {
  roles: GrantableRole[];
  zoneId?: string;
}

interface Props {
  user: AdminUser;
  open: boolean;
  zoneOptions: { label: string; options: { value: string; label: string }[] }[];
  zonesLoading: boolean;
  onClose: () => void;
  afterClose: () => void;
  onGranted: () => void;
}

const isGrantable = (role: string): role is GrantableRole => (GRANTABLE_ROLES as readonly string[]).includes(role);

/** `POST /api/admin/users/:id/roles`: staff roles, with the managed zone for a zone administrator. */
export function GrantRolesModal({ user, open, zoneOptions, zonesLoading, onClose, afterClose, onGranted }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<GrantValues>();
  const [submitting, setSubmitting] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const roles = Form.useWatch('roles', form) ?? [];
  const needsZone = roles.includes('zone_admin');

  const onFinish = async (values: GrantValues) => {
    setFormError(null);
    const body = { roles: values.roles, ...(values.roles.includes('zone_admin') && values.zoneId ? { zoneId: values.zoneId } : {}) };
    // The API grants what is listed; staff roles unticked here are revoked one by one.
    const revoked = user.roles.filter(isGrantable).filter((r) => !values.roles.includes(r));
    const parsed = grantRolesSchema.safeParse(body);
    if (!parsed.success && !(values.roles.length === 0 && revoked.length > 0)) {
      const rest = applyFieldErrors(form, zodFieldErrors(parsed.error), { known: ['roles', 'zoneId'] });
      if (rest.length) setFormError(rest.join(t('common.listSeparator')));
      return;
    }
    setSubmitting(true);
    try {
      if (parsed.success) await api<unknown>(`/api/admin/users/${encodeURIComponent(user.id)}/roles`, { method: 'POST', body: parsed.data });
      for (const role of revoked) await api<unknown>(`/api/admin/users/${encodeURIComponent(user.id)}/roles/${role}`, { method: 'DELETE' });
      message.success(t('admin.grant.success', { name: user.name }));
      onGranted();
    } catch (error) {
      const rest = error instanceof ApiError ? applyFieldErrors(form, error.fields, { known: ['roles', 'zoneId'] }) : [];
      const shown = error instanceof ApiError && error.fields.length > 0 ? rest : [describeError(error, t)];
      setFormError(shown.length ? shown.join(t('common.listSeparator')) : null);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('admin.grant.title', { name: user.name })}
      okText={t('admin.grant.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      okButtonProps={{ 'aria-label': t('admin.grant.submit') }}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={afterClose}
      destroyOnHidden
    >
      <Flex gap={4} wrap align="center" style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{t('common.labelled', { label: t('admin.grant.current') })}</Typography.Text>
        {user.roles.length ? user.roles.map((role) => <Tag key={role}>{t.role(role)}</Tag>) : t('common.none')}
      </Flex>
      <Form<GrantValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={submitting}
        initialValues={{ roles: user.roles.filter(isGrantable), zoneId: user.zoneId ?? undefined }}
      >
        <Form.Item
          label={t('admin.grant.roles')}
          name="roles"
          required
          rules={[zodRule(grantRolesSchema.shape.roles)]}
          extra={t('admin.grant.rolesHint')}
        >
          <Checkbox.Group options={GRANTABLE_ROLES.map((role) => ({ value: role, label: t.role(role) }))} />
        </Form.Item>
        {needsZone && (
          <Form.Item
            label={t('admin.grant.zone')}
            name="zoneId"
            required
            rules={[{ required: true, message: t('admin.grant.zoneRequired') }]}
          >
            <Select
              placeholder={t('admin.grant.zonePlaceholder')}
              options={zoneOptions}
              loading={zonesLoading}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
        )}
      </Form>
      {formError && <Alert type="error" showIcon role="alert" title={formError} />}
    </Modal>
  );
}
