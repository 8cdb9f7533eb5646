/**
 * Staff administration of organizations (platform admins): list and search with member counts,
 * verify, disable / enable, and merge a duplicate record into the organization it duplicates.
 * Every change is one transaction with its audit row.
 */
import type { Db, Tx } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import { audit } from '../audit/index.js';
import type { Actor } from '../auth/index.js';
import { canAdministerOrganizations } from './organizations.policy.js';
import * as repo from './organizations.repository.js';

/**
 * Moves what another component keeps for an organization (members, listings, contracts, deals …) from a
 * merged record to the surviving one, inside the merge transaction. Wired at boot (server/app.ts).
 */
export interface OrganizationReassigner {
  /** Key of the count in the merge result and its audit row, e.g. `listings`. */
  name: string;
  /** Why the two cannot be merged as they stand (e.g. both hold an open deal for the same listing), or null. */
  conflict?(tx: Tx, from: string, to: string): Promise<string | null>;
  /** Re-points the rows; returns how many moved. */
  reassign(tx: Tx, from: string, to: string): Promise<number>;
  /** Runs once the merge committed (e.g. asks the search index to catch up). */
  afterCommit?(): void;
}

export interface OrganizationsDeps {
  db: Db;
  reassigners: OrganizationReassigner[];
}

export type AdminOrganizationQuery = Omit<repo.AdminOrganizationQuery, 'text'> & { q?: string };

export function presentAdminOrganization(o: repo.OrganizationRow, members: number) {
  return {
    id: o.id,
    name: o.name,
    type: o.type,
    creditCode: o.creditCode,
    regionCode: o.regionCode,
    zoneId: o.zoneId,
    parentOrgId: o.parentOrgId,
    agencyRating: o.agencyRating,
    agencyRatingYear: o.agencyRatingYear,
    agencyRatingBody: o.agencyRatingBody,
    verified: o.verified,
    status: o.status as repo.OrganizationStatus,
    statusReason: o.statusReason,
    statusChangedAt: o.statusChangedAt?.toISOString() ?? null,
    mergedInto: o.mergedInto,
    memberCount: members,
    createdAt: o.createdAt.toISOString(),
  };
}

function requireAdmin(actor: Actor): void {
  // Others are not told these endpoints hold anything.
  if (!canAdministerOrganizations(actor)) throw AppError.notFound('单位');
}

export async function listOrganizationsForStaff(deps: Pick<OrganizationsDeps, 'db'>, actor: Actor, query: AdminOrganizationQuery) {
  requireAdmin(actor);
  const { q, ...rest } = query;
  const { items, total } = await repo.adminSearch(deps.db, { ...rest, text: q });
  return { items: items.map((r) => presentAdminOrganization(r.org, r.members)), total, page: query.page, pageSize: query.pageSize };
}

export async function getOrganizationForStaff(deps: Pick<OrganizationsDeps, 'db'>, actor: Actor, { id }: { id: string }) {
  requireAdmin(actor);
  const row = await repo.findWithMemberCount(deps.db, id);
  if (!row) throw AppError.notFound('单位');
  const [parent, mergedInto] = await Promise.all([
    row.org.parentOrgId ? repo.findOrganization(deps.db, row.org.parentOrgId) : undefined,
    row.org.mergedInto ? repo.findOrganization(deps.db, row.org.mergedInto) : undefined,
  ]);
  return {
    ...presentAdminOrganization(row.org, row.members),
    parent: parent ? { id: parent.id, name: parent.name } : null,
    mergedIntoOrganization: mergedInto ? { id: mergedInto.id, name: mergedInto.name } : null,
  };
}

async function lockOne(tx: Tx, id: string): Promise<repo.OrganizationRow> {
  const [row] = await repo.lockOrganizations(tx, [id]);
  if (!row) throw AppError.notFound('单位');
  if (row.status === 'merged') throw AppError.conflict('该单位已合并到其他单位，不能再修改，请到合并后的单位操作');
  return row;
}

async function finish(db: Db, id: string) {
  const row = await repo.findWithMemberCount(db, id);
  return presentAdminOrganization(row!.org, row!.members);
}

/** Disables an organization (its members keep their accounts but can no longer act for it) or re-enables it. */
export async function setOrganizationDisabled(deps: Pick<OrganizationsDeps, 'db'>, actor: Actor, { id, ...input }: { id: string; disabled: boolean; reason?: string }) {
  requireAdmin(actor);
  if (input.disabled && !input.reason) throw AppError.validation([{ path: 'reason', message: '请填写停用理由（会记入操作日志）' }]);
  await deps.db.transaction(async (tx) => {
    const org = await lockOne(tx, id);
    if (input.disabled === (org.status === 'disabled')) throw AppError.conflict(input.disabled ? '该单位已是停用状态' : '该单位未被停用');
    await repo.updateOrganization(tx, id, { status: input.disabled ? 'disabled' : 'active', statusReason: input.reason ?? null, statusChangedAt: new Date() });
    await audit(tx, { actorId: actor.id, action: input.disabled ? 'organization.disable' : 'organization.enable', entityType: 'organization', entityId: id, reason: input.reason ?? null });
  });
  return finish(deps.db, id);
}

/** Staff verification (实名认证) set or withdrawn directly, e.g. after checking the licence offline; indicator 22 follows. */
export async function setOrganizationVerified(deps: Pick<OrganizationsDeps, 'db'>, actor: Actor, { id, ...input }: { id: string; verified: boolean; reason?: string }) {
  requireAdmin(actor);
  if (!input.verified && !input.reason) throw AppError.validation([{ path: 'reason', message: '撤销认证须填写理由' }]);
  await deps.db.transaction(async (tx) => {
    const org = await lockOne(tx, id);
    if (org.verified === input.verified) throw AppError.conflict(input.verified ? '该单位已通过实名认证' : '该单位尚未通过实名认证');
    await repo.updateOrganization(tx, id, { verified: input.verified });
    await audit(tx, { actorId: actor.id, action: input.verified ? 'organization.verify' : 'organization.unverify', entityType: 'organization', entityId: id, reason: input.reason ?? null });
  });
  return finish(deps.db, id);
}

/**
 * Folds a duplicate record (`id`) into the organization it duplicates (`into`): every component's rows
 * move to `into`, the facts `into` lacks (verification, agency rating, parent, zone) carry over, and the
 * duplicate stays as a `merged` tombstone pointing at `into` (its credit code and history remain readable
 * to staff; it no longer counts anywhere). Audited on both records.
 */
export async function mergeOrganization(deps: OrganizationsDeps, actor: Actor, { id, ...input }: { id: string; into: string; reason: string }) {
  requireAdmin(actor);
  if (input.into === id) throw AppError.validation([{ path: 'into', message: '不能把单位合并到它自己' }]);
  const moved = await deps.db.transaction(async (tx) => {
    const locked = await repo.lockOrganizations(tx, [id, input.into]);
    const from = locked.find((o) => o.id === id);
    const to = locked.find((o) => o.id === input.into);
    if (!from) throw AppError.notFound('单位');
    if (from.status === 'merged') throw AppError.conflict('该单位已合并到其他单位');
    if (!to) throw AppError.validation([{ path: 'into', message: '要并入的单位不存在' }]);
    if (to.status === 'merged') throw AppError.validation([{ path: 'into', message: '要并入的单位本身已被合并，请选择合并后的单位' }]);
    if (from.type !== to.type) throw AppError.validation([{ path: 'into', message: '只能合并同一类型的单位（请先核对两条记录是否为同一单位）' }]);
    const conflicts = (await Promise.all(deps.reassigners.map((r) => r.conflict?.(tx, id, input.into) ?? null))).filter((c): c is string => !!c);
    if (conflicts.length) throw AppError.conflict(`两个单位暂时不能合并：${conflicts.join('；')}`, { conflicts });
    const moved: Record<string, number> = {};
    for (const r of deps.reassigners) moved[r.name] = await r.reassign(tx, id, input.into);
    moved.organizations = await repo.repointOrganizationLinks(tx, id, input.into);
    const carried = {
      verified: to.verified || from.verified,
      agencyRating: to.agencyRating ?? from.agencyRating,
      agencyRatingYear: to.agencyRating ? to.agencyRatingYear : from.agencyRatingYear,
      agencyRatingBody: to.agencyRating ? to.agencyRatingBody : from.agencyRatingBody,
      parentOrgId: to.parentOrgId ?? (from.parentOrgId === to.id ? null : from.parentOrgId),
      zoneId: to.zoneId ?? from.zoneId,
    };
    await repo.updateOrganization(tx, to.id, carried);
    // The tombstone no longer counts for any indicator (3, 4, 22): its facts now live on `into`.
    await repo.updateOrganization(tx, from.id, {
      status: 'merged',
      mergedInto: to.id,
      statusReason: input.reason,
      statusChangedAt: new Date(),
      verified: false,
      agencyRating: null,
      agencyRatingYear: null,
      agencyRatingBody: null,
      parentOrgId: null,
    });
    const data = { from: { id: from.id, name: from.name, creditCode: from.creditCode }, into: { id: to.id, name: to.name, creditCode: to.creditCode }, moved };
    await audit(tx, { actorId: actor.id, action: 'organization.merge', entityType: 'organization', entityId: from.id, reason: input.reason, data });
    await audit(tx, { actorId: actor.id, action: 'organization.merge_in', entityType: 'organization', entityId: to.id, reason: input.reason, data });
    return moved;
  });
  for (const r of deps.reassigners) r.afterCommit?.();
  return { organization: await finish(deps.db, input.into), merged: await finish(deps.db, id), moved };
}
