/** The queries of complaints (投诉) and credit events (诚信记录). */
import { and, count, desc, eq, isNotNull, isNull, type SQL } from 'drizzle-orm';
import type { Tx } from '../../lib/db.js';
import { complaints, creditEvents } from './deals.tables.js';

export type ComplaintRow = typeof complaints.$inferSelect;
export type CreditRow = typeof creditEvents.$inferSelect;

/** Organizations under an active 失信 record (read per catalogue search: a tiny indexed table). */
export async function dishonestOrgIds(db: Tx): Promise<string[]> {
  const rows = await db.selectDistinct({ orgId: creditEvents.orgId }).from(creditEvents).where(and(eq(creditEvents.kind, 'dishonest'), isNull(creditEvents.liftedAt)));
  return rows.map((r) => r.orgId);
}

export async function insertComplaint(db: Tx, row: typeof complaints.$inferInsert): Promise<ComplaintRow> {
  const [c] = await db.insert(complaints).values(row).returning();
  return c!;
}
export async function findComplaint(db: Tx, id: string, lock = false): Promise<ComplaintRow | undefined> {
  const q = db.select().from(complaints).where(eq(complaints.id, id));
  const [c] = lock ? await q.for('update') : await q;
  return c;
}
export async function updateComplaint(db: Tx, id: string, set: Partial<typeof complaints.$inferInsert>): Promise<ComplaintRow> {
  const [c] = await db.update(complaints).set(set).where(eq(complaints.id, id)).returning();
  return c!;
}
/** Newest first; `complainantOrgId` scopes a non-staff caller to the complaints their organization filed. */
export async function listComplaints(db: Tx, q: { complainantOrgId?: string; status?: string; orgId?: string; dealId?: string; page: number; pageSize: number }) {
  const conds: SQL[] = [];
  if (q.complainantOrgId) conds.push(eq(complaints.complainantOrgId, q.complainantOrgId));
  if (q.status) conds.push(eq(complaints.status, q.status as ComplaintRow['status']));
  if (q.orgId) conds.push(eq(complaints.orgId, q.orgId));
  if (q.dealId) conds.push(eq(complaints.dealId, q.dealId));
  const where = conds.length ? and(...conds) : undefined;
  const [items, [total]] = await Promise.all([
    db.select().from(complaints).where(where).orderBy(desc(complaints.createdAt), desc(complaints.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(complaints).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function insertCreditEvent(db: Tx, row: typeof creditEvents.$inferInsert): Promise<CreditRow> {
  const [e] = await db.insert(creditEvents).values(row).returning();
  return e!;
}
export async function findCreditEvent(db: Tx, id: string, lock = false): Promise<CreditRow | undefined> {
  const q = db.select().from(creditEvents).where(eq(creditEvents.id, id));
  const [e] = lock ? await q.for('update') : await q;
  return e;
}
export async function updateCreditEvent(db: Tx, id: string, set: Partial<typeof creditEvents.$inferInsert>): Promise<CreditRow> {
  const [e] = await db.update(creditEvents).set(set).where(eq(creditEvents.id, id)).returning();
  return e!;
}
export const creditEventsOfOrg = (db: Tx, orgId: string) => db.select().from(creditEvents).where(eq(creditEvents.orgId, orgId)).orderBy(desc(creditEvents.createdAt));
/** The staff register of credit events, newest first. */
export async function listCreditEvents(db: Tx, q: { kind?: string; active?: boolean; orgId?: string; page: number; pageSize: number }) {
  const conds: SQL[] = [];
  if (q.kind) conds.push(eq(creditEvents.kind, q.kind as CreditRow['kind']));
  if (q.active === true) conds.push(isNull(creditEvents.liftedAt));
  if (q.active === false) conds.push(isNotNull(creditEvents.liftedAt));
  if (q.orgId) conds.push(eq(creditEvents.orgId, q.orgId));
  const where = conds.length ? and(...conds) : undefined;
  const [items, [total]] = await Promise.all([
    db.select().from(creditEvents).where(where).orderBy(desc(creditEvents.createdAt), desc(creditEvents.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(creditEvents).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}
