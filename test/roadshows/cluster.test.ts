/**
 * The room across processes: two app servers on the test database, each with the production adapter
 * (server/lib/realtime-adapter.ts, each on its own pool as server/serve.ts opens it), real sockets.
 * Local delivery does not wait for PostgreSQL; broadcasts reach the other process in order, equal ones
 * twice; presence counts the viewers of both processes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type pg from 'pg';
import supertest from 'supertest';
import type { Server } from 'socket.io';
import type { Socket } from 'socket.io-client';
import type { RoadshowAck, RoadshowState } from '../../common/realtime.js';
import { createApp } from '../../server/app.js';
import { connectDb } from '../../server/lib/db.js';
import { createRoomAdapter, type RoomAdapter } from '../../server/lib/realtime-adapter.js';
import { testEnv } from '../setup/global.js';
import type { TestServer } from '../setup/app.js';
import { newZone, next, roadshowBody, scheduled, Sockets, staffAgent, supplierWith, viewer } from '../factories/index.js';

interface Node extends TestServer {
  io: Server;
  rooms: RoomAdapter;
  pool: pg.Pool;
}

async function startNode(): Promise<Node> {
  const env = testEnv();
  const pool = connectDb(env.databaseUrl, 3).$client;
  const rooms = createRoomAdapter(pool, { errorHandler: (err) => console.error(`adapter: ${err.message}`) });
  const built = createApp({ config: env.config, db: env.db, search: env.search, sessionSecret: 'test-session-secret-test-session-secret', socketOptions: { adapter: rooms.adapter as never, transports: ['websocket'] } });
  const server = http.createServer(built.app);
  const io = built.attachSockets(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    config: env.config,
    listings: null as never,
    matching: null as never,
    savedSearches: null as never,
    io,
    rooms,
    pool,
    agent: () => supertest.agent(url).set('Origin', url),
    close: async () => {
      await built.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rooms.idle();
      await pool.end();
    },
  };
}

/** Until the other process's adapter is listening: a server-side emit from `from` reaches `to`. */
async function linked(from: Node, to: Node): Promise<void> {
  const seen = new Promise<void>((resolve) => to.io.of('/roadshow').once('test:hello' as never, () => resolve()));
  const timer = setInterval(() => from.io.of('/roadshow').serverSideEmit('test:hello' as never), 100);
  await seen.finally(() => clearInterval(timer));
}

type Ok<T> = Extract<RoadshowAck<T & object>, { ok: true }>;
const ok = <T extends object>(r: RoadshowAck<T>): Ok<T> => {
  expect(r.ok, JSON.stringify(r)).to.equal(true);
  return r as Ok<T>;
};
const join = async (s: Socket, roadshowId: string) => ok((await s.emitWithAck('roadshow:join', { roadshowId })) as RoadshowAck<{ state: RoadshowState }>);

describe('roadshow room across two server processes (PostgreSQL adapter)', () => {
  let a: Node;
  let b: Node;
  const onA = new Sockets(() => a);
  const onB = new Sockets(() => b);
  let zone: Awaited<ReturnType<typeof newZone>>;
  let supplier: Awaited<ReturnType<typeof supplierWith>>;
  before(async () => {
    [a, b] = await Promise.all([startNode(), startNode()]);
    await Promise.all([linked(a, b), linked(b, a)]);
    const admin = (await staffAgent(a, 'admin')).agent;
    const reviewer = await staffAgent(a, 'reviewer');
    zone = await newZone(a, admin);
    supplier = await supplierWith(a, reviewer.agent, 3);
  });
  after(async () => {
    onA.closeAll();
    onB.closeAll();
    await Promise.all([a?.close(), b?.close()]);
  });

  it('a switch on one process reaches viewers on both; local viewers get it before the NOTIFY is sent', async () => {
    const id = await scheduled(zone.host.agent, roadshowBody(zone.id, supplier.achievements), true);
    const host = await onA.open(zone.host.email);
    await join(host, id);
    const [va, vb] = await Promise.all([viewer(a), viewer(b)]);
    const sa = await onA.open(va.email);
    const sb = await onB.open(vb.email);
    await join(sa, id);
    await join(sb, id);

    // Hold every connection of A's adapter pool but the LISTEN one: A's publisher cannot send.
    const held: pg.PoolClient[] = await Promise.all([a.pool.connect(), a.pool.connect()]);
    try {
      const onLocal = next<RoadshowState>(sa, 'roadshow:state', (s) => s.currentItem === 2);
      const onRemote = next<RoadshowState>(sb, 'roadshow:state', (s) => s.currentItem === 2, 15_000);
      let remoteArrived = false;
      void onRemote.then(() => (remoteArrived = true), () => undefined);
      ok(await host.emitWithAck('roadshow:present', { roadshowId: id, itemIndex: 2 }));
      expect((await onLocal).currentItem).to.equal(2);
      expect(a.rooms.pending(), 'the message for the other process waits for the publisher').to.be.greaterThan(0);
      expect(remoteArrived).to.equal(false);
      for (const c of held) c.release();
      held.length = 0;
      expect((await onRemote).currentItem).to.equal(2);
    } finally {
      for (const c of held) c.release();
    }
  });

  it('broadcasts reach the other process in the order they were sent, and two equal ones both arrive', async () => {
    const id = await scheduled(zone.host.agent, roadshowBody(zone.id, supplier.achievements), true);
    const vb = await viewer(b);
    const sb = await onB.open(vb.email);
    await join(sb, id);
    const got: number[] = [];
    const all = new Promise<void>((resolve) =>
      sb.on('bench:seq' as never, ((p: { k: number }) => {
        got.push(p.k);
        if (got.length === 202) resolve();
      }) as never),
    );
    const room = a.io.of('/roadshow').to(`rs:${id}`);
    // 200 in one go (queued while earlier statements run, so they go in several batches), then the same payload twice.
    for (let k = 0; k < 200; k++) room.emit('bench:seq' as never, { k } as never);
    room.emit('bench:seq' as never, { k: 200 } as never);
    room.emit('bench:seq' as never, { k: 200 } as never);
    await all;
    expect(got).to.deep.equal([...Array.from({ length: 201 }, (_, k) => k), 200]);
  });

  it('presence:count is the sum of the viewers on both processes, on both', async () => {
    const id = await scheduled(zone.host.agent, roadshowBody(zone.id, supplier.achievements), true);
    const viewers = await Promise.all([viewer(a), viewer(a), viewer(b)]);
    const s1 = await onA.open(viewers[0]!.email);
    const s2 = await onA.open(viewers[1]!.email);
    const s3 = await onB.open(viewers[2]!.email);
    const onThree = [s1, s3].map((s) => next<{ viewers: number }>(s, 'presence:count', (p) => p.viewers === 3, 10_000));
    for (const s of [s1, s2, s3]) await join(s, id);
    for (const p of await Promise.all(onThree)) expect(p.viewers).to.equal(3);
    // One leaves on A: B's viewer sees 2.
    const onTwo = next<{ viewers: number }>(s3, 'presence:count', (p) => p.viewers === 2, 10_000);
    s2.disconnect();
    expect((await onTwo).viewers).to.equal(2);
    // The join ack counts both processes too.
    const late = await onB.open((await viewer(b)).email);
    expect((await join(late, id)).state.viewers).to.equal(3);
  });
});
