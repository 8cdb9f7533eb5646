import { z } from 'zod';
import { apiRouter, idParams, pathId } from '../../lib/http.js';
import { pagination } from '../../lib/validate.js';
import { verificationQueueItemSchema, verificationSchema as verificationOut } from '../../../common/schemas/verification.js';
import * as service from './verification.service.js';

const fileIds = z.array(z.uuid({ error: '文件编号无效' }), { error: '请上传证明材料' }).min(1, '请上传证明材料').max(10, '证明材料最多 10 个');
const decisionSchema = z
  .strictObject({
    decision: z.enum(['approve', 'reject'], { error: '审核结论应为 approve 或 reject' }),
    reason: z.string().trim().max(1000, '意见最多 1000 个字').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && !(v.reason && v.reason.length >= 2)) ctx.addIssue({ code: 'custom', path: ['reason'], message: '不通过时须填写原因' });
  });
export function verificationRoutes(deps: service.VerificationDeps) {
  const api = apiRouter('verification');
  const org = idParams('单位');
  const decisionParams = z.strictObject({ kind: z.enum(['organization', 'broker'], { error: 'kind 应为 organization 或 broker' }), id: pathId('认证申请') });

  api.post(
    '/api/organizations/:id/verification',
    { summary: '单位实名认证申请：上传营业执照或法人证书（本单位成员）', access: 'user', params: org, body: z.strictObject({ files: fileIds, note: z.string().trim().max(500).optional() }), response: verificationOut },
    ({ params, actor, body }) => service.requestOrgVerification(deps, actor, { orgId: params.id, ...body }),
  );
  api.get('/api/organizations/:id/verification', { summary: '本单位最近一次实名认证申请（本单位成员、审核人员）', access: 'user', params: org, response: z.object({ item: verificationOut.nullable() }) }, ({ params, actor }) =>
    service.latestVerification(deps, actor, { kind: 'organization', subjectId: params.id }),
  );
  api.post(
    '/api/brokers/me/qualifications',
    {
      summary: '技术经纪人提交培训等级、职称及证书（审核通过后计入指标 5、6）',
      access: ['broker'],
      body: z
        .strictObject({
          level: z.enum(service.BROKER_LEVELS, { error: '培训等级应为 初级、中级 或 高级' }).nullable().optional(),
          title: z.enum(service.BROKER_TITLES, { error: '职称应为 技术经纪专业中级工程师 或 技术经纪专业高级工程师' }).nullable().optional(),
          files: fileIds,
        })
        .refine((v) => v.level || v.title, { path: ['level'], message: '请填写培训等级或职称' }),
      response: verificationOut,
    },
    ({ actor, body }) => service.requestBrokerQualification(deps, actor, body),
  );
  api.get('/api/brokers/me/qualifications', { summary: '本人最近一次资质申请', access: ['broker'], response: z.object({ item: verificationOut.nullable() }) }, ({ actor }) =>
    service.latestVerification(deps, actor, { kind: 'broker', subjectId: actor.id }),
  );
  api.get(
    '/api/brokers/:id/qualifications',
    { summary: '技术经纪人已审核通过的资质（公开）', access: 'public', params: idParams('技术经纪人'), response: z.object({ id: z.string(), name: z.string(), level: z.string().nullable(), title: z.string().nullable() }) },
    ({ actor, params }) => service.brokerQualifications(deps, actor, { userId: params.id }),
  );
  api.get(
    '/api/verifications',
    {
      summary: '认证与资质审核队列（审核人员、平台管理员）',
      access: ['reviewer', 'admin'],
      query: z.strictObject({ kind: z.enum(['organization', 'broker']).optional(), status: z.enum(['pending', 'approved', 'rejected']).optional(), ...pagination }),
      response: z.object({ items: z.array(verificationQueueItemSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
    },
    ({ actor, query }) => service.listVerifications(deps, actor, query),
  );
  api.post(
    '/api/verifications/:kind/:id/decision',
    { summary: '审核认证或资质申请：approve 或 reject（须填原因）', access: ['reviewer', 'admin'], params: decisionParams, body: decisionSchema, status: 200, response: verificationOut },
    ({ params, actor, body }) => service.decideVerification(deps, actor, { ...params, ...body }),
  );
  api.put(
    '/api/organizations/:id/agency-rating',
    {
      summary: '设置技术转移机构的示范机构评级（指标 3；平台管理员或本示范区管理员）',
      access: ['admin', 'zone_admin'],
      params: org,
      body: z.strictObject({
        rating: z.string().trim().min(2, '评级至少 2 个字').max(100).nullable(),
        year: z.number().int().min(2000, '评定年度无效').max(2100, '评定年度无效').nullable().optional(),
        ratingBody: z.string().trim().min(2, '评定单位至少 2 个字').max(100).nullable().optional(),
      }),
      response: z.object({ id: z.string(), agencyRating: z.string().nullable(), agencyRatingYear: z.number().nullable(), agencyRatingBody: z.string().nullable() }),
    },
    ({ params, actor, body }) => service.setAgencyRating(deps, actor, { orgId: params.id, ...body }),
  );
  api.put(
    '/api/organizations/:id/parent',
    { summary: '设置上级单位（指标 4：高校、院所设立的机构；平台管理员或本示范区管理员）', access: ['admin', 'zone_admin'], params: org, body: z.strictObject({ parentOrgId: z.uuid({ error: '上级单位无效' }).nullable() }), response: z.object({ id: z.string(), parentOrgId: z.string().nullable() }) },
    ({ params, actor, body }) => service.setParentOrganization(deps, actor, { orgId: params.id, parentOrgId: body.parentOrgId }),
  );
  return api.router;
}
