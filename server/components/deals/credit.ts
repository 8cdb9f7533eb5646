/**
 * 诚信: complaints (投诉) with evidence go to platform staff, who may record a credit event — 警示
 * (shown on the profile) or 失信 (also hides the organization's listings from the catalogue and
 * matching) — until it is lifted. Everything is audited.
 */
import type { Db, Tx } from '../../lib/db.js';
import type { DealsDeps } from './deals.service.js';
import { AppError } from '../../lib/errors.js';
import { audit } from '../audit/index.js';
import type { Actor } from '../auth/index.js';
import { filesOf, linkFiles } from '../files/index.js';
import { deliver, notify } from '../notifications/index.js';
import { findOrganization } from '../organizations/index.js';
import * as repo from './credit.repository.js';
import * as policy from './deals.policy.js';
import * as deals from './deals.repository.js';

export { dishonestOrgIds } from './credit.repository.js';

type Names = { orgs: Map<string, { name: string }>; users: Map<string, { name: string }> };
const orgName = (names: Names | undefined, id: string | null) => (id ? (names?.orgs.get(id)?.name ?? null) : null);
const userName = (names: Names | undefined, id: string | null) => (id ? (names?.users.get(id)?.name ?? null) : null);

/** Organization and user names of many rows in two queries. */
async function namesOf(db: Tx, orgIds: (string | null)[], userIds: (string | null)[]): Promise<Names> {
  const [orgs, users] = await Promise.all([deals.orgCards(db, orgIds.filter((i): i is string => !!i)), deals.userCards(db, userIds.filter((i): i is string => !!i))]);
  return { orgs, users };
}

function presentEvent(e: repo.CreditRow, names?: Names) {
  return {
    id: e.id,
    organizationId: e.orgId,
    organizationName: orgName(names, e.orgId),
    kind: e.kind,
    reason: e.reason,
    complaintId: e.complaintId,
    createdAt: e.createdAt.toISOString(),
    createdByName: userName(names, e.createdBy),
    liftedAt: e.liftedAt?.toISOString() ?? null,
    liftedByName: userName(names, e.liftedBy),
    liftReason: e.liftReason,
    active: !e.liftedAt,
  };
}
async function presentComplaint(db: Tx, c: repo.ComplaintRow, names?: Names) {
  return {
    id: c.id,
    organizationId: c.orgId,
    organizationName: orgName(names, c.orgId),
    complainantOrgId: c.complainantOrgId,
    complainantOrgName: orgName(names, c.complainantOrgId),
    complainantName: userName(names, c.complainantId),
    dealId: c.dealId,
    reason: c.reason,
    status: c.status,
    resolution: c.resolution,
    resolvedAt: c.resolvedAt?.toISOString() ?? null,
    resolvedByName: userName(names, c.resolvedBy),
    createdAt: c.createdAt.toISOString(),
    evidence: await filesOf(db, 'complaint', c.id),
  };
}

/** A complaint by a member of an organization about another one; with a deal, only its participants may complain. */
export async function fileComplaint({ db }: DealsDeps, actor: Actor, input: { organizationId: string; dealId?: string; reason: string; evidence: string[] }) {
  const orgId = policy.requireOrganization(actor);
  if (input.organizationId === orgId) throw AppError.validation([{ path: 'organizationId', message: '不能投诉本单位' }]);
  const row = await db.transaction(async (tx) => {
    if (!(await findOrganization(tx, input.organizationId))) throw AppError.validation([{ path: 'organizationId', message: '被投诉单位不存在' }]);
    if (input.dealId) {
      const parts = await deals.participantsOf(tx, input.dealId);
      if (!policy.sideOf(actor, parts)) throw AppError.validation([{ path: 'dealId', message: '关联洽谈不存在或您不是其参与方' }]);
      if (!parts.some((p) => p.orgId === input.organizationId)) throw AppError.validation([{ path: 'organizationId', message: '被投诉单位不是该洽谈的参与方' }]);
    }
    const c = await repo.insertComplaint(tx, { complainantId: actor.id, complainantOrgId: orgId, orgId: input.organizationId, dealId: input.dealId ?? null, reason: input.reason });
    if (input.evidence.length) await linkFiles(tx, actor, 'complaint', c.id, input.evidence, 'evidence');
    await audit(tx, { actorId: actor.id, action: 'complaint.file', entityType: 'complaint', entityId: c.id, data: { organizationId: input.organizationId, dealId: input.dealId ?? null } });
    return c;
  });
  return presentComplaint(db, row, await namesOf(db, [row.orgId, row.complainantOrgId], [row.complainantId]));
}

/** Staff see every complaint (the queue, filtered by status, organization, deal); others the ones their organization filed. */
export async function listComplaints({ db }: DealsDeps, actor: Actor, q: { status?: string; organizationId?: string; dealId?: string; page: number; pageSize: number }) {
  const scope = policy.isStaff(actor) ? {} : { complainantOrgId: (actor.organizationId as string | null) ?? '00000000-0000-0000-0000-000000000000' };
  const { items, total } = await repo.listComplaints(db, { ...scope, status: q.status, orgId: q.organizationId, dealId: q.dealId, page: q.page, pageSize: q.pageSize });
  const names = await namesOf(db, items.flatMap((c) => [c.orgId, c.complainantOrgId]), items.flatMap((c) => [c.complainantId, c.resolvedBy]));
  return { items: await Promise.all(items.map((r) => presentComplaint(db, r, names))), total, page: q.page, pageSize: q.pageSize };
}

/** Staff decide: dismiss, or uphold with a 警示 or 失信 record on the organization. */
export async function resolveComplaint({ db }: DealsDeps, actor: Actor, { id, ...input }: { id: string; decision: 'dismiss' | 'warning' | 'dishonest'; note: string }) {
  if (!policy.isStaff(actor)) throw AppError.forbidden('只有平台工作人员可以处理投诉');
  const { row, notes } = await db.transaction(async (tx) => {
    const c = await repo.findComplaint(tx, id, true);
    if (!c) throw AppError.notFound('投诉');
    if (c.status !== 'open') throw AppError.conflict('该投诉已处理', { status: c.status });
    const row = await repo.updateComplaint(tx, id, { status: input.decision === 'dismiss' ? 'dismissed' : 'upheld', resolution: input.note, resolvedBy: actor.id, resolvedAt: new Date() });
    await audit(tx, { actorId: actor.id, action: `complaint.${input.decision}`, entityType: 'complaint', entityId: id, reason: input.note });
    if (input.decision !== 'dismiss') await insertEvent(tx, actor, { orgId: c.orgId, kind: input.decision, reason: input.note, complaintId: id });
    const notes = await notify(tx, [{ userId: c.complainantId, kind: 'complaint', title: `您的投诉已处理：${input.decision === 'dismiss' ? '不予支持' : input.decision === 'warning' ? '已对被投诉单位作出警示' : '已将被投诉单位列入失信'}`, link: null }]);
    return { row, notes };
  });
  deliver(notes);
  return presentComplaint(db, row, await namesOf(db, [row.orgId, row.complainantOrgId], [row.complainantId, row.resolvedBy]));
}

async function insertEvent(tx: Tx, actor: Actor, e: { orgId: string; kind: 'warning' | 'dishonest'; reason: string; complaintId?: string | null }) {
  const row = await repo.insertCreditEvent(tx, { ...e, complaintId: e.complaintId ?? null, createdBy: actor.id });
  await audit(tx, { actorId: actor.id, action: `credit.${e.kind}`, entityType: 'organization', entityId: e.orgId, reason: e.reason, data: { creditEventId: row.id, complaintId: e.complaintId ?? null } });
  return row;
}

/** Staff record a 警示 or 失信 directly (e.g. from an inspection). */
export async function recordCreditEvent({ db }: DealsDeps, actor: Actor, { orgId, ...input }: { orgId: string; kind: 'warning' | 'dishonest'; reason: string }) {
  if (!policy.isStaff(actor)) throw AppError.forbidden('只有平台工作人员可以记录诚信事件');
  const row = await db.transaction(async (tx) => {
    if (!(await findOrganization(tx, orgId))) throw AppError.notFound('单位');
    return insertEvent(tx, actor, { orgId, ...input });
  });
  return presentEvent(row, await namesOf(db, [row.orgId], [row.createdBy]));
}

export async function liftCreditEvent({ db }: DealsDeps, actor: Actor, { id, reason }: { id: string; reason: string }) {
  if (!policy.isStaff(actor)) throw AppError.forbidden('只有平台工作人员可以解除诚信事件');
  const row = await db.transaction(async (tx) => {
    const e = await repo.findCreditEvent(tx, id, true);
    if (!e) throw AppError.notFound('诚信记录');
    if (e.liftedAt) throw AppError.conflict('该记录已解除');
    const row = await repo.updateCreditEvent(tx, id, { liftedAt: new Date(), liftedBy: actor.id, liftReason: reason });
    await audit(tx, { actorId: actor.id, action: `credit.lift`, entityType: 'organization', entityId: e.orgId, reason, data: { creditEventId: id, kind: e.kind } });
    return row;
  });
  return presentEvent(row, await namesOf(db, [row.orgId], [row.createdBy, row.liftedBy]));
}

/** The staff register of credit events (filters: kind, active or lifted, organization). */
export async function listCreditEvents({ db }: DealsDeps, actor: Actor, q: { kind?: string; active?: 'true' | 'false'; organizationId?: string; page: number; pageSize: number }) {
  if (!policy.isStaff(actor)) throw AppError.forbidden('只有平台工作人员可以查看诚信记录台账');
  const { items, total } = await repo.listCreditEvents(db, { kind: q.kind, active: q.active === undefined ? undefined : q.active === 'true', orgId: q.organizationId, page: q.page, pageSize: q.pageSize });
  const names = await namesOf(db, items.map((e) => e.orgId), items.flatMap((e) => [e.createdBy, e.liftedBy]));
  return { items: items.map((e) => presentEvent(e, names)), total, page: q.page, pageSize: q.pageSize };
}

/** The public credit card of an organization: ratings received, closed deals, credit events (active and lifted). */
export async function organizationCredit({ db }: DealsDeps, _actor: Actor | null, { orgId }: { orgId: string }) {
  const org = await findOrganization(db, orgId);
  if (!org) throw AppError.notFound('单位');
  const [rating, closedDeals, events] = await Promise.all([deals.ratingSummary(db, { orgId }), deals.closedDealsOfOrg(db, orgId), repo.creditEventsOfOrg(db, orgId)]);
  return {
    organizationId: orgId,
    organization: { id: org.id, name: org.name, type: org.type, verified: org.verified },
    rating,
    closedDeals,
    dishonest: events.some((e) => e.kind === 'dishonest' && !e.liftedAt),
    events: events.map((e) => presentEvent(e)),
  };
}

/** Complaint evidence: the complainant's organization and staff. */
export async function canSeeComplaintFiles(db: Db, actor: Actor | null, id: string): Promise<boolean> {
  if (!actor) return false;
  if (policy.isStaff(actor)) return true;
  const c = await repo.findComplaint(db, id);
  return !!c && c.complainantOrgId === actor.organizationId;
}
