/**
 * 技术合同认定登记: submission, the registrar's review, amendment and cancellation. Every state
 * change is audited and re-rolls the roll-ups in its own transaction (rollups.repository.ts).
 */
import crypto from 'node:crypto';
import type { Db, Tx } from '../../lib/db.js';
import { AppError, type FieldError } from '../../lib/errors.js';
import { unitOfWork } from '../../lib/unitOfWork.js';
import { audit, auditTrail } from '../audit/index.js';
import { loadActor, orgOf, type Actor } from '../auth/index.js';
import { filesOf, linkFiles } from '../files/index.js';
import { markListingTransferred } from '../listings/index.js';
import { deliver, notify } from '../notifications/index.js';
import { getTaxonomy, taxonomyFile } from '../taxonomy/index.js';
import { beijingDate, beijingYearMonth, reviewDueAt, type Calendar } from './calendar.js';
import * as policy from './contracts.policy.js';
import * as repo from './contracts.repository.js';
import {
  CONTRACT_STATUS_NAMES,
  type AmendContractInput,
  type ContractStatus,
  type CreateContractInput,
  type ListQuery,
  type ReviewInput,
  type UpdateContractInput,
} from '../../../common/schemas/contracts.js';
import { toCents, yuanToDecimal } from './money.js';
import { applyDeltas, contributions } from './rollups.repository.js';
import { runContractHooks, type Notes } from './contracts.hooks.js';
import { crossBorderOf, maskIdNumber, PARTY_COLUMNS, presentParty, resolveParty } from './contracts.parties.js';
import { checkDistinctParties, checkDuplicate, checkLinkedListings } from './contracts.rules.js';
import { notifyStation, registeringBody, stationFor, stationIdsOf } from './stations.service.js';

/** Contracts of at least 500万元 need an expert review before registration (DOMAIN.md). */
export const EXPERT_REVIEW_MIN_CENTS = 500_000_000n;
export const REVIEW_WORKING_DAYS = 15;

/** Options of the use cases: `now` for seeds and tests; `rollUp: false` only for bench:indicators. */
export interface UseCaseOptions {
  now?: Date;
}

// Calendar: holidays are data, loaded once per process and refreshed after an admin edit.

const calendars = new WeakMap<Db, Promise<Calendar>>();
interface HolidaySeed {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
  provisional?: boolean;
}

/** The working-day calendar (weekends + table `holidays`, seeded from seed/taxonomy/holidays.json). */
export function getCalendar(db: Db): Promise<Calendar> {
  let cal = calendars.get(db);
  if (!cal) {
    cal = (async () => {
      const seed = taxonomyFile<HolidaySeed[]>('holidays');
      await repo.insertMissingHolidays(db, seed.map((h) => ({ date: h.date, kind: h.kind, name: h.name, provisional: h.provisional ?? false })));
      const rows = await repo.allHolidays(db);
      return {
        holidays: new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.date)),
        workdays: new Set(rows.filter((r) => r.kind === 'workday').map((r) => r.date)),
      };
    })();
    cal.catch(() => calendars.delete(db));
    calendars.set(db, cal);
  }
  return cal;
}

export async function listHolidays(db: Db, year?: number) {
  await getCalendar(db);
  const rows = await repo.allHolidays(db);
  return { items: year ? rows.filter((r) => r.date.startsWith(`${year}-`)) : rows };
}

export async function putHoliday(db: Db, actor: Actor, date: string, input: { kind: 'holiday' | 'workday'; name: string; provisional?: boolean }) {
  if (!policy.canManageCalendar(actor)) throw AppError.forbidden('只有平台管理员可以维护节假日');
  await getCalendar(db);
  await db.transaction(async (tx) => {
    await repo.upsertHoliday(tx, { date, kind: input.kind, name: input.name, provisional: input.provisional ?? false });
    await audit(tx, { actorId: actor.id, action: 'holiday.put', entityType: 'holiday', entityId: date, data: input });
  });
  calendars.delete(db);
  return { date, kind: input.kind, name: input.name, provisional: input.provisional ?? false };
}

export async function removeHoliday(db: Db, actor: Actor, date: string): Promise<void> {
  if (!policy.canManageCalendar(actor)) throw AppError.forbidden('只有平台管理员可以维护节假日');
  await getCalendar(db);
  await db.transaction(async (tx) => {
    if (!(await repo.deleteHoliday(tx, date))) throw AppError.notFound('该日期的节假日安排');
    await audit(tx, { actorId: actor.id, action: 'holiday.delete', entityType: 'holiday', entityId: date });
  });
  calendars.delete(db);
}

// Presentation

/** The contract as the API returns it (money as yuan numbers, times ISO 8601); ID numbers masked but to registrars and admins. */
export function presentContract(c: repo.ContractRow, now = new Date(), viewer?: Actor | null) {
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    subtype: c.subtype,
    seller: presentParty(c, 'seller', viewer),
    buyer: presentParty(c, 'buyer', viewer),
    amount: Number(c.amount),
    techAmount: Number(c.techAmount),
    signedAt: c.signedAt,
    validFrom: c.validFrom,
    validTo: c.validTo,
    zoneId: c.zoneId,
    cityCode: c.cityCode,
    crossBorder: crossBorderOf(c),
    stationId: c.stationId,
    technicalField: c.technicalField,
    paymentTerms: c.paymentTerms,
    dealId: c.dealId,
    achievementId: c.achievementId,
    demandId: c.demandId,
    brokerId: c.brokerId,
    status: c.status as ContractStatus,
    registrationNumber: c.registrationNumber,
    submittedAt: c.submittedAt.toISOString(),
    dueAt: c.dueAt.toISOString(),
    overdue: c.status === 'submitted' && c.dueAt.getTime() < now.getTime(),
    expertReview: { required: c.expertReviewRequired, reviewedAt: c.expertReviewedAt?.toISOString() ?? null, note: c.expertReviewNote },
    decisionNote: c.decisionNote,
    registeredAt: c.registeredAt?.toISOString() ?? null,
    withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
    amendedAt: c.amendedAt?.toISOString() ?? null,
    cancelledAt: c.cancelledAt?.toISOString() ?? null,
    createdBy: c.createdBy,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
export type PresentedContract = ReturnType<typeof presentContract>;

// Validation of what the schema cannot see: taxonomy codes, parties, zone, links, cross-field rules.

type Columns = Partial<repo.NewContract>;
/** The city of the buyer, where the achievement is applied (city targets); null outside Guangxi. */
function buyerCity(regionCode: string | null, cityCodes: Set<string>): string | null {
  if (!regionCode) return null;
  if (regionCode === '450000') return '450000';
  const city = `${regionCode.slice(0, 4)}00`;
  return regionCode.startsWith('45') && cityCodes.has(city) ? city : null;
}

type Mode = 'create' | 'correct' | 'amend';

/**
 * Turns a (partial) input over the current row into column values, checking everything the
 * schema cannot. Throws one 400 naming every bad field.
 */
async function prepare(db: Db, tx: Tx, actor: Actor, current: repo.ContractRow | null, input: UpdateContractInput, mode: Mode, now: Date): Promise<Columns> {
  const errors: FieldError[] = [];
  const tax = await getTaxonomy(db);
  const cols: Columns = {};
  for (const k of ['name', 'type', 'subtype', 'signedAt', 'validFrom', 'validTo', 'zoneId', 'technicalField', 'paymentTerms', 'dealId', 'achievementId', 'demandId'] as const) {
    if (input[k] !== undefined) (cols as Record<string, unknown>)[k] = input[k];
  }
  if (input.amount !== undefined) cols.amount = yuanToDecimal(input.amount);
  if (input.techAmount !== undefined) cols.techAmount = yuanToDecimal(input.techAmount);
  for (const side of ['seller', 'buyer'] as const) if (input[side]) Object.assign(cols, await resolveParty(tx, side, input[side], errors));
  const v = { ...current, ...cols } as repo.ContractRow;

  if (input.type !== undefined || input.subtype !== undefined) {
    const type = tax.contractTypes.find((t) => t.code === v.type);
    if (!type) errors.push({ path: 'type', message: '合同类型无效' });
    else if (!type.subtypes.some((s) => s.code === v.subtype)) errors.push({ path: 'subtype', message: `合同子类不属于「${type.name}」` });
  }
  if (input.zoneId && !tax.zones.some((z) => z.id === v.zoneId)) errors.push({ path: 'zoneId', message: '所选示范区不存在' });
  if (toCents(v.amount) <= 0n) errors.push({ path: 'amount', message: '合同成交额须大于 0' });
  if (toCents(v.techAmount) > toCents(v.amount)) errors.push({ path: 'techAmount', message: '技术交易额不能大于合同成交额' });
  if (v.validTo < v.validFrom) errors.push({ path: 'validTo', message: '有效期截止日期不能早于起始日期' });
  if (v.signedAt > v.validTo) errors.push({ path: 'signedAt', message: '签订日期不能晚于有效期截止日期' });
  if (v.signedAt > beijingDate(now)) errors.push({ path: 'signedAt', message: '签订日期不能晚于今天' });
  if (v.signedAt < '2000-01-01') errors.push({ path: 'signedAt', message: '签订日期过早' });
  if (input.seller || input.buyer) checkDistinctParties(v, errors);
  const relinked = input.seller || input.buyer;
  const recheck = relinked && mode !== 'amend';
  await checkLinkedListings(tx, actor, v, { achievementId: input.achievementId ?? (recheck ? v.achievementId : undefined), demandId: input.demandId ?? (recheck ? v.demandId : undefined) }, errors);

  if (input.brokerId !== undefined) cols.brokerId = input.brokerId;
  let brokerId = input.brokerId !== undefined ? input.brokerId : (current?.brokerId ?? null);
  if (mode !== 'amend') {
    // Submitted by a party's member, or by a broker for the parties (then the broker is the submitter).
    const isParty = !!actor.organizationId && (v.sellerOrgId === actor.organizationId || v.buyerOrgId === actor.organizationId);
    if (!isParty) {
      if (!policy.isBroker(actor)) errors.push({ path: 'seller', message: '提交人须为卖方或买方单位的成员，或作为技术经纪人提交' });
      else if (brokerId && brokerId !== actor.id) errors.push({ path: 'brokerId', message: '技术经纪人代为提交时，经纪人须为本人' });
      else brokerId = cols.brokerId = actor.id;
    }
  }
  if (brokerId && (input.brokerId !== undefined || cols.brokerId !== undefined)) {
    const broker = brokerId === actor.id ? actor : await loadActor(tx, brokerId);
    if (!broker || !policy.isBroker(broker)) errors.push({ path: 'brokerId', message: '所选技术经纪人不存在' });
    else cols.brokerOrgId = broker.organizationId;
  } else if (brokerId === null && input.brokerId === null) cols.brokerOrgId = null;

  if (errors.length) throw AppError.validation(errors);
  if (input.buyer || !current) cols.cityCode = buyerCity(v.buyerRegionCode, new Set(tax.cities.map((c) => c.code)));
  if (input.amount !== undefined) cols.expertReviewRequired = toCents(v.amount) >= EXPERT_REVIEW_MIN_CENTS;
  return cols;
}

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
export async function createContract(db: Db, actor: Actor, input: CreateContractInput, opts: UseCaseOptions & { idempotencyKey?: string } = {}) {
  const now = opts.now ?? new Date();
  const cal = await getCalendar(db);
  const requestHash = crypto.createHash('sha256').update(canonicalJson(input)).digest('hex');
  const result = await unitOfWork(db, async (tx, uow) => {
    if (opts.idempotencyKey) {
      const claim = await repo.claimIdempotencyKey(tx, actor.id, opts.idempotencyKey, requestHash);
      if (!claim.claimed) {
        if (claim.row.requestHash !== requestHash) {
          throw AppError.conflict('该 Idempotency-Key 已用于另一份不同的合同提交', { idempotencyKey: opts.idempotencyKey });
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
    if (opts.idempotencyKey) await repo.setIdempotencyContract(tx, actor.id, opts.idempotencyKey, row.id);
    await audit(tx, { actorId: actor.id, action: 'contract.submit', entityType: 'contract', entityId: row.id, data: { amount: row.amount, techAmount: row.techAmount, type: row.type, zoneId: row.zoneId, stationId: row.stationId } });
    const notes = [...(await runContractHooks(tx, 'submitted', row, actor)), ...(await notifyStation(tx, row.stationId, row))];
    uow.afterCommit(() => deliver(notes));
    return { row, created: true };
  });
  return { contract: presentContract(result.row, now, actor), created: result.created };
}

/** One contract with its attachments, amendments and history; 404 for anyone who may not see it. */
export async function getContract(db: Db, actor: Actor, id: string) {
  const row = await repo.findContract(db, id);
  if (!row || !policy.canSee(actor, row, await stationIdsOf(db, actor))) throw notFound();
  const [attachments, amendments, trail] = await Promise.all([filesOf(db, 'contract', id), repo.amendmentsOf(db, id), auditTrail(db, 'contract', id)]);
  return {
    ...presentContract(row, new Date(), actor),
    attachments,
    amendments: amendments.map((a) => ({ id: a.id, note: a.note, before: a.before, after: a.after, actorId: a.actorId, createdAt: a.createdAt.toISOString() })),
    history: trail.map((h) => ({ action: h.action, actorId: h.actorId, note: h.reason, at: h.createdAt.toISOString() })),
  };
}

export async function listContracts(db: Db, actor: Actor, q: ListQuery) {
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

/** Correction by the submitting side while the contract waits for (or was sent back by) the registrar. */
export async function updateContract(db: Db, actor: Actor, id: string, input: UpdateContractInput, opts: UseCaseOptions = {}) {
  const now = opts.now ?? new Date();
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
export async function resubmitContract(db: Db, actor: Actor, id: string, note: string | undefined, opts: UseCaseOptions = {}) {
  const now = opts.now ?? new Date();
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
export async function withdrawContract(db: Db, actor: Actor, id: string, note: string | undefined, opts: UseCaseOptions = {}) {
  const now = opts.now ?? new Date();
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
export async function recordExpertReview(db: Db, actor: Actor, id: string, note: string, opts: UseCaseOptions = {}) {
  const now = opts.now ?? new Date();
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
export async function reviewContract(db: Db, actor: Actor, id: string, input: ReviewInput, opts: UseCaseOptions & { rollUp?: boolean } = {}) {
  const now = opts.now ?? new Date();
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
      if (opts.rollUp !== false) await applyDeltas(tx, contributions({ ...current, ...set } as repo.ContractRow, 1));
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
export async function amendContract(db: Db, actor: Actor, id: string, input: AmendContractInput, opts: UseCaseOptions = {}) {
  const now = opts.now ?? new Date();
  const { note, ...changes } = input;
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
export async function cancelContract(db: Db, actor: Actor, id: string, note: string, opts: UseCaseOptions = {}) {
  const now = opts.now ?? new Date();
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

/** Whether an actor may download a contract's attachments (files component). */
export async function canSeeContract(db: Db, actor: Actor | null, id: string): Promise<boolean> {
  const row = await repo.findContract(db, id);
  return !!row && policy.canSee(actor, row, await stationIdsOf(db, actor));
}
