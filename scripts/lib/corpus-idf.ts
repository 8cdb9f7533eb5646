/**
 * Experiment (eval:matching with MATCH_CORPUS_IDF=<share>): term weights from the platform's own corpus: document frequencies over the published listings,
 * blended with jieba's general IDF, merged into the TF-IDF extractor that `extractTerms` uses.
 */
import { idf as generalIdfFile } from '@node-rs/jieba/dict.js';
import { textEngine } from '../../server/components/taxonomy/index.js';

let general: Map<string, number> | null = null;
const GENERAL_MEDIAN = 11.9547675029;
/** jieba's general IDF of a word (its median for a word it does not know, as jieba itself does). */
export function generalIdfOf(word: string): number {
  if (!general) {
    general = new Map();
    for (const line of Buffer.from(generalIdfFile).toString('utf8').split('\n')) {
      const [w, v] = line.split(' ');
      if (w && v) general.set(w, Number(v));
    }
  }
  return general.get(word) ?? GENERAL_MEDIAN;
}

/**
 * IDF per word over `texts` (one per published listing), blended with the general IDF:
 * `share` of the corpus value (scaled to the general range) and the rest general. Words in fewer than
 * `minDf` documents keep the general value (too rare to say anything about this corpus).
 */
export function corpusIdf(texts: string[], opts: { share?: number; minDf?: number } = {}): [string, number][] {
  const share = opts.share ?? 0.5;
  const minDf = opts.minDf ?? 2;
  const { jieba } = textEngine();
  const df = new Map<string, number>();
  for (const text of texts) {
    for (const w of new Set(jieba.cut(text, false).map((t) => t.trim().toLowerCase()).filter((t) => t.length >= 2 && /\p{L}/u.test(t)))) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const n = texts.length;
  const scale = GENERAL_MEDIAN / Math.log(n + 1);
  const out: [string, number][] = [];
  for (const [w, d] of df) {
    if (d < minDf) continue;
    const corpus = Math.log((n + 1) / (d + 0.5)) * scale;
    out.push([w, (1 - share) * generalIdfOf(w) + share * corpus]);
  }
  return out;
}

/** Merges IDF values into the shared extractor (extractTerms reads them from then on). */
export function loadIdf(entries: [string, number][]): void {
  if (entries.length) textEngine().tfidf.loadDict(Buffer.from(entries.map(([w, v]) => `${w} ${v.toFixed(6)}`).join('\n')));
}
