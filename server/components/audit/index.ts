import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../lib/db.js';
import { auditLog } from './audit.tables.js';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  reason?: string | null;
  data?: Record<string, unknown>;
}

/** Appends one audit row; call it inside the transaction of the change it records. */
export async function audit(db: Tx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({ ...entry, reason: entry.reason ?? null, data: entry.data ?? {} });
}

/** The trail of one object, oldest first. */
export function auditTrail(db: Tx, entityType: string, entityId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.id));
}

export { auditLog } from './audit.tables.js';
export { auditRoutes } from './audit.routes.js';
