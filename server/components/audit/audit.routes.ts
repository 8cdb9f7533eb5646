import { z } from 'zod';
import type { Db } from '../../lib/db.js';
import { apiRouter } from '../../lib/http.js';
import { pagination } from '../../lib/validate.js';
import { listAuditLog } from './audit.service.js';

const querySchema = z.strictObject({
  actor: z.uuid({ error: 'actor 应为用户编号' }).optional(),
  entityType: z.string().trim().max(50).optional(),
  entityId: z.string().trim().max(100).optional(),
  action: z.string().trim().max(100).optional(),
  from: z.iso.datetime({ offset: true, error: 'from 应为 ISO 8601 时间' }).optional(),
  to: z.iso.datetime({ offset: true, error: 'to 应为 ISO 8601 时间' }).optional(),
  ...pagination,
});

const entryOut = z
  .object({
    id: z.number(),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    reason: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    at: z.string(),
  })
  .meta({ id: 'AuditEntry' });

/** The audit-log viewer: platform admins read everything, zone admins what concerns their zone. */
export function auditRoutes(db: Db) {
  const api = apiRouter('audit');
  api.get(
    '/api/audit-log',
    {
      summary: '操作日志（平台管理员：全部；示范区管理员：本示范区及其合同、单位）',
      description: '筛选：actor（操作人）、entityType + entityId（对象）、action（动作，或以 . 结尾的前缀如 contract.）、from/to（时间）。',
      access: ['admin', 'zone_admin'],
      query: querySchema,
      response: z.object({ items: z.array(entryOut), total: z.number(), page: z.number(), pageSize: z.number() }),
    },
    ({ actor, query }) =>
      listAuditLog({ db }, actor, {
        actorId: query.actor,
        entityType: query.entityType,
        entityId: query.entityId,
        action: query.action,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        page: query.page,
        pageSize: query.pageSize,
      }),
  );
  return api.router;
}
