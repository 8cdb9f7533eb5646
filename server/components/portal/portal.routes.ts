import { portalOverviewSchema } from '../../../common/schemas/portal.js';
import type { Db } from '../../lib/db.js';
import { apiRouter } from '../../lib/http.js';
import { portalOverview } from './portal.service.js';

export function portalRoutes(db: Db) {
  const api = apiRouter('portal');
  api.get(
    '/api/portal',
    {
      summary: '门户首页：平台数据（按分钟缓存，来自合同汇总表与已发布成果、需求数）、最新成果与需求、路演、通知公告与政策文件',
      access: 'public',
      response: portalOverviewSchema,
    },
    ({ actor }) => portalOverview({ db }, actor),
  );
  return api.router;
}
