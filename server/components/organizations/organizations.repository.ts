import { and, asc, count, eq, ilike, type SQL } from 'drizzle-orm';
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
  const conds: SQL[] = [];
  if (q.text) conds.push(ilike(organizations.name, `%${q.text.replace(/[%_\\]/g, '\\$&')}%`));
  if (q.type) conds.push(eq(organizations.type, q.type));
  const where = conds.length ? and(...conds) : undefined;
  const [items, [total]] = await Promise.all([
    db.select().from(organizations).where(where).orderBy(asc(organizations.name)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(organizations).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}
