import { App, Checkbox, Flex, Form, Select, Tag, Typography } from 'antd';
import { GRANTABLE_ROLES } from '@common/roles.js';
import { grantRolesSchema } from '@common/schemas/auth.js';
import { api } from '../../shared/api';
import { FormModal } from '../../shared/components/FormModal';
import { FormProblem } from '../../shared/useFormSave';
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
  const chosen: string[] = Form.useWatch('roles', form) ?? [];
  const needsZone = chosen.includes('zone_admin');
  // The roles being edited, not an access check.
  // eslint-disable-next-line no-restricted-syntax
  const held = user.roles.filter(isGrantable);

  const grant = async (values: GrantValues) => {
    const picked: string[] = values.roles;
    const body = { roles: values.roles, ...(picked.includes('zone_admin') && values.zoneId ? { zoneId: values.zoneId } : {}) };
    // The API grants what is listed; staff roles unticked here are revoked one by one.
    const revoked = held.filter((r) => !picked.includes(r));
    const parsed = grantRolesSchema.safeParse(body);
    if (!parsed.success && !(picked.length === 0 && revoked.length > 0)) throw new FormProblem(zodFieldErrors(parsed.error).map((e) => e.message).join(t('common.listSeparator')));
    if (parsed.success) await api<unknown>(`/api/admin/users/${encodeURIComponent(user.id)}/roles`, { method: 'POST', body: parsed.data });
    for (const role of revoked) await api<unknown>(`/api/admin/users/${encodeURIComponent(user.id)}/roles/${role}`, { method: 'DELETE' });
    message.success(t('admin.grant.success', { name: user.name }));
    onGranted();
  };

  return (
    <FormModal<GrantValues>
      form={form}
      open={open}
      title={t('admin.grant.title', { name: user.name })}
      okText={t('admin.grant.submit')}
      initialValues={{ roles: held, zoneId: user.zoneId ?? undefined }}
      fields={['roles', 'zoneId']}
      onSubmit={grant}
      onClose={onClose}
      afterClose={afterClose}
    >
      <Flex gap={4} wrap align="center" style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{t('common.labelled', { label: t('admin.grant.current') })}</Typography.Text>
        {user.roles.length ? user.roles.map((role) => <Tag key={role}>{t.role(role)}</Tag>) : t('common.none')}
      </Flex>
      <Form.Item label={t('admin.grant.roles')} name="roles" required rules={[zodRule(grantRolesSchema.shape.roles)]} extra={t('admin.grant.rolesHint')}>
        <Checkbox.Group options={GRANTABLE_ROLES.map((role) => ({ value: role, label: t.role(role) }))} />
      </Form.Item>
      {needsZone && (
        <Form.Item label={t('admin.grant.zone')} name="zoneId" required rules={[{ required: true, message: t('admin.grant.zoneRequired') }]}>
          <Select placeholder={t('admin.grant.zonePlaceholder')} options={zoneOptions} loading={zonesLoading} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
      )}
    </FormModal>
  );
}
