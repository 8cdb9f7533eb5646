/** Who may see and act in a deal. Use cases (REST and socket alike) call these. */
import { hasRole, type Actor } from '../auth/index.js';
import { AppError } from '../../lib/errors.js';
import type { DealRow, ParticipantRow } from './deals.repository.js';

/** The participant row the actor acts for: the broker by user, the two sides by organization. */
export function sideOf(actor: Actor | null, parts: ParticipantRow[]): ParticipantRow | undefined {
  if (!actor) return undefined;
  const broker = parts.find((p) => p.side === 'broker' && p.userId === actor.id && p.status !== 'declined');
  if (broker) return broker;
  const orgId = actor.organizationId as string | null;
  if (!orgId) return undefined;
  return parts.find((p) => p.side !== 'broker' && p.orgId === orgId);
}

/** Participants see a deal (even before accepting); anyone else gets 404. */
export const canSee = (actor: Actor | null, parts: ParticipantRow[]) => !!sideOf(actor, parts);

export const isClosed = (deal: DealRow) => deal.stage === 'closed' || deal.stage === 'lost';

/** A user whose join request is still waiting has no organization: no deals for them yet. */
export function requireOrganization(actor: Actor): string {
  const orgId = actor.organizationId as string | null;
  if (!orgId) throw AppError.forbidden('您的账号尚未加入任何单位（加入申请待审批），审批通过后才能发起或参与洽谈');
  return orgId;
}

/** The participant of the actor, or 404 (not a participant). */
export function participantOrNotFound(actor: Actor, parts: ParticipantRow[]): ParticipantRow {
  const p = sideOf(actor, parts);
  if (!p) throw AppError.notFound('洽谈');
  return p;
}

/** A participant who has accepted (the room is theirs to talk in). */
export function requireAccepted(p: ParticipantRow): void {
  if (p.status === 'invited') throw AppError.forbidden('请先接受洽谈邀请');
  if (p.status === 'declined') throw AppError.forbidden('您已谢绝该洽谈');
}

/** Platform staff (reviewer, admin): the complaint queue and credit records. */
export const isStaff = (actor: Actor | null) => hasRole(actor, 'reviewer', 'admin');

export const isAdmin = (actor: Actor | null) => hasRole(actor, 'admin');

/** A technology broker (技术经纪人): may broker a deal between two other organizations. */
export const isBroker = (actor: Actor | null) => hasRole(actor, 'broker');

/** Someone chosen as a deal's broker: a broker who belongs to an organization. */
export const canBeBroker = (user: Actor | null | undefined): user is Actor => !!user && isBroker(user) && !!user.organizationId;

/** A supplier outside both sides (and no broker) may not open a deal between others. */
export const isOutsideSupplier = (actor: Actor) => hasRole(actor, 'supplier') && !isBroker(actor);
