import { expect } from 'chai';
import { extractTerms, findTerms } from '../../server/components/matching/matching.terms.js';

describe('matching terms', () => {
  it('compares terms without case but shows them back as the user typed them', () => {
    const terms = extractTerms({ keywords: ['PLC', 'LiDAR'], title: '基于 PLC 的甘蔗收获机控制系统', body: '采用 lidar 测距与 plc 控制，实现收获机自动对行。' });
    const plc = terms.find((t) => t.term === 'plc');
    expect(plc?.label).to.equal('PLC');
    expect(terms.find((t) => t.term === 'lidar')?.label).to.equal('LiDAR');
    const found = findTerms(terms, '一种用于农机的plc控制器和LIDAR传感器');
    expect(found.map((t) => t.label)).to.include.members(['PLC', 'LiDAR']);
  });
});
