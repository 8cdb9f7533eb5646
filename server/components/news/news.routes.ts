import { z } from 'zod';
import { NEWS_CATEGORIES, NEWS_STATUSES, newsArticleSchema as articleSchema, newsBodySchema, newsPageSchema as listSchema, newsPatchSchema } from '../../../common/schemas/news.js';
import type { Db } from '../../lib/db.js';
import { apiRouter, idParams } from '../../lib/http.js';
import { pagination } from '../../lib/validate.js';
import * as service from './news.service.js';
import type { NewsDeps } from './news.service.js';

const EDITORS = ['admin', 'zone_admin'] as const;

const listQuery = {
  q: z.string().trim().max(100, '搜索词最多 100 个字').optional(),
  category: z.enum(NEWS_CATEGORIES, { error: 'category 应为 policy、notice 或 lecture' }).optional(),
  zone: z.uuid('zone 应为示范区编号').optional(),
  ...pagination,
};

export function newsRoutes(db: Db) {
  const api = apiRouter('news');
  const deps: NewsDeps = { db };
  const article = idParams('资讯');
  api.get(
    '/api/news',
    { summary: '政策资讯列表（已发布；置顶在前，按发布时间倒序；q 搜索标题、摘要、正文和来源）', access: 'public', query: z.strictObject(listQuery), response: listSchema },
    ({ actor, query }) => service.listPublished(deps, actor, { text: query.q, category: query.category, zoneId: query.zone, page: query.page, pageSize: query.pageSize }),
  );
  api.get(
    '/api/news/manage',
    {
      summary: '资讯管理列表（含草稿）：平台管理员看全部，示范区管理员看本示范区',
      access: EDITORS,
      query: z.strictObject({ ...listQuery, status: z.enum(NEWS_STATUSES, { error: 'status 应为 draft 或 published' }).optional() }),
      response: listSchema,
    },
    ({ actor, query }) =>
      service.listManaged(deps, actor, { text: query.q, category: query.category, status: query.status, zoneId: query.zone, page: query.page, pageSize: query.pageSize }),
  );
  api.get('/api/news/:id', { summary: '资讯详情（草稿仅编辑者可见）', access: 'public', params: article, response: articleSchema }, ({ params, actor }) =>
    service.getArticle(deps, actor, params),
  );
  api.post('/api/news', { summary: '新建资讯（草稿）', access: EDITORS, body: newsBodySchema, response: articleSchema }, ({ actor, body }) =>
    service.createArticle(deps, actor, body),
  );
  api.patch('/api/news/:id', { summary: '修改资讯', access: EDITORS, params: article, body: newsPatchSchema, response: articleSchema }, ({ params, actor, body }) =>
    service.updateArticle(deps, actor, { ...body, id: params.id }),
  );
  api.post('/api/news/:id/publish', { summary: '发布资讯', access: EDITORS, params: article, status: 200, response: articleSchema }, ({ params, actor }) =>
    service.setPublished(deps, actor, { id: params.id, publish: true }),
  );
  api.post('/api/news/:id/unpublish', { summary: '撤回资讯（回到草稿）', access: EDITORS, params: article, status: 200, response: articleSchema }, ({ params, actor }) =>
    service.setPublished(deps, actor, { id: params.id, publish: false }),
  );
  return api.router;
}
