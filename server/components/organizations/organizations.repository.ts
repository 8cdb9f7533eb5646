import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../lib/db.js';
import { organizations } from './organizations.tables.js';

export type OrganizationRow = typeof organizations.$inferSelect;
export type NewOrganization = typeof organizations.$inferInsert;

export async function insertOrganization(db: Tx, org: NewOrganization): Promise<OrganizationRow> {
  const [row] = await db.insert(organizations).values(org).returning();
  return row!;
}

export async function findOrganization(db: Tx, id: string): Promise<OrganizationRow | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  return row;
}

export async function findOrganizationByCreditCode(db: Tx, creditCode: string): Promise<OrganizationRow | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.creditCode, creditCode));
  return row;
}

export async function searchOrganizations(db: Tx, q: { text?: string; type?: string; page: number; pageSize: number }) {
  // Merged records are gone for everyone but staff; disabled ones cannot be joined or chosen as a party.
  const conds: SQL[] = [eq(organizations.status, 'active')];
  if (q.text) conds.push(ilike(organizations.name, `%${q.text.replace(/[%_\\]/g, '\\$&')}%`));
  if (q.type) conds.push(eq(organizations.type, q.type));
  const where = conds.length ? and(...conds) : undefined;
  const [items, [total]] = await Promise.all([
    db.select().from(organizations).where(where).orderBy(asc(organizations.name)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(organizations).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export type OrganizationStatus = 'active' | 'disabled' | 'merged';

export interface AdminOrganizationQuery {
  text?: string;
  type?: string;
  status?: OrganizationStatus;
  verified?: boolean;
  zoneId?: string;
  page: number;
  pageSize: number;
}

/** Staff list: name or credit code, type, status, verification, zone; with each organization's member count. */
export async function adminSearch(db: Tx, q: AdminOrganizationQuery) {
  const like = q.text ? `%${q.text.replace(/[%_\\]/g, '\\$&')}%` : null;
  const where = and(
    like ? or(ilike(organizations.name, like), ilike(organizations.creditCode, like)) : undefined,
    q.type ? eq(organizations.type, q.type) : undefined,
    q.status ? eq(organizations.status, q.status) : undefined,
    q.verified === undefined ? undefined : eq(organizations.verified, q.verified),
    q.zoneId ? eq(organizations.zoneId, q.zoneId) : undefined,
  );
  const [items, [total]] = await Promise.all([
    db
      .select({ org: organizations, members: memberCountSql })
      .from(organizations)
      .where(where)
      .orderBy(asc(organizations.name), asc(organizations.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(organizations).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

const memberCountSql = sql<number>`(select count(*)::int from users where users.organization_id = "organizations"."id")`;

export async function findWithMemberCount(db: Tx, id: string) {
  const [row] = await db.select({ org: organizations, members: memberCountSql }).from(organizations).where(eq(organizations.id, id));
  return row;
}

/** Both rows locked in id order (two merges of the same pair never wait on each other in a cycle). */
export async function lockOrganizations(db: Tx, ids: string[]): Promise<OrganizationRow[]> {
  return db.select().from(organizations).where(inArray(organizations.id, ids)).orderBy(asc(organizations.id)).for('update');
}

export async function updateOrganization(db: Tx, id: string, set: Partial<NewOrganization>): Promise<OrganizationRow> {
  const [row] = await db.update(organizations).set(set).where(eq(organizations.id, id)).returning();
  return row!;
}

/** Organizations that pointed at the merged one (as parent, or merged into it earlier) now point at the survivor. */
export async function repointOrganizationLinks(db: Tx, from: string, to: string): Promise<number> {
  const children = await db.update(organizations).set({ parentOrgId: to }).where(eq(organizations.parentOrgId, from)).returning({ id: organizations.id });
  const merged = await db.update(organizations).set({ mergedInto: to }).where(eq(organizations.mergedInto, from)).returning({ id: organizations.id });
  return children.length + merged.length;
}
