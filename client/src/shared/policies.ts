/**
 * What the signed-in user may see or do in the UI: the one place in the client that reads roles
 * (`npm run lint` refuses `.roles.includes(…)` elsewhere, as on the server). The server decides; these
 * only hide what it would refuse.
 */
import type { Role } from '@common/roles.js';
import type { PublicUser } from '@common/schemas/auth.js';

type Someone = PublicUser | null | undefined;

/** Holds at least one of the roles. */
export function hasRole(user: Someone, ...roles: readonly Role[]): boolean {
  return !!user && user.roles.some((role) => (roles as readonly string[]).includes(role));
}

export const isAdmin = (user: Someone) => hasRole(user, 'admin');
/** Reviewers and admins see listings' review history and confidential parts. */
export const isStaff = (user: Someone) => hasRole(user, 'reviewer', 'admin');
/** The parties of a technology contract (and the broker between them) submit contracts. */
const CONTRACT_PARTY_ROLES = ['supplier', 'enterprise', 'broker'] as const satisfies readonly Role[];
export const submitsContracts = (user: Someone) => hasRole(user, ...CONTRACT_PARTY_ROLES);
export const registersContracts = (user: Someone) => hasRole(user, 'registrar', 'admin');
/** Contract statistics (GET /api/stats/contracts): zone admins, registrars and platform admins. */
const STATS_ROLES = ['zone_admin', 'admin', 'registrar'] as const satisfies readonly Role[];
export const readsStatistics = (user: Someone) => hasRole(user, ...STATS_ROLES);
/** A platform admin, or the admin of this zone. */
export const managesZone = (user: Someone, zoneId: string | undefined) => isAdmin(user) || (hasRole(user, 'zone_admin') && !!zoneId && user?.zoneId === zoneId);
/** A zone admin who is not also a platform admin works within their own zone only. */
export const zoneBound = (user: Someone) => hasRole(user, 'zone_admin') && !isAdmin(user) && !!user?.zoneId;
const ORGANIZER_ROLES = ['zone_admin', 'broker', 'admin'] as const satisfies readonly Role[];
export const organizesRoadshows = (user: Someone) => hasRole(user, ...ORGANIZER_ROLES);
/** The organization's admin (or a platform admin) manages its members. */
export const managesMembers = (user: Someone) => !!user?.organizationId && (user.orgAdmin || isAdmin(user));
/**
 * Who may open a negotiation on a listing: an achievement interests enterprises (and other suppliers,
 * for joint development); a demand is answered by suppliers.
 */
export const startsDealOn = (user: Someone, kind: 'achievement' | 'demand') =>
  kind === 'achievement' ? hasRole(user, 'enterprise', 'supplier') : hasRole(user, 'supplier');
/** Fills in a contract as the seller by default: a supplier who is not also an enterprise. */
export const sellsByDefault = (user: Someone) => hasRole(user, 'supplier') && !hasRole(user, 'enterprise');
/** A broker with no party role of their own enters contracts on the parties' behalf. */
export const onlyBrokers = (user: Someone) => hasRole(user, 'broker') && !hasRole(user, 'supplier', 'enterprise');
