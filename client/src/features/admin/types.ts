/** A row of `GET /api/admin/users`. */
export interface AdminUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
  organization: { id: string; name: string; type: string; status?: 'active' | 'disabled' | 'merged' } | null;
  zoneId?: string | null;
  createdAt: string;
  lastLoginAt?: string | null;
  disabledAt?: string | null;
  disabledReason?: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A row of `GET /api/admin/organizations`. */
export interface AdminOrganization {
  id: string;
  name: string;
  type: string;
  creditCode: string;
  regionCode: string;
  zoneId: string | null;
  parentOrgId: string | null;
  agencyRating: string | null;
  agencyRatingYear: number | null;
  agencyRatingBody: string | null;
  verified: boolean;
  status: 'active' | 'disabled' | 'merged';
  statusReason: string | null;
  statusChangedAt: string | null;
  mergedInto: string | null;
  memberCount: number;
  createdAt: string;
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
