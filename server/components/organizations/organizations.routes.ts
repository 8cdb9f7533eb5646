import { z } from 'zod';
import { ORG_TYPES } from '../../../common/roles.js';
import { ORGANIZATION_STATUSES as STATUSES, adminOrganizationSchema as adminOrgSchema, organizationSchema as orgSchema } from '../../../common/schemas/organizations.js';
import { apiRouter, idParams } from '../../lib/http.js';
import { pagination } from '../../lib/validate.js';
import * as admin from './organizations.admin.js';
import { getOrganization, searchOrganizations } from './organizations.service.js';

const reasonBody = (required: boolean) =>
  z.strictObject({
    reason: required
      ? z.string({ error: '请填写理由' }).trim().min(1, '请填写理由').max(200, '理由最多 200 个字')
      : z.string({ error: '理由应为文字' }).trim().max(200, '理由最多 200 个字').optional(),
  });

export function organizationRoutes(d: admin.OrganizationsDeps) {
  const api = apiRouter('organizations');
  const org = idParams('单位');
  api.get(
    '/api/organizations',
    {
      summary: '查找单位（注册时加入已有单位、合同登记时选择当事方）',
      description: '只列出正常状态的单位：已停用和已合并的单位不出现。',
      access: 'public',
      query: z.strictObject({ q: z.string().trim().max(100).optional(), type: z.enum(ORG_TYPES).optional(), ...pagination }),
      response: z.object({ items: z.array(orgSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
    },
    ({ actor, query }) => searchOrganizations(d, actor, { text: query.q, type: query.type, page: query.page, pageSize: query.pageSize }),
  );
  api.get('/api/organizations/:id', { summary: '单位详情（已合并的单位返回 404）', access: 'public', params: org, response: orgSchema }, ({ actor, params }) =>
    getOrganization(d, actor, params),
  );

  // Staff administration (platform admins; everyone else gets 404).
  api.get(
    '/api/admin/organizations',
    {
      summary: '单位管理列表（平台管理员）',
      description: 'q 搜索名称或统一社会信用代码；type、status、verified、zoneId 筛选；按名称排序，含成员数。',
      access: 'user',
      query: z.strictObject({
        q: z.string().trim().max(100).optional(),
        type: z.enum(ORG_TYPES, { error: '未知的单位类型' }).optional(),
        status: z.enum(STATUSES, { error: 'status 应为 active、disabled 或 merged' }).optional(),
        verified: z.enum(['true', 'false'], { error: 'verified 应为 true 或 false' }).transform((v) => v === 'true').optional(),
        zoneId: z.uuid({ error: 'zoneId 应为示范区编号' }).optional(),
        ...pagination,
      }),
      response: z.object({ items: z.array(adminOrgSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
    },
    ({ actor, query }) => admin.listOrganizationsForStaff(d, actor, query),
  );
  api.get(
    '/api/admin/organizations/:id',
    {
      summary: '单位管理详情（平台管理员）',
      access: 'user',
      params: org,
      response: adminOrgSchema.extend({
        parent: z.object({ id: z.string(), name: z.string() }).nullable(),
        mergedIntoOrganization: z.object({ id: z.string(), name: z.string() }).nullable(),
      }),
    },
    ({ params, actor }) => admin.getOrganizationForStaff(d, actor, params),
  );
  for (const action of ['disable', 'enable'] as const) {
    api.post(
      `/api/admin/organizations/:id/${action}`,
      {
        summary: action === 'disable' ? '停用单位（须填理由）：成员保留账号，但不能再以该单位名义操作' : '恢复已停用的单位',
        access: 'user',
        params: org,
        body: reasonBody(action === 'disable'),
        status: 200,
        response: adminOrgSchema,
      },
      ({ params, actor, body }) => admin.setOrganizationDisabled(d, actor, { id: params.id, disabled: action === 'disable', reason: body.reason }),
    );
  }
  for (const action of ['verify', 'unverify'] as const) {
    api.post(
      `/api/admin/organizations/:id/${action}`,
      {
        summary: action === 'verify' ? '直接确认单位实名认证（指标 22 随之变化）' : '撤销单位实名认证（须填理由）',
        access: 'user',
        params: org,
        body: reasonBody(action === 'unverify'),
        status: 200,
        response: adminOrgSchema,
      },
      ({ params, actor, body }) => admin.setOrganizationVerified(d, actor, { id: params.id, verified: action === 'verify', reason: body.reason }),
    );
  }
  api.post(
    '/api/admin/organizations/:id/merge',
    {
      summary: '把重复的单位记录（:id）合并到 into：成员、成果与需求、合同、洽谈、路演等全部转入，原记录标记为已合并',
      description: '两条记录须为同一类型；若二者互为同一洽谈的双方，或在同一成果/需求上各有进行中的洽谈，返回 409 并说明原因。',
      access: 'user',
      params: org,
      body: z.strictObject({
        into: z.uuid({ error: '请选择要并入的单位' }),
        reason: z.string({ error: '请填写合并理由' }).trim().min(1, '请填写合并理由').max(200, '理由最多 200 个字'),
      }),
      status: 200,
      response: z.object({ organization: adminOrgSchema, merged: adminOrgSchema, moved: z.record(z.string(), z.number()).describe('rows moved per kind') }),
    },
    ({ params, actor, body }) => admin.mergeOrganization(d, actor, { id: params.id, ...body }),
  );
  return api.router;
}
