import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { passwordResetRequestSchema, passwordSchema } from '@common/schemas/auth.js';
import { api, ApiError, applyFieldErrors, describeError } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { zodRule } from '../../shared/zodRules';
import { AuthCard } from './AuthCard';

/** `/forgot-password`: asks for a reset mail; the answer is the same whether or not the address is registered. */
export function ForgotPasswordPage() {
  const t = useT();
  const [form] = Form.useForm<{ email: string }>();
  const [sending, setSending] = useState(false);
  const [answer, setAnswer] = useState<{ message: string; mail: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const onFinish = async (values: { email: string }) => {
    setSending(true);
    setError(null);
    try {
      setAnswer(await api<{ message: string; mail: boolean }>('/api/auth/password-reset/request', { method: 'POST', body: values, ignoreUnauthenticated: true }));
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setSending(false);
    }
  };

  return (
    <AuthCard title={t('reset.forgotTitle')} subtitle={t('reset.forgotSubtitle')} width={440}>
      {answer && <Alert type={answer.mail ? 'success' : 'info'} showIcon role="status" title={answer.message} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={sending}>
        <Form.Item label={t('field.email')} name="email" rules={[zodRule(passwordResetRequestSchema.shape.email)]}>
          <Input inputMode="email" autoComplete="username" autoFocus />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={sending}>
          {t('reset.forgotSubmit')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {t('reset.noMail')}
      </Typography.Paragraph>
      <Link to="/login">{t('register.toLogin')}</Link>
    </AuthCard>
  );
}

/** `/reset-password?token=…`: sets a new password through a one-time link. */
export function ResetPasswordPage() {
  const t = useT();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token');
  const [form] = Form.useForm<{ password: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onFinish = async (values: { password: string }) => {
    setSaving(true);
    setError(null);
    try {
      await api('/api/auth/password-reset', { method: 'POST', body: { token, password: values.password }, ignoreUnauthenticated: true });
      navigate(`/login?reset=1`, { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) {
        const rest = applyFieldErrors(form, err.fields, { known: ['password'] });
        if (rest.length) setError(rest.join(t('common.listSeparator')));
      } else setError(describeError(err, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <AuthCard title={t('reset.title')} subtitle={t('reset.subtitle')} width={440}>
      {!token && <Alert type="error" showIcon title={t('reset.missingToken')} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={saving || !token}>
        <Form.Item label={t('reset.newPassword')} name="password" rules={[zodRule(passwordSchema)]} extra={t('register.passwordExtra')}>
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={saving}>
          {t('reset.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
