/** Two-way matching: retrieve candidates from Meilisearch with weighted key terms, re-rank with explained factors. */
import type { MultiSearchQuery } from 'meilisearch';
import type { Db } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import type { Search } from '../../lib/search.js';
import { orgOf, type Actor } from '../auth/index.js';
import { INDEX_NAMES, canSee, hiddenOwners, isOwner, isSearchDown, type Kind, findListing, findListingsByIds } from '../listings/index.js';
import { deliver, notify } from '../notifications/index.js';
import { getTaxonomy } from '../taxonomy/index.js';
import * as repo from './matching.repository.js';
import { associations, expandTerms, rebuildAssociations, type Expansion } from './matching.associations.js';
import { bm25, relevanceStats, type CandidateText, type QueryTerm, type RelevanceStats } from './matching.relevance.js';
import { scorePair, weights, type AchievementSide, type DemandSide } from './matching.score.js';
import { extractTerms, scanTerms, type Term } from './matching.terms.js';
import { isBroker, readsAnyMatches } from './matching.policy.js';

export interface MatchingDeps {
  db: Db;
  search: Search;
  log: Logger;
}

type ListingRow = NonNullable<Awaited<ReturnType<typeof findListing>>>;
type Doc = Record<string, unknown> & { id: string; ownerOrgId: string; _rankingScore?: number };

const CANDIDATES_PER_QUERY = 40;
/**
 * What the scoring and the answer read of a candidate: not the word-token fields of the catalogue's
 * strict search (wTitle, wBody…), which made up about four fifths of a 100,000-listing answer.
 */
const RETRIEVED: Record<Kind, string[]> = {
  achievement: ['id', 'kind', 'ownerOrgId', 'ownerName', 'title', 'titleEn', 'keywords', 'summary', 'technicalField', 'detail', 'industry', 'trl', 'price', 'transferModes', 'cityCode', 'zoneId', 'publishedAt'],
  demand: ['id', 'kind', 'ownerOrgId', 'ownerName', 'title', 'titleEn', 'keywords', 'problem', 'expectedOutcome', 'industry', 'trlMin', 'budgetMin', 'budgetMax', 'cooperationModes', 'cityCode', 'zoneId', 'publishedAt'],
};
/** Below this text value a pair is noise, whatever its structured factors say. */
const MIN_TEXT = 0.1;
/** Pairs below this score are not stored or notified. */
export const STORE_THRESHOLD = 0.45;

const other = (kind: Kind): Kind => (kind === 'demand' ? 'achievement' : 'demand');
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The terms of a listing as the matcher reads it. */
export function termsOf(row: { kind: Kind; keywords: string[]; title: string; summary?: string | null; detail?: string | null; problem?: string | null; expectedOutcome?: string | null; technicalField?: string | null }): Term[] {
  const body = row.kind === 'demand' ? `${row.problem ?? ''}\n${row.expectedOutcome ?? ''}` : `${row.summary ?? ''}\n${row.technicalField ?? ''}\n${row.detail ?? ''}`;
  return extractTerms({ keywords: row.keywords, title: row.title, body });
}

/** The Meilisearch queries that fetch candidates for `terms` (also used as the benchmark baseline). */
export function candidateQueries(search: Search, kind: Kind, terms: Term[], keywords: string[], excludeOrgId: string, industry: string, expansions: Expansion[] = []): MultiSearchQuery[] {
  const target = search.index(INDEX_NAMES[other(kind)]);
  const filter = `ownerOrgId != "${excludeOrgId}"`;
  const top = terms.slice(0, 8).map((t) => t.term);
  const base = { indexUid: target, filter, limit: CANDIDATES_PER_QUERY, showRankingScore: true, attributesToRetrieve: RETRIEVED[other(kind)] };
  const queries: MultiSearchQuery[] = [
    // Meilisearch reads 10 words at most; `frequency` drops the most common words first. (A second
    // combined query with `last` was dropped: at 100,000 achievements it changed 5 % of the top 10 for
    // a top-10 mean score 0.001 lower, and it cost as much as four per-term queries.)
    { ...base, q: top.join(' '), matchingStrategy: 'frequency' },
  ];
  // Only keywords that carry meaning (a lone 「技术」 would fetch 40 listings with a perfect engine score).
  const termSet = new Set(terms.map((t) => t.term));
  const kw = keywords.map((k) => k.trim().toLowerCase()).filter((k) => termSet.has(k)).slice(0, 6).join(' ');
  if (kw) queries.push({ ...base, q: kw, matchingStrategy: 'last' });
  // Same-industry candidates that share only the weaker terms (enterprise wording rarely matches the achievement's).
  queries.push({ ...base, q: top.join(' '), matchingStrategy: 'frequency', filter: [filter, `industryPath = "${industry.replace(/"/g, '')}"`] });
  // Text first: one query per strong term, so a counterpart written in its own vocabulary is still
  // retrieved by the one or two terms it shares (the combined queries favour the terms' overlap).
  for (const t of terms.slice(0, PER_TERM_QUERIES)) queries.push({ ...base, q: t.term, matchingStrategy: 'all', limit: PER_TERM_LIMIT });
  // The strongest associated terms (learned from the corpus) retrieve counterparts that use them instead.
  for (const e of expansions.slice(0, EXPANSION_QUERIES)) queries.push({ ...base, q: e.term, matchingStrategy: 'all', limit: EXPANSION_LIMIT });
  return queries;
}
/**
 * Runs the candidate queries as two multi-search requests at once: Meilisearch answers the queries of
 * one request one after another, so two requests let it use two cores. The same work; the answers in
 * the order of `queries`.
 */
export async function searchCandidates(search: Search, queries: MultiSearchQuery[]) {
  if (queries.length < 4) return (await search.client.multiSearch({ queries })).results;
  const half = Math.ceil(queries.length / 2);
  const [a, b] = await Promise.all([search.client.multiSearch({ queries: queries.slice(0, half) }), search.client.multiSearch({ queries: queries.slice(half) })]);
  return [...a.results, ...b.results];
}

/** Terms retrieved one by one (the strongest), and how many candidates each brings. */
const PER_TERM_QUERIES = Number(process.env.MATCH_PER_TERM ?? 6);
const PER_TERM_LIMIT = 20;
/** Expansions retrieved one by one (the strongest), and how many candidates each brings. */
const EXPANSION_QUERIES = Number(process.env.MATCH_ASSOC_QUERIES ?? 2);
const EXPANSION_LIMIT = 10;
/** The per-term queries at the end of `candidateQueries`: one per strong term, then one per retrieved expansion. */
const perTermWeights = (terms: Term[], expansions: Expansion[]) => [...terms.slice(0, PER_TERM_QUERIES).map((t) => t.weight), ...expansions.slice(0, EXPANSION_QUERIES).map((e) => e.weight)];

/** The demand's side of a pair as the scorer reads it, from a row or an index document. */
export function demandSide(x: Record<string, unknown>, publishedAt: Date | null): DemandSide {
  return {
    industry: String(x.industry),
    trlMin: num(x.trlMin),
    budgetMin: num(x.budgetMin),
    budgetMax: num(x.budgetMax),
    cooperationModes: (x.cooperationModes as string[]) ?? [],
    cityCode: String(x.cityCode),
    zoneId: (x.zoneId as string | null) ?? null,
    publishedAt,
  };
}
/** The achievement's side of a pair as the scorer reads it. */
export function achievementSide(x: Record<string, unknown>, publishedAt: Date | null): AchievementSide {
  return {
    industry: String(x.industry),
    trl: num(x.trl),
    price: num(x.price),
    transferModes: (x.transferModes as string[]) ?? [],
    cityCode: String(x.cityCode),
    zoneId: (x.zoneId as string | null) ?? null,
    publishedAt,
  };
}
/** The text of a candidate document in which the source's terms are looked for. */
export const docText = (d: Doc) => [d.title, d.titleEn, ...((d.keywords as string[]) ?? []), d.summary, d.technicalField, d.detail, d.problem, d.expectedOutcome].filter(Boolean).join('\n');

export interface Match {
  counterpart: Doc;
  score: number;
  reasons: ReturnType<typeof scorePair>['reasons'];
  matchedTerms: string[];
}

/** What a source is matched with: its terms, their expansions, and the query the BM25 re-rank reads. */
export interface TextQuery {
  terms: Term[];
  expansions: Expansion[];
  query: QueryTerm[];
}

/** The terms found in a counterpart's text, the expansions that stand in for missing terms, and the text's statistics for BM25. */
function readCounterpart(q: TextQuery, text: string) {
  const haystack = text.toLowerCase();
  const { found, tf } = scanTerms(q.query, haystack);
  const matched: Term[] = [];
  const foundWeight = new Map<string, number>();
  const expansionHits = new Map<string, number>();
  const termSet = new Set(q.terms.map((t) => t.term));
  for (const f of found) {
    if (termSet.has(f.term)) {
      matched.push(f);
      foundWeight.set(f.term, f.weight);
    } else expansionHits.set(f.term, f.weight);
  }
  // An associate stands in for its source only where the source is missing (or found only in part),
  // for at most what the source lacks; the best associate per source counts.
  const bySource = new Map<string, { term: string; from: string; weight: number }>();
  for (const e of q.expansions) {
    const hit = expansionHits.get(e.term);
    if (hit === undefined) continue;
    const source = q.terms.find((t) => t.term === e.from)!;
    const earned = Math.min(hit, source.weight - (foundWeight.get(e.from) ?? 0));
    if (earned <= 1e-6) continue;
    const prev = bySource.get(e.from);
    if (!prev || prev.weight < earned) bySource.set(e.from, { term: e.term, from: source.label ?? source.term, weight: earned });
  }
  return { matched, expanded: [...bySource.values()], text: { length: text.length, tf } as CandidateText };
}

export function textQuery(terms: Term[], expansions: Expansion[]): TextQuery {
  return { terms, expansions, query: [...terms, ...expansions.map((e) => ({ term: e.term, weight: e.weight }))] };
}

/** Scores that pass and their context (the explanation of a pair outside them reuses it). */
async function rankCandidates(deps: MatchingDeps, source: ListingRow, opts: { limit: number; hidden?: Set<string> }): Promise<{ matches: Match[]; q: TextQuery | null; stats: RelevanceStats | null }> {
  const kind = source.kind;
  const terms = termsOf(source);
  if (!terms.length) return { matches: [], q: null, stats: null };
  const expansions = expandTerms(terms, await associations(deps.db));
  const q = textQuery(terms, expansions);
  const queries = candidateQueries(deps.search, kind, terms, source.keywords, source.ownerOrgId, source.industry, expansions);
  // The search and the reads that do not depend on its answer at once.
  const [results, dishonestIds, tax] = await Promise.all([searchCandidates(deps.search, queries), hiddenOwners(deps.db), getTaxonomy(deps.db)]);
  const best = new Map<string, Doc>();
  // Per-term hits count by the weight of the terms that retrieved them, not by the engine's score
  // for a one-word query (which is high for any listing holding that word).
  const perTermWeight = new Map<string, number>();
  const perTerm = perTermWeights(terms, expansions);
  const firstPerTerm = queries.length - perTerm.length;
  for (const [i, r] of results.entries()) {
    for (const hit of r.hits as Doc[]) {
      if (i >= firstPerTerm) {
        perTermWeight.set(hit.id, (perTermWeight.get(hit.id) ?? 0) + perTerm[i - firstPerTerm]!);
        if (!best.has(hit.id)) best.set(hit.id, { ...hit, _rankingScore: 0 });
        continue;
      }
      const prev = best.get(hit.id);
      if (!prev || (hit._rankingScore ?? 0) > (prev._rankingScore ?? 0)) best.set(hit.id, hit);
    }
  }
  for (const [id, w] of perTermWeight) {
    const doc = best.get(id)!;
    doc._rankingScore = Math.max(doc._rankingScore ?? 0, Math.min(1, w));
  }
  const pairKey = (counterpartId: string) => (kind === 'demand' ? `${source.id}:${counterpartId}` : `${counterpartId}:${source.id}`);
  const dishonest = new Set(dishonestIds);
  const docs = [...best.values()].filter((d) => !opts.hidden?.has(pairKey(d.id)) && !dishonest.has(d.ownerOrgId as string));
  const read = readCandidates(q, docs);
  const resp = await repo.responsiveness(deps.db, read.map((c) => c.doc.ownerOrgId));
  const { matches, stats } = scoreCandidates(source, q, read, tax, resp);
  return { matches: matches.slice(0, opts.limit), q, stats };
}

/** The candidates that hold a term or an expansion, with what was found in each. */
export function readCandidates(q: TextQuery, docs: Doc[]) {
  return docs.map((doc) => ({ doc, ...readCounterpart(q, docText(doc)) })).filter((c) => c.matched.length || c.expanded.length);
}

/** The re-rank: BM25 over the candidate set, then every factor per pair; best first. */
export function scoreCandidates(source: ListingRow, q: TextQuery, read: ReturnType<typeof readCandidates>, tax: Awaited<ReturnType<typeof getTaxonomy>>, resp: Map<string, number>): { matches: Match[]; stats: RelevanceStats } {
  const kind = source.kind;
  const stats = relevanceStats(q.query, read.map((c) => c.text));
  const w = weights();
  const own = kind === 'demand' ? demandSide(source as unknown as Record<string, unknown>, source.publishedAt) : achievementSide(source as unknown as Record<string, unknown>, source.publishedAt);
  const scored: Match[] = [];
  for (const { doc, matched, expanded, text } of read) {
    const published = typeof doc.publishedAt === 'number' ? new Date(doc.publishedAt * 1000) : null;
    const theirs = kind === 'demand' ? achievementSide(doc, published) : demandSide(doc, published);
    const { score, reasons } = scorePair(
      {
        demand: (kind === 'demand' ? own : theirs) as DemandSide,
        achievement: (kind === 'demand' ? theirs : own) as AchievementSide,
        rankingScore: doc._rankingScore ?? 0,
        terms: q.terms,
        matched,
        expanded,
        relevance: bm25(q.query, text, stats),
        counterpart: other(kind),
        responsiveness: resp.get(doc.ownerOrgId) ?? null,
      },
      tax,
      w,
    );
    if (reasons[0]!.value < MIN_TEXT) continue;
    const { _rankingScore: _r, detail: _d, ...counterpart } = doc;
    scored.push({ counterpart: { ...counterpart, publishedAt: published?.toISOString() ?? null } as Doc, score, reasons, matchedTerms: [...matched.map((t) => t.label ?? t.term), ...expanded.map((e) => e.term)] });
  }
  return { matches: scored.sort((a, b) => b.score - a.score), stats };
}

/** Candidates for a listing, scored and explained, best first. */
export async function computeMatches(deps: MatchingDeps, source: ListingRow, opts: { limit: number; hidden?: Set<string> }): Promise<Match[]> {
  return (await rankCandidates(deps, source, opts)).matches;
}

/** Who may see a listing's matches: its owner organization, brokers, reviewers and admins; others get 404. */
async function loadForMatching(deps: MatchingDeps, actor: Actor, kind: Kind, id: string): Promise<ListingRow> {
  const row = await findListing(deps.db, kind, id);
  const privileged = readsAnyMatches(actor);
  if (!row || !canSee(actor, row) || !(isOwner(actor, row) || privileged)) throw AppError.notFound(kind === 'demand' ? '需求' : '成果');
  if (row.status === 'withdrawn') throw AppError.conflict('已撤回的信息不再匹配');
  return row;
}

/** GET /api/{demands|achievements}/:id/matches. Falls back to the stored matches while Meilisearch is down. */
export async function matchesFor(deps: MatchingDeps, actor: Actor, kind: Kind, id: string, limit: number) {
  // Independent reads at once: the listing (and the caller's right to it) and the pairs the caller's organization hid.
  const [row, hidden] = await Promise.all([loadForMatching(deps, actor, kind, id), actor.organizationId ? repo.hiddenPairs(deps.db, actor.organizationId) : Promise.resolve(new Set<string>())]);
  let items: Match[];
  let source: 'live' | 'stored' = 'live';
  try {
    items = await computeMatches(deps, row, { limit, hidden });
  } catch (err) {
    if (!isSearchDown(err)) throw err;
    source = 'stored';
    items = await storedAsMatches(deps, kind, id, limit, hidden);
  }
  const pairs = items.map((m) => (kind === 'demand' ? { demandId: id, achievementId: m.counterpart.id } : { demandId: m.counterpart.id, achievementId: id }));
  const feedback = await repo.feedbackCounts(deps.db, pairs);
  const field = kind === 'demand' ? 'achievement' : 'demand';
  return {
    source,
    items: items.map((m, i) => ({
      [field]: m.counterpart,
      score: m.score,
      reasons: m.reasons,
      matchedTerms: m.matchedTerms,
      feedback: feedback.get(`${pairs[i]!.demandId}:${pairs[i]!.achievementId}`) ?? { relevant: 0, notRelevant: 0, reasons: {}, bySide: {} },
    })),
  };
}

async function storedAsMatches(deps: MatchingDeps, kind: Kind, id: string, limit: number, hidden: Set<string>): Promise<Match[]> {
  const stored = await repo.storedMatchesOf(deps.db, kind, id, limit * 2);
  const visible = stored.filter((m) => !hidden.has(`${m.demandId}:${m.achievementId}`)).slice(0, limit);
  const counterpartIds = visible.map((m) => (kind === 'demand' ? m.achievementId : m.demandId));
  const dishonest = new Set(await hiddenOwners(deps.db));
  const rows = (await findListingsByIds(deps.db, counterpartIds)).filter((r) => !dishonest.has(r.ownerOrgId));
  return visible
    .map((m) => {
      const r = rows.find((x) => x.id === (kind === 'demand' ? m.achievementId : m.demandId));
      if (!r || r.status !== 'published') return null;
      const counterpart: Doc = { id: r.id, ownerOrgId: r.ownerOrgId, kind: r.kind, title: r.title, keywords: r.keywords, industry: r.industry, cityCode: r.cityCode, summary: r.summary, problem: r.problem, trl: r.trl, trlMin: r.trlMin, price: num(r.price), budgetMax: num(r.budgetMax) };
      return { counterpart, score: Number(m.score), reasons: m.reasons, matchedTerms: m.matchedTerms };
    })
    .filter((m): m is Match => m !== null);
}

/**
 * Recomputes and stores the matches of a listing that just changed in the catalogue, and tells
 * the owners of both sides about new pairs ("您的需求有3项新匹配成果").
 */
export async function refreshStoredMatches(deps: MatchingDeps, kind: Kind, id: string, published: boolean): Promise<{ stored: number; fresh: number }> {
  const row = published ? await findListing(deps.db, kind, id) : undefined;
  if (!row || row.status !== 'published') {
    await repo.deleteMatchesOf(deps.db, id);
    return { stored: 0, fresh: 0 };
  }
  const found = (await computeMatches(deps, row, { limit: 20 })).filter((m) => m.score >= STORE_THRESHOLD);
  const delivered = await deps.db.transaction(async (tx) => {
    const fresh = await repo.replaceMatches(tx, kind, id, found.map((m) => ({ counterpartId: m.counterpart.id, score: m.score, reasons: m.reasons, matchedTerms: m.matchedTerms })));
    if (!fresh.length) return { rows: [], fresh: 0 };
    const owners = await repo.listingOwners(tx, fresh);
    const noun = kind === 'demand' ? '需求' : '成果';
    const otherNoun = kind === 'demand' ? '成果' : '需求';
    const path = kind === 'demand' ? 'demands' : 'achievements';
    const candidates = [
      { userId: row.createdBy, kind: 'match_new', title: `您的${noun}「${row.title}」有 ${fresh.length} 项新匹配${otherNoun}`, link: `/${path}/${id}?tab=matches` },
      ...owners.map((o) => ({
        userId: o.createdBy,
        kind: 'match_new',
        title: `您的${otherNoun}「${o.title}」有新匹配${noun}：「${row.title}」`,
        link: `/${kind === 'demand' ? 'achievements' : 'demands'}/${o.id}?tab=matches`,
      })),
    ];
    // One unread "new matches" note per listing is enough: the tab shows them all.
    const waiting = await repo.unreadLinks(tx, candidates);
    const rows = await notify(tx, candidates.filter((c) => !waiting.has(`${c.userId} ${c.link}`)));
    return { rows, fresh: fresh.length };
  });
  deliver(delivered.rows);
  return { stored: found.length, fresh: delivered.fresh };
}

/**
 * The score breakdown of any demand × achievement pair, matched or not ("why not matched"), for
 * brokers, reviewers and admins. The pair is scored from the demand's side with the same factors;
 * `rank` is its place among the demand's live matches (top 50) or null, and `why` says in words
 * what kept it out.
 */
export async function explainPair(deps: MatchingDeps, actor: Actor, demandId: string, achievementId: string) {
  if (!readsAnyMatches(actor)) throw AppError.forbidden('只有技术经纪人、审核员和管理员可以查看任意配对的评分');
  const [demand, achievement] = await Promise.all([
    findListing(deps.db, 'demand', demandId),
    findListing(deps.db, 'achievement', achievementId),
  ]);
  if (!demand || !canSee(actor, demand)) throw AppError.notFound('需求');
  if (!achievement || !canSee(actor, achievement)) throw AppError.notFound('成果');
  let ranked: Awaited<ReturnType<typeof rankCandidates>> = { matches: [], q: null, stats: null };
  try {
    ranked = await rankCandidates(deps, demand, { limit: 50 });
  } catch (err) {
    if (!isSearchDown(err)) throw err;
  }
  const live = ranked.matches;
  const terms = ranked.q?.terms ?? termsOf(demand);
  const q = ranked.q ?? textQuery(terms, expandTerms(terms, await associations(deps.db)));
  const rank = live.findIndex((m) => m.counterpart.id === achievement.id);
  const found = rank >= 0 ? live[rank]! : null;
  const { matched, expanded, text } = readCounterpart(q, docText(achievement as unknown as Doc));
  const [tax, resp] = await Promise.all([getTaxonomy(deps.db), repo.responsiveness(deps.db, [achievement.ownerOrgId])]);
  const scored = found
    ? { score: found.score, reasons: found.reasons }
    : scorePair(
        {
          demand: demandSide(demand as unknown as Record<string, unknown>, demand.publishedAt),
          achievement: achievementSide(achievement as unknown as Record<string, unknown>, achievement.publishedAt),
          // Not retrieved by the candidate queries: the engine gave it no score.
          rankingScore: 0,
          terms,
          matched,
          expanded,
          // Measured against the demand's live candidate set (its document frequencies and best score).
          relevance: bm25(q.query, text, ranked.stats ?? relevanceStats(q.query, [text])),
          counterpart: 'achievement',
          responsiveness: resp.get(achievement.ownerOrgId) ?? null,
        },
        tax,
        weights(),
      );
  const why: string[] = [];
  if (demand.ownerOrgId === achievement.ownerOrgId) why.push('同一单位的需求与成果不互相匹配');
  if (demand.status !== 'published' || achievement.status !== 'published') why.push('只有已发布的需求与成果参与匹配');
  if (!found) {
    if (!matched.length && !expanded.length) why.push('成果文本中没有需求的任何关键词（含同义词与关联词），检索不到');
    else if (scored.reasons[0]!.value < MIN_TEXT) why.push(`文本相关度 ${scored.reasons[0]!.value.toFixed(2)} 低于门槛 ${MIN_TEXT}`);
    else why.push('未进入候选集或排在前 50 名之外：检索词只命中了少数较弱的词');
  } else if (rank >= 10) why.push(`排在第 ${rank + 1} 名，匹配页默认只显示前 10 名`);
  if (scored.score < STORE_THRESHOLD) why.push(`总分 ${scored.score.toFixed(2)} 低于保存与通知的门槛 ${STORE_THRESHOLD}`);
  return {
    demand: { id: demand.id, title: demand.title },
    achievement: { id: achievement.id, title: achievement.title },
    score: scored.score,
    reasons: scored.reasons,
    matchedTerms: found?.matchedTerms ?? [...matched.map((t) => t.label ?? t.term), ...expanded.map((e) => e.term)],
    terms: terms.map((t) => ({ term: t.label ?? t.term, weight: Math.round(t.weight * 1000) / 1000 })),
    expansions: q.expansions.map((e) => ({ term: e.term, from: terms.find((t) => t.term === e.from)?.label ?? e.from, strength: e.strength, weight: Math.round(e.weight * 1000) / 1000 })),
    rank: found ? rank + 1 : null,
    threshold: STORE_THRESHOLD,
    why,
  };
}

export const FEEDBACK_REASONS = {
  interested: '有合作意向',
  field_mismatch: '不相关领域',
  maturity_low: '成熟度不够',
  price_mismatch: '价格不合适',
  already_solved: '已有方案',
  other: '其他',
} as const;

/** Whether the pair is among the stored matches or the demand's live matches (top 50). */
async function isMatchedPair(deps: MatchingDeps, demand: ListingRow, achievementId: string): Promise<boolean> {
  if (await repo.isStoredMatch(deps.db, demand.id, achievementId)) return true;
  try {
    return (await computeMatches(deps, demand, { limit: 50 })).some((m) => m.counterpart.id === achievementId);
  } catch (err) {
    if (isSearchDown(err)) return false;
    throw err;
  }
}

/** A structured verdict on a pair by one of its owners or a broker; the other side is told. */
export async function giveFeedback(
  deps: MatchingDeps,
  actor: Actor,
  input: { demandId: string; achievementId: string; verdict: 'relevant' | 'not_relevant'; reason: keyof typeof FEEDBACK_REASONS; note?: string },
) {
  const [demand, achievement] = await Promise.all([
    findListing(deps.db, 'demand', input.demandId),
    findListing(deps.db, 'achievement', input.achievementId),
  ]);
  if (!demand || !canSee(actor, demand)) throw AppError.notFound('需求');
  if (!achievement || !canSee(actor, achievement)) throw AppError.notFound('成果');
  const side = isOwner(actor, demand) ? 'demand' : isOwner(actor, achievement) ? 'achievement' : isBroker(actor) ? 'broker' : null;
  if (!side) throw AppError.forbidden('只有匹配双方与技术经纪人可以反馈');
  // Feedback is about a pair the platform matched, not any two listings someone names.
  if (!(await isMatchedPair(deps, demand, achievement.id))) throw AppError.notFound('该需求与成果之间的匹配');
  const result = await deps.db.transaction(async (tx) => {
    const { row, previous } = await repo.upsertFeedback(tx, { demandId: demand.id, achievementId: achievement.id, userId: actor.id, orgId: orgOf(actor), side, verdict: input.verdict, reason: input.reason, note: input.note ?? null });
    const verdict = input.verdict === 'relevant' ? '相关' : '不相关';
    const told =
      side === 'demand'
        ? { userId: achievement.createdBy, title: `企业对您的成果「${achievement.title}」反馈：${verdict}（${FEEDBACK_REASONS[input.reason]}）`, link: `/achievements/${achievement.id}?tab=matches` }
        : side === 'achievement'
          ? { userId: demand.createdBy, title: `成果方对您的需求「${demand.title}」反馈：${verdict}（${FEEDBACK_REASONS[input.reason]}）`, link: `/demands/${demand.id}?tab=matches` }
          : null;
    // The other side hears of a verdict once: a repeated or re-worded one with the same verdict tells nobody.
    const notes = told && previous !== input.verdict ? await notify(tx, [{ ...told, kind: 'match_feedback' }]) : [];
    return { row, notes };
  });
  deliver(result.notes);
  const r = result.row;
  return { id: r.id, demandId: r.demandId, achievementId: r.achievementId, side: r.side, verdict: r.verdict, reason: r.reason, note: r.note, createdAt: r.createdAt.toISOString() };
}

/** The broker's best unworked matches in the fields they cover. */
export async function brokerOpportunities(deps: MatchingDeps, actor: Actor, page: number, pageSize: number) {
  if (!isBroker(actor)) throw AppError.forbidden('只有技术经纪人有商机列表');
  const profile = await repo.brokerProfile(deps.db, actor.id);
  const tax = await getTaxonomy(deps.db);
  // A chosen category covers its industries (食品 covers 蔗糖).
  const covered = new Set(profile.industries);
  for (let grew = true; grew; ) {
    grew = false;
    for (const i of tax.industries) {
      if (i.parent && covered.has(i.parent) && !covered.has(i.code)) {
        covered.add(i.code);
        grew = true;
      }
    }
  }
  const { rows, total } = await repo.opportunities(deps.db, actor.id, { industries: [...covered], cityCodes: profile.cityCodes, page, pageSize });
  return {
    items: rows.map((r) => ({
      demand: { id: r.demand_id, title: r.demand_title, industry: r.demand_industry, cityCode: r.demand_city, ownerOrgId: r.demand_org, ownerName: r.demand_org_name },
      achievement: { id: r.achievement_id, title: r.achievement_title, industry: r.achievement_industry, cityCode: r.achievement_city, ownerOrgId: r.achievement_org, ownerName: r.achievement_org_name },
      score: r.score,
      reasons: r.reasons,
      matchedTerms: r.matched_terms,
      computedAt: new Date(r.computed_at).toISOString(),
    })),
    total,
    page,
    pageSize,
    profile: { industries: profile.industries, cityCodes: profile.cityCodes },
  };
}

export async function saveBrokerProfile(deps: MatchingDeps, actor: Actor, industries: string[], cityCodes: string[]) {
  if (!isBroker(actor)) throw AppError.forbidden('只有技术经纪人可以设置服务领域');
  const tax = await getTaxonomy(deps.db);
  const bad = [
    ...industries.map((c, i) => (tax.industries.some((x) => x.code === c) ? null : { path: `industries.${i}`, message: '产业代码无效' })),
    ...cityCodes.map((c, i) => (tax.cities.some((x) => x.code === c) ? null : { path: `cityCodes.${i}`, message: '城市代码无效' })),
  ].filter((x): x is { path: string; message: string } => x !== null);
  if (bad.length) throw AppError.validation(bad);
  await repo.saveBrokerProfile(deps.db, actor.id, industries, cityCodes);
  return { industries, cityCodes };
}

/** Rebuilds the term associations from the key terms of all published listings (or of `ids`: the evaluation's own set). */
export function rebuildTermAssociations(db: Db, opts: { ids?: string[] } = {}) {
  return rebuildAssociations(db, (row) => termsOf({ ...row, kind: row.kind as Kind }), opts);
}
