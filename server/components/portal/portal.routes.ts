import { z } from 'zod';
import { NEWS_CATEGORIES } from '../../../common/schemas/news.js';
import type { Db } from '../../lib/db.js';
import { apiRouter } from '../../lib/http.js';
import { portalOverview } from './portal.service.js';

const listingCard = z.object({
  id: z.string(),
  title: z.string(),
  titleEn: z.string().nullable(),
  industry: z.string(),
  cityCode: z.string(),
  trl: z.number().nullable(),
  price: z.number().nullable(),
  budgetMin: z.number().nullable(),
  budgetMax: z.number().nullable(),
  organizationName: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
const roadshowCard = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['scheduled', 'live']),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  zoneName: z.string().nullable(),
});
const newsItem = z.object({ id: z.string(), title: z.string(), category: z.enum(NEWS_CATEGORIES), summary: z.string(), publishedAt: z.string().nullable(), pinned: z.boolean() }).loose();

const overviewSchema = z
  .object({
    figures: z.object({
      achievements: z.number(),
      demands: z.number(),
      contracts: z.object({ year: z.number(), count: z.number(), amount: z.number().meta({ description: 'yuan' }) }),
      roadshowsHeld: z.number(),
      computedAt: z.string(),
    }),
    achievements: z.array(listingCard),
    demands: z.array(listingCard),
    roadshows: z.object({ live: z.array(roadshowCard), upcoming: z.array(roadshowCard) }),
    notices: z.array(newsItem),
    policies: z.array(newsItem),
    lectures: z.array(newsItem),
  })
  .meta({ id: 'PortalOverview' });

export function portalRoutes(db: Db) {
  const api = apiRouter('portal');
  api.get(
    '/api/portal',
    {
      summary: '门户首页：平台数据（按分钟缓存，来自合同汇总表与已发布成果、需求数）、最新成果与需求、路演、通知公告与政策文件',
      access: 'public',
      response: overviewSchema,
    },
    ({ actor }) => portalOverview({ db }, actor),
  );
  return api.router;
}
