/** Who may see and change technology contracts. Use cases call these; routes only check login. */
import { hasRole, type Actor } from '../auth/index.js';
import type { ContractRow, ListScope } from './contracts.repository.js';

export const isAdmin = (a: Actor | null) => hasRole(a, 'admin');
export const isRegistrar = (a: Actor | null) => hasRole(a, 'registrar');
export const isZoneAdmin = (a: Actor | null) => hasRole(a, 'zone_admin');
const isZoneAdminOf = (a: Actor, zoneId: string | null) => !!zoneId && isZoneAdmin(a) && a.adminZoneId === zoneId;
/** A technology broker may submit a contract for the parties and be named as its broker. */
export const isBroker = (a: Actor | null | undefined) => hasRole(a ?? null, 'broker');

/** Registrars and admins see the parties' ID numbers unmasked. */
export const seesIdNumbers = (a: Actor | null | undefined) => hasRole(a ?? null, 'registrar', 'admin');

/** Holidays and 调休 workdays of the review calendar, and registration stations: platform admins. */
export const canManageCalendar = (a: Actor) => isAdmin(a);
export const canManageStations = (a: Actor) => isAdmin(a);
/** Who may see the stations list and their registrars: admins and registrars. */
export const canSeeStations = (a: Actor) => hasRole(a, 'admin', 'registrar');
/** The contract statistics dashboard (from the rollups): zone admins, admins, registrars. */
export const canSeeStats = (a: Actor) => hasRole(a, 'zone_admin', 'admin', 'registrar');
/** Certificates and the ledger of any contract the actor may see, for staff. */
export const isStaff = (a: Actor) => isAdmin(a) || isRegistrar(a) || isZoneAdmin(a);

/**
 * A registrar's reach: contracts routed to one of its stations, and unrouted ones (no station
 * serves the seller's region). `stationIds` are the registrar's stations (stations.service.ts).
 */
export const registrarReaches = (a: Actor, c: ContractRow, stationIds: readonly string[]) => isRegistrar(a) && (c.stationId === null || stationIds.includes(c.stationId));

/** The submitting side: the organization (or user) that submitted it, and the parties' members. */
export const isSubmitterSide = (a: Actor, c: ContractRow) =>
  c.createdBy === a.id || (!!a.organizationId && (c.createdByOrgId === a.organizationId || c.sellerOrgId === a.organizationId || c.buyerOrgId === a.organizationId));

/** Parties, the submitter, the broker, the registrars of its station, admins and the zone admin of its zone. Everyone else: 404. */
export function canSee(a: Actor | null, c: ContractRow, stationIds: readonly string[] = []): boolean {
  if (!a) return false;
  return registrarReaches(a, c, stationIds) || isAdmin(a) || isZoneAdminOf(a, c.zoneId) || isSubmitterSide(a, c) || c.brokerId === a.id;
}

/** Registrars review (认定登记) the submitted contracts of their stations (and unrouted ones). */
export const canReview = (a: Actor, c: ContractRow, stationIds: readonly string[]) => registrarReaches(a, c, stationIds);

/** Amendment and cancellation: the registering body that registered it, or a platform admin. */
export const canAmend = (a: Actor, c: ContractRow) => isAdmin(a) || (isRegistrar(a) && c.registrarOrgId === a.organizationId);

/** The list scope of an actor (API: parties, registrars of the station, zone_admin of its zone). */
export function listScope(a: Actor, stationIds: readonly string[] = []): ListScope {
  if (isAdmin(a)) return { all: true };
  return {
    all: false,
    orgId: a.organizationId ?? undefined,
    userId: a.id,
    zoneId: isZoneAdmin(a) ? a.adminZoneId : null,
    registrar: isRegistrar(a) ? { stationIds: [...stationIds] } : undefined,
  };
}
