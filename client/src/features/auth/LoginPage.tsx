import { useEffect, useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Typography } from 'antd';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { loginSchema, type PublicUser } from '@common/schemas/auth.js';
import { api, ApiError, applyFieldErrors, describeError } from '../../shared/api';
import { zodFieldErrors, zodRule } from '../../shared/zodRules';
import { useT } from '../../shared/i18n';
import { PageLoading } from '../../shared/components/StatusPages';
import { safeNext, useAuth } from './AuthContext';
import { AuthCard } from './AuthCard';

interface LoginValues {
  email?: string;
  password?: string;
}

/** Seconds left until `until` (a timestamp), updated every second; 0 once passed. */
function useCountdown(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

/** `POST /api/auth/login`, then back to the page that asked for a login (or the role home). */
export default function LoginPage() {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<LoginValues>();
  const { user, loading, signedIn } = useAuth();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get('next'));
  const [submitting, setSubmitting] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const [rateLimitedWithoutWait, setRateLimitedWithoutWait] = useState(false);
  const secondsLeft = useCountdown(lockedUntil);
  const locked = secondsLeft > 0;

  if (loading) return <PageLoading />;
  if (user && !submitting) return <Navigate to={next} replace />;

  const onFinish = async (values: LoginValues) => {
    setFormError(null);
    setRateLimitedWithoutWait(false);
    const parsed = loginSchema.safeParse(values);
    if (!parsed.success) {
      applyFieldErrors(form, zodFieldErrors(parsed.error));
      return;
    }
    setSubmitting(true);
    try {
      const { user: loggedIn } = await api<{ user: PublicUser }>('/api/auth/login', {
        method: 'POST',
        body: parsed.data,
        ignoreUnauthenticated: true,
      });
      signedIn(loggedIn);
      message.success(t('login.welcome'));
      navigate(next, { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) {
        if (error.retryAfter) setLockedUntil(Date.now() + error.retryAfter * 1000);
        else setRateLimitedWithoutWait(true);
      } else if (error instanceof ApiError && error.fields.length > 0) {
        const rest = applyFieldErrors(form, error.fields, { known: ['email', 'password'] });
        if (rest.length) setFormError(rest.join(t('common.listSeparator')));
      } else {
        setFormError(describeError(error, t));
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthCard title={t('login.title')} subtitle={t('login.subtitle')} width={420}>
      {searchParams.has('reset') && !formError && <Alert type="success" showIcon title={t('reset.done')} style={{ marginBottom: 16 }} />}
      {searchParams.has('next') && !formError && !locked && (
        <Alert type="info" showIcon title={t('login.needLogin')} style={{ marginBottom: 16 }} />
      )}
      {formError && <Alert type="error" showIcon title={formError} role="alert" style={{ marginBottom: 16 }} />}
      {(locked || rateLimitedWithoutWait) && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={locked ? t('login.rateLimited', { n: secondsLeft }) : t('login.rateLimitedLater')}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={submitting}>
        <Form.Item label={t('field.email')} name="email" rules={[zodRule(loginSchema.shape.email)]}>
          <Input inputMode="email" autoComplete="username" placeholder={t('login.emailPlaceholder')} autoFocus />
        </Form.Item>
        <Form.Item label={t('field.password')} name="password" rules={[zodRule(loginSchema.shape.password)]}>
          <Input.Password autoComplete="current-password" placeholder={t('login.passwordPlaceholder')} />
        </Form.Item>
        <Form.Item>
          {/* aria-label: antd can leave its (invisible) loading icon in the name after a fast response. */}
          <Button type="primary" htmlType="submit" block loading={submitting} disabled={locked} aria-label={t('login.submit')}>
            {t('login.submit')}
          </Button>
        </Form.Item>
      </Form>
      <Flex justify="space-between" wrap gap={8}>
        <Typography.Text type="secondary">
          {t('login.noAccount')} <Link to="/register">{t('login.toRegister')}</Link>
        </Typography.Text>
        <Link to="/forgot-password">{t('login.forgot')}</Link>
      </Flex>
    </AuthCard>
  );
}
