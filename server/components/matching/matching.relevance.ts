/**
 * Text relevance re-rank over the candidate set, in process: Okapi BM25 of the source's weighted terms
 * (and their expansions) against each candidate's text, with document frequencies and average length
 * taken from the candidates themselves. Term frequencies come from the same scan that finds the
 * matched terms (`scanTerms`), so this costs a few arithmetic operations per candidate and term.
 */

const K1 = 1.2;
const B = 0.75;

export interface QueryTerm {
  term: string;
  weight: number;
}

export interface CandidateText {
  /** Length of the candidate's text in characters. */
  length: number;
  /** Frequency of each query term found in it. */
  tf: Map<string, number>;
}

/** What a candidate's BM25 value is measured against: the candidate set's statistics and its best raw score. */
export interface RelevanceStats {
  n: number;
  avgLength: number;
  idf: Map<string, number>;
  best: number;
}

/** Statistics of a candidate set for `query`. */
export function relevanceStats(query: QueryTerm[], candidates: CandidateText[]): RelevanceStats {
  const n = candidates.length;
  const avgLength = n ? candidates.reduce((s, c) => s + c.length, 0) / n : 1;
  const idf = new Map<string, number>();
  for (const q of query) {
    let df = 0;
    for (const c of candidates) if (c.tf.has(q.term)) df++;
    // BM25's idf with +1 inside the log: never negative, so a term every candidate holds still counts a little.
    idf.set(q.term, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
  }
  const stats: RelevanceStats = { n, avgLength: avgLength || 1, idf, best: 0 };
  for (const c of candidates) stats.best = Math.max(stats.best, bm25(query, c, stats).raw);
  return stats;
}

/** A candidate's weighted BM25 and the terms that contributed most, strongest first. */
export function bm25(query: QueryTerm[], c: CandidateText, stats: RelevanceStats): { raw: number; value: number; top: { term: string; share: number }[] } {
  let raw = 0;
  const parts: { term: string; s: number }[] = [];
  const norm = K1 * (1 - B + (B * c.length) / stats.avgLength);
  for (const q of query) {
    const tf = c.tf.get(q.term);
    if (!tf) continue;
    const s = q.weight * (stats.idf.get(q.term) ?? 0) * ((tf * (K1 + 1)) / (tf + norm));
    raw += s;
    parts.push({ term: q.term, s });
  }
  parts.sort((a, b) => b.s - a.s);
  return {
    raw,
    // Relative to the best candidate of the set (1 = the most relevant text among the candidates).
    value: stats.best > 0 ? Math.min(1, raw / stats.best) : 0,
    top: parts.slice(0, 3).map((p) => ({ term: p.term, share: raw > 0 ? p.s / raw : 0 })),
  };
}
