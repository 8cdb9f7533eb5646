import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../lib/db.js';
import { verifications } from './verification.tables.js';
import { organizations, users } from '../../db/schema.js';

export type VerificationRow = typeof verifications.$inferSelect;

export async function insertVerification(db: Tx, v: typeof verifications.$inferInsert): Promise<VerificationRow> {
  const [row] = await db.insert(verifications).values(v).returning();
  return row!;
}

export async function findVerification(db: Tx, kind: string, id: string, lock = false): Promise<VerificationRow | undefined> {
  const q = db
    .select()
    .from(verifications)
    .where(and(eq(verifications.id, id), eq(verifications.kind, kind)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function latestOf(db: Tx, kind: string, subjectId: string): Promise<VerificationRow | undefined> {
  const [row] = await db
    .select()
    .from(verifications)
    .where(and(eq(verifications.kind, kind), eq(verifications.subjectId, subjectId)))
    .orderBy(desc(verifications.createdAt))
    .limit(1);
  return row;
}

export async function pendingOf(db: Tx, kind: string, subjectId: string): Promise<VerificationRow | undefined> {
  const [row] = await db
    .select()
    .from(verifications)
    .where(and(eq(verifications.kind, kind), eq(verifications.subjectId, subjectId), eq(verifications.status, 'pending')));
  return row;
}

export async function decide(db: Tx, id: string, set: { status: string; reason: string | null; decidedBy: string; decidedAt: Date }): Promise<VerificationRow> {
  const [row] = await db.update(verifications).set(set).where(eq(verifications.id, id)).returning();
  return row!;
}

export async function listVerifications(db: Tx, f: { kind?: string; status?: string; page: number; pageSize: number }) {
  const conds = [];
  if (f.kind) conds.push(eq(verifications.kind, f.kind));
  if (f.status) conds.push(eq(verifications.status, f.status));
  const where = conds.length ? and(...conds) : undefined;
  const [items, [total]] = await Promise.all([
    db
      .select({
        v: verifications,
        subjectName: sql<string | null>`coalesce(${organizations.name}, ${users.name})`,
      })
      .from(verifications)
      .leftJoin(organizations, and(eq(verifications.kind, 'organization'), eq(organizations.id, verifications.subjectId)))
      .leftJoin(users, and(eq(verifications.kind, 'broker'), eq(users.id, verifications.subjectId)))
      .where(where)
      .orderBy(f.status === 'pending' ? asc(verifications.createdAt) : desc(verifications.createdAt))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(verifications).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function setOrganization(db: Tx, id: string, set: Partial<typeof organizations.$inferInsert>) {
  const [row] = await db.update(organizations).set(set).where(eq(organizations.id, id)).returning();
  return row;
}

export async function setBrokerQualification(db: Tx, userId: string, set: { brokerLevel?: string | null; brokerTitle?: string | null }) {
  await db
    .update(users)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(users.id, userId));
}

export async function brokerProfile(db: Tx, userId: string) {
  const [row] = await db.select({ id: users.id, name: users.name, level: users.brokerLevel, title: users.brokerTitle }).from(users).where(eq(users.id, userId));
  return row;
}

/** Organization merge: the duplicate's verification requests (and their history) move to the survivor. */
export async function reassignOrganization(db: Tx, from: string, to: string): Promise<number> {
  const rows = await db
    .update(verifications)
    .set({ subjectId: to })
    .where(and(eq(verifications.kind, 'organization'), eq(verifications.subjectId, from)))
    .returning({ id: verifications.id });
  return rows.length;
}
