/** A row of `GET /api/admin/users`. */
export interface AdminUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
  organization: { id: string; name: string; type: string } | null;
  zoneId?: string | null;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
