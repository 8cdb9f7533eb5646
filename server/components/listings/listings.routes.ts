import { z } from 'zod';
import { catalogueQuerySchema, reviewDecisionSchema, withdrawSchema } from '../../../common/schemas/listings.js';
import { AppError } from '../../lib/errors.js';
import { apiRouter } from '../../lib/http.js';
import type { Search } from '../../lib/search.js';
import { idParam, pagination } from '../../lib/validate.js';
import { KINDS, isKind, type Kind } from './listings.kinds.js';
import { searchCatalogue } from './listings.search.js';
import * as service from './listings.service.js';

const listingSchema = z.record(z.string(), z.unknown()).meta({ id: 'Listing', description: '成果或需求，字段见 API.md；可见范围随身份裁剪' });
const listSchema = z.object({ items: z.array(listingSchema), total: z.number(), page: z.number(), pageSize: z.number(), facets: z.record(z.string(), z.record(z.string(), z.number())).optional() });

const historySchema = z.object({
  items: z.array(z.object({ action: z.string(), actorId: z.string().nullable(), actorName: z.string().nullable(), reason: z.string().nullable(), data: z.record(z.string(), z.unknown()), createdAt: z.string() })),
});

/** The five lifecycle endpoints plus catalogue, re-confirm and history, for one kind. */
function kindRoutes(deps: service.ListingsDeps, search: Search, kind: Kind) {
  const { path, noun, createSchema, patchSchema } = KINDS[kind];
  const api = apiRouter(path);
  const base = `/api/${path}`;

  api.get(
    base,
    {
      summary: `${noun}大厅：全文检索（中文或英文）、筛选、分面计数、排序、分页；mine=true 列出本单位全部${noun}`,
      access: 'public',
      query: catalogueQuerySchema,
      response: listSchema,
      description: 'Meilisearch 不可用时返回 503 search_unavailable（写入不受影响，恢复后自动补同步）。',
    },
    async ({ actor, query }) => {
      if (query.mine === 'true') {
        if (!actor) throw AppError.unauthenticated();
        return service.listOwn(deps, actor, kind, { status: query.status, page: query.page, pageSize: query.pageSize });
      }
      // Login-only `detail` is searched only for callers who may read it.
      const found = await searchCatalogue(search, kind, query, { readsDetail: !!actor, hiddenOwners: await service.hiddenOwners(deps.db) });
      // The owners' rating averages and counts (诚信), for the page and its related results in one query.
      const rated = await service.withOwnerRatings(deps.db, [...found.items, ...found.related]);
      return { ...found, items: rated.slice(0, found.items.length), related: rated.slice(found.items.length) };
    },
  );
  api.post(base, { summary: `新建${noun}（草稿）`, access: [KINDS[kind].role], body: createSchema, response: listingSchema }, ({ actor, body }) =>
    service.createListing(deps, actor, kind, body as Record<string, unknown>),
  );
  api.get(`${base}/:id`, { summary: `${noun}详情（摘要公开；详情与联系方式需登录）`, access: 'public', response: listingSchema }, ({ req, actor }) =>
    service.getListing(deps, actor, kind, idParam(req, 'id', noun)),
  );
  api.patch(`${base}/:id`, { summary: `修改${noun}（已发布的修改需重新审核，审核通过前原版本继续展示）`, access: 'user', body: patchSchema, response: listingSchema }, ({ req, actor, body }) =>
    service.updateListing(deps, actor, kind, idParam(req, 'id', noun), body as Record<string, unknown>),
  );
  api.delete(`${base}/:id`, { summary: `撤回${noun}`, access: 'user', body: withdrawSchema.optional(), response: listingSchema }, ({ req, actor, body }) =>
    service.withdrawListing(deps, actor, kind, idParam(req, 'id', noun), body?.reason),
  );
  api.post(`${base}/:id/submit`, { summary: `提交审核（草稿或未通过 → 待审核）`, access: 'user', status: 200, response: listingSchema }, ({ req, actor }) =>
    service.submitListing(deps, actor, kind, idParam(req, 'id', noun)),
  );
  api.post(`${base}/:id/reconfirm`, { summary: `确认${noun}仍有效（续期）`, access: 'user', status: 200, response: listingSchema }, ({ req, actor }) =>
    service.reconfirmListing(deps, actor, kind, idParam(req, 'id', noun)),
  );
  api.get(`${base}/:id/history`, { summary: `${noun}的状态变更记录（本单位与审核员可见）`, access: 'user', response: historySchema }, ({ req, actor }) =>
    service.history(deps, actor, kind, idParam(req, 'id', noun)),
  );
  return api.router;
}

function reviewRoutes(deps: service.ListingsDeps) {
  const api = apiRouter('reviews');
  api.get(
    '/api/reviews',
    {
      summary: '待审核队列（新提交与已发布信息的修改）',
      access: ['reviewer', 'admin'],
      query: z.strictObject({ kind: z.enum(['achievement', 'demand']).optional(), ...pagination }),
      response: z.object({
        items: z.array(z.object({ kind: z.enum(['achievement', 'demand']), id: z.string(), title: z.string(), revision: z.boolean(), submittedAt: z.string().nullable(), owner: z.unknown(), listing: listingSchema })),
        total: z.number(),
        page: z.number(),
        pageSize: z.number(),
      }),
    },
    ({ actor, query }) => service.reviewQueue(deps, actor, query.kind, query.page, query.pageSize),
  );
  api.post('/api/reviews/:kind/:id', { summary: '审核决定：approve 或 reject（驳回须写明理由）', access: ['reviewer', 'admin'], body: reviewDecisionSchema, status: 200, response: listingSchema }, ({ req, actor, body }) => {
    const kind = String(req.params.kind);
    if (!isKind(kind)) throw AppError.notFound('审核对象');
    return service.reviewListing(deps, actor, kind, idParam(req, 'id', KINDS[kind].noun), body.decision, body.reason);
  });
  return api.router;
}

export function listingRoutes(deps: service.ListingsDeps, search: Search) {
  return [kindRoutes(deps, search, 'achievement'), kindRoutes(deps, search, 'demand'), reviewRoutes(deps)];
}
