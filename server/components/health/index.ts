import { z } from 'zod';
import type { Db } from '../../lib/db.js';
import { apiRouter } from '../../lib/http.js';
import type { Search } from '../../lib/search.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../auth/index.js';
import { pingDatabase } from './health.repository.js';
import { canSeeHealth } from './health.policy.js';

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

export interface HealthDeps {
  db: Db;
  search: Search;
}

/** Up/down of each dependency, each probe bounded so a hung dependency reads as down. */
export async function checkHealth(deps: HealthDeps, actor: Actor | null) {
  if (!canSeeHealth(actor)) throw AppError.forbidden();
  const { db, search } = deps;
  const [dbOk, searchOk] = await Promise.all([
    withTimeout(pingDatabase(db), 2000).then(() => true, () => false),
    withTimeout(search.client.health(), 2000).then((h) => h.status === 'available', () => false),
  ]);
  const down = [...(dbOk ? [] : ['db']), ...(searchOk ? [] : ['search'])];
  return { status: down.length ? 'unavailable' : 'ok', db: dbOk ? 'up' : 'down', search: searchOk ? 'up' : 'down', down } as const;
}

export function healthRoutes(db: Db, search: Search) {
  const api = apiRouter('health');
  api.get(
    '/api/health',
    {
      summary: '健康检查：数据库与搜索引擎都可用时 200，否则 503 并指出不可用的依赖',
      access: 'public',
      response: z.object({ status: z.enum(['ok', 'unavailable']), db: z.enum(['up', 'down']), search: z.enum(['up', 'down']), down: z.array(z.string()) }),
    },
    async ({ res, actor }) => {
      const health = await checkHealth({ db, search }, actor);
      res.set('Cache-Control', 'no-store');
      if (health.down.length) res.status(503).json(health);
      return health;
    },
  );
  return api.router;
}
