/** The Meilisearch side of listings: index settings, documents, and the catalogue query. */
import { MeilisearchRequestError, MeilisearchRequestTimeOutError, MeilisearchTaskTimeOutError, type Meilisearch, type MultiSearchQuery, type SearchParams } from 'meilisearch';
import type { CatalogueQuery } from '../../../common/schemas/listings.js';
import { AppError } from '../../lib/errors.js';
import { meiliAnswer, waitTask } from '../../lib/search.js';
import type { Search } from '../../lib/search.js';
import { characterWords, documentWords, queryWords, synonymsOf, taxonomyFile, wordPieces, wordToken } from '../taxonomy/index.js';
import type { Kind } from './listings.kinds.js';
import type { ListingRow } from './listings.repository.js';

export const INDEX_NAMES: Record<Kind, string> = { achievement: 'achievements', demand: 'demands' };

const CHINESE_FIELDS: Record<Kind, string[]> = {
  achievement: ['title', 'keywords', 'summary', 'technicalField', 'detail', 'ownerName'],
  demand: ['title', 'keywords', 'problem', 'expectedOutcome', 'ownerName'],
};
const ENGLISH_FIELDS: Record<Kind, string[]> = { achievement: ['titleEn', 'summaryEn'], demand: ['titleEn'] };

/** Synonym groups from seed/taxonomy/synonyms.json, each word mapped to the rest of its group. */
export function synonymMap(): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const group of taxonomyFile<string[][]>('synonyms')) {
    for (const w of group) {
      out[w] ??= new Set();
      for (const other of group) if (other !== w) out[w]!.add(other);
    }
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v]]));
}

/** Readable text fields (the related search); order is ranking weight. */
const TEXT_FIELDS: Record<Kind, string[]> = {
  achievement: ['title', 'titleEn', 'keywords', 'summary', 'summaryEn', 'technicalField', 'detail'],
  demand: ['title', 'titleEn', 'keywords', 'problem', 'expectedOutcome'],
};
/**
 * Word-token fields (the strict search): the words of the title and keywords, of the body, of the
 * industry's names, and of the confidential detail, segmented with the domain dictionary and
 * expanded with synonyms (documentWords), each word stored as one opaque token (wordToken).
 */
const TERM_FIELDS: Record<Kind, string[]> = {
  achievement: ['wTitle', 'wBody', 'wIndustry', 'wDetail'],
  demand: ['wTitle', 'wBody', 'wIndustry'],
};
/** Fields only callers who may read an achievement's confidential detail may match words in. */
const DETAIL_FIELDS = new Set(['detail', 'wDetail']);

/**
 * The one place that says which fields a caller's words may match: a caller never finds a listing
 * through words that only appear in a field they cannot read.
 */
export function searchableFor(kind: Kind, mode: 'text' | 'words', opts: { readsDetail: boolean }): string[] {
  const fields = mode === 'text' ? TEXT_FIELDS[kind] : TERM_FIELDS[kind];
  return opts.readsDetail ? fields : fields.filter((f) => !DETAIL_FIELDS.has(f));
}

/** Names of an industry and its parents (not the two top groups), with their synonyms: 「新能源」 finds 光伏, 储能… */
let industryNames: Map<string, string[]> | null = null;
function namesOfIndustry(code: string): string[] {
  if (!industryNames) {
    const all = taxonomyFile<{ code: string; name: string; parent: string | null; synonyms?: string[] }[]>('industries');
    const byCode = new Map(all.map((i) => [i.code, i]));
    industryNames = new Map();
    for (const i of all) {
      const names: string[] = [];
      for (let cur: typeof i | undefined = i; cur && cur.parent; cur = cur.parent ? byCode.get(cur.parent) : undefined) names.push(cur.name, ...(cur.synonyms ?? []));
      industryNames.set(i.code, names);
    }
  }
  return industryNames.get(code) ?? [];
}

const tokens = (...texts: (string | null | undefined)[]) => [...documentWords(texts.filter(Boolean).join('\n'))].map(wordToken).join(' ');
/** Title and industry words also hold their single characters, for one-character queries. */
const tokensWithCharacters = (...texts: (string | null | undefined)[]) => {
  const text = texts.filter(Boolean).join('\n');
  return [...new Set([...documentWords(text), ...characterWords(text)])].map(wordToken).join(' ');
};

/** Index settings; searchable order is ranking weight (title first). */
export function indexSettings(kind: Kind) {
  const common = ['id', 'industry', 'industryPath', 'cityCode', 'zoneId', 'ownerOrgId', 'publishedAt'];
  return {
    // Text fields for the related (loose) search, then our word tokens for the strict search (TERM_FIELDS).
    // The organization's name is a filter and a facet, not text: 「广西大学」 would otherwise match every 广西 listing.
    searchableAttributes: [...TEXT_FIELDS[kind], ...TERM_FIELDS[kind]],
    filterableAttributes: kind === 'achievement'
      ? [...common, 'ownerName', 'trl', 'transferModes', 'price', 'priceNegotiable', 'source']
      : [...common, 'ownerName', 'trlMin', 'cooperationModes', 'budgetMin', 'budgetMax', 'budgetNegotiable', 'deadline'],
    sortableAttributes: kind === 'achievement' ? ['publishedAt', 'price'] : ['publishedAt', 'budgetMax'],
    displayedAttributes: ['*'],
    localizedAttributes: [
      { attributePatterns: CHINESE_FIELDS[kind], locales: ['cmn'] },
      { attributePatterns: ENGLISH_FIELDS[kind], locales: ['eng'] },
    ],
    synonyms: synonymMap(),
    // Chinese words are 1–4 characters: typo tolerance would only add noise there; it still helps English words.
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnAttributes: ['keywords', ...TERM_FIELDS[kind]] },
    pagination: { maxTotalHits: 100000 },
    faceting: { maxValuesPerFacet: 1000 },
  };
}

const money = (v: string | null) => (v === null ? null : Number(v));
const epoch = (d: Date | null) => (d ? Math.floor(d.getTime() / 1000) : null);

/** The search document of a published listing (no contact details, no confidential text). */
export function toDocument(row: ListingRow, industryPath: (code: string) => string[], ownerName: string) {
  const base = {
    id: row.id,
    kind: row.kind,
    title: row.title,
    titleEn: row.titleEn,
    keywords: row.keywords,
    industry: row.industry,
    industryPath: industryPath(row.industry),
    cityCode: row.cityCode,
    zoneId: row.zoneId,
    ownerOrgId: row.ownerOrgId,
    ownerName,
    publishedAt: epoch(row.publishedAt),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    version: row.version,
    wTitle: tokensWithCharacters(row.title, ...row.keywords),
    wIndustry: tokensWithCharacters(...namesOfIndustry(row.industry)),
  };
  if (row.kind === 'achievement') {
    return {
      ...base,
      summary: row.summary,
      summaryEn: row.summaryEn,
      detail: (row.detail ?? '').slice(0, 4000),
      technicalField: row.technicalField,
      wBody: tokens(row.summary, row.technicalField, row.titleEn, row.summaryEn),
      wDetail: tokens((row.detail ?? '').slice(0, 4000)),
      trl: row.trl,
      transferModes: row.transferModes ?? [],
      price: money(row.price),
      priceNegotiable: row.price === null,
      source: row.source,
    };
  }
  return {
    ...base,
    problem: row.problem,
    expectedOutcome: row.expectedOutcome,
    wBody: tokens(row.problem, row.expectedOutcome, row.titleEn),
    trlMin: row.trlMin,
    cooperationModes: row.cooperationModes ?? [],
    budgetMin: money(row.budgetMin),
    budgetMax: money(row.budgetMax),
    budgetNegotiable: row.budgetMin === null && row.budgetMax === null,
    deadline: row.deadline,
  };
}
export type ListingDocument = ReturnType<typeof toDocument>;

/** Creates the index if needed and applies the settings (idempotent; waits for the task). */
export async function ensureIndex(client: Meilisearch, uid: string, kind: Kind): Promise<void> {
  const existing = await client.getIndex(uid).catch(() => null);
  if (!existing) await waitTask(client, client.createIndex(uid, { primaryKey: 'id' }), { timeout: 30_000 });
  await waitTask(client, client.index(uid).updateSettings(indexSettings(kind)), { timeout: 60_000 });
}

/** True for errors that mean "Meilisearch is not reachable or not answering". */
export function isSearchDown(err: unknown): boolean {
  // By name: the client's classes may come from its CommonJS and its ES build at once (tests load both).
  const name = (err as { name?: unknown } | null)?.name;
  if (err instanceof MeilisearchRequestTimeOutError || err instanceof MeilisearchTaskTimeOutError || name === 'MeilisearchRequestTimeOutError' || name === 'MeilisearchTaskTimeOutError') return true;
  return (err instanceof MeilisearchRequestError || name === 'MeilisearchRequestError') && !meiliAnswer(err);
}

const PRE = '\u0002';
const POST = '\u0003';
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** Highlighted text safe to render as HTML: the user's text is escaped, only <mark> is ours. */
const markup = (s: unknown) => (typeof s === 'string' ? escapeHtml(s).replaceAll(PRE, '<mark>').replaceAll(POST, '</mark>') : s);

const FACETS: Record<Kind, string[]> = {
  achievement: ['industry', 'cityCode', 'transferModes', 'trl', 'source', 'zoneId', 'ownerName'],
  demand: ['industry', 'cityCode', 'cooperationModes', 'trlMin', 'zoneId', 'ownerName'],
};
const quote = (v: string) => `"${v.replace(/["\\]/g, '\\$&')}"`;

/** A number as Meilisearch's filter syntax reads it: plain decimals, never exponent notation (1e21). */
export const filterNumber = (n: number) => n.toFixed(2).replace(/\.?0+$/, '');

/** Builds the Meilisearch filter for catalogue parameters (API.md names). */
export function catalogueFilter(kind: Kind, q: CatalogueQuery, extra: string[] = []): string[] {
  const f: string[] = [...extra];
  if (q.industry) f.push(`industryPath = ${quote(q.industry)}`);
  if (q.city) f.push(`cityCode = ${quote(q.city)}`);
  if (q.zone) f.push(`zoneId = ${quote(q.zone)}`);
  const trlField = kind === 'achievement' ? 'trl' : 'trlMin';
  if (q.maturityMin) f.push(`${trlField} >= ${q.maturityMin}`);
  if (q.maturityMax) f.push(`${trlField} <= ${q.maturityMax}`);
  if (q.mode) f.push(`${kind === 'achievement' ? 'transferModes' : 'cooperationModes'} = ${quote(q.mode)}`);
  if (q.priceMax !== undefined) f.push(kind === 'achievement' ? `price <= ${filterNumber(q.priceMax)}` : `budgetMax <= ${filterNumber(q.priceMax)}`);
  if (q.source && kind === 'achievement') f.push(`source = ${quote(q.source)}`);
  return f;
}

/** Organization names with published listings of a kind (the `ownerName` facet), kept briefly; the sync clears it. */
const orgNameCache = new Map<string, { at: number; names: string[] }>();
export function forgetOrganizationNames(): void {
  orgNameCache.clear();
}
async function organizationNames(search: Search, uid: string): Promise<string[]> {
  const hit = orgNameCache.get(uid);
  if (hit && Date.now() - hit.at < 60_000) return hit.names;
  const res = await search.client.index(uid).search('', { limit: 0, facets: ['ownerName'] });
  const names = Object.keys(res.facetDistribution?.ownerName ?? {}).filter(Boolean).sort((a, b) => b.length - a.length);
  orgNameCache.set(uid, { at: Date.now(), names });
  return names;
}

/** How a query was read: the organization named in it (a filter), its words, and whether they were found. */
export interface QueryReading {
  org: string | null;
  words: string[];
  /** `words`: every word found as a whole word; `pieces`: the parts of a compound word; `none`: no strict match. */
  strictness: 'words' | 'pieces' | 'none';
}

const hasHan = (s: string) => /\p{Script=Han}/u.test(s);
const RELATED_MAX = 20;

/** Marks the query words (and their synonyms) in a text, escaped: only <mark> is ours. */
function markWords(text: unknown, words: string[]): unknown {
  if (typeof text !== 'string' || !words.length) return typeof text === 'string' ? escapeHtml(text) : text;
  const variants = [...new Set(words.flatMap((w) => synonymsOf(w)))].filter(Boolean).sort((a, b) => b.length - a.length);
  const lower = text.toLowerCase();
  const marks: [number, number][] = [];
  for (const v of variants) {
    for (let i = lower.indexOf(v); i >= 0; i = lower.indexOf(v, i + v.length)) {
      if (!marks.some(([a, b]) => i < b && i + v.length > a)) marks.push([i, i + v.length]);
    }
  }
  marks.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [a, b] of marks) {
    out += escapeHtml(text.slice(at, a)) + '<mark>' + escapeHtml(text.slice(a, b)) + '</mark>';
    at = b;
  }
  return out + escapeHtml(text.slice(at));
}
/** About 80 characters around the first query word, as the engine's crop would give. */
function cropAround(text: unknown, words: string[]): unknown {
  if (typeof text !== 'string' || text.length <= 80) return text;
  const lower = text.toLowerCase();
  const first = Math.min(...words.flatMap((w) => synonymsOf(w)).map((v) => lower.indexOf(v)).filter((i) => i >= 0), Infinity);
  const start = Number.isFinite(first) ? Math.max(0, first - 20) : 0;
  return `${start > 0 ? '…' : ''}${text.slice(start, start + 80)}${start + 80 < text.length ? '…' : ''}`;
}

/** An organization named in the query is a filter, not text: returns the remaining text and the organization. */
async function readOrganization(search: Search, uid: string, q: string | null | undefined, givenOrg: string | null | undefined): Promise<{ text: string; org: string | null }> {
  let text = (q ?? '').trim();
  let org: string | null = givenOrg ?? null;
  if (!org && hasHan(text) && text.length >= 4) {
    const named = (await organizationNames(search, uid)).find((n) => n.length >= 4 && text.includes(n));
    if (named) {
      org = named;
      text = text.replace(named, ' ').trim();
    }
  }
  return { text, org };
}

/** A saved catalogue query (saved searches): its text and filters, and whose listings it ignores. */
export interface SavedQuery {
  id: string;
  q: string | null;
  filters: Omit<CatalogueQuery, 'q' | 'sort' | 'page' | 'pageSize' | 'mine' | 'status'>;
  /** Listings published before this moment are not news to the saved search. */
  since: Date;
  /** The saver's own organization: its listings are not news to them. */
  excludeOrgId: string | null;
}

/**
 * Which of the listings `ids` (just indexed) each saved query finds, read exactly as the catalogue reads
 * it for a logged-in user: the organization named in the text becomes a filter, Chinese words must all be
 * found as whole words (a compound's parts when the whole word is not held), English words all found by
 * the engine. One `multiSearch` per 50 saved queries, each restricted to the new ids.
 * Returns saved query id → listing ids found.
 */
export async function matchSavedQueries(search: Search, kind: Kind, queries: SavedQuery[], ids: string[], opts: { hiddenOwners?: string[] } = {}): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!queries.length || !ids.length) return out;
  const uid = search.index(INDEX_NAMES[kind]);
  const readsDetail = { readsDetail: true };
  const idFilter = `id IN [${ids.map(quote).join(', ')}]`;
  const hidden = opts.hiddenOwners?.length ? [`ownerOrgId NOT IN [${opts.hiddenOwners.map(quote).join(', ')}]`] : [];
  type Planned = { id: string; words: string[]; pieces: string[] | null; params: MultiSearchQuery };
  const planned: Planned[] = [];
  for (const sq of queries) {
    const { text, org } = await readOrganization(search, uid, sq.q, sq.filters.org);
    const filter = catalogueFilter(kind, { ...sq.filters, sort: 'relevance', page: 1, pageSize: ids.length } as CatalogueQuery, [
      idFilter,
      `publishedAt >= ${Math.floor(sq.since.getTime() / 1000)}`,
      ...(org ? [`ownerName = ${quote(org)}`] : []),
      ...(sq.excludeOrgId ? [`ownerOrgId != ${quote(sq.excludeOrgId)}`] : []),
      ...hidden,
    ]);
    const common = { indexUid: uid, filter, limit: ids.length, attributesToRetrieve: ['id'] };
    if (!text) planned.push({ id: sq.id, words: [], pieces: null, params: { ...common, q: '' } });
    else if (!hasHan(text)) planned.push({ id: sq.id, words: [], pieces: null, params: { ...common, q: text, matchingStrategy: 'all', attributesToSearchOn: searchableFor(kind, 'text', readsDetail) } });
    else {
      const words = queryWords(text).slice(0, 10);
      const pieces = [...new Set(words.flatMap(wordPieces))].slice(0, 10);
      planned.push({
        id: sq.id,
        words,
        pieces: pieces.join(' ') !== words.join(' ') ? pieces : null,
        params: { ...common, q: words.map(wordToken).join(' '), matchingStrategy: 'all', attributesToSearchOn: searchableFor(kind, 'words', readsDetail) },
      });
    }
  }
  const run = async (items: { id: string; params: MultiSearchQuery }[]) => {
    for (let i = 0; i < items.length; i += 50) {
      const chunk = items.slice(i, i + 50);
      const { results } = await search.client.multiSearch({ queries: chunk.map((c) => c.params) });
      results.forEach((r, j) => {
        const found = r.hits.map((h) => String(h.id));
        if (found.length) out.set(chunk[j]!.id, found);
      });
    }
  };
  await run(planned);
  // A compound the new listings do not hold as such (甘蔗收获): its parts, each as a whole word (as the catalogue retries).
  const retry = planned.filter((p) => p.pieces && !out.has(p.id));
  await run(retry.map((p) => ({ id: p.id, params: { ...p.params, q: p.pieces!.map(wordToken).join(' ') } })));
  return out;
}

/** The catalogue's order: as asked, else relevance for a text query and newest first without one. */
export function catalogueSort(kind: Kind, q: CatalogueQuery, hasText: boolean): string[] | undefined {
  if (q.sort === 'newest') return ['publishedAt:desc'];
  if (q.sort === 'price_asc') return [kind === 'achievement' ? 'price:asc' : 'budgetMax:asc'];
  if (q.sort === 'price_desc') return [kind === 'achievement' ? 'price:desc' : 'budgetMax:desc'];
  return hasText ? undefined : ['publishedAt:desc'];
}

/** What every catalogue query asks of the engine besides the text: filter, facets, the page, safe highlights and crops. */
export function catalogueParams(kind: Kind, q: CatalogueQuery, filter: string[]): SearchParams {
  return {
    filter,
    facets: FACETS[kind],
    page: q.page,
    hitsPerPage: q.pageSize,
    attributesToRetrieve: ['*'],
    attributesToHighlight: kind === 'achievement' ? ['title', 'titleEn', 'summary', 'summaryEn'] : ['title', 'titleEn', 'problem'],
    attributesToCrop: [kind === 'achievement' ? 'summary' : 'problem'],
    cropLength: 80,
    highlightPreTag: PRE,
    highlightPostTag: POST,
  };
}

/**
 * The catalogue: full-text `q` in Chinese or English, filters, facets, sort, pagination, safe highlights.
 * `readsDetail`: whether the caller may read achievements' confidential detail (else it is not searched either).
 *
 * Strict first: `items` are the listings holding every word of the query as a whole word (segmented
 * with the domain dictionary on both sides, synonyms and industry names included); when the strict
 * results end on the requested page, `related` adds listings that share only part of the query
 * (the engine's own loose matching), labelled as such by the client.
 */
export async function searchCatalogue(search: Search, kind: Kind, q: CatalogueQuery, opts: { readsDetail: boolean; hiddenOwners?: string[] }) {
  const uid = search.index(INDEX_NAMES[kind]);
  const sortFor = (hasText: boolean) => catalogueSort(kind, q, hasText);
  const empty = { items: [], total: 0, page: q.page, pageSize: q.pageSize, facets: {}, processingTimeMs: 0, related: [], reading: { org: null, words: [], strictness: 'none' as const } };
  try {
    const { text, org } = await readOrganization(search, uid, q.q, q.org);
    const filter = catalogueFilter(kind, q, [
      ...(org ? [`ownerName = ${quote(org)}`] : []),
      // Organizations under a 失信 record are out of the catalogue until it is lifted.
      ...(opts.hiddenOwners?.length ? [`ownerOrgId NOT IN [${opts.hiddenOwners.map((id) => quote(id)).join(', ')}]`] : []),
    ]);
    const base = catalogueParams(kind, q, filter);
    const highlightFields = base.attributesToHighlight!;
    const cropField = base.attributesToCrop![0]!;
    const index = search.client.index(uid);
    type Result = { hits: Record<string, unknown>[]; totalHits?: number; facetDistribution?: Record<string, Record<string, number>>; processingTimeMs: number };
    const loose = (params: SearchParams) => index.search(text, { ...base, ...params, attributesToSearchOn: searchableFor(kind, 'text', opts) }) as Promise<Result>;
    let res: Result;
    let words: string[] = [];
    let strictness: QueryReading['strictness'] = 'words';
    if (!text) {
      res = (await index.search('', { ...base, sort: sortFor(false) })) as Result;
    } else if (!hasHan(text)) {
      // English (or codes such as PCB, 5G): every word must be found; the engine's typo tolerance helps there.
      res = await loose({ sort: sortFor(true), matchingStrategy: 'all' });
      words = text.toLowerCase().split(/\s+/).filter(Boolean);
    } else {
      words = queryWords(text).slice(0, 10);
      const strict = (ws: string[]) =>
        (index.search(ws.map(wordToken).join(' '), { ...base, sort: sortFor(true), matchingStrategy: 'all', attributesToSearchOn: searchableFor(kind, 'words', opts), attributesToHighlight: [], attributesToCrop: [] }) as Promise<Result>);
      res = await strict(words);
      if (!(res.totalHits ?? 0)) {
        // A compound the listings do not hold as such (甘蔗收获): its parts, each as a whole word.
        const pieces = [...new Set(words.flatMap(wordPieces))].slice(0, 10);
        if (pieces.join(' ') !== words.join(' ')) {
          const byPieces = await strict(pieces);
          if (byPieces.totalHits) {
            res = byPieces;
            strictness = 'pieces';
            words = pieces;
          }
        }
      }
      if (!(res.totalHits ?? 0)) strictness = 'none';
    }
    const total = res.totalHits ?? 0;
    const strictIds = new Set(res.hits.map((h) => String(h.id)));
    const shape = (hit: Record<string, unknown>, ours: boolean) => {
      const { _formatted, detail: _detail, wTitle: _a, wBody: _b, wIndustry: _c, wDetail: _d, ...doc } = hit as Record<string, unknown> & { _formatted?: Record<string, unknown> };
      const formatted: Record<string, unknown> = {};
      for (const key of highlightFields) {
        formatted[key] = ours ? markWords(key === cropField ? cropAround(doc[key], words) : doc[key], words) : markup(_formatted?.[key] ?? null);
      }
      return { ...doc, publishedAt: typeof doc.publishedAt === 'number' ? new Date(doc.publishedAt * 1000).toISOString() : null, _formatted: formatted };
    };
    const strictMarked = !!text && hasHan(text);
    const items = res.hits.map((hit) => shape(hit as Record<string, unknown>, strictMarked));

    // Related results once the strict ones run out on this page (never on later pages of a long list).
    let related: ReturnType<typeof shape>[] = [];
    if (text && q.page * q.pageSize >= total && total <= 200) {
      let exclude = [...strictIds];
      if (total > strictIds.size) {
        const all = await index.search(hasHan(text) ? words.map(wordToken).join(' ') : text, {
          filter,
          limit: 200,
          attributesToRetrieve: ['id'],
          matchingStrategy: 'all',
          attributesToSearchOn: searchableFor(kind, hasHan(text) ? 'words' : 'text', opts),
        });
        exclude = all.hits.map((h) => String(h.id));
      }
      const more = await index.search(text, {
        filter: [...filter, ...(exclude.length ? [`id NOT IN [${exclude.map(quote).join(', ')}]`] : [])],
        limit: RELATED_MAX,
        attributesToRetrieve: ['*'],
        attributesToHighlight: highlightFields,
        attributesToCrop: [cropField],
        cropLength: 80,
        highlightPreTag: PRE,
        highlightPostTag: POST,
        attributesToSearchOn: searchableFor(kind, 'text', opts),
        matchingStrategy: 'last',
      });
      related = more.hits.map((hit) => shape(hit as Record<string, unknown>, false));
    }
    const reading: QueryReading = { org, words, strictness: text ? strictness : 'words' };
    return { items, total, page: q.page, pageSize: q.pageSize, facets: res.facetDistribution ?? {}, processingTimeMs: res.processingTimeMs, related, reading };
  } catch (err) {
    if (isSearchDown(err)) throw new AppError('search_unavailable', '搜索服务暂时不可用，请稍后再试（已发布的信息不受影响）');
    const answer = meiliAnswer(err);
    if (answer?.code === 'index_not_found') return empty;
    // Any other refusal of the query by Meilisearch (4xx) is a bad request, not a server error.
    if (answer && answer.httpStatus >= 400 && answer.httpStatus < 500) {
      throw AppError.validation([{ path: 'query', message: '搜索条件无效，请调整关键词或筛选条件' }]);
    }
    throw err;
  }
}
