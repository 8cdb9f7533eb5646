/** Who reads the audit log: platform admins everything, a zone admin what concerns their zone. */
import { hasRole, type Actor } from '../auth/index.js';
import { AppError } from '../../lib/errors.js';

/** The zone an actor's reading is limited to (undefined: everything); 403 for anyone else. */
export function auditScope(actor: Actor): { zoneId?: string } {
  if (hasRole(actor, 'admin')) return {};
  if (!hasRole(actor, 'zone_admin')) throw AppError.forbidden();
  if (!actor.adminZoneId) throw AppError.forbidden('未分配示范区的管理员不能查看操作日志');
  return { zoneId: actor.adminZoneId };
}
