import { useMemo, useState } from 'react';
import { Alert, App, AutoComplete, Button, Divider, Form, Input, Radio, Select, Typography } from 'antd';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ORG_TYPES, SELF_SERVICE_ROLES, type OrgType } from '@common/roles.js';
import { creditCodeSchema, passwordSchema, registerSchema, type PublicUser } from '@common/schemas/auth.js';
import { api, ApiError, applyFieldErrors, describeError } from '../../shared/api';
import { zodFieldErrors, zodRule } from '../../shared/zodRules';
import { useT, type MessageKey } from '../../shared/i18n';
import { useTaxonomy, zoneOptions } from '../../shared/taxonomy';
import { PageLoading } from '../../shared/components/StatusPages';
import { useApiData } from '../../shared/useApiData';
import { useAuth } from './AuthContext';
import { AuthCard } from './AuthCard';
import { OrganizationPicker } from './OrganizationPicker';

type SelfServiceRole = (typeof SELF_SERVICE_ROLES)[number];
type OrgMode = 'new' | 'existing' | 'invite';

interface RegisterValues {
  email?: string;
  password?: string;
  confirmPassword?: string;
  name?: string;
  role?: SelfServiceRole;
  orgMode: OrgMode;
  organization?: { name?: string; type?: OrgType; creditCode?: string; regionCode?: string; zoneId?: string };
  organizationId?: string;
  joinMessage?: string;
}

const orgShape = registerSchema.shape.organization.unwrap().shape;

/** The organization type most people registering in a role belong to, preselected for them. */
const DEFAULT_ORG_TYPE: Record<SelfServiceRole, OrgType> = { supplier: 'university', enterprise: 'enterprise', broker: 'agency' };

const ACCOUNT_FIELDS = ['email', 'password', 'name', 'role'];
const NEW_ORG_FIELDS = ['organization.name', 'organization.type', 'organization.creditCode', 'organization.regionCode', 'organization.zoneId'];

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** The request body of `POST /api/auth/register`, with only the fields of the chosen organization mode. */
function toPayload(values: RegisterValues, invitationToken: string | null): unknown {
  const base = { email: values.email, password: values.password, name: values.name, role: values.role };
  if (values.orgMode === 'invite') return { ...base, invitationToken: invitationToken ?? undefined };
  if (values.orgMode === 'existing') return { ...base, organizationId: blankToUndefined(values.organizationId), joinMessage: blankToUndefined(values.joinMessage) };
  const org = values.organization ?? {};
  return {
    ...base,
    organization: {
      name: org.name,
      type: org.type,
      creditCode: org.creditCode,
      regionCode: org.regionCode,
      ...(blankToUndefined(org.zoneId) ? { zoneId: org.zoneId } : {}),
    },
  };
}

/** Self-service registration for suppliers, enterprises and brokers, with a new or an existing organization. */
export default function RegisterPage() {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<RegisterValues>();
  const { user, loading, signedIn } = useAuth();
  const navigate = useNavigate();
  const { taxonomy, error: taxonomyError } = useTaxonomy();
  // `/register?invite=…`: an organization admin's one-time link; it names the organization before sign-up.
  const [searchParams] = useSearchParams();
  const invitationToken = searchParams.get('invite');
  const invitation = useApiData<{ organization: { id: string; name: string; type: string }; expiresAt: string }>(
    invitationToken ? `/api/invitations/${encodeURIComponent(invitationToken)}` : null,
  );
  const [submitting, setSubmitting] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const orgMode = Form.useWatch('orgMode', form) ?? 'new';
  const role = Form.useWatch('role', form);

  const cityOptions = useMemo(
    () => (taxonomy?.cities ?? []).map((city) => ({ value: city.code, label: `${city.code} ${city.name}` })),
    [taxonomy],
  );
  const zones = useMemo(() => zoneOptions(taxonomy), [taxonomy]);

  if (loading) return <PageLoading />;
  if (user && !submitting) return <Navigate to="/" replace />;

  const showErrors = (fields: { path: string; message: string }[], mode: OrgMode) => {
    const known = [...ACCOUNT_FIELDS, ...(mode === 'new' ? NEW_ORG_FIELDS : mode === 'existing' ? ['organizationId', 'joinMessage'] : [])];
    const alias: Record<string, string> = mode === 'existing' ? { organization: 'organizationId' } : {};
    const rest = applyFieldErrors(form, fields, { known, alias });
    setFormError(rest.length ? rest.join(t('common.listSeparator')) : null);
  };

  const onFinish = async () => {
    const values = form.getFieldsValue(true) as RegisterValues;
    setFormError(null);
    const parsed = registerSchema.safeParse(toPayload(values, invitationToken));
    if (!parsed.success) {
      showErrors(zodFieldErrors(parsed.error), values.orgMode);
      return;
    }
    setSubmitting(true);
    try {
      const { user: created } = await api<{ user: PublicUser }>('/api/auth/register', {
        method: 'POST',
        body: parsed.data,
        ignoreUnauthenticated: true,
      });
      signedIn(created);
      message.success(created.membership?.status === 'pending' ? t('register.pendingSuccess') : t('register.success'));
      navigate('/', { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) showErrors(error.fields, values.orgMode);
      else if (error instanceof ApiError && error.status === 429) {
        setFormError(error.retryAfter ? t('login.rateLimited', { n: error.retryAfter }) : t('login.rateLimitedLater'));
      } else setFormError(describeError(error, t));
    } finally {
      setSubmitting(false);
    }
  };

  const onValuesChange = (changed: Partial<RegisterValues>) => {
    // Suggest the usual organization type for the chosen role until the user picks one.
    if (changed.role && !form.isFieldTouched(['organization', 'type'])) {
      form.setFieldValue(['organization', 'type'], DEFAULT_ORG_TYPE[changed.role]);
    }
  };

  return (
    <AuthCard title={t('register.title')} subtitle={t('register.subtitle')} width={640}>
      <Form<RegisterValues>
        form={form}
        layout="vertical"
        initialValues={{ orgMode: invitationToken ? 'invite' : 'new' }}
        onFinish={onFinish}
        onValuesChange={onValuesChange}
        disabled={submitting}
        scrollToFirstError
      >
        <Divider titlePlacement="start">{t('register.section.account')}</Divider>
        <Form.Item label={t('field.email')} name="email" required rules={[zodRule(registerSchema.shape.email)]}>
          <Input inputMode="email" autoComplete="email" placeholder={t('register.emailPlaceholder')} />
        </Form.Item>
        <Form.Item label={t('field.password')} name="password" required rules={[zodRule(passwordSchema)]} extra={t('register.passwordExtra')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('field.confirmPassword')}
          name="confirmPassword"
          required
          dependencies={['password']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                if (!value) throw new Error(t('register.confirmRequired'));
                if (value !== getFieldValue('password')) throw new Error(t('register.confirmMismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label={t('field.name')} name="name" required rules={[zodRule(registerSchema.shape.name)]}>
          <Input autoComplete="name" placeholder={t('register.namePlaceholder')} />
        </Form.Item>
        <Form.Item
          label={t('field.role')}
          name="role"
          required
          rules={[zodRule(registerSchema.shape.role)]}
          extra={role ? t(`register.roleHint.${role}` as MessageKey) : undefined}
        >
          <Radio.Group aria-label={t('field.role')} options={SELF_SERVICE_ROLES.map((r) => ({ value: r, label: t.role(r) }))} />
        </Form.Item>

        <Divider titlePlacement="start">{t('register.section.org')}</Divider>
        <Form.Item label={t('field.orgMode')} name="orgMode">
          <Radio.Group
            aria-label={t('field.orgMode')}
            options={[
              ...(invitationToken ? [{ value: 'invite', label: t('register.orgMode.invite') }] : []),
              { value: 'new', label: t('register.orgMode.new') },
              { value: 'existing', label: t('register.orgMode.existing') },
            ]}
          />
        </Form.Item>

        {orgMode === 'invite' ? (
          invitation.data ? (
            <Alert type="success" showIcon data-testid="invitation" title={t('register.invite.joining', { org: invitation.data.organization.name })} style={{ marginBottom: 16 }} />
          ) : invitation.error ? (
            <Alert type="error" showIcon title={t('register.invite.invalid')} style={{ marginBottom: 16 }} />
          ) : null
        ) : orgMode === 'existing' ? (
          <>
            <Alert type="info" showIcon title={t('register.joinHint')} style={{ marginBottom: 16 }} />
            <Form.Item
              label={t('field.existingOrg')}
              name="organizationId"
              required
              rules={[{ required: true, message: t('register.existingOrgRequired') }]}
            >
              <OrganizationPicker />
            </Form.Item>
            <Form.Item label={t('register.joinMessage')} name="joinMessage" rules={[zodRule(registerSchema.shape.joinMessage)]}>
              <Input maxLength={200} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item
              label={t('field.orgName')}
              name={['organization', 'name']}
              required
              rules={[zodRule(orgShape.name)]}
            >
              <Input placeholder={t('register.orgNamePlaceholder')} autoComplete="organization" />
            </Form.Item>
            <Form.Item label={t('field.orgType')} name={['organization', 'type']} required rules={[zodRule(orgShape.type)]}>
              <Select
                placeholder={t('register.orgTypePlaceholder')}
                options={ORG_TYPES.map((type) => ({ value: type, label: t.orgType(type) }))}
              />
            </Form.Item>
            <Form.Item
              label={t('field.creditCode')}
              name={['organization', 'creditCode']}
              required
              normalize={(value: string | undefined) => value?.toUpperCase()}
              rules={[zodRule(creditCodeSchema)]}
            >
              <Input placeholder={t('register.creditCodePlaceholder')} maxLength={18} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
            <Form.Item
              label={t('field.regionCode')}
              name={['organization', 'regionCode']}
              required
              rules={[zodRule(orgShape.regionCode)]}
              extra={t('register.regionCodeExtra')}
            >
              <AutoComplete
                options={cityOptions}
                placeholder={t('register.regionCodePlaceholder')}
                showSearch={{
                  filterOption: (input, option) => !!option && String(option.label).includes(input.trim()),
                }}
              />
            </Form.Item>
            <Form.Item
              label={t('field.zone')}
              name={['organization', 'zoneId']}
              extra={taxonomyError ? t('register.zoneLoadFailed') : undefined}
            >
              <Select
                allowClear
                placeholder={t('register.zonePlaceholder')}
                options={zones}
                loading={!taxonomy && !taxonomyError}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          </>
        )}

        {formError && <Alert type="error" showIcon role="alert" title={formError} style={{ marginBottom: 16 }} />}
        <Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting} aria-label={t('register.submit')}>
            {t('register.submit')}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">
        {t('register.hasAccount')} <Link to="/login">{t('register.toLogin')}</Link>
      </Typography.Text>
    </AuthCard>
  );
}
