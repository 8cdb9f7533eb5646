/**
 * 技术合同认定登记, the commands: submission, correction, withdrawal, the registrar's review,
 * amendment and cancellation. Every state change is audited and re-rolls the roll-ups in its own
 * transaction (rollups.repository.ts); notifications go out after the commit.
 */
import crypto from 'node:crypto';
import type { Tx } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import { unitOfWork } from '../../lib/unitOfWork.js';
import { audit } from '../audit/index.js';
import { orgOf, type Actor } from '../auth/index.js';
import { linkFiles } from '../files/index.js';
import { markListingTransferred } from '../listings/index.js';
import { deliver, notify } from '../notifications/index.js';
import {
  CONTRACT_STATUS_NAMES,
  type AmendContractInput,
  type ContractStatus,
  type CreateContractInput,
  type ReviewInput,
  type UpdateContractInput,
} from '../../../common/schemas/contracts.js';
import { beijingYearMonth, reviewDueAt } from './calendar.js';
import type { At, ContractsDeps } from './contracts.deps.js';
import { runContractHooks, type Notes } from './contracts.hooks.js';
import { maskIdNumber, PARTY_COLUMNS } from './contracts.parties.js';
import * as policy from './contracts.policy.js';
import { presentContract } from './contracts.presenter.js';
import * as repo from './contracts.repository.js';
import { checkDuplicate } from './contracts.rules.js';
import { prepare, type Columns } from './contracts.validation.js';
import { getCalendar } from './holidays.service.js';
import { applyDeltas, contributions } from './rollups.repository.js';
import { notifyStation, registeringBody, stationFor, stationIdsOf } from './stations.service.js';

export const REVIEW_WORKING_DAYS = 15;

/** Sorted-key JSON, so the same body always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const notFound = () => AppError.notFound('技术合同');
const stateConflict = (c: repo.ContractRow, action: string) =>
  AppError.conflict(`合同当前状态为「${CONTRACT_STATUS_NAMES[c.status as ContractStatus]}」，不能${action}`, { status: c.status });

async function lockVisible(tx: Tx, actor: Actor, id: string): Promise<{ row: repo.ContractRow; stations: string[] }> {
  const row = await repo.findContract(tx, id, true);
  const stations = await stationIdsOf(tx, actor);
  if (!row || !policy.canSee(actor, row, stations)) throw notFound();
  return { row, stations };
}

// Use cases

/**
 * Submits a contract for 认定登记 (status `submitted`, due in 15 working days). With an
 * Idempotency-Key the same user and key always answer the same contract; a different body → 409.
 */
export async function createContract({ db }: ContractsDeps, actor: Actor, { idempotencyKey, now: at, ...input }: CreateContractInput & At & { idempotencyKey?: string }) {
  const now = at ?? new Date();
  const cal = await getCalendar(db);
  const requestHash = crypto.createHash('sha256').update(canonicalJson(input)).digest('hex');
  const result = await unitOfWork(db, async (tx, uow) => {
    if (idempotencyKey) {
      const claim = await repo.claimIdempotencyKey(tx, actor.id, idempotencyKey, requestHash);
      if (!claim.claimed) {
        if (claim.row.requestHash !== requestHash) {
          throw AppError.conflict('该 Idempotency-Key 已用于另一份不同的合同提交', { idempotencyKey: idempotencyKey });
        }
        const existing = claim.row.contractId ? await repo.findContract(tx, claim.row.contractId) : undefined;
        if (!existing) throw AppError.conflict('该 Idempotency-Key 的请求仍在处理中，请稍后重试');
        return { row: existing, created: false };
      }
    }
    const cols = await prepare(db, tx, actor, null, input, 'create', now);
    if (!input.confirmDuplicate) await checkDuplicate(tx, actor, cols as repo.NewContract, (r) => presentContract(r, now, actor));
    const station = await stationFor(tx, cols as repo.ContractRow);
    const row = await repo.insertContract(tx, {
      ...(cols as repo.NewContract),
      stationId: station?.id ?? null,
      status: 'submitted',
      submittedAt: now,
      dueAt: reviewDueAt(cal, now, REVIEW_WORKING_DAYS),
      createdBy: actor.id,
      createdByOrgId: orgOf(actor),
      createdAt: now,
      updatedAt: now,
    });
    if (input.attachments.length) await linkFiles(tx, actor, 'contract', row.id, input.attachments);
    if (idempotencyKey) await repo.setIdempotencyContract(tx, actor.id, idempotencyKey, row.id);
    await audit(tx, { actorId: actor.id, action: 'contract.submit', entityType: 'contract', entityId: row.id, data: { amount: row.amount, techAmount: row.techAmount, type: row.type, zoneId: row.zoneId, stationId: row.stationId } });
    const notes = [...(await runContractHooks(tx, 'submitted', row, actor)), ...(await notifyStation(tx, row.stationId, row))];
    uow.afterCommit(() => deliver(notes));
    return { row, created: true };
  });
  return { contract: presentContract(result.row, now, actor), created: result.created };
}

/** Correction by the submitting side while the contract waits for (or was sent back by) the registrar. */
export async function updateContract({ db }: ContractsDeps, actor: Actor, { id, now: at, ...input }: { id: string } & UpdateContractInput & At) {
  const now = at ?? new Date();
  const row = await db.transaction(async (tx) => {
    const { row: current } = await lockVisible(tx, actor, id);
    if (!policy.isSubmitterSide(actor, current) && current.brokerId !== actor.id) throw AppError.forbidden('只有提交方可以修改合同');
    if (current.status !== 'submitted' && current.status !== 'needs_correction') throw stateConflict(current, '修改');
    const cols = await prepare(db, tx, actor, current, input, 'correct', now);
    const updated = await repo.updateContract(tx, id, cols);
    if (input.attachments) await linkFiles(tx, actor, 'contract', id, input.attachments);
    await audit(tx, { actorId: actor.id, action: 'contract.update', entityType: 'contract', entityId: id, data: { fields: Object.keys(input) } });
    if (input.dealId !== undefined) await runContractHooks(tx, 'corrected', updated, actor);
    return updated;
  });
  return presentContract(row, now, actor);
}

/** needs_correction → submitted; the 15 working days start again. */
export async function resubmitContract({ db }: ContractsDeps, actor: Actor, { id, note, now: at }: { id: string; note?: string } & At) {
  const now = at ?? new Date();
  const cal = await getCalendar(db);
  const row = await db.transaction(async (tx) => {
    const { row: current } = await lockVisible(tx, actor, id);
    if (!policy.isSubmitterSide(actor, current) && current.brokerId !== actor.id) throw AppError.forbidden('只有提交方可以重新提交');
    if (current.status !== 'needs_correction') throw stateConflict(current, '重新提交');
    const updated = await repo.updateContract(tx, id, { status: 'submitted', submittedAt: now, dueAt: reviewDueAt(cal, now, REVIEW_WORKING_DAYS) });
    await audit(tx, { actorId: actor.id, action: 'contract.resubmit', entityType: 'contract', entityId: id, reason: note ?? null, data: { from: 'needs_correction', to: 'submitted' } });
    return updated;
  });
  return presentContract(row, now, actor);
}

/** The submitting side withdraws (撤回) a contract not yet decided: status `withdrawn`, audited, out of the registrar's queue. */
export async function withdrawContract({ db }: ContractsDeps, actor: Actor, { id, note, now: at }: { id: string; note?: string } & At) {
  const now = at ?? new Date();
  const row = await unitOfWork(db, async (tx, uow) => {
    const { row: current } = await lockVisible(tx, actor, id);
    if (!policy.isSubmitterSide(actor, current) && current.brokerId !== actor.id) throw AppError.forbidden('只有提交方可以撤回合同');
    if (current.status !== 'submitted' && current.status !== 'needs_correction') throw stateConflict(current, '撤回');
    const updated = await repo.updateContract(tx, id, { status: 'withdrawn', withdrawnAt: now });
    await audit(tx, { actorId: actor.id, action: 'contract.withdraw', entityType: 'contract', entityId: id, reason: note ?? null, data: { from: current.status, to: 'withdrawn' } });
    const notes = await runContractHooks(tx, 'withdrawn', updated, actor);
    uow.afterCommit(() => deliver(notes));
    return { updated };
  });
  return presentContract(row.updated, now, actor);
}

/** The expert review a contract of ≥ 500万元 needs before it can be registered. */
export async function recordExpertReview({ db }: ContractsDeps, actor: Actor, { id, note, now: at }: { id: string; note: string } & At) {
  const now = at ?? new Date();
  const row = await db.transaction(async (tx) => {
    const { row: current, stations } = await lockVisible(tx, actor, id);
    if (!policy.canReview(actor, current, stations)) throw AppError.forbidden('只有技术合同登记员可以记录专家评审');
    if (current.status !== 'submitted') throw stateConflict(current, '记录专家评审');
    if (!current.expertReviewRequired) throw AppError.conflict('成交额不足 500 万元的合同无需专家评审');
    const updated = await repo.updateContract(tx, id, { expertReviewedAt: now, expertReviewedBy: actor.id, expertReviewNote: note });
    await audit(tx, { actorId: actor.id, action: 'contract.expert_review', entityType: 'contract', entityId: id, reason: note });
    return updated;
  });
  return presentContract(row, now, actor);
}

const DECISION_STATUS = { register: 'registered', request_correction: 'needs_correction', refuse: 'refused' } as const;

/**
 * The registrar's decision on a submitted contract. `register` assigns the 16-digit number
 * (year + registering body's region code + serial) and rolls the contract up, in one transaction.
 * `rollUp: false` exists only so bench:indicators can measure what the roll-ups cost.
 */
export async function reviewContract({ db }: ContractsDeps, actor: Actor, { id, now: at, rollUp = true, ...input }: { id: string; rollUp?: boolean } & ReviewInput & At) {
  const now = at ?? new Date();
  const { row } = await unitOfWork(db, async (tx, uow) => {
    const { row: current, stations } = await lockVisible(tx, actor, id);
    if (!policy.canReview(actor, current, stations)) throw AppError.forbidden('只有技术合同登记员可以审查合同');
    if (current.status !== 'submitted') throw stateConflict(current, '审查');
    const status = DECISION_STATUS[input.decision];
    let set: Columns = { status, decisionNote: input.note ?? null, decidedAt: now };
    if (input.decision === 'register') {
      if (current.expertReviewRequired && !current.expertReviewedAt) throw AppError.conflict('成交额 500 万元及以上的合同须先完成专家评审，才能登记');
      // The number carries the region of the station the contract was routed to, not the registrar's own organization.
      const body = await registeringBody(tx, current.stationId, actor);
      set = { ...set, registrarId: actor.id, registrarOrgId: body.organizationId, registeredAt: now };
      // Roll-ups first, the counter last: the hot counter row is held for the shortest time.
      if (rollUp) await applyDeltas(tx, contributions({ ...current, ...set } as repo.ContractRow, 1));
      const { year } = beijingYearMonth(now);
      const serial = await repo.nextSerial(tx, body.regionCode, year);
      if (serial > 999_999) throw AppError.conflict('本年度登记序号已用尽');
      set.registrationNumber = `${year}${body.regionCode}${String(serial).padStart(6, '0')}`;
      if (current.type === 'transfer' && current.achievementId) await markListingTransferred(tx, 'achievement', current.achievementId, actor.id);
    }
    const updated = await repo.updateContract(tx, id, set);
    await audit(tx, {
      actorId: actor.id,
      action: `contract.${input.decision}`,
      entityType: 'contract',
      entityId: id,
      reason: input.note ?? null,
      data: { from: 'submitted', to: status, registrationNumber: updated.registrationNumber },
    });
    const title = {
      register: `技术合同「${updated.name}」已登记，登记号 ${updated.registrationNumber}`,
      request_correction: `技术合同「${updated.name}」需要补正：${input.note ?? ''}`,
      refuse: `技术合同「${updated.name}」不予登记：${input.note ?? ''}`,
    }[input.decision];
    const notes: Notes = await notify(tx, [{ userId: updated.createdBy, kind: 'contract_status', title, link: `/contracts/${id}` }]);
    if (input.decision !== 'request_correction') notes.push(...(await runContractHooks(tx, input.decision === 'register' ? 'registered' : 'refused', updated, actor)));
    uow.afterCommit(() => deliver(notes));
    return { row: updated };
  });
  return presentContract(row, now, actor);
}

const AMENDABLE = new Set(['registered', 'amended']);
const AMEND_FIELDS = ['name', 'type', 'subtype', 'amount', 'techAmount', 'signedAt', 'validFrom', 'validTo', 'zoneId', 'cityCode', 'technicalField', 'paymentTerms', 'dealId', 'achievementId', 'demandId', 'brokerId', 'brokerOrgId', ...PARTY_COLUMNS.flatMap((c) => [`seller${c}`, `buyer${c}`])] as const;

/** Amends a registered contract (status `amended`, number kept): −old and +new roll-ups in one transaction. */
export async function amendContract({ db }: ContractsDeps, actor: Actor, { id, now: at, note, ...changes }: { id: string } & AmendContractInput & At) {
  const now = at ?? new Date();
  const row = await db.transaction(async (tx) => {
    const { row: current } = await lockVisible(tx, actor, id);
    if (!policy.canAmend(actor, current)) throw AppError.forbidden('只有登记该合同的登记机构可以变更');
    if (!AMENDABLE.has(current.status)) throw stateConflict(current, '变更');
    const cols = await prepare(db, tx, actor, current, changes, 'amend', now);
    const next = { ...current, ...cols, status: 'amended', amendedAt: now } as repo.ContractRow;
    await applyDeltas(tx, [...contributions(current, -1), ...contributions(next, 1)]);
    const updated = await repo.updateContract(tx, id, { ...cols, status: 'amended', amendedAt: now });
    if (changes.attachments) await linkFiles(tx, actor, 'contract', id, changes.attachments);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const k of AMEND_FIELDS) {
      const a = (current as Record<string, unknown>)[k];
      const b = (updated as Record<string, unknown>)[k];
      if (a !== b) {
        // ID numbers never reach the amendment record or the audit log in full.
        const shown = (v: unknown) => (k.endsWith('IdNumber') && typeof v === 'string' ? maskIdNumber(v) : v);
        before[k] = shown(a);
        after[k] = shown(b);
      }
    }
    await repo.insertAmendment(tx, { contractId: id, actorId: actor.id, note, before, after, createdAt: now });
    await audit(tx, { actorId: actor.id, action: 'contract.amend', entityType: 'contract', entityId: id, reason: note, data: { before, after } });
    return updated;
  });
  return presentContract(row, now, actor);
}

/** Cancels (撤销) a registered contract: its roll-ups are taken back in the same transaction. */
export async function cancelContract({ db }: ContractsDeps, actor: Actor, { id, note, now: at }: { id: string; note: string } & At) {
  const now = at ?? new Date();
  const row = await unitOfWork(db, async (tx, uow) => {
    const { row: current } = await lockVisible(tx, actor, id);
    if (!policy.canAmend(actor, current)) throw AppError.forbidden('只有登记该合同的登记机构可以撤销');
    if (!AMENDABLE.has(current.status)) throw stateConflict(current, '撤销');
    await applyDeltas(tx, contributions(current, -1));
    const updated = await repo.updateContract(tx, id, { status: 'cancelled', cancelledAt: now, decisionNote: note });
    await audit(tx, { actorId: actor.id, action: 'contract.cancel', entityType: 'contract', entityId: id, reason: note, data: { from: current.status, to: 'cancelled' } });
    const notes = await runContractHooks(tx, 'cancelled', updated, actor);
    uow.afterCommit(() => deliver(notes));
    return { updated };
  });
  return presentContract(row.updated, now, actor);
}
