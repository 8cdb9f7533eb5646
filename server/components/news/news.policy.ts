/** Who may write and read news articles. Use cases call these; routes only check the role. */
import { hasRole, type Actor } from '../auth/index.js';
import type { NewsRow } from './news.repository.js';

export const isAdmin = (a: Actor | null) => hasRole(a, 'admin');
const isZoneAdminOf = (a: Actor, zoneId: string | null) => !!zoneId && hasRole(a, 'zone_admin') && a.adminZoneId === zoneId;

/** Platform admins edit every article; a zone admin edits their zone's. */
export const canEdit = (a: Actor | null, n: NewsRow) => !!a && (isAdmin(a) || isZoneAdminOf(a, n.zoneId));

/** Published articles are public; drafts only for those who may edit them (everyone else: 404). */
export const canSee = (a: Actor | null, n: NewsRow) => n.status === 'published' || canEdit(a, n);

/** The zone scope of the management list: all (platform admin), one zone (zone admin), or none. */
export function manageScope(a: Actor): { all: true } | { all: false; zoneId: string } | null {
  if (isAdmin(a)) return { all: true };
  if (hasRole(a, 'zone_admin') && a.adminZoneId) return { all: false, zoneId: a.adminZoneId };
  return null;
}
