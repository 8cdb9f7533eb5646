/**
 * Chinese segmentation with the domain dictionary, shared by the catalogue (documents and queries)
 * and by matching, so a word is cut the same way wherever it is read: `@node-rs/jieba` with
 * seed/taxonomy/domain-dict.txt (taxonomy names, synonym-file words, keywords of this field), the
 * synonym groups of seed/taxonomy/synonyms.json, and a stop list of enterprise phrasing.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Jieba, TfIdf } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict.js';
import { TAXONOMY_DIR, taxonomyFile } from './taxonomy.data.js';

/** Words that say nothing about the technology (enterprise phrasing, generic verbs). */
export const STOP_WORDS = new Set(
  '我们 我公司 我司 公司 企业 需要 需求 希望 寻求 解决 问题 技术 提高 提升 降低 实现 研发 开发 目前 现有 进行 能够 可以 一种 以及 相关 方面 工作 情况 要求 达到 满足 合作 项目 产品 生产 应用 方法 系统 研究 方案 效果 主要 通过 采用 具有 适合 适用 找到 有效 明显 问题 难题 想要 并且 但是 还有 比较 这个 那个 一些 多少 左右 以上 以下 不能 没有 已经 如何 怎么 什么 其中 我们 厂里 国内 广西 团队 单位'.split(' '),
);
/** Function characters that never carry a search on their own. */
const FUNCTION_CHARS = new Set('的 了 和 与 及 或 在 是 对 为 把 被 用 等 个 之 其 而 并 也 都 就 又 中 上 下'.split(' '));

let engine: { jieba: Jieba; tfidf: TfIdf; synonyms: Map<string, string[]> } | null = null;

function load() {
  if (engine) return engine;
  const jieba = Jieba.withDict(dict);
  // Domain words (taxonomy, synonyms, keywords of this field) so 含杂率 or 宿根蔗 stay one term.
  const words = fs.readFileSync(path.join(TAXONOMY_DIR, 'domain-dict.txt'), 'utf8').split('\n').filter(Boolean);
  jieba.loadDict(Buffer.from(words.map((w) => `${w} 2000 n`).join('\n')));
  // Stop words are filtered by callers: TfIdf.setConfig fails to convert its argument in @node-rs/jieba 2.0.
  const tfidf = TfIdf.withDict(idf);
  const synonyms = new Map<string, string[]>();
  for (const group of taxonomyFile<string[][]>('synonyms')) for (const w of group) synonyms.set(w.toLowerCase(), group.filter((g) => g !== w).map((g) => g.toLowerCase()));
  engine = { jieba, tfidf, synonyms };
  return engine;
}

/** The loaded segmenter (jieba with the domain dictionary) and TF-IDF extractor. */
export function textEngine(): { jieba: Jieba; tfidf: TfIdf } {
  return load();
}

/** A word and its synonyms (lower case). */
export function synonymsOf(word: string): string[] {
  const w = word.toLowerCase();
  return [w, ...(load().synonyms.get(w) ?? [])];
}

const isWord = (t: string) => /[\p{L}\p{N}]/u.test(t);

/**
 * The words of a catalogue query as the user meant them: jieba's coarse cut with the domain
 * dictionary, lower case, without punctuation, stop phrasing and function characters (unless
 * nothing else is left). 「甘蔗收获机 广西」 → 甘蔗收获机.
 */
export function queryWords(q: string): string[] {
  const all = [...new Set(load().jieba.cut(q, false).map((t) => t.trim().toLowerCase()).filter(isWord))];
  const kept = all.filter((t) => !STOP_WORDS.has(t) && !FUNCTION_CHARS.has(t));
  return kept.length ? kept : all;
}

/** The finer words inside a query word (甘蔗收获 → 甘蔗, 收获), or the word itself when it has none. */
export function wordPieces(word: string): string[] {
  const p = load().jieba.cutForSearch(word, false).map((t) => t.toLowerCase()).filter((t) => t !== word && t.length >= 2 && isWord(t));
  return p.length ? [...new Set(p)] : [word];
}

/**
 * Every word a text can be found by: the coarse words and every dictionary word inside each of them
 * (甘蔗联合收获机 → 甘蔗, 联合, 联合收获, 收获, 收获机, 甘蔗联合收获机; never across two words),
 * each with its synonyms.
 */
export function documentWords(text: string): Set<string> {
  const { jieba } = load();
  const out = new Set<string>();
  const add = (t: string) => {
    const w = t.trim().toLowerCase();
    if (isWord(w)) for (const v of synonymsOf(w)) out.add(v);
  };
  for (const t of jieba.cut(text, false)) {
    add(t);
    if (t.length >= 3 && /\p{Script=Han}/u.test(t)) for (const inner of jieba.cutAll(t)) if (inner.length >= 2) add(inner);
  }
  return out;
}

/** The Han characters of a text, each as a word: a one-character query (茶, 铝, 蚕) finds titles and industries holding it. */
export function characterWords(text: string): Set<string> {
  return new Set(text.match(/\p{Script=Han}/gu) ?? []);
}

/**
 * A word as one opaque token (letters a–p, fixed length) for the search engine: Meilisearch
 * segments Chinese with its own dictionary, so words are indexed and queried in this form to keep
 * the segmentation ours on both sides, whole words only (no prefix or typo spill-over).
 */
export function wordToken(word: string): string {
  const hex = crypto.createHash('sha1').update(word.toLowerCase()).digest('hex').slice(0, 11);
  return `w${[...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('')}`;
}
