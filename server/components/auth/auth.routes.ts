import { z } from 'zod';
import type { Request, Response } from 'express';
import { adminUserSchema, grantRolesSchema, loginSchema, registerSchema, userSchema, userStatusSchema } from '../../../common/schemas/auth.js';
import { ROLES } from '../../../common/roles.js';
import { AppError } from '../../lib/errors.js';
import { apiRouter, idParams, pathId, pathParam } from '../../lib/http.js';
import { pagination } from '../../lib/validate.js';
import * as service from './auth.service.js';
import { SESSION_COOKIE, type AuthWeb } from './auth.web.js';

const userBody = z.object({ user: userSchema });

/** Starts a session for `actor` (a fresh session id, against fixation). */
function logIn(req: Request, actor: service.Actor): Promise<void> {
  return new Promise((resolve, reject) => req.login(actor, (err) => (err ? reject(err) : resolve())));
}

export function authRoutes(deps: service.AuthDeps, web: AuthWeb) {
  const api = apiRouter('auth');
  const user = idParams('用户');
  // A role the user cannot hold is one they do not hold: the same 404 as revoking a role they lack.
  const userRole = z.strictObject({ id: pathId('用户'), role: pathParam(z.enum(ROLES), '该用户的此角色') });

  api.post('/api/auth/register', { summary: '注册（成果方、需求方、技术经纪人），新建或加入单位', access: 'public', body: registerSchema, response: userBody }, async ({ req, body }) => {
    const actor = await service.register(deps, null, body);
    await logIn(req, actor);
    return { user: service.presentUser(actor) };
  });

  api.post('/api/auth/login', { summary: '登录（任何邮箱或密码错误都返回同一个 401）', access: 'public', body: loginSchema, status: 200, response: userBody }, async ({ req, res, body }) => {
    const ip = req.ip ?? 'unknown';
    await web.loginLimiter.reserve(ip, body.email);
    let actor: service.Actor | null;
    try {
      actor = await new Promise<service.Actor | null>((resolve, reject) =>
        web.passport.authenticate('local', { session: false }, (err: unknown, user: service.Actor | false) => (err ? reject(err) : resolve(user || null)))(req, res, () => {}),
      );
    } catch (err) {
      await web.loginLimiter.release(ip, body.email);
      throw err;
    }
    if (!actor) throw new AppError('invalid_credentials', '邮箱或密码错误');
    await web.loginLimiter.succeeded(ip, body.email);
    await logIn(req, actor);
    return { user: service.presentUser(actor) };
  });

  api.post('/api/auth/logout', { summary: '退出登录', access: 'public', status: 204 }, async ({ req, res }) => {
    // Passport regenerates the session on logout: remember which one ends.
    const ended = req.sessionID;
    await new Promise<void>((resolve, reject) => req.logout((err) => (err ? reject(err) : resolve())));
    await new Promise<void>((resolve) => (req.session ? req.session.destroy(() => resolve()) : resolve()));
    if (ended) service.credentialEnded({ kind: 'session', id: ended });
    clearSessionCookie(res);
    return undefined;
  });

  api.get('/api/auth/me', { summary: '当前登录用户', access: 'user', response: userBody }, ({ actor }) => ({ user: service.presentUser(actor) }));

  api.post(
    '/api/auth/tokens',
    {
      summary: '创建集成用访问令牌（只显示一次）',
      access: 'user',
      body: z.strictObject({ name: z.string({ error: '请填写令牌名称' }).trim().min(1, '请填写令牌名称').max(100) }),
      response: z.object({ id: z.string(), name: z.string(), token: z.string(), createdAt: z.string() }),
    },
    ({ req, actor, body }) => service.createToken(deps, actor, { name: body.name, via: req.headers.authorization?.startsWith('Bearer ') ? 'token' : 'session' }),
  );
  api.get(
    '/api/auth/tokens',
    {
      summary: '我的访问令牌',
      access: 'user',
      response: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() })) }),
    },
    async ({ actor }) => ({ items: await service.listTokens(deps, actor) }),
  );
  api.delete('/api/auth/tokens/:id', { summary: '撤销访问令牌', access: 'user', params: idParams('令牌') }, async ({ params, actor }) => {
    await service.revokeToken(deps, actor, params);
    return undefined;
  });

  api.get(
    '/api/admin/users',
    {
      summary: '用户列表（平台管理员）',
      description: 'q 搜索姓名或邮箱；status=active|disabled；role 按角色；organizationId 某单位的成员。',
      access: ['admin'],
      query: z.strictObject({
        q: z.string().trim().max(100).optional(),
        status: z.enum(['active', 'disabled'], { error: 'status 应为 active 或 disabled' }).optional(),
        role: z.enum(ROLES, { error: '未知的角色' }).optional(),
        organizationId: z.uuid({ error: 'organizationId 应为单位编号' }).optional(),
        ...pagination,
      }),
      response: z.object({ items: z.array(adminUserSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
    },
    ({ actor, query }) => service.listUsers(deps, actor, { text: query.q, status: query.status, role: query.role, organizationId: query.organizationId, page: query.page, pageSize: query.pageSize }),
  );
  for (const action of ['disable', 'enable'] as const) {
    api.post(
      `/api/admin/users/:id/${action}`,
      {
        summary: action === 'disable' ? '停用账号（平台管理员）：该账号的所有登录会话与访问令牌立即失效，之后无法登录' : '恢复已停用的账号（平台管理员）',
        access: ['admin'],
        params: user,
        body: userStatusSchema,
        status: 200,
        response: z.object({ user: userSchema, disabledAt: z.string().nullable(), sessionsEnded: z.number(), tokensRevoked: z.number() }),
      },
      ({ params, actor, body }) => service.setUserDisabled(deps, actor, { userId: params.id, disabled: action === 'disable', reason: body.reason }),
    );
  }
  api.post('/api/admin/users/:id/roles', { summary: '授予角色：reviewer、registrar、zone_admin（须带 zoneId）、admin', access: 'user', params: user, body: grantRolesSchema, status: 200, response: userBody }, async ({ params, actor, body }) => {
    const user = await service.grantRoles(deps, actor, { userId: params.id, ...body });
    return { user: service.presentUser(user) };
  });
  api.delete('/api/admin/users/:id/roles/:role', { summary: '撤销角色', access: 'user', params: userRole, response: userBody, status: 200 }, async ({ params, actor }) => {
    const user = await service.revokeRole(deps, actor, { userId: params.id, role: params.role });
    return { user: service.presentUser(user) };
  });

  return api.router;
}

function clearSessionCookie(res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/' });
}
