import { z } from 'zod';
import { ORG_TYPES } from '../../../common/roles.js';
import type { Db } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import { apiRouter } from '../../lib/http.js';
import { idParam, pagination } from '../../lib/validate.js';
import * as repo from './organizations.repository.js';
import { presentOrganization } from './organizations.service.js';

const orgSchema = z
  .object({ id: z.string(), name: z.string(), type: z.enum(ORG_TYPES), regionCode: z.string(), zoneId: z.string().nullable(), verified: z.boolean() })
  .meta({ id: 'Organization' });

export function organizationRoutes(db: Db) {
  const api = apiRouter('organizations');
  api.get(
    '/api/organizations',
    {
      summary: '查找单位（注册时加入已有单位、合同登记时选择当事方）',
      access: 'public',
      query: z.strictObject({ q: z.string().trim().max(100).optional(), type: z.enum(ORG_TYPES).optional(), ...pagination }),
      response: z.object({ items: z.array(orgSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
    },
    async ({ query }) => {
      const { items, total } = await repo.searchOrganizations(db, { text: query.q, type: query.type, page: query.page, pageSize: query.pageSize });
      return { items: items.map(presentOrganization), total, page: query.page, pageSize: query.pageSize };
    },
  );
  api.get('/api/organizations/:id', { summary: '单位详情', access: 'public', response: orgSchema }, async ({ req }) => {
    const org = await repo.findOrganization(db, idParam(req, 'id', '单位'));
    if (!org) throw AppError.notFound('单位');
    return presentOrganization(org);
  });
  return api.router;
}
