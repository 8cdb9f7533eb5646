/** Who may do what with roadshows. Use cases call these; routes only check login. */
import { hasRole, type Actor } from '../auth/index.js';
import type { RoadshowRow } from './roadshows.repository.js';

const has = hasRole;
export const isAdmin = (a: Actor | null) => has(a, 'admin');
const isZoneAdminOf = (a: Actor | null, zoneId: string) => has(a, 'zone_admin') && a!.adminZoneId === zoneId;

/** Zone admins (for their zone), brokers and platform admins organize roadshows. */
export const canCreate = (a: Actor) => isAdmin(a) || has(a, 'broker') || has(a, 'zone_admin');
export const canCreateInZone = (a: Actor, zoneId: string) => isAdmin(a) || has(a, 'broker') || isZoneAdminOf(a, zoneId);

/** The host runs the room: its creator, the zone admin of its zone, a platform admin. */
export const isHost = (a: Actor | null, r: RoadshowRow) => !!a && (r.hostId === a.id || isAdmin(a) || isZoneAdminOf(a, r.zoneId));

/** Moderation (answer/hide questions, mute chat): the host or a platform reviewer. */
export const canModerate = (a: Actor | null, r: RoadshowRow) => isHost(a, r) || has(a, 'reviewer');

/** Drafts are the host's; everything else is public. */
export const canSee = (a: Actor | null, r: RoadshowRow) => r.status !== 'draft' || isHost(a, r);

/** Statistics: host, zone admin of its zone, admin (API.md). */
export const canSeeStats = (a: Actor | null, r: RoadshowRow) => isHost(a, r);

/** Recording offline events for indicator 23: the zone's admin or a platform admin. */
export const canRecordEvents = (a: Actor, zoneId: string) => isAdmin(a) || isZoneAdminOf(a, zoneId);
