import { expect } from 'chai';
import { associationsOf, expandTerms } from '../../server/components/matching/index.js';
import { bm25, relevanceStats } from '../../server/components/matching/matching.relevance.js';

describe('term associations and the BM25 re-rank', () => {
  // Ten listings: 糖蜜 and 酒精 always together (3 times), 甘蔗 everywhere, 芒果 and 酒精 once together.
  const corpus = [
    ['糖蜜', '酒精', '甘蔗'],
    ['糖蜜', '酒精', '发酵'],
    ['糖蜜', '酒精', '甘蔗'],
    ['芒果', '酒精'],
    ['芒果', '干燥'],
    ['甘蔗', '收获'],
    ['甘蔗', '收获', '含杂率'],
    ['甘蔗', '种植'],
    ['甘蔗', '干燥'],
    ['发酵', '菌种'],
  ];

  it('learns pairs that co-occur more than chance (normalised PMI), in both directions, and ignores chance pairs', () => {
    const rows = associationsOf(corpus, { minTogether: 2, minStrength: 0.4 });
    const pair = (a: string, b: string) => rows.find((r) => r.term === a && r.associate === b);
    expect(pair('糖蜜', '酒精')?.together).to.equal(3);
    expect(pair('酒精', '糖蜜')?.strength).to.equal(pair('糖蜜', '酒精')?.strength);
    expect(pair('糖蜜', '酒精')!.strength).to.be.within(0.4, 1);
    expect(pair('甘蔗', '收获'), '甘蔗 is in most listings: together twice is near chance').to.equal(undefined);
    expect(pair('芒果', '酒精'), 'once is not enough').to.equal(undefined);
  });

  it('expands a term with its associates at a weight below the source term, skipping terms already present', () => {
    const assoc = new Map([
      ['糖蜜', [{ associate: '酒精', strength: 0.8 }, { associate: '甘蔗', strength: 0.5 }]],
      ['酒精', [{ associate: '糖蜜', strength: 0.8 }]],
    ]);
    const terms = [
      { term: '糖蜜', weight: 0.6 },
      { term: '甘蔗', weight: 0.4 },
    ];
    const out = expandTerms(terms, assoc);
    expect(out.map((e) => e.term)).to.deep.equal(['酒精']);
    expect(out[0]!.from).to.equal('糖蜜');
    expect(out[0]!.weight).to.be.greaterThan(0).and.lessThan(0.6);
    expect(expandTerms(terms, new Map())).to.deep.equal([]);
  });

  it('ranks candidates by BM25 of the weighted terms within the candidate set, relative to the best one', () => {
    const query = [
      { term: '糖蜜', weight: 0.7 },
      { term: '酒精', weight: 0.3 },
    ];
    const candidates = [
      { length: 200, tf: new Map([['糖蜜', 4], ['酒精', 2]]) },
      { length: 200, tf: new Map([['酒精', 1]]) },
      { length: 2000, tf: new Map([['糖蜜', 4], ['酒精', 2]]) },
    ];
    const stats = relevanceStats(query, candidates);
    const [short, weak, long] = candidates.map((c) => bm25(query, c, stats));
    expect(short!.value).to.equal(1);
    expect(long!.value, 'the same counts in a longer text weigh less').to.be.lessThan(1).and.greaterThan(weak!.value);
    expect(weak!.value).to.be.greaterThan(0);
    expect(short!.top[0]!.term).to.equal('糖蜜');
    expect(bm25(query, { length: 100, tf: new Map() }, stats).value).to.equal(0);
  });
});
