/** The Meilisearch side of listings: index settings, documents, and the catalogue query. */
import { MeilisearchRequestError, MeilisearchRequestTimeOutError, MeilisearchTaskTimeOutError, type Meilisearch, type SearchParams } from 'meilisearch';
import type { CatalogueQuery } from '../../../common/schemas/listings.js';
import { AppError } from '../../lib/errors.js';
import { meiliAnswer, waitTask } from '../../lib/search.js';
import type { Search } from '../../lib/search.js';
import { taxonomyFile } from '../taxonomy/index.js';
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

/** Index settings; searchable order is ranking weight (title first). */
export function indexSettings(kind: Kind) {
  const common = ['industry', 'industryPath', 'cityCode', 'zoneId', 'ownerOrgId', 'publishedAt'];
  return {
    searchableAttributes: kind === 'achievement'
      ? ['title', 'titleEn', 'keywords', 'summary', 'summaryEn', 'technicalField', 'detail', 'ownerName']
      : ['title', 'titleEn', 'keywords', 'problem', 'expectedOutcome', 'ownerName'],
    filterableAttributes: kind === 'achievement'
      ? [...common, 'trl', 'transferModes', 'price', 'priceNegotiable', 'source']
      : [...common, 'trlMin', 'cooperationModes', 'budgetMin', 'budgetMax', 'budgetNegotiable', 'deadline'],
    sortableAttributes: kind === 'achievement' ? ['publishedAt', 'price'] : ['publishedAt', 'budgetMax'],
    displayedAttributes: ['*'],
    localizedAttributes: [
      { attributePatterns: CHINESE_FIELDS[kind], locales: ['cmn'] },
      { attributePatterns: ENGLISH_FIELDS[kind], locales: ['eng'] },
    ],
    synonyms: synonymMap(),
    // Chinese words are 1–4 characters: typo tolerance would only add noise there; it still helps English words.
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnAttributes: ['keywords'] },
    pagination: { maxTotalHits: 100000 },
    faceting: { maxValuesPerFacet: 200 },
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
  };
  if (row.kind === 'achievement') {
    return {
      ...base,
      summary: row.summary,
      summaryEn: row.summaryEn,
      detail: (row.detail ?? '').slice(0, 4000),
      technicalField: row.technicalField,
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
  achievement: ['industry', 'cityCode', 'transferModes', 'trl', 'source', 'zoneId'],
  demand: ['industry', 'cityCode', 'cooperationModes', 'trlMin', 'zoneId'],
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

/** Searchable fields of achievements for a caller who may not read the confidential `detail` (demands have none). */
const PUBLIC_ACHIEVEMENT_FIELDS = indexSettings('achievement').searchableAttributes.filter((f) => f !== 'detail');

/**
 * The catalogue: full-text `q` in Chinese or English, filters, facets, sort, pagination, safe highlights.
 * `readsDetail`: whether the caller may read achievements' confidential detail (else it is not searched either).
 */
export async function searchCatalogue(search: Search, kind: Kind, q: CatalogueQuery, opts: { readsDetail: boolean; hiddenOwners?: string[] }) {
  const sort =
    q.sort === 'newest' ? ['publishedAt:desc'] :
    q.sort === 'price_asc' ? [kind === 'achievement' ? 'price:asc' : 'budgetMax:asc'] :
    q.sort === 'price_desc' ? [kind === 'achievement' ? 'price:desc' : 'budgetMax:desc'] :
    q.q ? undefined : ['publishedAt:desc'];
  const params: SearchParams = {
    // Organizations under a 失信 record are out of the catalogue until it is lifted.
    filter: catalogueFilter(kind, q, opts.hiddenOwners?.length ? [`ownerOrgId NOT IN [${opts.hiddenOwners.map((id) => quote(id)).join(', ')}]`] : []),
    ...(kind === 'achievement' && !opts.readsDetail ? { attributesToSearchOn: PUBLIC_ACHIEVEMENT_FIELDS } : {}),
    facets: FACETS[kind],
    sort,
    page: q.page,
    hitsPerPage: q.pageSize,
    attributesToRetrieve: ['*'],
    attributesToHighlight: kind === 'achievement' ? ['title', 'titleEn', 'summary', 'summaryEn'] : ['title', 'titleEn', 'problem'],
    attributesToCrop: kind === 'achievement' ? ['summary'] : ['problem'],
    cropLength: 80,
    highlightPreTag: PRE,
    highlightPostTag: POST,
  };
  try {
    const res = await search.client.index(search.index(INDEX_NAMES[kind])).search(q.q ?? '', params);
    const items = res.hits.map((hit) => {
      const { _formatted, detail: _detail, ...doc } = hit as Record<string, unknown> & { _formatted?: Record<string, unknown> };
      const formatted: Record<string, unknown> = {};
      for (const key of params.attributesToHighlight!) formatted[key] = markup(_formatted?.[key] ?? null);
      return { ...doc, publishedAt: typeof doc.publishedAt === 'number' ? new Date(doc.publishedAt * 1000).toISOString() : null, _formatted: formatted };
    });
    return { items, total: (res as { totalHits?: number }).totalHits ?? 0, page: q.page, pageSize: q.pageSize, facets: res.facetDistribution ?? {}, processingTimeMs: res.processingTimeMs };
  } catch (err) {
    if (isSearchDown(err)) throw new AppError('search_unavailable', '搜索服务暂时不可用，请稍后再试（已发布的信息不受影响）');
    const answer = meiliAnswer(err);
    if (answer?.code === 'index_not_found') return { items: [], total: 0, page: q.page, pageSize: q.pageSize, facets: {}, processingTimeMs: 0 };
    // Any other refusal of the query by Meilisearch (4xx) is a bad request, not a server error.
    if (answer && answer.httpStatus >= 400 && answer.httpStatus < 500) {
      throw AppError.validation([{ path: 'query', message: '搜索条件无效，请调整关键词或筛选条件' }]);
    }
    throw err;
  }
}
