/**
 * 诚信: complaints (投诉) with evidence go to platform staff, who may record a credit event — 警示
 * (shown on the profile) or 失信 (also hides the organization's listings from the catalogue and
 * matching) — until it is lifted. Everything is audited.
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import { audit } from '../audit/index.js';
import type { Actor } from '../auth/index.js';
import { filesOf, linkFiles } from '../files/index.js';
import { deliver, notify } from '../notifications/index.js';
import { findOrganization } from '../organizations/index.js';
import * as policy from './deals.policy.js';
import * as repo from './deals.repository.js';
import { complaints, creditEvents } from './deals.tables.js';

const isStaff = (a: Actor | null) => !!a && (a.roles.includes('reviewer') || a.roles.includes('admin'));
type ComplaintRow = typeof complaints.$inferSelect;
type CreditRow = typeof creditEvents.$inferSelect;

/** Organizations under an active 失信 record (read per catalogue search: a tiny indexed table). */
export async function dishonestOrgIds(db: Tx): Promise<string[]> {
  const rows = await db.selectDistinct({ orgId: creditEvents.orgId }).from(creditEvents).where(and(eq(creditEvents.kind, 'dishonest'), isNull(creditEvents.liftedAt)));
  return rows.map((r) => r.orgId);
}

function presentEvent(e: CreditRow) {
  return { id: e.id, organizationId: e.orgId, kind: e.kind, reason: e.reason, complaintId: e.complaintId, createdAt: e.createdAt.toISOString(), liftedAt: e.liftedAt?.toISOString() ?? null, liftReason: e.liftReason, active: !e.liftedAt };
}
async function presentComplaint(db: Tx, c: ComplaintRow) {
  return {
    id: c.id,
    organizationId: c.orgId,
    complainantOrgId: c.complainantOrgId,
    dealId: c.dealId,
    reason: c.reason,
    status: c.status,
    resolution: c.resolution,
    resolvedAt: c.resolvedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    evidence: await filesOf(db, 'complaint', c.id),
  };
}

/** A complaint by a member of an organization about another one; with a deal, only its participants may complain. */
export async function fileComplaint(db: Db, actor: Actor, input: { organizationId: string; dealId?: string; reason: string; evidence: string[] }) {
  const orgId = policy.requireOrganization(actor);
  if (input.organizationId === orgId) throw AppError.validation([{ path: 'organizationId', message: '不能投诉本单位' }]);
  const row = await db.transaction(async (tx) => {
    if (!(await findOrganization(tx, input.organizationId))) throw AppError.validation([{ path: 'organizationId', message: '被投诉单位不存在' }]);
    if (input.dealId) {
      const parts = await repo.participantsOf(tx, input.dealId);
      if (!policy.sideOf(actor, parts)) throw AppError.validation([{ path: 'dealId', message: '关联洽谈不存在或您不是其参与方' }]);
      if (!parts.some((p) => p.orgId === input.organizationId)) throw AppError.validation([{ path: 'organizationId', message: '被投诉单位不是该洽谈的参与方' }]);
    }
    const [c] = await tx.insert(complaints).values({ complainantId: actor.id, complainantOrgId: orgId, orgId: input.organizationId, dealId: input.dealId ?? null, reason: input.reason }).returning();
    if (input.evidence.length) await linkFiles(tx, actor, 'complaint', c!.id, input.evidence, 'evidence');
    await audit(tx, { actorId: actor.id, action: 'complaint.file', entityType: 'complaint', entityId: c!.id, data: { organizationId: input.organizationId, dealId: input.dealId ?? null } });
    return c!;
  });
  return presentComplaint(db, row);
}

/** Staff see every complaint (the queue); others the ones their organization filed. */
export async function listComplaints(db: Db, actor: Actor, q: { status?: string; page: number; pageSize: number }) {
  const conds = [];
  if (!isStaff(actor)) conds.push(eq(complaints.complainantOrgId, (actor.organizationId as string | null) ?? '00000000-0000-0000-0000-000000000000'));
  if (q.status) conds.push(eq(complaints.status, q.status as 'open'));
  const rows = await db.select().from(complaints).where(conds.length ? and(...conds) : undefined).orderBy(desc(complaints.createdAt)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  return { items: await Promise.all(rows.map((r) => presentComplaint(db, r))), page: q.page, pageSize: q.pageSize };
}

/** Staff decide: dismiss, or uphold with a 警示 or 失信 record on the organization. */
export async function resolveComplaint(db: Db, actor: Actor, id: string, input: { decision: 'dismiss' | 'warning' | 'dishonest'; note: string }) {
  if (!isStaff(actor)) throw AppError.forbidden('只有平台工作人员可以处理投诉');
  const { row, notes } = await db.transaction(async (tx) => {
    const [c] = await tx.select().from(complaints).where(eq(complaints.id, id)).for('update');
    if (!c) throw AppError.notFound('投诉');
    if (c.status !== 'open') throw AppError.conflict('该投诉已处理', { status: c.status });
    const [row] = await tx
      .update(complaints)
      .set({ status: input.decision === 'dismiss' ? 'dismissed' : 'upheld', resolution: input.note, resolvedBy: actor.id, resolvedAt: new Date() })
      .where(eq(complaints.id, id))
      .returning();
    await audit(tx, { actorId: actor.id, action: `complaint.${input.decision}`, entityType: 'complaint', entityId: id, reason: input.note });
    if (input.decision !== 'dismiss') await insertEvent(tx, actor, { orgId: c.orgId, kind: input.decision, reason: input.note, complaintId: id });
    const notes = await notify(tx, [{ userId: c.complainantId, kind: 'complaint', title: `您的投诉已处理：${input.decision === 'dismiss' ? '不予支持' : input.decision === 'warning' ? '已对被投诉单位作出警示' : '已将被投诉单位列入失信'}`, link: null }]);
    return { row: row!, notes };
  });
  deliver(notes);
  return presentComplaint(db, row);
}

async function insertEvent(tx: Tx, actor: Actor, e: { orgId: string; kind: 'warning' | 'dishonest'; reason: string; complaintId?: string | null }) {
  const [row] = await tx.insert(creditEvents).values({ ...e, complaintId: e.complaintId ?? null, createdBy: actor.id }).returning();
  await audit(tx, { actorId: actor.id, action: `credit.${e.kind}`, entityType: 'organization', entityId: e.orgId, reason: e.reason, data: { creditEventId: row!.id, complaintId: e.complaintId ?? null } });
  return row!;
}

/** Staff record a 警示 or 失信 directly (e.g. from an inspection). */
export async function recordCreditEvent(db: Db, actor: Actor, orgId: string, input: { kind: 'warning' | 'dishonest'; reason: string }) {
  if (!isStaff(actor)) throw AppError.forbidden('只有平台工作人员可以记录诚信事件');
  const row = await db.transaction(async (tx) => {
    if (!(await findOrganization(tx, orgId))) throw AppError.notFound('单位');
    return insertEvent(tx, actor, { orgId, ...input });
  });
  return presentEvent(row);
}

export async function liftCreditEvent(db: Db, actor: Actor, id: string, reason: string) {
  if (!isStaff(actor)) throw AppError.forbidden('只有平台工作人员可以解除诚信事件');
  const row = await db.transaction(async (tx) => {
    const [e] = await tx.select().from(creditEvents).where(eq(creditEvents.id, id)).for('update');
    if (!e) throw AppError.notFound('诚信记录');
    if (e.liftedAt) throw AppError.conflict('该记录已解除');
    const [row] = await tx.update(creditEvents).set({ liftedAt: new Date(), liftedBy: actor.id, liftReason: reason }).where(eq(creditEvents.id, id)).returning();
    await audit(tx, { actorId: actor.id, action: `credit.lift`, entityType: 'organization', entityId: e.orgId, reason, data: { creditEventId: id, kind: e.kind } });
    return row!;
  });
  return presentEvent(row);
}

/** The public credit card of an organization: ratings received, closed deals, credit events (active and lifted). */
export async function organizationCredit(db: Db, orgId: string) {
  if (!(await findOrganization(db, orgId))) throw AppError.notFound('单位');
  const [rating, closedDeals, events] = await Promise.all([
    repo.ratingSummary(db, { orgId }),
    repo.closedDealsOfOrg(db, orgId),
    db.select().from(creditEvents).where(inArray(creditEvents.orgId, [orgId])).orderBy(desc(creditEvents.createdAt)),
  ]);
  return { organizationId: orgId, rating, closedDeals, dishonest: events.some((e) => e.kind === 'dishonest' && !e.liftedAt), events: events.map(presentEvent) };
}

/** Complaint evidence: the complainant's organization and staff. */
export async function canSeeComplaintFiles(db: Db, actor: Actor | null, id: string): Promise<boolean> {
  if (!actor) return false;
  if (isStaff(actor)) return true;
  const [c] = await db.select().from(complaints).where(eq(complaints.id, id));
  return !!c && c.complainantOrgId === actor.organizationId;
}
