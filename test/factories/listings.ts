import type supertest from 'supertest';
import { expect } from 'chai';
import { uniq } from './users.js';

export function achievementBody(over: Record<string, unknown> = {}) {
  return {
    title: `甘蔗联合收获机 ${uniq()}`,
    summary: '适用于丘陵山地的中型甘蔗联合收获机，切段式收获，含杂率低于 7%。',
    detail: '整机功率 190 kW，作业效率每小时 0.3–0.5 公顷，适应行距 1.2–1.4 m，已在崇左、来宾示范应用三个榨季。',
    keywords: ['甘蔗', '收获机', '农机'],
    industry: 'sugar',
    technicalField: '农业机械',
    trl: 7,
    transferModes: ['transfer', 'license'],
    ipItems: [{ type: 'invention', number: 'ZL202110123456.7', status: 'granted', share: 100 }],
    price: 1200000,
    cityCode: '451400',
    source: 'fiscal_program',
    contactName: '覃工',
    contactPhone: '0771-1234567',
    contactEmail: 'tt@example.cn',
    attachments: [],
    ...over,
  };
}

export function demandBody(over: Record<string, unknown> = {}) {
  return {
    title: `丘陵山地甘蔗机械化收获 ${uniq()}`,
    problem: '我公司需要解决丘陵山地甘蔗机械化收割问题，降低含杂率，提高宿根蔗发株率。',
    expectedOutcome: '含杂率 ≤ 8%，宿根破头率 ≤ 10%，每台班收获 60 吨以上。',
    keywords: ['甘蔗', '机械化收获'],
    industry: 'sugar',
    trlMin: 6,
    budgetMin: 500000,
    budgetMax: 2000000,
    deadline: '2027-06-30',
    cooperationModes: ['joint_dev', 'transfer'],
    cityCode: '451400',
    contactName: '黄经理',
    contactPhone: '0771-7654321',
    attachments: [],
    ...over,
  };
}

/** Creates, submits and (with a reviewer agent) approves a listing; returns its id. */
export async function publishListing(owner: supertest.Agent, reviewer: supertest.Agent, kind: 'achievement' | 'demand', over: Record<string, unknown> = {}) {
  const path = kind === 'achievement' ? 'achievements' : 'demands';
  const created = await owner.post(`/api/${path}`).send(kind === 'achievement' ? achievementBody(over) : demandBody(over));
  expect(created.status, JSON.stringify(created.body)).to.equal(201);
  await owner.post(`/api/${path}/${created.body.id}/submit`).expect(200);
  const approved = await reviewer.post(`/api/reviews/${kind}/${created.body.id}`).send({ decision: 'approve' });
  expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
  return created.body.id as string;
}
