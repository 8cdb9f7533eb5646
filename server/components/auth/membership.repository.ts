import { and, asc, count, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../lib/db.js';
import { apiTokens, invitations, joinRequests, passwordResets, sessions, users } from './auth.tables.js';
import { organizations } from '../../db/schema.js';

export type JoinRequestRow = typeof joinRequests.$inferSelect;
export type InvitationRow = typeof invitations.$inferSelect;

export async function insertJoinRequest(db: Tx, r: typeof joinRequests.$inferInsert): Promise<JoinRequestRow> {
  const [row] = await db.insert(joinRequests).values(r).returning();
  return row!;
}

/** The request, locked for a decision. */
export async function lockJoinRequest(db: Tx, orgId: string, id: string): Promise<JoinRequestRow | undefined> {
  const [row] = await db
    .select()
    .from(joinRequests)
    .where(and(eq(joinRequests.id, id), eq(joinRequests.organizationId, orgId)))
    .for('update');
  return row;
}

export async function decideJoinRequest(db: Tx, id: string, set: { status: string; decidedBy: string; reason: string | null }): Promise<void> {
  await db
    .update(joinRequests)
    .set({ ...set, decidedAt: new Date() })
    .where(eq(joinRequests.id, id));
}

/** Withdraws the applicant's open request (when an invitation lets them in elsewhere). */
export async function cancelPendingRequests(db: Tx, userId: string): Promise<void> {
  await db
    .update(joinRequests)
    .set({ status: 'cancelled', decidedAt: new Date() })
    .where(and(eq(joinRequests.userId, userId), eq(joinRequests.status, 'pending')));
}

export async function listJoinRequests(db: Tx, orgId: string, q: { status?: string; page: number; pageSize: number }) {
  const where = and(eq(joinRequests.organizationId, orgId), q.status ? eq(joinRequests.status, q.status) : undefined);
  const [items, [total]] = await Promise.all([
    db
      .select({ request: joinRequests, user: { id: users.id, name: users.name, email: users.email } })
      .from(joinRequests)
      .innerJoin(users, eq(users.id, joinRequests.userId))
      .where(where)
      .orderBy(desc(joinRequests.createdAt), joinRequests.id)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(joinRequests).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** Members who may decide join requests (notified of new ones). */
export function orgAdmins(db: Tx, orgId: string) {
  return db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organizationId, orgId), eq(users.orgAdmin, true)));
}

export async function memberCount(db: Tx, orgId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(eq(users.organizationId, orgId));
  return row?.n ?? 0;
}

export function listMembers(db: Tx, orgId: string) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, orgAdmin: users.orgAdmin, createdAt: users.createdAt, lastLoginAt: users.lastLoginAt })
    .from(users)
    .where(eq(users.organizationId, orgId))
    .orderBy(asc(users.createdAt), users.id);
}

/** Locks the user row; the membership decision reads and writes it. */
export async function lockUser(db: Tx, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id)).for('update');
  return row;
}

export async function setMembership(db: Tx, userId: string, set: { organizationId?: string; orgAdmin?: boolean }): Promise<void> {
  await db
    .update(users)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(users.id, userId));
}

export async function insertInvitation(db: Tx, i: typeof invitations.$inferInsert): Promise<InvitationRow> {
  const [row] = await db.insert(invitations).values(i).returning();
  return row!;
}

/** A usable invitation (not used, revoked or expired), with its organization. */
export async function findUsableInvitation(db: Tx, tokenHash: string, lock = false) {
  const q = db
    .select({ invitation: invitations, org: { id: organizations.id, name: organizations.name, type: organizations.type } })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    // A disabled or merged organization's links stop working (merged ones moved to the survivor).
    .where(and(eq(invitations.tokenHash, tokenHash), isNull(invitations.usedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date()), eq(organizations.status, 'active')));
  const [row] = lock ? await q.for('update', { of: invitations }) : await q;
  return row;
}

export async function useInvitation(db: Tx, id: string, userId: string): Promise<void> {
  await db.update(invitations).set({ usedBy: userId, usedAt: new Date() }).where(eq(invitations.id, id));
}

export function listInvitations(db: Tx, orgId: string) {
  return db
    .select({
      id: invitations.id,
      note: invitations.note,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      usedAt: invitations.usedAt,
      revokedAt: invitations.revokedAt,
      usedBy: users.name,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.usedBy))
    .where(eq(invitations.organizationId, orgId))
    .orderBy(desc(invitations.createdAt))
    .limit(100);
}

export async function revokeInvitation(db: Tx, orgId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.id, id), eq(invitations.organizationId, orgId), isNull(invitations.usedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  return rows.length > 0;
}

export async function insertPasswordReset(db: Tx, r: typeof passwordResets.$inferInsert) {
  // A new link replaces any earlier unused one.
  await db
    .update(passwordResets)
    .set({ usedAt: new Date() })
    .where(and(eq(passwordResets.userId, r.userId), isNull(passwordResets.usedAt)));
  const [row] = await db.insert(passwordResets).values(r).returning();
  return row!;
}

export async function takePasswordReset(db: Tx, tokenHash: string) {
  const [row] = await db
    .update(passwordResets)
    .set({ usedAt: new Date() })
    .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, new Date())))
    .returning();
  return row;
}

/** Ends every login session of a user; returns the session ids (their sockets close). */
export async function deleteSessionsOf(db: Tx, userId: string): Promise<string[]> {
  const rows = await db
    .delete(sessions)
    .where(sql`${sessions.sess}::jsonb -> 'passport' ->> 'user' = ${userId}`)
    .returning({ sid: sessions.sid });
  return rows.map((r) => r.sid);
}

/** Revokes every active API token of a user; returns their ids. */
export async function revokeTokensOf(db: Tx, userId: string): Promise<string[]> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.map((r) => r.id);
}

export async function setPassword(db: Tx, userId: string, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId));
}

/**
 * Organization merge: members, join requests and invitations move to the surviving organization.
 * Moved members keep their org-admin capability only when the survivor has no admin yet.
 */
export async function reassignOrganization(db: Tx, from: string, to: string): Promise<number> {
  const [admins] = await db.select({ n: count() }).from(users).where(and(eq(users.organizationId, to), eq(users.orgAdmin, true)));
  const moved = await db
    .update(users)
    .set({ organizationId: to, ...((admins?.n ?? 0) > 0 ? { orgAdmin: false } : {}), updatedAt: new Date() })
    .where(eq(users.organizationId, from))
    .returning({ id: users.id });
  await db.update(joinRequests).set({ organizationId: to }).where(eq(joinRequests.organizationId, from));
  await db.update(invitations).set({ organizationId: to }).where(eq(invitations.organizationId, from));
  return moved.length;
}
