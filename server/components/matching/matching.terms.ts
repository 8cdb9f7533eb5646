/**
 * Weighted key terms of a listing. Meilisearch reads only the first 10 words of a query, so a
 * paragraph typed by an engineer must become a short list of its most telling terms: keywords the
 * owner chose, then TF-IDF terms of the title and the description (jieba with a domain dictionary).
 */
import { STOP_WORDS, synonymsOf, textEngine } from '../taxonomy/index.js';

export interface Term {
  /** Lower-cased: the form terms are compared in. */
  term: string;
  weight: number;
  /** The term as the user wrote it (5G, PLC, LiDAR), for showing it back. */
  label?: string;
}

const STOP = STOP_WORDS;
const load = () => ({ ...textEngine(), synonyms: { get: (w: string) => synonymsOf(w).slice(1) } });

/** Loads jieba and its dictionaries now (half a second), not on the first request. */
export function warmUpTerms(): void {
  load();
}

const clean = (t: string) => t.trim().toLowerCase();
const meaningful = (t: string) => t.length >= 2 && !STOP.has(t) && !/^[\d.%]+$/.test(t);

/** Weighted terms from keywords (strongest), title and body; weights sum to 1. */
export function extractTerms(parts: { keywords: string[]; title: string; body: string }, topK = 12): Term[] {
  const { jieba, tfidf } = load();
  const scores = new Map<string, number>();
  const labels = new Map<string, string>();
  const add = (term: string, w: number) => {
    const t = clean(term);
    if (!meaningful(t)) return;
    scores.set(t, (scores.get(t) ?? 0) + w);
    // Keywords come first, so the case the user typed wins over the case in the text.
    if (!labels.has(t)) labels.set(t, term.trim());
  };
  for (const k of parts.keywords) add(k, 1.5);
  const titleTerms = tfidf.extractKeywords(jieba, parts.title, 10);
  const titleMax = Math.max(...titleTerms.map((k) => k.weight), 1e-9);
  for (const k of titleTerms) add(k.keyword, 1.2 * (k.weight / titleMax));
  const bodyTerms = tfidf.extractKeywords(jieba, parts.body, 20);
  const bodyMax = Math.max(...bodyTerms.map((k) => k.weight), 1e-9);
  for (const k of bodyTerms) add(k.keyword, 1.0 * (k.weight / bodyMax));
  const top = [...scores.entries()].sort((a, b) => b[1] - a[1]).slice(0, topK);
  const total = top.reduce((s, [, w]) => s + w, 0) || 1;
  return top.map(([term, w]) => ({ term, weight: w / total, label: labels.get(term) ?? term }));
}

/** A term and its synonyms (from the synonym seed file). */
export function variants(term: string): string[] {
  return [term, ...(load().synonyms.get(term) ?? [])];
}

const pieces = new Map<string, string[]>();
/** The meaningful words inside a compound term (甘蔗收获 → 甘蔗, 收获), as the search engine also splits it. */
function piecesOf(term: string): string[] {
  let p = pieces.get(term);
  if (!p) {
    p = load().jieba.cut(term, false).map(clean).filter(meaningful);
    pieces.set(term, p);
  }
  return p;
}

/**
 * The terms found in `text`, directly or through a synonym; a compound term whose parts appear
 * separately counts in proportion (its weight is scaled by the share of parts found).
 */
export function findTerms(terms: Term[], text: string): Term[] {
  return scanTerms(terms, text.toLowerCase()).found;
}

/** Occurrences of `needle` in `haystack`, counted up to `cap` (term frequency saturates long before). */
function occurrences(haystack: string, needle: string, cap = 20): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at >= 0 && n < cap; at = haystack.indexOf(needle, at + needle.length)) n++;
  return n;
}

/**
 * One pass over a lower-cased text: the terms found (as `findTerms`) and each found term's frequency
 * (occurrences of its forms; a compound found by its parts counts the share of parts found), which the
 * in-process BM25 re-rank reads.
 */
export function scanTerms(terms: { term: string; weight: number; label?: string }[], haystack: string): { found: Term[]; tf: Map<string, number> } {
  const found: Term[] = [];
  const tf = new Map<string, number>();
  for (const t of terms) {
    const { forms, parts } = formsOf(t.term);
    let n = 0;
    for (const v of forms) n += occurrences(haystack, v);
    if (n > 0) {
      found.push(t);
      tf.set(t.term, n);
      continue;
    }
    if (parts.length < 2) continue;
    const hit = parts.filter((p) => p.some((v) => haystack.includes(v))).length / parts.length;
    if (hit >= 0.5) {
      found.push({ ...t, weight: t.weight * hit });
      tf.set(t.term, hit);
    }
  }
  return { found, tf };
}

const formsCache = new Map<string, { forms: string[]; parts: string[][] }>();
/** A term's lower-cased variants and its parts' variants, computed once per term (findTerms runs per candidate). */
function formsOf(term: string): { forms: string[]; parts: string[][] } {
  let f = formsCache.get(term);
  if (!f) {
    f = { forms: variants(term).map((v) => v.toLowerCase()), parts: piecesOf(term).map((p) => variants(p)) };
    if (formsCache.size > 50_000) formsCache.clear();
    formsCache.set(term, f);
  }
  return f;
}
