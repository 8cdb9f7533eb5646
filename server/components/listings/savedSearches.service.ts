/**
 * Saved searches (信息推送): a user saves a catalogue query with its filters; each listing published
 * afterwards that the query finds is notified once — right after it becomes searchable (`immediate`) or
 * in one digest per user per day (`daily`, the pg-boss job `saved-search-digest`).
 */
import type { Db } from '../../lib/db.js';
import { AppError, type FieldError } from '../../lib/errors.js';
import { inOrderWorker, type Jobs } from '../../lib/jobs.js';
import type { Logger } from '../../lib/logger.js';
import type { Search } from '../../lib/search.js';
import { SAVED_SEARCH_LIMIT, type SavedSearch, type SavedSearchFilters, type SavedSearchInput, type SavedSearchNotify } from '../../../common/schemas/savedSearches.js';
import type { Actor } from '../auth/index.js';
import { deliver, notify, type NewNotification } from '../notifications/index.js';
import { getTaxonomy } from '../taxonomy/index.js';
import { KINDS, type Kind } from './listings.kinds.js';
import { matchSavedQueries } from './listings.search.js';
import { hiddenOwners } from './listings.service.js';
import type { IndexedChange, SearchSync } from './listings.sync.js';
import { canSaveSearches, ownsSavedSearch } from './savedSearches.policy.js';
import * as repo from './savedSearches.repository.js';

export interface SavedSearchDeps {
  db: Db;
  search: Search;
  log: Logger;
}

export const SAVED_SEARCH_MATCH_JOB = 'saved-search-match';
export const SAVED_SEARCH_DIGEST_JOB = 'saved-search-digest';
/** More new listings than this for one saved search in one batch: one notification naming the count. */
const GROUP_ABOVE = 3;

/** The filter keys in a fixed order, empty ones dropped (fingerprint, links, stored value). */
const FILTER_ORDER = ['industry', 'city', 'mode', 'zone', 'maturityMin', 'maturityMax', 'priceMax', 'source', 'org'] as const;
function normalFilters(f: SavedSearchFilters): SavedSearchFilters {
  const out: Record<string, unknown> = {};
  for (const k of FILTER_ORDER) if (f[k] !== undefined && f[k] !== null) out[k] = f[k];
  return out as SavedSearchFilters;
}
const normalQuery = (q: string | null | undefined) => (q ?? '').trim().replace(/\s+/g, ' ') || null;
const fingerprintOf = (kind: Kind, q: string | null, filters: SavedSearchFilters) => JSON.stringify([kind, q?.toLowerCase() ?? '', filters]);

/** Filter codes checked against the taxonomy (the schema only checks their shape); errors name `filters.<key>`. */
async function checkFilters(db: Db, kind: Kind, f: SavedSearchFilters) {
  const tax = await getTaxonomy(db);
  const errors: FieldError[] = [];
  if (f.industry !== undefined && !tax.industries.some((i) => i.code === f.industry)) errors.push({ path: 'filters.industry', message: '产业不在产业目录中' });
  if (f.city !== undefined && !tax.cities.some((c) => c.code === f.city)) errors.push({ path: 'filters.city', message: '城市无效' });
  if (f.mode !== undefined && !tax.transferModes.some((m) => m.code === f.mode)) errors.push({ path: 'filters.mode', message: kind === 'achievement' ? '转化方式无效' : '合作方式无效' });
  if (f.zone !== undefined && !tax.zones.some((z) => z.id === f.zone)) errors.push({ path: 'filters.zone', message: '示范区不存在' });
  if (errors.length) throw AppError.validation(errors);
  return tax;
}

/** A readable default name: the query and the named filters (「甘蔗 · 制糖 · 崇左市」). */
function defaultName(kind: Kind, q: string | null, f: SavedSearchFilters, tax: Awaited<ReturnType<typeof getTaxonomy>>): string {
  const parts = [
    q,
    f.industry && tax.industries.find((i) => i.code === f.industry)?.name,
    f.city && tax.cities.find((c) => c.code === f.city)?.name,
    f.zone && tax.zones.find((z) => z.id === f.zone)?.name,
    f.mode && tax.transferModes.find((m) => m.code === f.mode)?.name,
    f.org,
    f.maturityMin || f.maturityMax ? `成熟度 ${f.maturityMin ?? 1}–${f.maturityMax ?? 9} 级` : null,
    f.priceMax !== undefined ? `${kind === 'achievement' ? '价格' : '预算'} ≤ ${f.priceMax / 10000} 万元` : null,
  ].filter((p): p is string => !!p);
  const name = parts.length ? parts.join(' · ') : `全部新${KINDS[kind].noun}`;
  return name.length > 50 ? `${name.slice(0, 49)}…` : name;
}

function present(row: repo.SavedSearchRow, counts: { notified: number | null; pending: number | null } = { notified: 0, pending: 0 }): SavedSearch {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    q: row.q,
    filters: row.filters,
    notify: row.notify,
    createdAt: row.createdAt.toISOString(),
    lastNotifiedAt: row.lastNotifiedAt?.toISOString() ?? null,
    notifiedCount: counts.notified ?? 0,
    pendingCount: counts.pending ?? 0,
  };
}

async function ownedOr404(db: Db, actor: Actor, id: string) {
  const row = await repo.findSavedSearch(db, id);
  if (!row || !ownsSavedSearch(actor, row)) throw AppError.notFound('订阅');
  return row;
}

export async function createSavedSearch(deps: Pick<SavedSearchDeps, 'db'>, actor: Actor, input: SavedSearchInput): Promise<SavedSearch> {
  if (!canSaveSearches(actor)) throw AppError.unauthenticated();
  const q = normalQuery(input.q);
  const filters = normalFilters(input.filters);
  const tax = await checkFilters(deps.db, input.kind, filters);
  const fingerprint = fingerprintOf(input.kind, q, filters);
  const existing = await repo.findByFingerprint(deps.db, actor.id, fingerprint);
  if (existing) throw AppError.conflict(`已保存过相同的搜索「${existing.name}」`, { id: existing.id });
  if ((await repo.countOfUser(deps.db, actor.id)) >= SAVED_SEARCH_LIMIT) throw AppError.conflict(`最多保存 ${SAVED_SEARCH_LIMIT} 个订阅，请先删除不再需要的订阅`, { limit: SAVED_SEARCH_LIMIT });
  const row = await repo.insertSavedSearch(deps.db, {
    userId: actor.id,
    orgId: actor.organizationId ?? null,
    kind: input.kind,
    name: input.name ?? defaultName(input.kind, q, filters, tax),
    q,
    filters,
    notify: input.notify,
    fingerprint,
  });
  // A concurrent save of the same search won the race.
  if (!row) throw AppError.conflict('已保存过相同的搜索');
  return present(row);
}

export async function listSavedSearches(deps: Pick<SavedSearchDeps, 'db'>, actor: Actor) {
  const rows = await repo.listOfUser(deps.db, actor.id);
  return { items: rows.map((r) => present(r.row, r)), total: rows.length, limit: SAVED_SEARCH_LIMIT };
}

export async function updateSavedSearch(deps: Pick<SavedSearchDeps, 'db'>, actor: Actor, input: { id: string; name?: string; notify?: SavedSearchNotify }): Promise<SavedSearch> {
  await ownedOr404(deps.db, actor, input.id);
  const set = { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.notify !== undefined ? { notify: input.notify } : {}) };
  const row = Object.keys(set).length ? await repo.updateSavedSearch(deps.db, input.id, set) : await ownedOr404(deps.db, actor, input.id);
  const counts = (await repo.listOfUser(deps.db, actor.id)).find((r) => r.row.id === row.id);
  return present(row, counts ?? undefined);
}

export async function deleteSavedSearch(deps: Pick<SavedSearchDeps, 'db'>, actor: Actor, input: { id: string }): Promise<void> {
  await ownedOr404(deps.db, actor, input.id);
  await repo.deleteSavedSearch(deps.db, input.id);
}

/** The catalogue page of a saved search (link of grouped notifications). */
function catalogueLink(row: repo.SavedSearchRow): string {
  const params = new URLSearchParams();
  if (row.q) params.set('q', row.q);
  for (const [k, v] of Object.entries(row.filters)) if (v !== undefined && v !== null) params.set(k, String(v));
  params.set('sort', 'newest');
  return `/${KINDS[row.kind].path}?${params.toString()}`;
}

/**
 * Runs every saved search against the listings that just became searchable and records what each
 * finds: one hit per (saved search, listing) ever. Immediate ones are notified now (after commit),
 * daily ones wait for the digest. Returns the number of new hits.
 */
export async function notifySavedSearches(deps: SavedSearchDeps, changes: IndexedChange[], now = new Date()): Promise<number> {
  let total = 0;
  for (const kind of ['achievement', 'demand'] as const) {
    const ids = [...new Set(changes.filter((c) => c.kind === kind && c.published).map((c) => c.id))];
    if (!ids.length) continue;
    const searches = await repo.savedSearchesOfKind(deps.db, kind);
    if (!searches.length) continue;
    const hidden = await hiddenOwners(deps.db);
    const found = await matchSavedQueries(
      deps.search,
      kind,
      searches.map((s) => ({ id: s.id, q: s.q, filters: s.filters, since: s.createdAt, excludeOrgId: s.orgId })),
      ids,
      { hiddenOwners: hidden },
    );
    if (!found.size) continue;
    const byId = new Map(searches.map((s) => [s.id, s]));
    // The index holds publication times in whole seconds: a listing published in the same second, just
    // before the search was saved, passes its filter; the exact times decide.
    const published = await repo.publishedTimes(deps.db, [...found.values()].flat());
    const rows = [...found].flatMap(([savedSearchId, listingIds]) =>
      listingIds
        .filter((listingId) => (published.get(listingId)?.getTime() ?? 0) >= byId.get(savedSearchId)!.createdAt.getTime())
        .map((listingId) => ({ savedSearchId, listingId, notifiedAt: byId.get(savedSearchId)!.notify === 'immediate' ? now : null })),
    );
    if (!rows.length) continue;
    let notified: Awaited<ReturnType<typeof notify>> = [];
    await deps.db.transaction(async (tx) => {
      const fresh = await repo.insertHits(tx, rows);
      total += fresh.length;
      const immediate = new Map<string, string[]>();
      for (const h of fresh) if (byId.get(h.savedSearchId)!.notify === 'immediate') immediate.set(h.savedSearchId, [...(immediate.get(h.savedSearchId) ?? []), h.listingId]);
      if (!immediate.size) return;
      const titles = await repo.listingTitles(tx, [...immediate.values()].flat());
      const noun = KINDS[kind].noun;
      const notes: NewNotification[] = [];
      for (const [searchId, listingIds] of immediate) {
        const s = byId.get(searchId)!;
        if (listingIds.length > GROUP_ABOVE) {
          notes.push({
            userId: s.userId,
            kind: 'saved_search_match',
            title: `订阅「${s.name}」有 ${listingIds.length} 项新${noun}`,
            body: listingIds.slice(0, 10).map((id) => `· ${titles.get(id) ?? ''}`).join('\n'),
            link: catalogueLink(s),
          });
        } else {
          for (const id of listingIds) notes.push({ userId: s.userId, kind: 'saved_search_match', title: `订阅「${s.name}」有新${noun}：${titles.get(id) ?? ''}`, link: `/${KINDS[kind].path}/${id}` });
        }
      }
      await repo.markSearchesNotified(tx, [...immediate.keys()], now);
      notified = await notify(tx, notes);
    });
    deliver(notified);
  }
  return total;
}

/** The calendar day in China (the digest's "per day"). */
export const chinaDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

/**
 * The daily job: every user with hits waiting gets one digest notification for the day (a second run the
 * same day sends nothing; what was found after the first run waits for tomorrow). Hits of listings no
 * longer published are left out (and kept, should the listing come back).
 */
export async function sendDailyDigests(deps: Pick<SavedSearchDeps, 'db'>, now = new Date()): Promise<{ users: number; listings: number }> {
  const day = chinaDay(now);
  let rows: Awaited<ReturnType<typeof notify>> = [];
  const result = await deps.db.transaction(async (tx) => {
    const pending = await repo.pendingDigestHits(tx);
    const byUser = new Map<string, typeof pending>();
    for (const h of pending) byUser.set(h.userId, [...(byUser.get(h.userId) ?? []), h]);
    const notes: NewNotification[] = [];
    let listings = 0;
    for (const [userId, hits] of byUser) {
      if (!(await repo.claimDigest(tx, userId, day, hits.length))) continue;
      const bySearch = new Map<string, typeof hits>();
      for (const h of hits) bySearch.set(h.savedSearchId, [...(bySearch.get(h.savedSearchId) ?? []), h]);
      const lines = [...bySearch.values()].map((hs) => {
        const titles = hs.slice(0, 5).map((h) => `「${h.title}」`).join('、');
        return `· ${hs[0]!.searchName}（${KINDS[hs[0]!.kind].noun} ${hs.length} 项）：${titles}${hs.length > 5 ? ' 等' : ''}`;
      });
      notes.push({
        userId,
        kind: 'saved_search_digest',
        title: `每日订阅摘要：${bySearch.size} 个订阅共有 ${hits.length} 项新发布`,
        body: lines.join('\n'),
        link: '/saved-searches',
      });
      await repo.markHitsNotified(tx, hits, now);
      await repo.markSearchesNotified(tx, [...bySearch.keys()], now);
      listings += hits.length;
    }
    rows = await notify(tx, notes);
    return { users: notes.length, listings };
  });
  deliver(rows);
  return result;
}

/**
 * Runs the saved searches after every catalogue change that reached the index (in order, one batch at a
 * time); a failure (Meilisearch briefly away) is handed to a pg-boss job that retries with backoff.
 */
export function startSavedSearchNotifier(deps: SavedSearchDeps, sync: SearchSync, jobs?: Jobs) {
  const worker = inOrderWorker<{ changes: IndexedChange[] }>({
    work: ({ changes }) => notifySavedSearches(deps, changes),
    jobs,
    job: SAVED_SEARCH_MATCH_JOB,
    onFailure: (err, { changes }) => deps.log.warn({ err, listings: changes.length }, 'saved-search matching failed; queued for retry'),
  });
  sync.onIndexed((changes) => {
    const published = changes.filter((c) => c.published);
    if (published.length) worker.push({ changes: published });
  });
  return { idle: worker.idle, stop: worker.stop };
}
