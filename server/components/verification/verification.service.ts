/**
 * Verification that feeds the indicators: organizations' 实名认证 (indicator 22), agency ratings
 * (indicator 3), parent organizations (indicator 4) and broker qualifications (indicators 5 and 6).
 * Only decided, verified facts reach the columns the indicators read (organizations.verified,
 * agency_rating, parent_org_id, users.broker_level / broker_title).
 */
import type { Db } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import { audit } from '../audit/index.js';
import type { Actor } from '../auth/index.js';
import { filesOf, linkFiles } from '../files/index.js';
import { deliver, notify } from '../notifications/index.js';
import { findOrganization } from '../organizations/index.js';
import * as repo from './verification.repository.js';
import { canRateOrganization, canRequestQualification, isReviewer } from './verification.policy.js';

export const BROKER_LEVELS = ['初级', '中级', '高级'] as const;
export const BROKER_TITLES = ['技术经纪专业中级工程师', '技术经纪专业高级工程师'] as const;
const FILE_ENTITY = { organization: 'org_verification', broker: 'broker_qualification' } as const;
type Kind = keyof typeof FILE_ENTITY;

/** What the verification use cases need. */
export interface VerificationDeps {
  db: Db;
}


async function present(db: Db, v: repo.VerificationRow) {
  return {
    id: v.id,
    kind: v.kind as Kind,
    subjectId: v.subjectId,
    data: v.data,
    status: v.status as 'pending' | 'approved' | 'rejected',
    reason: v.reason,
    submittedBy: v.submittedBy,
    decidedBy: v.decidedBy,
    createdAt: v.createdAt.toISOString(),
    decidedAt: v.decidedAt?.toISOString() ?? null,
    files: await filesOf(db, FILE_ENTITY[v.kind as Kind], v.id),
  };
}

/** An organization member files its 实名认证 with the licence scans uploaded through POST /api/files. */
export async function requestOrgVerification({ db }: VerificationDeps, actor: Actor, { orgId, ...input }: { orgId: string; files: string[]; note?: string }) {
  if (actor.organizationId !== orgId) throw AppError.notFound('单位');
  const row = await db.transaction(async (tx) => {
    const org = await findOrganization(tx, orgId);
    if (!org) throw AppError.notFound('单位');
    if (org.verified) throw AppError.conflict('本单位已通过实名认证');
    if (await repo.pendingOf(tx, 'organization', orgId)) throw AppError.conflict('已有待审核的认证申请，请等待审核结果');
    const v = await repo.insertVerification(tx, { kind: 'organization', subjectId: orgId, data: { note: input.note ?? null }, submittedBy: actor.id });
    await linkFiles(tx, actor, FILE_ENTITY.organization, v.id, input.files, 'files');
    await audit(tx, { actorId: actor.id, action: 'organization.verification_request', entityType: 'organization', entityId: orgId, data: { verificationId: v.id } });
    return v;
  });
  return present(db, row);
}

/** A broker submits a training level and/or a professional title with certificate scans. */
export async function requestBrokerQualification({ db }: VerificationDeps, actor: Actor, input: { level?: string | null; title?: string | null; files: string[] }) {
  if (!canRequestQualification(actor)) throw AppError.forbidden('只有技术经纪人可以提交资质');
  const row = await db.transaction(async (tx) => {
    if (await repo.pendingOf(tx, 'broker', actor.id)) throw AppError.conflict('已有待审核的资质申请，请等待审核结果');
    const v = await repo.insertVerification(tx, { kind: 'broker', subjectId: actor.id, data: { level: input.level ?? null, title: input.title ?? null }, submittedBy: actor.id });
    await linkFiles(tx, actor, FILE_ENTITY.broker, v.id, input.files, 'files');
    await audit(tx, { actorId: actor.id, action: 'broker.qualification_request', entityType: 'user', entityId: actor.id, data: { verificationId: v.id, level: input.level ?? null, title: input.title ?? null } });
    return v;
  });
  return present(db, row);
}

/** The latest request of a subject: its own side (organization members, the broker) and reviewers. */
export async function latestVerification({ db }: VerificationDeps, actor: Actor, { kind, subjectId }: { kind: Kind; subjectId: string }) {
  const own = kind === 'organization' ? actor.organizationId === subjectId : actor.id === subjectId;
  if (!own && !isReviewer(actor)) throw AppError.notFound('认证申请');
  const v = await repo.latestOf(db, kind, subjectId);
  return { item: v ? await present(db, v) : null };
}

export async function listVerifications({ db }: VerificationDeps, actor: Actor, q: { kind?: Kind; status?: string; page: number; pageSize: number }) {
  if (!isReviewer(actor)) throw AppError.forbidden('只有审核人员可以查看认证申请');
  const { items, total } = await repo.listVerifications(db, q);
  return { items: await Promise.all(items.map(async (r) => ({ ...(await present(db, r.v)), subjectName: r.subjectName }))), total, page: q.page, pageSize: q.pageSize };
}

/**
 * A reviewer approves or rejects (with a reason). Approval sets the verified facts the indicators read:
 * the organization's `verified`, or the broker's level and title.
 */
export async function decideVerification({ db }: VerificationDeps, actor: Actor, { kind, id, ...input }: { kind: Kind; id: string; decision: 'approve' | 'reject'; reason?: string }) {
  if (!isReviewer(actor)) throw AppError.forbidden('只有审核人员可以审核认证申请');
  const { row, notes } = await db.transaction(async (tx) => {
    const v = await repo.findVerification(tx, kind, id, true);
    if (!v) throw AppError.notFound('认证申请');
    if (v.status !== 'pending') throw AppError.conflict('该申请已审核', { status: v.status });
    const now = new Date();
    const status = input.decision === 'approve' ? 'approved' : 'rejected';
    const decided = await repo.decide(tx, id, { status, reason: input.reason ?? null, decidedBy: actor.id, decidedAt: now });
    let recipients: string[] = [v.submittedBy];
    let title: string;
    if (kind === 'organization') {
      if (status === 'approved') await repo.setOrganization(tx, v.subjectId, { verified: true });
      title = status === 'approved' ? '本单位已通过实名认证' : `实名认证未通过：${input.reason ?? ''}`;
    } else {
      if (status === 'approved') {
        const set: { brokerLevel?: string | null; brokerTitle?: string | null } = {};
        if (v.data.level) set.brokerLevel = v.data.level;
        if (v.data.title) set.brokerTitle = v.data.title;
        await repo.setBrokerQualification(tx, v.subjectId, set);
      }
      recipients = [v.subjectId];
      title = status === 'approved' ? '您的技术经纪人资质已审核通过' : `技术经纪人资质未通过审核：${input.reason ?? ''}`;
    }
    await audit(tx, {
      actorId: actor.id,
      action: `${kind === 'organization' ? 'organization.verification' : 'broker.qualification'}_${input.decision}`,
      entityType: kind === 'organization' ? 'organization' : 'user',
      entityId: v.subjectId,
      reason: input.reason ?? null,
      data: { verificationId: id },
    });
    const notes = await notify(tx, [...new Set(recipients)].map((userId) => ({ userId, kind: 'verification', title, link: kind === 'organization' ? '/organization/members' : '/broker/qualifications' })));
    return { row: decided, notes };
  });
  deliver(notes);
  return present(db, row);
}

/** Agency rating (indicator 3): platform admins, or the zone admin of the agency's zone. */
export async function setAgencyRating({ db }: VerificationDeps, actor: Actor, { orgId, ...input }: { orgId: string; rating: string | null; year?: number | null; ratingBody?: string | null }) {
  return db.transaction(async (tx) => {
    const org = await findOrganization(tx, orgId);
    if (!org) throw AppError.notFound('单位');
    if (org.status === 'merged') throw AppError.conflict('该单位已合并到其他单位，请在合并后的单位上设置');
    if (!canRateOrganization(actor, org)) throw AppError.forbidden('只有平台管理员或本示范区管理员可以设置机构评级');
    if (org.type !== 'agency') throw AppError.validation([{ path: 'rating', message: '只有技术转移机构可以设置示范机构评级' }]);
    if (input.rating && (!input.year || !input.ratingBody)) {
      throw AppError.validation([...(!input.year ? [{ path: 'year', message: '请填写评定年度' }] : []), ...(!input.ratingBody ? [{ path: 'ratingBody', message: '请填写评定单位' }] : [])]);
    }
    const updated = await repo.setOrganization(tx, orgId, {
      agencyRating: input.rating,
      agencyRatingYear: input.rating ? input.year! : null,
      agencyRatingBody: input.rating ? input.ratingBody! : null,
    });
    await audit(tx, { actorId: actor.id, action: 'organization.agency_rating', entityType: 'organization', entityId: orgId, data: { before: org.agencyRating, after: input } });
    return { id: updated!.id, agencyRating: updated!.agencyRating, agencyRatingYear: updated!.agencyRatingYear, agencyRatingBody: updated!.agencyRatingBody };
  });
}

/** Parent organization (indicator 4: agencies set up by a university or institute): admins, or the zone admin of the agency's zone. */
export async function setParentOrganization({ db }: VerificationDeps, actor: Actor, { orgId, parentOrgId }: { orgId: string; parentOrgId: string | null }) {
  return db.transaction(async (tx) => {
    const org = await findOrganization(tx, orgId);
    if (!org) throw AppError.notFound('单位');
    if (org.status === 'merged') throw AppError.conflict('该单位已合并到其他单位，请在合并后的单位上设置');
    if (!canRateOrganization(actor, org)) throw AppError.forbidden('只有平台管理员或本示范区管理员可以设置上级单位');
    if (parentOrgId) {
      if (parentOrgId === orgId) throw AppError.validation([{ path: 'parentOrgId', message: '上级单位不能是本单位' }]);
      const parent = await findOrganization(tx, parentOrgId);
      if (!parent || parent.status === 'merged') throw AppError.validation([{ path: 'parentOrgId', message: '所选上级单位不存在' }]);
    }
    const updated = await repo.setOrganization(tx, orgId, { parentOrgId });
    await audit(tx, { actorId: actor.id, action: 'organization.parent', entityType: 'organization', entityId: orgId, data: { before: org.parentOrgId, after: parentOrgId } });
    return { id: updated!.id, parentOrgId: updated!.parentOrgId };
  });
}

/** A broker's public profile shows only verified qualifications. */
export async function brokerQualifications({ db }: VerificationDeps, _actor: Actor | null, { userId }: { userId: string }) {
  const p = await repo.brokerProfile(db, userId);
  if (!p) throw AppError.notFound('技术经纪人');
  return { id: p.id, name: p.name, level: p.level, title: p.title };
}
