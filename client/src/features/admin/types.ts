export type { AdminUser } from '@common/schemas/auth.js';
export type { AdminOrganization } from '@common/schemas/organizations.js';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A row of `GET /api/audit-log`. */
export interface AuditEntry {
  id: number;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  reason: string | null;
  data: Record<string, unknown>;
  at: string;
}
