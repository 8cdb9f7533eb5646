/** Reading contracts: one with its attachments, amendments and history, the list in the caller's scope. */
import type { Db } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import { auditTrail } from '../audit/index.js';
import type { Actor } from '../auth/index.js';
import { filesOf } from '../files/index.js';
import type { ListQuery } from '../../../common/schemas/contracts.js';
import type { ContractsDeps } from './contracts.deps.js';
import * as policy from './contracts.policy.js';
import { presentContract } from './contracts.presenter.js';
import * as repo from './contracts.repository.js';
import { stationIdsOf } from './stations.service.js';

/** One contract with its attachments, amendments and history; 404 for anyone who may not see it. */
export async function getContract({ db }: ContractsDeps, actor: Actor, { id }: { id: string }) {
  const row = await repo.findContract(db, id);
  if (!row || !policy.canSee(actor, row, await stationIdsOf(db, actor))) throw AppError.notFound('技术合同');
  const [attachments, amendments, trail] = await Promise.all([filesOf(db, 'contract', id), repo.amendmentsOf(db, id), auditTrail(db, 'contract', id)]);
  return {
    ...presentContract(row, new Date(), actor),
    attachments,
    amendments: amendments.map((a) => ({ id: a.id, note: a.note, before: a.before, after: a.after, actorId: a.actorId, createdAt: a.createdAt.toISOString() })),
    history: trail.map((h) => ({ action: h.action, actorId: h.actorId, note: h.reason, at: h.createdAt.toISOString() })),
  };
}

export async function listContracts({ db }: ContractsDeps, actor: Actor, q: ListQuery) {
  const now = new Date();
  const { items, total } = await repo.listContracts(db, policy.listScope(actor, await stationIdsOf(db, actor)), {
    zoneId: q.zone === 'none' ? undefined : q.zone,
    outsideZones: q.zone === 'none',
    stationId: q.station,
    year: q.year,
    type: q.type,
    status: q.overdue === 'true' ? 'submitted' : q.status,
    overdueAt: q.overdue === 'true' ? now : undefined,
    text: q.q,
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: items.map((r) => presentContract(r, now, actor)), total, page: q.page, pageSize: q.pageSize };
}

/** Whether an actor may download a contract's attachments (the files component's visibility check). */
export async function canSeeContract(db: Db, actor: Actor | null, id: string): Promise<boolean> {
  const row = await repo.findContract(db, id);
  return !!row && policy.canSee(actor, row, await stationIdsOf(db, actor));
}
