import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Radio, Typography } from 'antd';
import { SELF_SERVICE_ROLES } from '@common/roles.js';
import { joinRequestSchema } from '@common/schemas/auth.js';
import { api, describeError } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { zodRule } from '../../shared/zodRules';
import { useAuth, type User } from '../auth';
import { OrganizationPicker } from '../auth';

/** For an account without an organization: where its join request stands, and a new request after a decline. */
export function MembershipStatus({ user }: { user: User }) {
  const t = useT();
  const { message } = App.useApp();
  const { refresh } = useAuth();
  const [form] = Form.useForm<{ organizationId?: string; role?: string; message?: string }>();
  const [sending, setSending] = useState(false);
  const m = user.membership;

  const ask = async () => {
    const values = await form.validateFields();
    setSending(true);
    try {
      await api(`/api/organizations/${values.organizationId}/join-requests`, { method: 'POST', body: { role: values.role, message: values.message || undefined } });
      message.success(t('member.asked'));
      await refresh();
    } catch (err) {
      message.error(describeError(err, t));
    } finally {
      setSending(false);
    }
  };

  if (m?.status === 'pending') {
    return <Alert type="info" showIcon data-testid="membership-status" title={t('member.pending.title')} description={t('member.pending.body', { org: m.organization.name, role: t.role(m.role) })} />;
  }
  return (
    <Card data-testid="membership-status">
      <Flex vertical gap={12}>
        {m?.status === 'declined' ? (
          <Alert
            type="warning"
            showIcon
            title={t('member.declined.title')}
            description={
              <>
                {t('member.declined.body', { org: m.organization.name })}
                {m.reason ? ` ${t('member.declined.reason', { reason: m.reason })}` : ''}
              </>
            }
          />
        ) : (
          <Alert type="info" showIcon title={t('member.none.title')} description={t('member.none.body')} />
        )}
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('member.askAgain')}
        </Typography.Title>
        <Form form={form} layout="vertical" initialValues={{ role: m?.role }} disabled={sending}>
          <Form.Item name="organizationId" label={t('field.existingOrg')} rules={[{ required: true, message: t('register.existingOrgRequired') }]}>
            <OrganizationPicker />
          </Form.Item>
          <Form.Item name="role" label={t('field.role')} rules={[zodRule(joinRequestSchema.shape.role)]}>
            <Radio.Group options={SELF_SERVICE_ROLES.map((r) => ({ value: r, label: t.role(r) }))} />
          </Form.Item>
          <Form.Item name="message" label={t('register.joinMessage')} rules={[zodRule(joinRequestSchema.shape.message)]}>
            <Input maxLength={200} />
          </Form.Item>
          <Button type="primary" onClick={ask} loading={sending}>
            {t('member.askSubmit')}
          </Button>
        </Form>
      </Flex>
    </Card>
  );
}
