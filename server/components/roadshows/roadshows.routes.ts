import { z } from 'zod';
import {
  applicationDecisionSchema,
  applicationSchema,
  offlineEventRecordSchema as eventOut,
  roadshowApplicationSchema as applicationOut,
  roadshowIntentsSchema as intentsOut,
  roadshowListSchema as listOut,
  roadshowQuestionSchema as questionOut,
  roadshowSchema as detailOut,
  roadshowStatsSchema as statsOut,
  cancelRoadshowSchema,
  createRoadshowSchema,
  offlineEventSchema,
  updateRoadshowSchema,
} from '../../../common/schemas/roadshows.js';
import { apiRouter, idParams, pathId } from '../../lib/http.js';
import { pagination } from '../../lib/validate.js';
import * as service from './roadshows.service.js';


const listQuery = z.strictObject({
  when: z.enum(['upcoming', 'live', 'replay', 'all'], { error: 'when 应为 upcoming、live、replay 或 all' }).optional(),
  zone: z.uuid({ error: 'zone 应为示范区编号' }).optional(),
  industry: z.string().trim().max(50).optional(),
  mine: z.enum(['true', 'false']).optional(),
  ...pagination,
});

export function roadshowRoutes(deps: service.RoadshowsDeps) {
  const api = apiRouter('roadshows');
  const roadshow = idParams('路演');
  const zone = idParams('示范区');

  api.post('/api/roadshows', { summary: '创建路演（草稿；示范区管理员、技术经纪人、平台管理员）', access: ['zone_admin', 'broker', 'admin'], body: createRoadshowSchema, response: detailOut }, ({ actor, body }) =>
    service.createRoadshow(deps, actor, body),
  );
  api.get(
    '/api/roadshows',
    { summary: '路演日历：即将开始（upcoming）、直播中（live）、回放（replay）；按示范区、行业筛选；mine=true 为我组织的（含草稿）', access: 'public', query: listQuery, response: listOut },
    ({ actor, query }) => service.listRoadshows(deps, actor, query),
  );
  api.get('/api/roadshows/:id', { summary: '路演详情（议程与成果卡片；草稿仅组织者可见）', params: roadshow, access: 'public', response: detailOut }, ({ params, actor }) => service.getRoadshow(deps, actor, params));
  api.patch(
    '/api/roadshows/:id',
    { summary: '修改路演（草稿或即将开始时；直播中与结束后只能改介绍、直播流和回放地址）', params: roadshow, access: 'user', body: updateRoadshowSchema, response: detailOut },
    ({ params, actor, body }) => service.updateRoadshow(deps, actor, { id: params.id, ...body }),
  );
  api.post('/api/roadshows/:id/publish', { summary: '发布路演：draft → scheduled', params: roadshow, access: 'user', status: 200, response: detailOut }, ({ params, actor }) => service.transition(deps, actor, { id: params.id, action: 'publish' }));
  api.post('/api/roadshows/:id/start', { summary: '开始直播：scheduled → live（主持人）', params: roadshow, access: 'user', status: 200, response: detailOut }, ({ params, actor }) => service.transition(deps, actor, { id: params.id, action: 'start' }));
  api.post('/api/roadshows/:id/end', { summary: '结束直播：live → ended（主持人）', params: roadshow, access: 'user', status: 200, response: detailOut }, ({ params, actor }) => service.transition(deps, actor, { id: params.id, action: 'end' }));
  api.post('/api/roadshows/:id/cancel', { summary: '取消路演（开始前），通知已报名者', params: roadshow, access: 'user', body: cancelRoadshowSchema, status: 200, response: detailOut }, ({ params, actor, body }) =>
    service.transition(deps, actor, { id: params.id, action: 'cancel', reason: body.reason }),
  );

  api.post(
    '/api/roadshows/:id/registrations',
    { summary: '报名（以所在单位名义）；已报名时 200', params: roadshow, access: 'user', response: z.object({ registered: z.boolean(), created: z.boolean() }) },
    async ({ params, res, actor }) => {
      const r = await service.register(deps, actor, params);
      if (!r.created) res.status(200).json(r);
      return r;
    },
  );
  api.delete('/api/roadshows/:id/registrations/me', { summary: '取消我的报名', params: roadshow, access: 'user', status: 204 }, async ({ params, actor }) => {
    await service.unregister(deps, actor, params);
    return undefined;
  });
  api.get(
    '/api/roadshows/:id/registrations',
    {
      summary: '报名名单（主持人）',
      params: roadshow, access: 'user',
      response: z.object({
        items: z.array(z.object({ userId: z.string(), name: z.string(), organizationId: z.string().nullable(), organizationName: z.string().nullable(), createdAt: z.string() })),
        total: z.number(),
      }),
    },
    ({ params, actor }) => service.listRegistrations(deps, actor, params),
  );

  api.get('/api/roadshows/:id/calendar.ics', { summary: '下载日历文件（ICS，提前 30 分钟提醒）', description: '`text/calendar`（RFC 5545），含 VALARM 提前 30 分钟。', params: roadshow, access: 'public', produces: 'text/calendar' }, async ({ req, params, res, actor }) => {
    const body = await service.calendarFile(deps, actor, { id: params.id, origin: `${req.protocol}://${req.get('host') ?? ''}` });
    res.type('text/calendar; charset=utf-8').set('Content-Disposition', `attachment; filename="roadshow-${params.id}.ics"`).send(body);
  });

  api.get('/api/roadshows/:id/stats', { summary: '路演统计（主持人、本示范区管理员、平台管理员）', params: roadshow, access: 'user', response: statsOut }, ({ params, actor }) => service.roadshowStats(deps, actor, params));
  api.get('/api/roadshows/:id/questions', { summary: '问答（结束后公开已回答的问题；主持人与审核员可见全部）', params: roadshow, access: 'public', response: z.object({ items: z.array(questionOut) }) }, ({ params, actor }) =>
    service.listQuestions(deps, actor, params),
  );

  api.get('/api/roadshows/:id/intents', { summary: '本场路演的合作意向（主持人看全部，成果方看本单位的）', params: roadshow, access: 'user', query: z.strictObject(pagination), response: intentsOut }, ({ params, actor, query }) =>
    service.roadshowIntents(deps, actor, { id: params.id, ...query }),
  );
  api.get('/api/roadshow-intents', { summary: '我的路演线索：本单位成果收到的意向和我主持的路演中的意向', access: 'user', query: z.strictObject(pagination), response: intentsOut }, ({ actor, query }) =>
    service.myLeads(deps, actor, query),
  );

  api.get(
    '/api/roadshow-presenters',
    {
      summary: '议程主讲人候选：成果所属单位的成员（组织者编排议程时选择）',
      access: ['zone_admin', 'broker', 'admin'],
      query: z.strictObject({ achievementId: z.uuid({ error: 'achievementId 应为科技成果编号' }) }),
      response: z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }),
    },
    ({ actor, query }) => service.presenterCandidates(deps, actor, query),
  );

  api.post('/api/roadshows/:id/applications', { summary: '申请路演：成果方申请在本场路演展示本单位的成果', params: roadshow, access: ['supplier'], body: applicationSchema, response: applicationOut }, ({ params, actor, body }) =>
    service.applyToPresent(deps, actor, { id: params.id, ...body }),
  );
  api.get(
    '/api/roadshows/:id/applications',
    { summary: '路演申请（主持人看全部，申请方看本单位的）', params: roadshow, access: 'user', response: z.object({ items: z.array(applicationOut.extend({ organizationName: z.string().nullable() })) }) },
    ({ params, actor }) => service.listApplications(deps, actor, params),
  );
  api.post(
    '/api/roadshows/:id/applications/:appId/decision',
    { summary: '组织者处理路演申请：accept（加入议程）或 decline', params: z.strictObject({ id: pathId('路演'), appId: pathId('路演申请') }), access: 'user', body: applicationDecisionSchema, status: 200, response: applicationOut },
    ({ params, actor, body }) => service.decideApplication(deps, actor, { ...params, ...body }),
  );

  api.post('/api/zones/:id/events', { summary: '登记线下对接、展览展示活动（计入指标 23；本示范区管理员）', params: zone, access: ['zone_admin', 'admin'], body: offlineEventSchema, response: eventOut }, ({ params, actor, body }) =>
    service.recordOfflineEvent(deps, actor, { zoneId: params.id, ...body }),
  );
  api.get(
    '/api/zones/:id/events',
    { summary: '示范区登记的线下对接活动', params: zone, access: 'public', query: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }), response: z.object({ items: z.array(eventOut) }) },
    ({ actor, params, query }) => service.listOfflineEvents(deps, actor, { zoneId: params.id, year: query.year }),
  );

  return api.router;
}
