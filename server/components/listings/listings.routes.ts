import { z } from 'zod';
import {
  cataloguePageSchema,
  catalogueQuerySchema,
  listingHistorySchema,
  listingPageSchema,
  listingSchema,
  reviewDecisionSchema,
  reviewQueueSchema,
  withdrawSchema,
} from '../../../common/schemas/listings.js';
import { apiRouter, idParams, pathId, pathParam } from '../../lib/http.js';
import type { Search } from '../../lib/search.js';
import { pagination } from '../../lib/validate.js';
import { KINDS, type Kind } from './listings.kinds.js';
import * as service from './listings.service.js';

const KIND_VALUES = ['achievement', 'demand'] as const;

/** The five lifecycle endpoints plus catalogue, re-confirm and history, for one kind. */
function kindRoutes(deps: service.ListingsDeps, search: Search, kind: Kind) {
  const { path, noun, createSchema, patchSchema } = KINDS[kind];
  const api = apiRouter(path);
  const base = `/api/${path}`;
  const listing = idParams(noun);

  api.get(
    base,
    {
      summary: `${noun}大厅：全文检索（中文或英文）、筛选、分面计数、排序、分页；mine=true 列出本单位全部${noun}`,
      access: 'public',
      query: catalogueQuerySchema,
      response: z.union([cataloguePageSchema, listingPageSchema]),
      description: 'Meilisearch 不可用时返回 503 search_unavailable（写入不受影响，恢复后自动补同步）。mine=true 时返回本单位的成果或需求（含各状态），不含分面。',
    },
    ({ actor, query }) => service.browseListings({ ...deps, search }, actor, { ...query, kind }),
  );
  api.post(base, { summary: `新建${noun}（草稿）`, access: [KINDS[kind].role], body: createSchema, response: listingSchema }, ({ actor, body }) =>
    service.createListing(deps, actor, { ...(body as Record<string, unknown>), kind }),
  );
  api.get(`${base}/:id`, { summary: `${noun}详情（摘要公开；详情与联系方式需登录）`, access: 'public', params: listing, response: listingSchema }, ({ actor, params }) =>
    service.getListing(deps, actor, { kind, id: params.id }),
  );
  api.patch(`${base}/:id`, { summary: `修改${noun}（已发布的修改需重新审核，审核通过前原版本继续展示）`, access: 'user', params: listing, body: patchSchema, response: listingSchema }, ({ actor, params, body }) =>
    service.updateListing(deps, actor, { ...(body as Record<string, unknown>), kind, id: params.id }),
  );
  api.delete(`${base}/:id`, { summary: `撤回${noun}`, access: 'user', params: listing, body: withdrawSchema.optional(), response: listingSchema }, ({ actor, params, body }) =>
    service.withdrawListing(deps, actor, { kind, id: params.id, reason: body?.reason }),
  );
  api.post(`${base}/:id/submit`, { summary: `提交审核（草稿或未通过 → 待审核）`, access: 'user', params: listing, status: 200, response: listingSchema }, ({ actor, params }) =>
    service.submitListing(deps, actor, { kind, id: params.id }),
  );
  api.post(`${base}/:id/reconfirm`, { summary: `确认${noun}仍有效（续期）`, access: 'user', params: listing, status: 200, response: listingSchema }, ({ actor, params }) =>
    service.reconfirmListing(deps, actor, { kind, id: params.id }),
  );
  api.get(`${base}/:id/history`, { summary: `${noun}的状态变更记录（本单位与审核员可见）`, access: 'user', params: listing, response: listingHistorySchema }, ({ actor, params }) =>
    service.history(deps, actor, { kind, id: params.id }),
  );
  return api.router;
}

function reviewRoutes(deps: service.ListingsDeps) {
  const api = apiRouter('reviews');
  api.get(
    '/api/reviews',
    { summary: '待审核队列（新提交与已发布信息的修改）', access: ['reviewer', 'admin'], query: z.strictObject({ kind: z.enum(KIND_VALUES).optional(), ...pagination }), response: reviewQueueSchema },
    ({ actor, query }) => service.reviewQueue(deps, actor, query),
  );
  // An unknown kind is no object to review (404); a malformed id is a missing achievement or demand.
  const decided = z.strictObject({
    kind: pathParam(z.enum(KIND_VALUES).meta({ description: 'achievement 或 demand' }), '审核对象'),
    id: pathId((raw) => KINDS[raw.kind as Kind]?.noun ?? '审核对象'),
  });
  api.post(
    '/api/reviews/:kind/:id',
    { summary: '审核决定：approve 或 reject（驳回须写明理由）', access: ['reviewer', 'admin'], params: decided, body: reviewDecisionSchema, status: 200, response: listingSchema },
    ({ actor, params, body }) => service.reviewListing(deps, actor, { ...params, decision: body.decision, reason: body.reason }),
  );
  return api.router;
}

export function listingRoutes(deps: service.ListingsDeps, search: Search) {
  return [kindRoutes(deps, search, 'achievement'), kindRoutes(deps, search, 'demand'), reviewRoutes(deps)];
}
