/**
 * Organization membership by approval: a join request decided by the organization's admins (or a
 * platform admin), one-time invitation links, and one-time password-reset links.
 */
import crypto from 'node:crypto';
import type { z } from 'zod';
import type { OrgType } from '../../../common/roles.js';
import type { invitationSchema, joinRequestSchema } from '../../../common/schemas/auth.js';
import type { Db, Tx } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import { audit } from '../audit/index.js';
import { deliver, notify, type NewNotification } from '../notifications/index.js';
import { findOrganization } from '../organizations/index.js';
import { canManageMembers, hasRole } from './auth.policy.js';
import { credentialEnded, loadActor, type Actor, type AuthDeps } from './auth.service.js';
import { hashPassword } from './auth.password.js';
import * as repo from './membership.repository.js';

export const hashSecret = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
const newSecret = () => crypto.randomBytes(24).toString('base64url');
const HOUR = 3600_000;
/** Lifetime of a password-reset link. */
export const RESET_TTL_HOURS = 24;

/** Which organization types each self-service role may belong to. */
export const ROLE_ORG_TYPES: Record<'supplier' | 'enterprise' | 'broker', OrgType[]> = {
  supplier: ['university', 'institute', 'enterprise'],
  enterprise: ['enterprise'],
  broker: ['agency', 'university', 'institute', 'enterprise'],
};

export function roleOrgMessage(role: 'supplier' | 'enterprise' | 'broker'): string {
  return {
    supplier: '成果方须属于高校、科研院所或企业',
    enterprise: '需求方须属于企业',
    broker: '技术经纪人须属于技术转移机构、高校、科研院所或企业',
  }[role];
}

/** Runs `fn` in a transaction and delivers the notifications it queued once it commits. */
async function withNotes<T>(db: Db, fn: (tx: Tx, notes: NewNotification[]) => Promise<T>): Promise<T> {
  const queued: NewNotification[] = [];
  const { result, rows } = await db.transaction(async (tx) => {
    const result = await fn(tx, queued);
    return { result, rows: await notify(tx, queued) };
  });
  deliver(rows);
  return result;
}

async function orgOrNotFound(db: Tx, orgId: string) {
  const org = await findOrganization(db, orgId);
  if (!org) throw AppError.notFound('单位');
  return org;
}

/** 404 for an organization whose members the actor may not manage (it need not learn more). */
async function managedOrg(db: Tx, actor: Actor, orgId: string) {
  if (!canManageMembers(actor, orgId)) throw AppError.notFound('单位');
  return orgOrNotFound(db, orgId);
}

/**
 * Files a join request for an account without an organization (at registration or after a decline).
 * The organization's admins are told; the account gains nothing until one approves.
 */
export async function requestToJoin(
  db: Tx,
  notes: NewNotification[],
  user: { id: string; name: string },
  orgId: string,
  input: z.output<typeof joinRequestSchema>,
  path = 'organizationId',
) {
  const org = await findOrganization(db, orgId);
  if (!org || org.status !== 'active') throw AppError.validation([{ path, message: !org || org.status === 'merged' ? '所选单位不存在' : '该单位已被平台停用，暂不接受加入申请' }]);
  if (!ROLE_ORG_TYPES[input.role].includes(org.type as OrgType)) throw AppError.validation([{ path: 'role', message: roleOrgMessage(input.role) }]);
  await repo.cancelPendingRequests(db, user.id);
  const row = await repo.insertJoinRequest(db, { userId: user.id, organizationId: org.id, role: input.role, message: input.message ?? null });
  await audit(db, { actorId: user.id, action: 'organization.join.request', entityType: 'organization', entityId: org.id, data: { requestId: row.id, role: input.role } });
  const admins = await repo.orgAdmins(db, org.id);
  notes.push(...admins.map((a) => ({ userId: a.id, kind: 'join_request', title: `${user.name} 申请加入本单位，请审核`, link: '/organization/members' })));
  return row;
}

/** POST /api/organizations/:id/join-requests: a logged-in account without an organization asks to join one. */
export async function askToJoin({ db }: AuthDeps, actor: Actor, { orgId, ...input }: { orgId: string } & z.output<typeof joinRequestSchema>) {
  if (actor.organizationId) throw AppError.conflict('您已属于一个单位；如需变更单位，请联系平台管理员');
  const row = await withNotes(db, (tx, notes) => requestToJoin(tx, notes, actor, orgId, input, 'organizationId'));
  return presentRequest(row);
}

function presentRequest(r: repo.JoinRequestRow, user?: { id: string; name: string; email: string }) {
  return {
    id: r.id,
    organizationId: r.organizationId,
    role: r.role,
    message: r.message,
    status: r.status,
    reason: r.reason,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    ...(user ? { user } : {}),
  };
}

export async function listJoinRequests({ db }: AuthDeps, actor: Actor, { orgId, ...q }: { orgId: string; status?: string; page: number; pageSize: number }) {
  await managedOrg(db, actor, orgId);
  const { items, total } = await repo.listJoinRequests(db, orgId, q);
  return { items: items.map((i) => presentRequest(i.request, i.user)), total, page: q.page, pageSize: q.pageSize };
}

/** Approves or declines a pending request; an approved applicant becomes a member with the role they registered with. */
export async function decideJoinRequest({ db }: AuthDeps, actor: Actor, { orgId, requestId, decision, reason }: { orgId: string; requestId: string; decision: 'approve' | 'decline'; reason?: string }) {
  const row = await withNotes(db, async (tx, notes) => {
    const org = await managedOrg(tx, actor, orgId);
    const req = await repo.lockJoinRequest(tx, orgId, requestId);
    if (!req) throw AppError.notFound('加入申请');
    if (req.status !== 'pending') throw AppError.conflict(`该申请已${req.status === 'approved' ? '通过' : req.status === 'declined' ? '被拒绝' : '撤销'}，不能重复处理`);
    const user = await repo.lockUser(tx, req.userId);
    if (!user) throw AppError.notFound('加入申请');
    if (decision === 'approve') {
      if (user.organizationId) throw AppError.conflict('申请人已属于其他单位');
      await repo.setMembership(tx, user.id, { organizationId: org.id, orgAdmin: false });
    }
    await repo.decideJoinRequest(tx, req.id, { status: decision === 'approve' ? 'approved' : 'declined', decidedBy: actor.id, reason: reason ?? null });
    await audit(tx, { actorId: actor.id, action: `organization.join.${decision}`, entityType: 'organization', entityId: org.id, reason: reason ?? null, data: { requestId: req.id, userId: user.id } });
    notes.push({
      userId: user.id,
      kind: 'join_decision',
      title: decision === 'approve' ? `您已加入「${org.name}」` : `「${org.name}」未通过您的加入申请${reason ? `：${reason}` : ''}`,
      link: '/',
    });
    return { ...req, status: decision === 'approve' ? 'approved' : 'declined', reason: reason ?? null, decidedAt: new Date() };
  });
  return presentRequest(row);
}

export async function listMembers({ db }: AuthDeps, actor: Actor, { orgId }: { orgId: string }) {
  await managedOrg(db, actor, orgId);
  const rows = await repo.listMembers(db, orgId);
  return { items: rows.map((m) => ({ ...m, createdAt: m.createdAt.toISOString(), lastLoginAt: m.lastLoginAt?.toISOString() ?? null })) };
}

/** Grants or withdraws the organization-admin capability; an organization keeps at least one admin. */
export async function setOrgAdmin({ db }: AuthDeps, actor: Actor, { orgId, userId, orgAdmin }: { orgId: string; userId: string; orgAdmin: boolean }) {
  await db.transaction(async (tx) => {
    await managedOrg(tx, actor, orgId);
    const user = await repo.lockUser(tx, userId);
    if (!user || user.organizationId !== orgId) throw AppError.notFound('成员');
    if (!orgAdmin && user.orgAdmin) {
      const admins = await repo.orgAdmins(tx, orgId).for('update');
      if (admins.length <= 1) throw AppError.conflict('单位至少要保留一名单位管理员');
    }
    await repo.setMembership(tx, userId, { orgAdmin });
    await audit(tx, { actorId: actor.id, action: orgAdmin ? 'organization.admin.grant' : 'organization.admin.revoke', entityType: 'organization', entityId: orgId, data: { userId } });
  });
  return listMembers({ db }, actor, { orgId });
}

/** Issues a one-time invitation link; the token is returned once. */
export async function createInvitation({ db }: AuthDeps, actor: Actor, { orgId, ...input }: { orgId: string } & z.output<typeof invitationSchema>) {
  const token = newSecret();
  const row = await db.transaction(async (tx) => {
    await managedOrg(tx, actor, orgId);
    const row = await repo.insertInvitation(tx, { organizationId: orgId, tokenHash: hashSecret(token), note: input.note ?? null, createdBy: actor.id, expiresAt: new Date(Date.now() + input.days * 24 * HOUR) });
    await audit(tx, { actorId: actor.id, action: 'organization.invitation.create', entityType: 'organization', entityId: orgId, data: { invitationId: row.id, days: input.days } });
    return row;
  });
  return { id: row.id, token, path: `/register?invite=${token}`, expiresAt: row.expiresAt.toISOString() };
}

export async function listInvitations({ db }: AuthDeps, actor: Actor, { orgId }: { orgId: string }) {
  await managedOrg(db, actor, orgId);
  const rows = await repo.listInvitations(db, orgId);
  const now = Date.now();
  return {
    items: rows.map((r) => ({
      id: r.id,
      note: r.note,
      createdAt: r.createdAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      status: r.usedAt ? 'used' : r.revokedAt ? 'revoked' : r.expiresAt.getTime() < now ? 'expired' : 'active',
      usedBy: r.usedBy,
    })),
  };
}

export async function revokeInvitation({ db }: AuthDeps, actor: Actor, { orgId, id }: { orgId: string; id: string }) {
  await db.transaction(async (tx) => {
    await managedOrg(tx, actor, orgId);
    if (!(await repo.revokeInvitation(tx, orgId, id))) throw AppError.notFound('可撤销的邀请');
    await audit(tx, { actorId: actor.id, action: 'organization.invitation.revoke', entityType: 'organization', entityId: orgId, data: { invitationId: id } });
  });
}

/** What an invitation link shows before sign-up (the organization it leads to); 404 once used, revoked or expired. */
export async function peekInvitation({ db }: AuthDeps, _actor: Actor | null, { token }: { token: string }) {
  const row = await repo.findUsableInvitation(db, hashSecret(token));
  if (!row) throw new AppError('not_found', '邀请链接无效、已使用或已过期，请向单位管理员索取新的链接');
  return { organization: row.org, expiresAt: row.invitation.expiresAt.toISOString() };
}

/** Consumes an invitation for `userId` (inside the registration or acceptance transaction). */
export async function redeemInvitation(db: Tx, userId: string, token: string, role: 'supplier' | 'enterprise' | 'broker', path = 'invitationToken') {
  const row = await repo.findUsableInvitation(db, hashSecret(token), true);
  if (!row) throw AppError.validation([{ path, message: '邀请链接无效、已使用或已过期，请向单位管理员索取新的链接' }]);
  if (!ROLE_ORG_TYPES[role].includes(row.org.type as OrgType)) throw AppError.validation([{ path: 'role', message: roleOrgMessage(role) }]);
  await repo.useInvitation(db, row.invitation.id, userId);
  await repo.cancelPendingRequests(db, userId);
  await repo.setMembership(db, userId, { organizationId: row.org.id, orgAdmin: false });
  await audit(db, { actorId: userId, action: 'organization.invitation.accept', entityType: 'organization', entityId: row.org.id, data: { invitationId: row.invitation.id } });
  return row.org;
}

/** POST /api/invitations/accept: an account without an organization joins through a link. */
export async function acceptInvitation({ db }: AuthDeps, actor: Actor, { token, role }: { token: string; role: 'supplier' | 'enterprise' | 'broker' }) {
  if (actor.organizationId) throw AppError.conflict('您已属于一个单位；如需变更单位，请联系平台管理员');
  await db.transaction(async (tx) => {
    await redeemInvitation(tx, actor.id, token, role, 'token');
  });
  return (await loadActor(db, actor.id))!;
}

/**
 * A one-time password-reset link for a member, issued by an organization admin of the member's
 * organization or a platform admin, and shown once to them (no e-mail server is assumed).
 */
export async function issuePasswordReset({ db }: AuthDeps, actor: Actor, { userId, orgId }: { userId: string; orgId?: string }) {
  const token = newSecret();
  const expiresAt = new Date(Date.now() + RESET_TTL_HOURS * HOUR);
  await db.transaction(async (tx) => {
    const user = await repo.lockUser(tx, userId);
    const allowed = !!user && (hasRole(actor, 'admin') || (!!user.organizationId && canManageMembers(actor, user.organizationId)));
    if (!user || !allowed || (orgId && user.organizationId !== orgId)) throw AppError.notFound('用户');
    await repo.insertPasswordReset(tx, { userId, tokenHash: hashSecret(token), issuedBy: actor.id, expiresAt });
    await audit(tx, { actorId: actor.id, action: 'user.password_reset.issue', entityType: 'user', entityId: userId });
  });
  return { token, path: `/reset-password?token=${token}`, expiresAt: expiresAt.toISOString() };
}

/** A self-service reset link for an e-mail address, or null when no such account exists (the caller answers the same either way). */
export async function selfServiceReset(db: Db, userId: string) {
  const token = newSecret();
  const expiresAt = new Date(Date.now() + RESET_TTL_HOURS * HOUR);
  await db.transaction(async (tx) => {
    await repo.insertPasswordReset(tx, { userId, tokenHash: hashSecret(token), issuedBy: null, expiresAt });
    await audit(tx, { actorId: null, action: 'user.password_reset.mail', entityType: 'user', entityId: userId });
  });
  return { token, path: `/reset-password?token=${token}`, expiresAt };
}

/** Sets a new password through a reset link; every session and API token of the account ends. */
export async function resetPassword({ db }: AuthDeps, _actor: Actor | null, { token, password }: { token: string; password: string }): Promise<void> {
  const passwordHash = await hashPassword(password);
  const ended = await db.transaction(async (tx) => {
    const reset = await repo.takePasswordReset(tx, hashSecret(token));
    if (!reset) throw AppError.validation([{ path: 'token', message: '重置链接无效、已使用或已过期，请重新申请' }]);
    await repo.setPassword(tx, reset.userId, passwordHash);
    const sessions = await repo.deleteSessionsOf(tx, reset.userId);
    const tokens = await repo.revokeTokensOf(tx, reset.userId);
    await audit(tx, { actorId: reset.userId, action: 'user.password_reset.use', entityType: 'user', entityId: reset.userId, data: { sessionsEnded: sessions.length, tokensRevoked: tokens.length } });
    return [...sessions.map((id) => ({ kind: 'session' as const, id })), ...tokens.map((id) => ({ kind: 'token' as const, id }))];
  });
  for (const c of ended) credentialEnded(c);
}
