import { and, asc, count, desc, eq, gte, like, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../lib/db.js';
import { auditLog } from './audit.tables.js';

export interface AuditFilter {
  actorId?: string;
  entityType?: string;
  entityId?: string;
  /** Exact action, or a prefix ending in `.` (e.g. `contract.`). */
  action?: string;
  from?: Date;
  to?: Date;
  /** Only entries about this zone, its contracts and its organizations (zone admins). */
  zoneId?: string;
  page: number;
  pageSize: number;
}

export async function listAudit(db: Db, f: AuditFilter) {
  const conds: SQL[] = [];
  if (f.actorId) conds.push(eq(auditLog.actorId, f.actorId));
  if (f.entityType) conds.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) conds.push(eq(auditLog.entityId, f.entityId));
  if (f.action) conds.push(f.action.endsWith('.') ? like(auditLog.action, `${f.action.replace(/[%_\\]/g, '\\$&')}%`) : eq(auditLog.action, f.action));
  if (f.from) conds.push(gte(auditLog.createdAt, f.from));
  if (f.to) conds.push(lt(auditLog.createdAt, f.to));
  if (f.zoneId) {
    conds.push(
      or(
        and(eq(auditLog.entityType, 'zone'), eq(auditLog.entityId, f.zoneId)),
        and(eq(auditLog.entityType, 'contract'), sql`${auditLog.entityId} in (select id::text from contracts where zone_id = ${f.zoneId})`),
        and(eq(auditLog.entityType, 'organization'), sql`${auditLog.entityId} in (select id::text from organizations where zone_id = ${f.zoneId})`),
      )!,
    );
  }
  const where = conds.length ? and(...conds) : undefined;
  const [items, [total]] = await Promise.all([
    db
      .select({ entry: auditLog, actorName: sql<string | null>`(select name from users where users.id = ${auditLog.actorId})` })
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

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
