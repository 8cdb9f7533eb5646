import { z } from 'zod';
import { creditCodeProblem } from '../creditCode.js';
import { GRANTABLE_ROLES, ORG_TYPES, ROLES, SELF_SERVICE_ROLES } from '../roles.js';

/** Chinese messages are part of the contract: the client shows them next to the field. */
export const passwordSchema = z
  .string({ error: '请输入密码' })
  .min(8, '密码至少 8 位')
  .max(128, '密码最多 128 位')
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), '密码须同时包含字母和数字')
  .refine((p) => !/^(.)\1+$/.test(p) && !COMMON_PASSWORDS.has(p.toLowerCase()), '密码过于常见，请换一个');

const COMMON_PASSWORDS = new Set(['password1', 'password123', 'abc12345', 'qwerty123', '12345678a', 'a12345678', 'admin123', 'admin1234', 'passw0rd', 'iloveyou1']);

export const emailSchema = z.string({ error: '请输入邮箱' }).trim().toLowerCase().pipe(z.email('邮箱格式不正确').max(200));

export const creditCodeSchema = z
  .string({ error: '请输入统一社会信用代码' })
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem === 'format') ctx.addIssue({ code: 'custom', message: '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）' });
    else if (problem === 'check') ctx.addIssue({ code: 'custom', message: '统一社会信用代码校验位不正确，请核对' });
  });

/** Format of a GB/T 2260 code; whether the code exists is checked against the region table on the server. */
export const regionCodeSchema = z.string({ error: '请输入行政区划代码' }).regex(/^\d{6}$/, '行政区划代码应为 6 位数字（GB/T 2260）');

export const newOrganizationSchema = z.strictObject({
  name: z.string({ error: '请输入单位名称' }).trim().min(2, '单位名称至少 2 个字').max(100, '单位名称最多 100 个字'),
  type: z.enum(ORG_TYPES, { error: '请选择单位类型' }),
  creditCode: creditCodeSchema,
  regionCode: regionCodeSchema,
  zoneId: z.string().optional(),
});

export const registerSchema = z
  .strictObject({
    email: emailSchema,
    password: passwordSchema,
    name: z.string({ error: '请输入姓名' }).trim().min(1, '请输入姓名').max(50, '姓名最多 50 个字'),
    role: z.enum(SELF_SERVICE_ROLES, { error: '请选择注册身份：成果方、需求方或技术经纪人' }),
    organization: newOrganizationSchema.optional(),
    /** Asks to join an existing organization: the account has no rights in it until approved. */
    organizationId: z.string().optional(),
    /** Joins at once through an organization admin's one-time invitation link. */
    invitationToken: z.string().max(200).optional(),
    /** A note to the organization's admins with the join request. */
    joinMessage: z.string().trim().max(200, '申请说明最多 200 个字').optional(),
  })
  .superRefine((v, ctx) => {
    if ([v.organization, v.organizationId, v.invitationToken].filter(Boolean).length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['organization'], message: '请填写新单位信息，或选择申请加入已有单位（二者选其一）' });
    }
  });
export type RegisterInput = z.infer<typeof registerSchema>;

export const loginSchema = z.strictObject({
  email: z.string({ error: '请输入邮箱' }).trim().toLowerCase().min(1, '请输入邮箱').max(200),
  password: z.string({ error: '请输入密码' }).min(1, '请输入密码').max(128),
});

export const grantRolesSchema = z.strictObject({
  roles: z.array(z.enum(GRANTABLE_ROLES)).min(1, '至少选择一个角色'),
  zoneId: z.string().optional(),
});

// Answers: the user as the auth endpoints return it (checked against every answer in the tests; the client infers its types).

const orgCard = z.object({ id: z.string(), name: z.string(), type: z.string() });
/** A join request as its applicant sees it. */
export const membershipSchema = z.object({
  requestId: z.string(),
  status: z.enum(['pending', 'declined']),
  role: z.string(),
  organization: orgCard,
  reason: z.string().nullable().optional(),
});
export type Membership = z.infer<typeof membershipSchema>;

/** The user as every auth endpoint returns it. Until a join request is approved, `organizationId` and `organization` are null and `membership` says why. */
export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    roles: z.array(z.enum(ROLES)),
    organizationId: z.string().nullable().describe('null until a join request is approved'),
    organization: orgCard.nullable(),
    orgAdmin: z.boolean().describe('may approve join requests, invite members and issue their password-reset links'),
    membership: membershipSchema
      .nullable()
      .describe('the latest join request of an account without an organization'),
    disabledOrganization: orgCard
      .nullable()
      .optional()
      .describe('the organization of the account while a platform admin has disabled it (no rights in it meanwhile)'),
    zoneId: z.string().nullable().optional(),
  })
  .meta({ id: 'User' });

export const adminUserSchema = userSchema
  .extend({
    organization: z.object({ id: z.string(), name: z.string(), type: z.string(), status: z.enum(['active', 'disabled', 'merged']) }).nullable(),
    createdAt: z.string(),
    lastLoginAt: z.string().nullable(),
    disabledAt: z.string().nullable().describe('set while a platform admin has disabled the account'),
    disabledReason: z.string().nullable(),
  })
  .meta({ id: 'AdminUser' });
export type PublicUser = z.infer<typeof userSchema>;
/** A row of `GET /api/admin/users`. */
export type AdminUser = z.infer<typeof adminUserSchema>;

export const joinDecisionSchema = z.strictObject({
  reason: z.string().trim().max(200, '理由最多 200 个字').optional(),
});

export const joinRequestSchema = z.strictObject({
  role: z.enum(SELF_SERVICE_ROLES, { error: '请选择身份：成果方、需求方或技术经纪人' }),
  message: z.string().trim().max(200, '申请说明最多 200 个字').optional(),
});

export const invitationSchema = z.strictObject({
  days: z.number({ error: '有效天数应为 1–30 的整数' }).int('有效天数应为 1–30 的整数').min(1, '有效天数至少 1 天').max(30, '有效天数最多 30 天').default(7),
  note: z.string().trim().max(100, '备注最多 100 个字').optional(),
});

export const passwordResetSchema = z.strictObject({
  token: z.string({ error: '重置链接无效' }).min(1, '重置链接无效').max(200),
  password: passwordSchema,
});

export const userStatusSchema = z.strictObject({
  reason: z.string({ error: '理由应为文字' }).trim().max(200, '理由最多 200 个字').optional(),
});

export const passwordResetRequestSchema = z.strictObject({ email: emailSchema });

/** Error body of every failed request. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: { fields?: { path: string; message: string }[] } & Record<string, unknown> };
}

// Answers of the membership endpoints (join requests, members, invitations).
export const joinRequestOutSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    role: z.string(),
    message: z.string().nullable(),
    status: z.enum(['pending', 'approved', 'declined', 'cancelled']),
    reason: z.string().nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    user: z.object({ id: z.string(), name: z.string(), email: z.string() }).optional(),
  })
  .meta({ id: 'JoinRequest' });
export const memberSchema = z.object({ id: z.string(), name: z.string(), email: z.string(), orgAdmin: z.boolean(), createdAt: z.string(), lastLoginAt: z.string().nullable() });
export const memberListSchema = z.object({ items: z.array(memberSchema) });
export const invitationItemSchema = z.object({ id: z.string(), note: z.string().nullable(), createdAt: z.string(), expiresAt: z.string(), status: z.enum(['active', 'used', 'revoked', 'expired']), usedBy: z.string().nullable() });
export type JoinRequestOut = z.infer<typeof joinRequestOutSchema>;
export type Member = z.infer<typeof memberSchema>;
export type InvitationItem = z.infer<typeof invitationItemSchema>;
