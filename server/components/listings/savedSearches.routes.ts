import { savedSearchCreateSchema, savedSearchListSchema, savedSearchPatchSchema, savedSearchSchema } from '../../../common/schemas/savedSearches.js';
import { apiRouter, idParams } from '../../lib/http.js';
import * as service from './savedSearches.service.js';

/** POST/GET/DELETE /api/saved-searches (API.md), plus PATCH for the name and the reminder frequency. */
export function savedSearchRoutes(deps: Pick<service.SavedSearchDeps, 'db'>) {
  const api = apiRouter('saved-searches');
  const savedSearch = idParams('订阅');
  api.post(
    '/api/saved-searches',
    {
      summary: '保存搜索 / 订阅：当前的检索词与筛选条件，新发布的匹配信息立即提醒或每日汇总提醒',
      access: 'user',
      body: savedSearchCreateSchema,
      response: savedSearchSchema,
      description: '同一用户保存相同的检索（种类、检索词、筛选条件）时返回 409（details.id 为已有订阅）；每人最多 30 个。',
    },
    ({ actor, body }) => service.createSavedSearch(deps, actor, body),
  );
  api.get('/api/saved-searches', { summary: '我的订阅（只含本人保存的），含最近提醒时间', access: 'user', response: savedSearchListSchema }, ({ actor }) => service.listSavedSearches(deps, actor));
  api.patch(
    '/api/saved-searches/:id',
    { summary: '修改订阅的名称或提醒方式', access: 'user', params: savedSearch, body: savedSearchPatchSchema, response: savedSearchSchema },
    ({ actor, params, body }) => service.updateSavedSearch(deps, actor, { ...body, id: params.id }),
  );
  api.delete('/api/saved-searches/:id', { summary: '删除订阅（他人的订阅返回 404）', access: 'user', params: savedSearch, status: 204 }, async ({ actor, params }) => {
    await service.deleteSavedSearch(deps, actor, params);
    return undefined;
  });
  return api.router;
}
