/** Factories of the roadshow tests: a fresh zone with its admin (the host), a supplier with published achievements, viewers, sockets. */
import { expect } from 'chai';
import type supertest from 'supertest';
import { io as connect, type Socket } from 'socket.io-client';
import { PASSWORD, registerUser, uniq } from './users.js';
import { publishListing } from './listings.js';
import { staffAgent } from './contracts.js';
import type { TestServer } from '../setup/app.js';

export type Agent = supertest.Agent;

export async function newZone(server: TestServer, admin: Agent) {
  const res = await admin.post('/api/zones').send({ slug: `rs-${uniq().toLowerCase()}`, name: `路演示范区${uniq()}`, cityCode: '450100', level: 'autonomous_region', hostType: 'high_tech_zone', appliedOn: '2024-03-01' });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  const host = await staffAgent(server, 'zone_admin', { zoneId: res.body.id });
  return { id: res.body.id as string, host };
}

/** A supplier organization with `n` published achievements (industry given). */
export async function supplierWith(server: TestServer, reviewer: Agent, n: number, industry = 'sugar') {
  const agent = server.agent();
  const { user, email } = await registerUser(agent, 'supplier');
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await publishListing(agent, reviewer, 'achievement', { title: `路演成果${i + 1}号${uniq()}`, industry }));
  return { agent, user, email, achievements: ids };
}

export async function viewer(server: TestServer, role: 'enterprise' | 'broker' = 'enterprise') {
  const agent = server.agent();
  const { user, email } = await registerUser(agent, role);
  return { agent, user, email };
}

export function roadshowBody(zoneId: string, achievements: string[], over: Record<string, unknown> = {}) {
  const start = new Date(Date.now() + 2 * 3600_000);
  return {
    title: `桂糖科技成果路演${uniq()}`,
    zoneId,
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
    description: '甘蔗糖业关键技术专场路演',
    items: achievements.map((achievementId) => ({ achievementId, minutes: 15 })),
    ...over,
  };
}

/** Creates and publishes (and optionally starts) a roadshow; returns its id. */
export async function scheduled(host: Agent, body: Record<string, unknown>, start = false) {
  const created = await host.post('/api/roadshows').send(body);
  expect(created.status, JSON.stringify(created.body)).to.equal(201);
  await host.post(`/api/roadshows/${created.body.id}/publish`).expect(200);
  if (start) await host.post(`/api/roadshows/${created.body.id}/start`).expect(200);
  return created.body.id as string;
}

export class Sockets {
  private readonly all: Socket[] = [];
  constructor(private readonly server: () => TestServer) {}

  async cookieOf(email: string) {
    const res = await this.server().agent().post('/api/auth/login').send({ email, password: PASSWORD });
    expect(res.status).to.equal(200);
    return String(res.headers['set-cookie']![0]).split(';')[0]!;
  }

  /** A connected /roadshow socket of a fresh login of `email`. */
  async open(email: string): Promise<Socket> {
    const url = this.server().url;
    const socket = connect(`${url}/roadshow`, { transports: ['websocket'], extraHeaders: { cookie: await this.cookieOf(email), origin: url }, reconnection: false, forceNew: true });
    this.all.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  }

  closeAll() {
    for (const s of this.all.splice(0)) s.disconnect();
  }
}

/** The next `event` on `socket` that satisfies `pred`. */
export function next<T>(socket: Socket, event: string, pred: (v: T) => boolean = () => true, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`timed out waiting for ${event}`));
    }, ms);
    const handler = (v: T) => {
      if (!pred(v)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(v);
    };
    socket.on(event, handler);
  });
}

