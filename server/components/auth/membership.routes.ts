import { z } from 'zod';
import type { Request } from 'express';
import { invitationSchema, joinDecisionSchema, joinRequestSchema, passwordResetRequestSchema, passwordResetSchema } from '../../../common/schemas/auth.js';
import { SELF_SERVICE_ROLES } from '../../../common/roles.js';
import { apiRouter, idParams, pathId } from '../../lib/http.js';
import type { Logger } from '../../lib/logger.js';
import type { Mailer } from '../../lib/mail.js';
import { pagination } from '../../lib/validate.js';
import { findUserByEmail, presentUser, type AuthDeps } from './auth.service.js';
import * as service from './membership.service.js';
import { invitationItemSchema, joinRequestOutSchema as joinRequestOut, memberListSchema as memberList, userSchema } from '../../../common/schemas/auth.js';

const oneTimeLink = z.object({ token: z.string(), url: z.string().describe('shown once; only its hash is stored'), expiresAt: z.string() });

/** The link as the person who receives it will open it. */
const absolute = (req: Request, path: string) => `${req.protocol}://${req.get('host')}${path}`;

/** Join requests, members, invitations and password resets. */
export function membershipRoutes(deps: AuthDeps, opts: { mailer: Mailer | null; log: Logger }) {
  const { db } = deps;
  const api = apiRouter('organizations');
  const org = idParams('单位');
  const member = z.strictObject({ id: pathId('单位'), uid: pathId('成员') });

  api.get(
    '/api/organizations/:id/join-requests',
    {
      summary: '本单位的加入申请（单位管理员、平台管理员）',
      access: 'user',
      params: org,
      query: z.strictObject({ status: z.enum(['pending', 'approved', 'declined', 'cancelled']).optional(), ...pagination }),
      response: z.object({ items: z.array(joinRequestOut), total: z.number(), page: z.number(), pageSize: z.number() }),
    },
    ({ params, actor, query }) => service.listJoinRequests(deps, actor, { orgId: params.id, ...query }),
  );
  api.post(
    '/api/organizations/:id/join-requests',
    { summary: '申请加入单位（尚未加入单位的账号）', access: 'user', params: org, body: joinRequestSchema, response: joinRequestOut },
    ({ params, actor, body }) => service.askToJoin(deps, actor, { orgId: params.id, ...body }),
  );
  for (const decision of ['approve', 'decline'] as const) {
    api.post(
      `/api/organizations/:id/join-requests/:rid/${decision}`,
      {
        summary: decision === 'approve' ? '通过加入申请' : '拒绝加入申请（可附理由）',
        access: 'user',
        params: z.strictObject({ id: pathId('单位'), rid: pathId('加入申请') }),
        body: joinDecisionSchema,
        status: 200,
        response: joinRequestOut,
      },
      ({ params, actor, body }) => service.decideJoinRequest(deps, actor, { orgId: params.id, requestId: params.rid, decision, reason: body.reason }),
    );
  }
  api.get('/api/organizations/:id/members', { summary: '本单位成员（单位管理员、平台管理员）', access: 'user', params: org, response: memberList }, ({ params, actor }) =>
    service.listMembers(deps, actor, { orgId: params.id }),
  );
  api.put(
    '/api/organizations/:id/members/:uid/org-admin',
    {
      summary: '授予或收回单位管理员权限',
      access: 'user',
      params: member,
      body: z.strictObject({ orgAdmin: z.boolean({ error: 'orgAdmin 应为 true 或 false' }) }),
      response: memberList,
    },
    ({ params, actor, body }) => service.setOrgAdmin(deps, actor, { orgId: params.id, userId: params.uid, orgAdmin: body.orgAdmin }),
  );
  api.post(
    '/api/organizations/:id/members/:uid/password-reset',
    { summary: '为本单位成员生成一次性密码重置链接（只显示一次）', access: 'user', params: member, response: oneTimeLink },
    async ({ req, params, actor }) => {
      const link = await service.issuePasswordReset(deps, actor, { userId: params.uid, orgId: params.id });
      return { token: link.token, url: absolute(req, link.path), expiresAt: link.expiresAt };
    },
  );
  api.post(
    '/api/organizations/:id/invitations',
    { summary: '生成一次性邀请链接（只显示一次，默认 7 天有效）', access: 'user', params: org, body: invitationSchema, response: oneTimeLink.extend({ id: z.string() }) },
    async ({ req, params, actor, body }) => {
      const inv = await service.createInvitation(deps, actor, { orgId: params.id, ...body });
      return { id: inv.id, token: inv.token, url: absolute(req, inv.path), expiresAt: inv.expiresAt };
    },
  );
  api.get(
    '/api/organizations/:id/invitations',
    {
      summary: '本单位的邀请链接（不含链接本身）',
      access: 'user',
      params: org,
      response: z.object({
        items: z.array(invitationItemSchema),
      }),
    },
    ({ params, actor }) => service.listInvitations(deps, actor, { orgId: params.id }),
  );
  api.delete('/api/organizations/:id/invitations/:iid', { summary: '撤销未使用的邀请链接', access: 'user', params: z.strictObject({ id: pathId('单位'), iid: pathId('邀请') }) }, async ({ params, actor }) => {
    await service.revokeInvitation(deps, actor, { orgId: params.id, id: params.iid });
    return undefined;
  });
  api.get(
    '/api/invitations/:token',
    {
      summary: '邀请链接指向的单位（注册页显示）',
      access: 'public',
      // Any text: an unknown token answers the service's own 404.
      params: z.strictObject({ token: z.string().transform((t) => t.slice(0, 200)) }),
      response: z.object({ organization: z.object({ id: z.string(), name: z.string(), type: z.string() }), expiresAt: z.string() }),
    },
    ({ actor, params }) => service.peekInvitation(deps, actor, params),
  );
  api.post(
    '/api/invitations/accept',
    {
      summary: '已登录但尚未加入单位的账号通过邀请链接加入',
      access: 'user',
      body: z.strictObject({ token: z.string().min(1).max(200), role: z.enum(SELF_SERVICE_ROLES, { error: '请选择身份：成果方、需求方或技术经纪人' }) }),
      status: 200,
      response: z.object({ user: userSchema }),
    },
    async ({ actor, body }) => ({ user: presentUser(await service.acceptInvitation(deps, actor, body)) }),
  );

  api.post(
    '/api/admin/users/:id/password-reset',
    { summary: '为用户生成一次性密码重置链接（平台管理员，只显示一次）', access: ['admin'], params: idParams('用户'), response: oneTimeLink },
    async ({ req, params, actor }) => {
      const link = await service.issuePasswordReset(deps, actor, { userId: params.id });
      return { token: link.token, url: absolute(req, link.path), expiresAt: link.expiresAt };
    },
  );
  api.post(
    '/api/auth/password-reset/request',
    {
      summary: '通过邮件找回密码（配置了 SMTP_URL 时发送邮件；无论邮箱是否注册，回答都相同）',
      access: 'public',
      body: passwordResetRequestSchema,
      status: 202,
      response: z.object({ message: z.string(), mail: z.boolean().describe('whether this platform sends reset mail at all') }),
    },
    async ({ req, body }) => {
      if (opts.mailer) {
        const user = await findUserByEmail(db, body.email);
        if (user) {
          const link = await service.selfServiceReset(db, user.id);
          // Sent in the background: the answer must not take longer for a registered address.
          void opts.mailer
            .send(body.email, '桂技通 密码重置', `您好，${user.name}：\n\n请在 ${service.RESET_TTL_HOURS} 小时内打开下面的链接设置新密码（仅可使用一次）：\n${absolute(req, link.path)}\n\n如果不是您本人操作，请忽略本邮件。`)
            .catch((err: unknown) => opts.log.warn({ err: { message: (err as Error).message } }, 'password reset mail not sent'));
        }
      }
      return {
        message: opts.mailer ? '如果该邮箱已注册，我们已向其发送密码重置邮件，请在 24 小时内查收。' : '本平台未开通邮件找回，请联系本单位管理员或平台管理员为您生成密码重置链接。',
        mail: !!opts.mailer,
      };
    },
  );
  api.post('/api/auth/password-reset', { summary: '通过一次性链接设置新密码（该账号的所有登录与访问令牌随即失效）', access: 'public', body: passwordResetSchema, status: 204 }, async ({ body }) => {
    await service.resetPassword(deps, null, body);
    return undefined;
  });
  return api.router;
}
