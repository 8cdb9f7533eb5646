/** The listing lifecycle: draft → pending → published | rejected → withdrawn | expired | transferred. */
import type { Db, Tx } from '../../lib/db.js';
import { AppError, type FieldError } from '../../lib/errors.js';
import { unitOfWork } from '../../lib/unitOfWork.js';
import { audit, auditTrail } from '../audit/index.js';
import { orgOf, type Actor } from '../auth/index.js';
import { linkFiles } from '../files/index.js';
import { deliver, notify } from '../notifications/index.js';
import { getTaxonomy } from '../taxonomy/index.js';
import { KINDS, type Kind } from './listings.kinds.js';
import type { CatalogueQuery, ListingStatus } from '../../../common/schemas/listings.js';
import type { Search } from '../../lib/search.js';
import { canPublish, canSee, isOwner, isStaff, visibilityOf } from './listings.policy.js';
import { levelOf, presentListing, presentListings } from './listings.presenter.js';
import { searchCatalogue } from './listings.search.js';
import * as repo from './listings.repository.js';
import type { SearchSync } from './listings.sync.js';

type HiddenOwners = (db: Db) => Promise<string[]>;
let hiddenOwnersCheck: HiddenOwners = async () => [];
/** Organizations whose listings stay out of the catalogue and matching (the deals component registers 失信 records). */
export function registerHiddenOwners(check: HiddenOwners): void {
  hiddenOwnersCheck = check;
}
export const hiddenOwners = (db: Db) => hiddenOwnersCheck(db);

export interface OwnerRating {
  average: number | null;
  count: number;
}
type OwnerRatings = (db: Db, orgIds: string[]) => Promise<Map<string, OwnerRating>>;
let ownerRatingsOf: OwnerRatings = async () => new Map();
/** Rating average and count of owner organizations (the deals component registers its ratings): one query per page of listings. */
export function registerOwnerRatings(fn: OwnerRatings): void {
  ownerRatingsOf = fn;
}
/** Adds `ownerRating: { average, count }` to each listing (a catalogue page, a detail), from one batched query. */
export async function withOwnerRatings<T extends object>(db: Db, items: T[]): Promise<(T & { ownerRating: OwnerRating })[]> {
  const ownerOf = (i: T) => (i as { ownerOrgId?: unknown }).ownerOrgId;
  const ids = [...new Set(items.map(ownerOf).filter((id): id is string => typeof id === 'string'))];
  const ratings = ids.length ? await ownerRatingsOf(db, ids) : new Map<string, OwnerRating>();
  return items.map((i) => ({ ...i, ownerRating: ratings.get(ownerOf(i) as string) ?? { average: null, count: 0 } }));
}

export interface ListingsDeps {
  db: Db;
  sync: SearchSync;
  expiryMonths: number;
}

type Input = Record<string, unknown> & { attachments?: string[] };
const STATUS_NAMES: Record<string, string> = { draft: '草稿', pending: '待审核', published: '已发布', rejected: '未通过', withdrawn: '已撤回', expired: '已过期', transferred: '已转化' };

const addMonths = (d: Date, months: number) => {
  const r = new Date(d);
  r.setMonth(r.getMonth() + months);
  return r;
};
const toMoney = (v: unknown) => (v === null || v === undefined ? v : (v as number).toFixed(2));

/** Checks codes against the taxonomy (the schema only checks their shape). */
async function checkCodes(db: Db, kind: Kind, input: Input): Promise<void> {
  const tax = await getTaxonomy(db);
  const errors: FieldError[] = [];
  const has = (list: { code: string }[], code: unknown) => list.some((x) => x.code === code);
  if (input.industry !== undefined && !has(tax.industries.filter((i) => i.parent !== null), input.industry)) errors.push({ path: 'industry', message: '所属产业不在产业目录中' });
  if (input.cityCode !== undefined && !has(tax.cities, input.cityCode)) errors.push({ path: 'cityCode', message: '所在城市无效' });
  if (input.zoneId && !tax.zones.some((z) => z.id === input.zoneId)) errors.push({ path: 'zoneId', message: '所选示范区不存在' });
  const modesField = KINDS[kind].modesField;
  ((input[modesField] as string[] | undefined) ?? []).forEach((m, i) => {
    if (!has(tax.transferModes, m)) errors.push({ path: `${modesField}.${i}`, message: '转化/合作方式无效' });
  });
  ((input.ipItems as { type: string; status: string }[] | undefined) ?? []).forEach((ip, i) => {
    if (!has(tax.ipTypes, ip.type)) errors.push({ path: `ipItems.${i}.type`, message: '知识产权类型无效' });
    if (!has(tax.ipStatuses, ip.status)) errors.push({ path: `ipItems.${i}.status`, message: '知识产权状态无效' });
  });
  if (errors.length) throw AppError.validation(errors);
}

/** Body fields → column values (money as exact decimal strings). */
function toColumns(kind: Kind, input: Input): Partial<repo.NewListing> {
  const out: Record<string, unknown> = {};
  for (const f of KINDS[kind].fields) if (f in input) out[f] = ['price', 'budgetMin', 'budgetMax'].includes(f) ? toMoney(input[f]) : input[f];
  return out as Partial<repo.NewListing>;
}

function notFound(kind: Kind): AppError {
  return AppError.notFound(KINDS[kind].noun);
}

async function lockVisible(tx: Tx, actor: Actor | null, kind: Kind, id: string): Promise<repo.ListingRow> {
  const row = await repo.findListing(tx, kind, id, true);
  if (!row || !canSee(actor, row)) throw notFound(kind);
  return row;
}

/** Locks the listing for a change only its owner organization may make; others get 404 (or 403 if they can see it). */
async function lockOwned(tx: Tx, actor: Actor, kind: Kind, id: string): Promise<repo.ListingRow> {
  const row = await lockVisible(tx, actor, kind, id);
  if (!isOwner(actor, row)) throw AppError.notFound(KINDS[kind].noun);
  return row;
}

function conflict(row: repo.ListingRow, action: string): AppError {
  return AppError.conflict(`当前状态为「${STATUS_NAMES[row.status]}」，不能${action}`, { status: row.status });
}

/** Runs a change in a transaction; after commit, kicks the search sync and delivers notifications. */
async function change<T>(deps: ListingsDeps, fn: (tx: Tx, after: { notifications: Awaited<ReturnType<typeof notify>>; reindex: boolean }) => Promise<T>): Promise<T> {
  const after = { notifications: [] as Awaited<ReturnType<typeof notify>>, reindex: false };
  return unitOfWork(deps.db, (tx, uow) => {
    uow.afterCommit(() => {
      if (after.reindex) deps.sync.kick();
      deliver(after.notifications);
    });
    return fn(tx, after);
  });
}

export async function createListing(deps: ListingsDeps, actor: Actor, { kind, ...input }: { kind: Kind } & Input) {
  if (!canPublish(actor, kind)) throw AppError.forbidden(kind === 'achievement' ? '只有成果方（高校、科研院所等）可以发布成果' : '只有需求方（企业）可以发布需求');
  await checkCodes(deps.db, kind, input);
  const row = await change(deps, async (tx) => {
    const created = await repo.insertListing(tx, { ...(toColumns(kind, input) as repo.NewListing), kind, status: 'draft', ownerOrgId: orgOf(actor), createdBy: actor.id });
    await linkFiles(tx, actor, kind, created.id, input.attachments ?? []);
    await audit(tx, { actorId: actor.id, action: `${kind}.create`, entityType: kind, entityId: created.id });
    return created;
  });
  return presentListing(deps.db, actor, row);
}

export async function getListing(deps: ListingsDeps, actor: Actor | null, { kind, id }: { kind: Kind; id: string }) {
  const row = await repo.findListing(deps.db, kind, id);
  if (!row || !canSee(actor, row)) throw notFound(kind);
  const [presented] = await withOwnerRatings(deps.db, [await presentListing(deps.db, actor, row)]);
  return presented!;
}

/** Edits a listing. Drafts and rejected ones change in place; a published one keeps its public version while the revision waits for review. */
export async function updateListing(deps: ListingsDeps, actor: Actor, { kind, id, ...input }: { kind: Kind; id: string } & Input) {
  await checkCodes(deps.db, kind, input);
  const row = await change(deps, async (tx) => {
    const row = await lockOwned(tx, actor, kind, id);
    if (row.status === 'draft' || row.status === 'rejected') {
      if (kind === 'demand') checkBudget({ ...row, ...toColumns(kind, input) });
      const updated = await repo.updateListing(tx, id, toColumns(kind, input));
      if (input.attachments) await linkFiles(tx, actor, kind, id, input.attachments);
      await audit(tx, { actorId: actor.id, action: `${kind}.update`, entityType: kind, entityId: id, data: { fields: Object.keys(input) } });
      return updated;
    }
    if (row.status === 'published') {
      if (input.attachments) await linkFiles(tx, actor, `${kind}_revision`, id, input.attachments);
      const revision = { ...(row.revisionStatus === 'pending' ? (row.pendingRevision ?? {}) : {}), ...input };
      if (kind === 'demand') checkBudget({ ...row, ...toColumns(kind, revision) });
      const updated = await repo.updateListing(tx, id, { pendingRevision: revision, revisionStatus: 'pending', revisionReason: null, revisionSubmittedAt: new Date() });
      await audit(tx, { actorId: actor.id, action: `${kind}.revise`, entityType: kind, entityId: id, data: { fields: Object.keys(input) } });
      return updated;
    }
    throw conflict(row, row.status === 'pending' ? '修改（审核中，请等待审核结果或撤回后重新编辑）' : '修改');
  });
  return presentListing(deps.db, actor, row);
}

function checkBudget(v: { budgetMin?: string | null; budgetMax?: string | null }) {
  if (v.budgetMin != null && v.budgetMax != null && Number(v.budgetMin) > Number(v.budgetMax)) {
    throw AppError.validation([{ path: 'budgetMax', message: '预算上限不能低于预算下限' }]);
  }
}

export async function submitListing(deps: ListingsDeps, actor: Actor, { kind, id }: { kind: Kind; id: string }) {
  const row = await change(deps, async (tx) => {
    const row = await lockOwned(tx, actor, kind, id);
    if (row.status !== 'draft' && row.status !== 'rejected') throw conflict(row, '提交审核');
    const updated = await repo.updateListing(tx, id, { status: 'pending', submittedAt: new Date(), rejectionReason: null });
    await audit(tx, { actorId: actor.id, action: `${kind}.submit`, entityType: kind, entityId: id, data: { from: row.status, to: 'pending' } });
    return updated;
  });
  return presentListing(deps.db, actor, row);
}

export async function withdrawListing(deps: ListingsDeps, actor: Actor, { kind, id, reason }: { kind: Kind; id: string; reason?: string }) {
  const row = await change(deps, async (tx, after) => {
    const row = await lockOwned(tx, actor, kind, id);
    if (row.status === 'withdrawn' || row.status === 'transferred') throw conflict(row, '撤回');
    const updated = await repo.updateListing(tx, id, { status: 'withdrawn', pendingRevision: null, revisionStatus: null });
    await audit(tx, { actorId: actor.id, action: `${kind}.withdraw`, entityType: kind, entityId: id, reason: reason ?? null, data: { from: row.status, to: 'withdrawn' } });
    if (row.status === 'published') {
      await repo.enqueueSearch(tx, [id]);
      after.reindex = true;
    }
    return updated;
  });
  return presentListing(deps.db, actor, row);
}

/** The owner confirms the listing is still current: another full period before it expires. */
export async function reconfirmListing(deps: ListingsDeps, actor: Actor, { kind, id }: { kind: Kind; id: string }) {
  const row = await change(deps, async (tx, after) => {
    const row = await lockOwned(tx, actor, kind, id);
    if (row.status !== 'published' && row.status !== 'expired') throw conflict(row, '续期确认');
    const updated = await repo.updateListing(tx, id, { status: 'published', expiresAt: addMonths(new Date(), deps.expiryMonths), expiryNotifiedAt: null });
    await audit(tx, { actorId: actor.id, action: `${kind}.reconfirm`, entityType: kind, entityId: id, data: { from: row.status, expiresAt: updated.expiresAt } });
    await repo.enqueueSearch(tx, [id]);
    after.reindex = true;
    return updated;
  });
  return presentListing(deps.db, actor, row);
}

/** A reviewer's decision on a new submission or on a revision of a published listing. */
export async function reviewListing(deps: ListingsDeps, reviewer: Actor, { kind, id, decision, reason }: { kind: Kind; id: string; decision: 'approve' | 'reject'; reason: string }) {
  if (!isStaff(reviewer)) throw AppError.forbidden('只有信息审核员可以审核');
  const row = await change(deps, async (tx, after) => {
    const row = await lockVisible(tx, reviewer, kind, id);
    const noun = KINDS[kind].noun;
    let updated: repo.ListingRow;
    let title: string;
    if (row.status === 'pending') {
      updated =
        decision === 'approve'
          ? await repo.updateListing(tx, id, { status: 'published', publishedAt: new Date(), expiresAt: addMonths(new Date(), deps.expiryMonths), rejectionReason: null, expiryNotifiedAt: null })
          : await repo.updateListing(tx, id, { status: 'rejected', rejectionReason: reason });
      title = decision === 'approve' ? `您的${noun}「${row.title}」已通过审核并发布` : `您的${noun}「${row.title}」未通过审核：${reason}`;
    } else if (row.status === 'published' && row.revisionStatus === 'pending') {
      if (decision === 'approve') {
        const revision = (row.pendingRevision ?? {}) as Input;
        updated = await repo.updateListing(tx, id, { ...toColumns(kind, revision), pendingRevision: null, revisionStatus: null, revisionReason: null });
        if (revision.attachments) await linkFiles(tx, { id: reviewer.id, organizationId: row.ownerOrgId } as Actor, kind, id, revision.attachments);
      } else {
        updated = await repo.updateListing(tx, id, { revisionStatus: 'rejected', revisionReason: reason });
      }
      title = decision === 'approve' ? `您对${noun}「${row.title}」的修改已通过审核` : `您对${noun}「${row.title}」的修改未通过审核：${reason}`;
    } else {
      throw AppError.conflict('该信息不在待审核状态（可能已被其他审核员处理）', { status: row.status });
    }
    await audit(tx, {
      actorId: reviewer.id,
      action: `${kind}.review.${decision}`,
      entityType: kind,
      entityId: id,
      reason: reason || null,
      data: { revision: row.status === 'published', from: row.status, to: updated.status },
    });
    if (decision === 'approve') {
      await repo.enqueueSearch(tx, [id]);
      after.reindex = true;
    }
    after.notifications.push(...(await notify(tx, [{ userId: row.createdBy, kind: `review_${decision}`, title, link: `/${KINDS[kind].path}/${id}` }])));
    return updated;
  });
  return presentListing(deps.db, reviewer, row);
}

/** Closes a published achievement or demand when a registered contract transfers it (used by contracts). */
export async function markListingTransferred(tx: Tx, kind: Kind, id: string, actorId: string | null): Promise<boolean> {
  const row = await repo.findListing(tx, kind, id, true);
  if (!row || row.status !== 'published') return false;
  await repo.updateListing(tx, id, { status: 'transferred', pendingRevision: null, revisionStatus: null });
  await audit(tx, { actorId, action: `${kind}.transferred`, entityType: kind, entityId: id, data: { from: 'published', to: 'transferred' } });
  await repo.enqueueSearch(tx, [id]);
  return true;
}

/**
 * The catalogue of a kind: the search (login-only `detail` searched only for callers who may read it,
 * organizations under a 失信 record left out) with the owners' ratings; `mine=true` lists the caller's
 * own organization's listings of any status instead.
 */
export async function browseListings(deps: ListingsDeps & { search: Search }, actor: Actor | null, { kind, ...query }: { kind: Kind } & CatalogueQuery) {
  if (query.mine === 'true') {
    if (!actor) throw AppError.unauthenticated();
    return listOwn(deps, actor, { kind, status: query.status, page: query.page, pageSize: query.pageSize });
  }
  const found = await searchCatalogue(deps.search, kind, query, { readsDetail: !!actor, hiddenOwners: await hiddenOwners(deps.db) });
  // The owners' rating averages and counts (诚信), for the page and its related results in one query.
  const rated = await withOwnerRatings(deps.db, [...found.items, ...found.related]);
  return { ...found, items: rated.slice(0, found.items.length), related: rated.slice(found.items.length) };
}

/** Daily job: expires listings past their date and reminds owners 30 days before. */
export async function runExpiry(deps: ListingsDeps, now = new Date()) {
  return change(deps, async (tx, after) => {
    const due = await repo.dueForExpiry(tx, now);
    for (const row of due) {
      await repo.updateListing(tx, row.id, { status: 'expired' });
      await audit(tx, { actorId: null, action: `${row.kind}.expire`, entityType: row.kind, entityId: row.id, data: { from: 'published', to: 'expired' } });
    }
    await repo.enqueueSearch(tx, due.map((r) => r.id));
    after.reindex = due.length > 0;
    const expiredNotes = due.map((r) => ({ userId: r.createdBy, kind: 'listing_expired', title: `您的${KINDS[r.kind].noun}「${r.title}」已过期下架，确认仍有效可一键续期`, link: `/${KINDS[r.kind].path}/${r.id}` }));
    const soon = await repo.dueForReminder(tx, new Date(now.getTime() + 30 * 86400_000));
    for (const row of soon) await repo.updateListing(tx, row.id, { expiryNotifiedAt: now });
    const reminders = soon.map((r) => ({
      userId: r.createdBy,
      kind: 'listing_expiring',
      title: `您的${KINDS[r.kind].noun}「${r.title}」将于 ${r.expiresAt!.toISOString().slice(0, 10)} 过期，请确认是否仍有效`,
      link: `/${KINDS[r.kind].path}/${r.id}`,
    }));
    after.notifications.push(...(await notify(tx, [...expiredNotes, ...reminders])));
    return { expired: due.length, reminded: soon.length };
  });
}

export async function listOwn(deps: ListingsDeps, actor: Actor, { kind, ...q }: { kind: Kind; status?: ListingStatus; page: number; pageSize: number }) {
  const { items, total } = await repo.listOwn(deps.db, kind, orgOf(actor), q);
  return { items: await presentListings(deps.db, actor, items), total, page: q.page, pageSize: q.pageSize };
}

export async function reviewQueue(deps: ListingsDeps, reviewer: Actor, { kind, page, pageSize }: { kind?: Kind; page: number; pageSize: number }) {
  if (!isStaff(reviewer)) throw AppError.forbidden('只有信息审核员可以查看审核队列');
  const { items, total } = await repo.reviewQueue(deps.db, kind, page, pageSize);
  const presented = await presentListings(deps.db, reviewer, items);
  return {
    items: presented.map((l) => ({ kind: l.kind, id: l.id, title: l.title, revision: l.status === 'published', submittedAt: l.revisionSubmittedAt ?? l.submittedAt, owner: l.owner, listing: l })),
    total,
    page,
    pageSize,
  };
}

export async function history(deps: ListingsDeps, actor: Actor, { kind, id }: { kind: Kind; id: string }) {
  const row = await repo.findListing(deps.db, kind, id);
  if (!row || !canSee(actor, row) || visibilityOf(actor, row) !== 'full') throw notFound(kind);
  const trail = await auditTrail(deps.db, kind, id);
  const names = await repo.userNames(deps.db, trail.map((t) => t.actorId).filter((a): a is string => !!a));
  return {
    items: trail.map((t) => ({ action: t.action, actorId: t.actorId, actorName: t.actorId ? (names.get(t.actorId) ?? null) : '系统', reason: t.reason, data: t.data, createdAt: t.createdAt.toISOString() })),
  };
}

/** File-download check for attachments of listings. */
export async function canSeeAttachments(db: Db, actor: Actor | null, kind: Kind, id: string): Promise<boolean> {
  const row = await repo.findListing(db, kind, id);
  if (!row || !canSee(actor, row)) return false;
  const level = await levelOf(db, actor, row);
  return level === 'confidential' || level === 'full';
}
