import { and, count, desc, eq, ilike, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Tx } from '../../lib/db.js';
import { apiTokens, joinRequests, userRoles, users } from './auth.tables.js';
import { organizations } from '../../db/schema.js';

export type UserRow = typeof users.$inferSelect;

export async function insertUser(db: Tx, u: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(u).returning();
  return row!;
}

export async function findUserByEmail(db: Tx, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row;
}

export async function updateUser(db: Tx, id: string, set: Partial<typeof users.$inferInsert>): Promise<void> {
  await db.update(users).set({ ...set, updatedAt: new Date() }).where(eq(users.id, id));
}

export async function addRoles(db: Tx, userId: string, roles: { role: string; zoneId: string | null }[], grantedBy: string | null): Promise<void> {
  if (!roles.length) return;
  await db
    .insert(userRoles)
    .values(roles.map((r) => ({ userId, role: r.role, zoneId: r.zoneId, grantedBy })))
    .onConflictDoUpdate({ target: [userRoles.userId, userRoles.role], set: { zoneId: sql`excluded.zone_id`, grantedBy, grantedAt: new Date() } });
}

export async function removeRole(db: Tx, userId: string, role: string): Promise<boolean> {
  const rows = await db.delete(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.role, role))).returning();
  return rows.length > 0;
}

/** Users with organization and roles, the shape every auth response is built from. */
export async function loadUsers(db: Tx, ids: string[]) {
  if (!ids.length) return [];
  // Both reads at once: this runs on every authenticated request.
  const [rows, roles] = await Promise.all([
    db
      .select({ user: users, org: { id: organizations.id, name: organizations.name, type: organizations.type, zoneId: organizations.zoneId, status: organizations.status } })
      .from(users)
      .leftJoin(organizations, eq(organizations.id, users.organizationId))
      .where(inArray(users.id, ids)),
    db.select().from(userRoles).where(inArray(userRoles.userId, ids)),
  ]);
  // Accounts without an organization: their latest join request says whether they wait or were declined.
  const orgless = rows.filter((r) => !r.org).map((r) => r.user.id);
  const requests = orgless.length
    ? await db
        .selectDistinctOn([joinRequests.userId], { request: joinRequests, org: { id: organizations.id, name: organizations.name, type: organizations.type } })
        .from(joinRequests)
        .innerJoin(organizations, eq(organizations.id, joinRequests.organizationId))
        .where(and(inArray(joinRequests.userId, orgless), inArray(joinRequests.status, ['pending', 'declined'])))
        .orderBy(joinRequests.userId, desc(joinRequests.createdAt))
    : [];
  return rows.map((r) => ({ ...r, roles: roles.filter((x) => x.userId === r.user.id), joinRequest: requests.find((q) => q.request.userId === r.user.id) ?? null }));
}
export type LoadedUser = Awaited<ReturnType<typeof loadUsers>>[number];

export async function listUsers(db: Tx, q: { text?: string; status?: 'active' | 'disabled'; role?: string; organizationId?: string; page: number; pageSize: number }) {
  const like = q.text ? `%${q.text.replace(/[%_\\]/g, '\\$&')}%` : null;
  const where = and(
    like ? or(ilike(users.email, like), ilike(users.name, like)) : undefined,
    q.status === 'disabled' ? isNotNull(users.disabledAt) : q.status === 'active' ? isNull(users.disabledAt) : undefined,
    q.role ? sql`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = ${q.role})` : undefined,
    q.organizationId ? eq(users.organizationId, q.organizationId) : undefined,
  );
  const [ids, [total]] = await Promise.all([
    db.select({ id: users.id }).from(users).where(where).orderBy(desc(users.createdAt), users.id).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(users).where(where),
  ]);
  const loaded = await loadUsers(db, ids.map((i) => i.id));
  const order = new Map(ids.map((i, n) => [i.id, n]));
  return { items: loaded.sort((a, b) => order.get(a.user.id)! - order.get(b.user.id)!), total: total?.n ?? 0 };
}

export async function insertToken(db: Tx, t: typeof apiTokens.$inferInsert) {
  const [row] = await db.insert(apiTokens).values(t).returning();
  return row!;
}

export async function findActiveToken(db: Tx, tokenHash: string) {
  const [row] = await db.select().from(apiTokens).where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  return row;
}

export async function touchToken(db: Tx, id: string): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, id));
}

export const listTokens = (db: Tx, userId: string) =>
  db
    .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));

export async function revokeToken(db: Tx, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning();
  return rows.length > 0;
}

/** Locks a user row for a status change. */
export async function lockUserRow(db: Tx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).for('update');
  return row;
}

export async function setDisabled(db: Tx, id: string, disabledAt: Date | null, reason: string | null): Promise<void> {
  await db.update(users).set({ disabledAt, disabledReason: reason, updatedAt: new Date() }).where(eq(users.id, id));
}
