/** Reading the audit log (writing is `audit()`, inside the caller's transaction). */
import type { Db } from '../../lib/db.js';
import type { Actor } from '../auth/index.js';
import { listAudit, type AuditFilter } from './audit.repository.js';
import { auditScope } from './audit.policy.js';

export interface AuditDeps {
  db: Db;
}

/** One page of the log, limited to the actor's scope. */
export async function listAuditLog(deps: AuditDeps, actor: Actor, input: Omit<AuditFilter, 'zoneId'>) {
  const { zoneId } = auditScope(actor);
  const { items, total } = await listAudit(deps.db, { ...input, zoneId });
  return {
    items: items.map(({ entry, actorName }) => ({
      id: entry.id,
      actorId: entry.actorId,
      actorName,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      reason: entry.reason,
      data: entry.data,
      at: entry.createdAt.toISOString(),
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}
