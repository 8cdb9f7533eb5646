/** Factories of the deal tests: a supplier with a published achievement, an enterprise, a broker, staff. */
import { expect } from 'chai';
import type supertest from 'supertest';
import { io as connect, type Socket } from 'socket.io-client';
import { PASSWORD, registerUser, uniq } from './users.js';
import { publishListing } from './listings.js';
import { staffAgent } from './contracts.js';
import type { TestServer } from '../setup/app.js';

export interface Party {
  agent: supertest.Agent;
  user: { id: string; organizationId: string; email?: string };
  email: string;
}

export async function party(server: TestServer, role: 'supplier' | 'enterprise' | 'broker'): Promise<Party> {
  const agent = server.agent();
  const { user, email } = await registerUser(agent, role);
  return { agent, user: user as unknown as Party['user'], email };
}

/** A supplier with a published achievement, an enterprise and a reviewer. */
export async function market(server: TestServer, over: Record<string, unknown> = {}) {
  const reviewer = await staffAgent(server, 'reviewer');
  const supplier = await party(server, 'supplier');
  const enterprise = await party(server, 'enterprise');
  // Words of their own, so the many achievements these tests publish do not crowd the catalogue search tests' results.
  const achievementId = await publishListing(supplier.agent, reviewer.agent, 'achievement', {
    title: `深远海网箱水质监测浮标 ${uniq()}`,
    summary: '面向北部湾深远海网箱养殖的溶解氧、水温、盐度在线监测浮标，太阳能供电，北斗回传。',
    detail: '浮标搭载多参数水质传感器，采样间隔可配置，续航 180 天，已在钦州、防城港海域示范运行两年。',
    keywords: ['网箱', '水质监测', '浮标'],
    confidentialDetail: '关键工艺：刀盘转速 1200 rpm',
    ...over,
  });
  return { reviewer, supplier, enterprise, achievementId };
}

/** The enterprise expresses interest and the supplier accepts: an open room (stage contacted). */
export async function openDeal(server: TestServer) {
  const m = await market(server);
  const created = await m.enterprise.agent.post('/api/deals').send({ achievementId: m.achievementId, message: '我们对该成果很感兴趣，希望进一步了解。' });
  expect(created.status, JSON.stringify(created.body)).to.equal(201);
  const accepted = await m.supplier.agent.post(`/api/deals/${created.body.id}/accept`);
  expect(accepted.status, JSON.stringify(accepted.body)).to.equal(200);
  expect(accepted.body.stage).to.equal('contacted');
  return { ...m, dealId: created.body.id as string };
}

export const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

export function priceOffer(amount: number, over: Record<string, unknown> = {}) {
  return { amount, modes: ['transfer'], terms: [], validUntil: inDays(7), ...over };
}

export async function send(agent: supertest.Agent, dealId: string, body: Record<string, unknown>) {
  return agent.post(`/api/deals/${dealId}/messages`).send({ clientMsgId: uniq(), ...body });
}

/** The session cookie of a fresh login, as a browser tab holds it. */
export async function cookieOf(server: TestServer, email: string) {
  const res = await server.agent().post('/api/auth/login').send({ email, password: PASSWORD });
  expect(res.status).to.equal(200);
  return String(res.headers['set-cookie']![0]).split(';')[0]!;
}

/** A /negotiation socket logged in with the cookie, WebSocket only, no automatic reconnection (tests drive it). */
export function negotiationSocket(url: string, cookie: string): Socket {
  return connect(`${url}/negotiation`, { transports: ['websocket'], extraHeaders: { cookie, origin: url }, reconnection: false, forceNew: true });
}

export const connected = (socket: Socket) =>
  new Promise<void>((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });

