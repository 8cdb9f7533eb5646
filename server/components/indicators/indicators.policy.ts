/** Zone data is managed by platform admins and by the zone admin of that one zone. */
import { hasRole, type Actor } from '../auth/index.js';
import { AppError } from '../../lib/errors.js';

export const isAdmin = (a: Actor | null) => hasRole(a, 'admin');

/** A zone admin with their zone assigned (the zone they manage). */
export const zoneAdminZone = (a: Actor | null): string | null => (hasRole(a, 'zone_admin') && a!.adminZoneId) || null;

/** Whether the actor manages this zone: an admin, or the zone admin assigned to it. */
export const managesZone = (a: Actor | null, zoneId: string) => !!a && (isAdmin(a) || zoneAdminZone(a) === zoneId);

/** 403 for a write to a zone the actor does not manage (the zone itself is public). */
export function assertManagesZone(a: Actor, zoneId: string): void {
  if (!managesZone(a, zoneId)) throw AppError.forbidden('只能管理本示范区的数据');
}

export function assertAdmin(a: Actor, what = '此操作'): void {
  if (!isAdmin(a)) throw AppError.forbidden(`只有平台管理员可以${what}`);
}
