import { hasRole, type Actor } from '../auth/index.js';
import { KINDS, type Kind } from './listings.kinds.js';
import type { ListingRow } from './listings.repository.js';

const PUBLIC_STATUSES = new Set(['published', 'expired', 'transferred']);

export const isOwner = (actor: Actor | null, row: ListingRow) => !!actor && actor.organizationId === row.ownerOrgId;
export const isStaff = (actor: Actor | null) => hasRole(actor, 'reviewer', 'admin');

/** Achievements are published by suppliers (universities, institutes…), demands by enterprises. */
export const canPublish = (actor: Actor, kind: Kind) => hasRole(actor, KINDS[kind].role);

/** Drafts, pending, rejected and withdrawn listings exist only for their owner organization and staff. */
export const canSee = (actor: Actor | null, row: ListingRow) => PUBLIC_STATUSES.has(row.status) || isOwner(actor, row) || isStaff(actor);

/**
 * How much of a listing the actor sees: summary to anyone; detail to logged-in users; contacts,
 * attachments and confidential detail to deal participants under a 保密承诺 (resolved by the service,
 * level `confidential`); revision and review notes to the owner and staff.
 */
export function visibilityOf(actor: Actor | null, row: ListingRow): 'summary' | 'detail' | 'full' {
  if (isOwner(actor, row) || isStaff(actor)) return 'full';
  return actor ? 'detail' : 'summary';
}
