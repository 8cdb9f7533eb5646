/**
 * Weighted key terms of a listing. Meilisearch reads only the first 10 words of a query, so a
 * paragraph typed by an engineer must become a short list of its most telling terms: keywords the
 * owner chose, then TF-IDF terms of the title and the description (jieba with a domain dictionary).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Jieba, TfIdf } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict.js';
import { TAXONOMY_DIR, taxonomyFile } from '../taxonomy/index.js';

export interface Term {
  /** Lower-cased: the form terms are compared in. */
  term: string;
  weight: number;
  /** The term as the user wrote it (5G, PLC, LiDAR), for showing it back. */
  label?: string;
}

/** Words that say nothing about the technology (enterprise phrasing, generic verbs). */
const STOP = new Set(
  '我们 我公司 我司 公司 企业 需要 需求 希望 寻求 解决 问题 技术 提高 提升 降低 实现 研发 开发 目前 现有 进行 能够 可以 一种 以及 相关 方面 工作 情况 要求 达到 满足 合作 项目 产品 生产 应用 方法 系统 研究 方案 效果 主要 通过 采用 具有 适合 适用 找到 有效 明显 问题 难题 想要 并且 但是 还有 比较 这个 那个 一些 多少 左右 以上 以下 不能 没有 已经 如何 怎么 什么 其中 我们 厂里 国内 广西 团队 单位'.split(' '),
);

let engine: { jieba: Jieba; tfidf: TfIdf; synonyms: Map<string, string[]> } | null = null;

function load() {
  if (engine) return engine;
  const jieba = Jieba.withDict(dict);
  // Domain words (taxonomy, synonyms, keywords of this field) so 含杂率 or 宿根蔗 stay one term.
  const words = fs.readFileSync(path.join(TAXONOMY_DIR, 'domain-dict.txt'), 'utf8').split('\n').filter(Boolean);
  jieba.loadDict(Buffer.from(words.map((w) => `${w} 2000 n`).join('\n')));
  // Stop words are filtered below: TfIdf.setConfig fails to convert its argument in @node-rs/jieba 2.0.
  const tfidf = TfIdf.withDict(idf);
  const synonyms = new Map<string, string[]>();
  for (const group of taxonomyFile<string[][]>('synonyms')) for (const w of group) synonyms.set(w, group.filter((g) => g !== w));
  engine = { jieba, tfidf, synonyms };
  return engine;
}

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
  const haystack = text.toLowerCase();
  const found: Term[] = [];
  for (const t of terms) {
    if (variants(t.term).some((v) => haystack.includes(v.toLowerCase()))) {
      found.push(t);
      continue;
    }
    const parts = piecesOf(t.term);
    if (parts.length < 2) continue;
    const hit = parts.filter((p) => variants(p).some((v) => haystack.includes(v))).length / parts.length;
    if (hit >= 0.5) found.push({ ...t, weight: t.weight * hit });
  }
  return found;
}
