import crypto from 'node:crypto';
import type { z } from 'zod';
import { SELF_SERVICE_ROLES, type OrgType, type Role } from '../../../common/roles.js';
import type { grantRolesSchema, registerSchema, PublicUser } from '../../../common/schemas/auth.js';
import type { Db, Tx } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import { audit } from '../audit/index.js';
import { deliver, notify, type NewNotification } from '../notifications/index.js';
import { memberCount } from './membership.repository.js';
import { redeemInvitation, requestToJoin, roleOrgMessage, ROLE_ORG_TYPES } from './membership.service.js';
import { createOrganization } from '../organizations/index.js';
import { findZone } from '../taxonomy/index.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './auth.password.js';
import * as repo from './auth.repository.js';
import { canAdministerUsers } from './auth.policy.js';
import { deleteSessionsOf, revokeTokensOf } from './membership.repository.js';

/** What the auth and membership use cases need. */
export interface AuthDeps {
  db: Db;
}

/** The logged-in user as use cases see it. */
export interface Actor extends PublicUser {
  roles: Role[];
  /** Zone managed through the zone_admin role, if any. */
  adminZoneId: string | null;
  /** The account was disabled by a platform admin (never an actor of a request: see `activeActor`). */
  disabled: boolean;
}

/** Registration bodies and government offices are created by an admin, not by self-registration. */
const SELF_SERVICE_ORG_TYPES: OrgType[] = ['university', 'institute', 'enterprise', 'agency'];

/** Roles that act in an organization's name: they take effect only once the account belongs to one. */
const ORG_BOUND_ROLES: readonly string[] = SELF_SERVICE_ROLES;

export function toActor(u: repo.LoadedUser): Actor {
  const adminZoneId = u.roles.find((r) => r.role === 'zone_admin')?.zoneId ?? null;
  // A disabled (or merged-away) organization: its members keep their accounts but cannot act for it.
  const suspended = u.org && u.org.status !== 'active' ? u.org : null;
  const org = suspended ? null : u.org;
  const jr = u.joinRequest;
  return {
    id: u.user.id,
    email: u.user.email,
    name: u.user.name,
    roles: u.roles
      .map((r) => r.role as Role)
      .filter((r) => org || !ORG_BOUND_ROLES.includes(r))
      .sort(),
    organizationId: org?.id ?? null,
    organization: org ? { id: org.id, name: org.name, type: org.type } : null,
    orgAdmin: !!org && u.user.orgAdmin,
    membership:
      !u.org && jr
        ? { requestId: jr.request.id, status: jr.request.status as 'pending' | 'declined', role: jr.request.role, organization: jr.org, reason: jr.request.reason }
        : null,
    disabledOrganization: suspended ? { id: suspended.id, name: suspended.name, type: suspended.type } : null,
    zoneId: adminZoneId ?? org?.zoneId ?? null,
    adminZoneId,
    disabled: !!u.user.disabledAt,
  };
}

/** The organization an actor acts for; accounts whose join request is not approved have none. */
export function orgOf(actor: Actor): string {
  if (actor.organizationId) return actor.organizationId;
  if (actor.disabledOrganization) throw AppError.forbidden(`「${actor.disabledOrganization.name}」已被平台停用，暂时不能以该单位名义操作，请联系平台管理员`);
  throw AppError.forbidden(
    actor.membership?.status === 'pending' ? '您加入单位的申请尚在审批中，通过后才能以单位名义操作' : '您尚未加入任何单位，请先申请加入单位或新建单位',
  );
}

/** The `{ user }` body of register, login and me. */
export function presentUser(a: Actor): PublicUser {
  return {
    id: a.id,
    email: a.email,
    name: a.name,
    roles: a.roles,
    organizationId: a.organizationId,
    organization: a.organization,
    orgAdmin: a.orgAdmin,
    membership: a.membership,
    disabledOrganization: a.disabledOrganization ?? null,
    zoneId: a.zoneId ?? null,
  };
}

export async function loadActor(db: Tx, id: string): Promise<Actor | null> {
  const [u] = await repo.loadUsers(db, [id]);
  return u ? toActor(u) : null;
}

/** The actor of a session or token: null for a disabled account, so a live session of one is refused at once. */
export async function activeActor(db: Tx, id: string): Promise<Actor | null> {
  const a = await loadActor(db, id);
  return a && !a.disabled ? a : null;
}

export const ACCOUNT_DISABLED_MESSAGE = '该账号已被平台管理员停用，不能登录；如有疑问请联系平台管理员';

/**
 * Self-service registration: the user creates a new organization (and administers it), joins one
 * through an invitation link, or asks to join an existing one — then the account has no rights in
 * it until an organization admin or a platform admin approves.
 */
export async function register({ db }: AuthDeps, _actor: Actor | null, input: z.output<typeof registerSchema>): Promise<Actor> {
  const passwordHash = await hashPassword(input.password);
  const queued: NewNotification[] = [];
  const { id, rows } = await db.transaction(async (tx) => {
    if (await repo.findUserByEmail(tx, input.email)) {
      throw AppError.conflict('该邮箱已注册，请直接登录', { fields: [{ path: 'email', message: '该邮箱已注册' }] });
    }
    let orgId: string | null = null;
    if (input.organization) {
      if (!SELF_SERVICE_ORG_TYPES.includes(input.organization.type)) {
        throw AppError.validation([{ path: 'organization.type', message: '技术合同登记机构和政府部门账号由平台管理员开通' }]);
      }
      if (!ROLE_ORG_TYPES[input.role].includes(input.organization.type)) throw AppError.validation([{ path: 'role', message: roleOrgMessage(input.role) }]);
      orgId = (await createOrganization(tx, input.organization)).id;
    }
    const user = await repo.insertUser(tx, { email: input.email, passwordHash, name: input.name, organizationId: orgId, orgAdmin: !!orgId });
    await repo.addRoles(tx, user.id, [{ role: input.role, zoneId: null }], null);
    await audit(tx, { actorId: user.id, action: 'user.register', entityType: 'user', entityId: user.id, data: { role: input.role, organizationId: orgId, newOrganization: !!input.organization } });
    if (input.invitationToken) await redeemInvitation(tx, user.id, input.invitationToken, input.role);
    else if (input.organizationId) {
      const target = /^[0-9a-f-]{36}$/i.test(input.organizationId) ? input.organizationId : '00000000-0000-0000-0000-000000000000';
      await requestToJoin(tx, queued, user, target, { role: input.role, message: input.joinMessage });
    }
    return { id: user.id, rows: await notify(tx, queued) };
  });
  deliver(rows);
  return (await loadActor(db, id))!;
}

/** Checks an email and password; null for any mismatch (the caller answers one generic error). */
export async function authenticate(db: Db, email: string, password: string): Promise<Actor | null> {
  const user = await repo.findUserByEmail(db, email.trim().toLowerCase());
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) return null;
  // Told only to someone who knows the password.
  if (user.disabledAt) throw new AppError('account_disabled', ACCOUNT_DISABLED_MESSAGE);
  await repo.updateUser(db, user.id, { lastLoginAt: new Date() });
  return loadActor(db, user.id);
}

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/**
 * Issues a bearer token for integrations; the plain token is returned once and only its hash is kept.
 * Only a login session may create tokens: a token minted with a token would outlive its parent's revocation.
 */
export async function createToken({ db }: AuthDeps, actor: Actor, { name, via }: { name: string; via: 'session' | 'token' }) {
  if (via !== 'session') throw AppError.forbidden('访问令牌只能在登录会话中创建，不能用另一个令牌创建');
  const token = `gjt_${crypto.randomBytes(32).toString('base64url')}`;
  const row = await repo.insertToken(db, { userId: actor.id, name, tokenHash: hashToken(token) });
  await audit(db, { actorId: actor.id, action: 'token.create', entityType: 'api_token', entityId: row.id, data: { name } });
  return { id: row.id, name: row.name, token, createdAt: row.createdAt.toISOString() };
}

/** A credential a connection can be opened with: a login session or an API token. */
export type Credential = { kind: 'session' | 'token'; id: string };
const credentialEndListeners = new Set<(c: Credential) => void>();
/** Called for each session that logs out and each token that is revoked (real-time connections opened with it close). Returns the unsubscribe. */
export function onCredentialEnded(listener: (c: Credential) => void): () => void {
  credentialEndListeners.add(listener);
  return () => credentialEndListeners.delete(listener);
}
export function credentialEnded(c: Credential): void {
  for (const l of credentialEndListeners) l(c);
}

/** The actor of an active API token, and the token's id. */
export async function tokenLogin(db: Db, token: string): Promise<{ actor: Actor; tokenId: string } | null> {
  const row = await repo.findActiveToken(db, hashToken(token));
  if (!row) return null;
  const actor = await activeActor(db, row.userId);
  if (!actor) return null;
  await repo.touchToken(db, row.id);
  return actor ? { actor, tokenId: row.id } : null;
}

export async function actorFromToken(db: Db, token: string): Promise<Actor | null> {
  return (await tokenLogin(db, token))?.actor ?? null;
}

export async function revokeToken({ db }: AuthDeps, actor: Actor, { id }: { id: string }): Promise<void> {
  if (!(await repo.revokeToken(db, actor.id, id))) throw AppError.notFound('令牌');
  await audit(db, { actorId: actor.id, action: 'token.revoke', entityType: 'api_token', entityId: id });
  credentialEnded({ kind: 'token', id });
}

export const listTokens = ({ db }: AuthDeps, actor: Actor) => repo.listTokens(db, actor.id);

/** Admin grant of staff roles; zone_admin needs the zone it manages. */
export async function grantRoles({ db }: AuthDeps, admin: Actor, { userId, ...input }: { userId: string } & z.output<typeof grantRolesSchema>): Promise<Actor> {
  if (!canAdministerUsers(admin)) throw AppError.forbidden('只有平台管理员可以授予角色');
  if (input.roles.some((r) => r === 'zone_admin')) {
    if (!input.zoneId) throw AppError.validation([{ path: 'zoneId', message: '授予示范区管理员时须选择示范区' }]);
    if (!/^[0-9a-f-]{36}$/i.test(input.zoneId) || !(await findZone(db, input.zoneId))) {
      throw AppError.validation([{ path: 'zoneId', message: '所选示范区不存在' }]);
    }
  }
  await db.transaction(async (tx) => {
    if (!(await loadActor(tx, userId))) throw AppError.notFound('用户');
    await repo.addRoles(tx, userId, input.roles.map((role) => ({ role, zoneId: role === 'zone_admin' ? input.zoneId! : null })), admin.id);
    await audit(tx, { actorId: admin.id, action: 'user.roles.grant', entityType: 'user', entityId: userId, data: { roles: input.roles, zoneId: input.zoneId ?? null } });
  });
  return (await loadActor(db, userId))!;
}

export async function revokeRole({ db }: AuthDeps, admin: Actor, { userId, role }: { userId: string; role: string }): Promise<Actor> {
  if (!canAdministerUsers(admin)) throw AppError.forbidden('只有平台管理员可以撤销角色');
  if (userId === admin.id && role === 'admin') throw AppError.conflict('不能撤销自己的平台管理员角色');
  await db.transaction(async (tx) => {
    if (!(await repo.removeRole(tx, userId, role))) throw AppError.notFound('该用户的此角色');
    await audit(tx, { actorId: admin.id, action: 'user.roles.revoke', entityType: 'user', entityId: userId, data: { role } });
  });
  return (await loadActor(db, userId))!;
}

export async function listUsers({ db }: AuthDeps, actor: Actor, q: { text?: string; status?: 'active' | 'disabled'; role?: string; organizationId?: string; page: number; pageSize: number }) {
  if (!canAdministerUsers(actor)) throw AppError.forbidden();
  const { items, total } = await repo.listUsers(db, q);
  return {
    items: items.map((u) => ({
      ...presentUser(toActor(u)),
      createdAt: u.user.createdAt.toISOString(),
      lastLoginAt: u.user.lastLoginAt?.toISOString() ?? null,
      disabledAt: u.user.disabledAt?.toISOString() ?? null,
      disabledReason: u.user.disabledReason,
      // The organization the account belongs to even while it is disabled.
      organization: u.org ? { id: u.org.id, name: u.org.name, type: u.org.type, status: u.org.status } : null,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Creates a user with the given roles or resets an existing one's password and adds the roles (create-admin, seeds). */
export async function upsertUser(
  db: Db,
  u: { email: string; password: string; name: string; organizationId: string; roles: { role: Role; zoneId?: string | null }[]; brokerLevel?: string; brokerTitle?: string },
): Promise<Actor> {
  const passwordHash = await hashPassword(u.password);
  const id = await db.transaction(async (tx) => {
    const existing = await repo.findUserByEmail(tx, u.email);
    // The first member of an organization administers it.
    const orgAdmin = !existing && (await memberCount(tx, u.organizationId)) === 0;
    const user = existing
      ? (await repo.updateUser(tx, existing.id, { passwordHash, name: u.name }), existing)
      : await repo.insertUser(tx, { email: u.email, passwordHash, name: u.name, organizationId: u.organizationId, orgAdmin, brokerLevel: u.brokerLevel ?? null, brokerTitle: u.brokerTitle ?? null });
    await repo.addRoles(tx, user.id, u.roles.map((r) => ({ role: r.role, zoneId: r.zoneId ?? null })), null);
    await audit(tx, { actorId: null, action: existing ? 'user.reset' : 'user.create', entityType: 'user', entityId: user.id, data: { roles: u.roles.map((r) => r.role) } });
    return user.id;
  });
  return (await loadActor(db, id))!;
}

export const findUserByEmail = repo.findUserByEmail;

/**
 * Disables or re-enables an account (platform admins). Disabling ends every login session and
 * revokes every API token at once (their live sockets close); login is refused with `account_disabled`.
 */
export async function setUserDisabled({ db }: AuthDeps, admin: Actor, { userId, ...input }: { userId: string; disabled: boolean; reason?: string }) {
  if (!canAdministerUsers(admin)) throw AppError.notFound('用户');
  if (input.disabled && userId === admin.id) throw AppError.conflict('不能停用自己的账号');
  const ended = await db.transaction(async (tx) => {
    const user = await repo.lockUserRow(tx, userId);
    if (!user) throw AppError.notFound('用户');
    if (input.disabled === !!user.disabledAt) throw AppError.conflict(input.disabled ? '该账号已是停用状态' : '该账号未被停用');
    await repo.setDisabled(tx, userId, input.disabled ? new Date() : null, input.disabled ? (input.reason ?? null) : null);
    const sessions = input.disabled ? await deleteSessionsOf(tx, userId) : [];
    const tokens = input.disabled ? await revokeTokensOf(tx, userId) : [];
    await audit(tx, {
      actorId: admin.id,
      action: input.disabled ? 'user.disable' : 'user.enable',
      entityType: 'user',
      entityId: userId,
      reason: input.reason ?? null,
      data: input.disabled ? { sessionsEnded: sessions.length, tokensRevoked: tokens.length } : {},
    });
    return [...sessions.map((id) => ({ kind: 'session' as const, id })), ...tokens.map((id) => ({ kind: 'token' as const, id }))];
  });
  for (const c of ended) credentialEnded(c);
  const [u] = await repo.loadUsers(db, [userId]);
  return { user: presentUser(toActor(u!)), disabledAt: u!.user.disabledAt?.toISOString() ?? null, sessionsEnded: ended.filter((c) => c.kind === 'session').length, tokensRevoked: ended.filter((c) => c.kind === 'token').length };
}
