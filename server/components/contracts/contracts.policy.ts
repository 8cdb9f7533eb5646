/** Who may see and change technology contracts. Use cases call these; routes only check login. */
import type { Actor } from '../auth/index.js';
import type { ContractRow, ListScope } from './contracts.repository.js';

export const isAdmin = (a: Actor | null) => !!a && a.roles.includes('admin');
export const isRegistrar = (a: Actor | null) => !!a && a.roles.includes('registrar');
const isZoneAdminOf = (a: Actor, zoneId: string) => a.roles.includes('zone_admin') && a.adminZoneId === zoneId;

/** The submitting side: the organization (or user) that submitted it, and the parties' members. */
export const isSubmitterSide = (a: Actor, c: ContractRow) =>
  c.createdBy === a.id || c.createdByOrgId === a.organizationId || c.sellerOrgId === a.organizationId || c.buyerOrgId === a.organizationId;

/** Parties, the submitter, the broker, registrars, admins and the zone admin of its zone. Everyone else: 404. */
export function canSee(a: Actor | null, c: ContractRow): boolean {
  if (!a) return false;
  return isRegistrar(a) || isAdmin(a) || isZoneAdminOf(a, c.zoneId) || isSubmitterSide(a, c) || c.brokerId === a.id;
}

/** Registrars review (认定登记) submitted contracts. */
export const canReview = (a: Actor) => isRegistrar(a);

/** Amendment and cancellation: the registering body that registered it, or a platform admin. */
export const canAmend = (a: Actor, c: ContractRow) => isAdmin(a) || (isRegistrar(a) && c.registrarOrgId === a.organizationId);

/** The list scope of an actor (API: parties, registrar, zone_admin of its zone). */
export function listScope(a: Actor): ListScope {
  if (isRegistrar(a) || isAdmin(a)) return { all: true };
  return { all: false, orgId: a.organizationId ?? undefined, userId: a.id, zoneId: a.roles.includes('zone_admin') ? a.adminZoneId : null };
}
