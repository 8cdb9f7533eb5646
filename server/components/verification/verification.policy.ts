/** Who may request and decide verifications. Use cases call these; routes only check login. */
import { hasRole, type Actor } from '../auth/index.js';

/** Reviewers (and platform admins) decide verifications and see their queue and scans. */
export const isReviewer = (a: Actor | null) => hasRole(a, 'reviewer', 'admin');

/** Qualifications are submitted by technology brokers for themselves. */
export const canRequestQualification = (a: Actor) => hasRole(a, 'broker');

/** Agency rating and parent organization (indicators 3 and 4): platform admins, or the zone admin of the organization's zone. */
export const canRateOrganization = (a: Actor, org: { zoneId: string | null }) =>
  hasRole(a, 'admin') || (hasRole(a, 'zone_admin') && !!a.adminZoneId && a.adminZoneId === org.zoneId);
