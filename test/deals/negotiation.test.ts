import { expect } from 'chai';
import { asc, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import type { NegotiationMessage } from '../../common/realtime.js';
import { testEnv } from '../setup/global.js';
import { startTestServer, type TestServer } from '../setup/app.js';
import { connected, cookieOf, negotiationSocket, openDeal, party, priceOffer } from '../factories/index.js';
import { dealMessages } from '../../server/db/schema.js';

type Answer = { ok: true; seq: number; duplicate: boolean; lastSeq: number; messages: NegotiationMessage[] } | { ok: false; error: { code: string } };

/** One participant's client: sends through whatever socket is current, remembers what is unacknowledged, resends after reconnecting. */
class Client {
  socket!: Socket;
  readonly acked = new Map<string, number>();
  readonly pending = new Map<string, string>();
  readonly received = new Map<number, NegotiationMessage>();
  resent = 0;
  private generation = 0;
  /** Sends of the current connection still waiting for their ack: released when the connection is dropped. */
  private waiting = new Set<() => void>();
  constructor(
    private url: () => string,
    private cookie: string,
    private dealId: string,
    private sockets: Socket[],
  ) {}

  async connect(): Promise<void> {
    this.generation++;
    this.socket = negotiationSocket(this.url(), this.cookie);
    this.sockets.push(this.socket);
    this.socket.on('message:new', (m: NegotiationMessage) => this.received.set(m.seq, m));
    await connected(this.socket);
    const join = (await this.socket.timeout(10_000).emitWithAck('deal:join', { dealId: this.dealId })) as Answer;
    expect(join.ok, JSON.stringify(join)).to.equal(true);
  }

  /** Sends without waiting; the ack (if it ever comes on this connection) marks it stored. */
  send(clientMsgId: string, body: string): Promise<void> {
    this.pending.set(clientMsgId, body);
    const generation = this.generation;
    return new Promise((done) => {
      const resolve = () => {
        this.waiting.delete(resolve);
        done();
      };
      this.waiting.add(resolve);
      this.socket.timeout(10_000).emit('message:send', { dealId: this.dealId, clientMsgId, kind: 'text', body }, (err: Error | null, answer?: Answer) => {
        if (!err && answer?.ok && generation === this.generation) {
          const before = this.acked.get(clientMsgId);
          if (before !== undefined) expect(answer.seq, 'a resend acks the same seq').to.equal(before);
          this.acked.set(clientMsgId, answer.seq);
          this.pending.delete(clientMsgId);
        }
        resolve();
      });
    });
  }

  releaseAll(): void {
    for (const release of [...this.waiting]) release();
  }

  /** Drops the connection abruptly (in-flight acks are lost), reconnects, resends every unacknowledged message. */
  async reconnect(): Promise<void> {
    this.socket.disconnect();
    for (const release of [...this.waiting]) release();
    await this.connect();
    this.resent += this.pending.size;
    await Promise.all([...this.pending].map(([id, body]) => this.send(id, body)));
  }

  /** deal:sync from 0, in pages, as a client does after any reconnect. */
  async syncAll(): Promise<NegotiationMessage[]> {
    const all: NegotiationMessage[] = [];
    for (;;) {
      const answer = (await this.socket.timeout(10_000).emitWithAck('deal:sync', { dealId: this.dealId, afterSeq: all.at(-1)?.seq ?? 0 })) as Answer;
      if (!answer.ok) throw new Error(JSON.stringify(answer));
      all.push(...answer.messages);
      for (const m of answer.messages) this.received.set(m.seq, m);
      if (!answer.messages.length || all.at(-1)!.seq >= answer.lastSeq) return all;
    }
  }
}

const storedSeqs = async (dealId: string) =>
  (await testEnv().db.select({ seq: dealMessages.seq, clientMsgId: dealMessages.clientMsgId }).from(dealMessages).where(eq(dealMessages.dealId, dealId)).orderBy(asc(dealMessages.seq)));

describe('negotiation room (Socket.IO /negotiation)', () => {
  let server: TestServer;
  const sockets: Socket[] = [];
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
  });

  it('stores 500 messages from two participants exactly once, seq 1..500 without gaps, through forced disconnects and resends', async function () {
    this.timeout(120_000);
    const { dealId, supplier, enterprise } = await openDeal(server);
    const first = (await testEnv().db.select().from(dealMessages).where(eq(dealMessages.dealId, dealId))).length; // the opening message
    const a = new Client(() => server.url, await cookieOf(server, enterprise.email), dealId, sockets);
    const b = new Client(() => server.url, await cookieOf(server, supplier.email), dealId, sockets);
    await Promise.all([a.connect(), b.connect()]);
    let reconnects = 0;
    const run = async (client: Client, prefix: string) => {
      for (let i = 0; i < 250; i += 5) {
        // Five in flight at a time; every ~50 messages of the pair (25 of each) the connection drops mid-flight.
        const batch = Array.from({ length: 5 }, (_, k) => client.send(`${prefix}-${i + k}`, `${prefix} 第 ${i + k} 条`));
        if ((i + 5) % 25 === 0) {
          reconnects++;
          await client.reconnect();
        }
        await Promise.all(batch);
      }
      while (client.pending.size) await client.reconnect();
    };
    await Promise.all([run(a, 'a'), run(b, 'b')]);
    expect(reconnects).to.be.at.least(18);
    expect(a.resent + b.resent, 'some messages were in flight when the connection dropped').to.be.greaterThan(0);

    const stored = await storedSeqs(dealId);
    expect(stored).to.have.length(500 + first);
    expect(stored.map((r) => r.seq)).to.deep.equal(Array.from({ length: 500 + first }, (_, i) => i + 1));
    expect(new Set(stored.map((r) => r.clientMsgId)).size).to.equal(500 + first);
    expect(a.acked.size).to.equal(250);
    expect(b.acked.size).to.equal(250);
    for (const client of [a, b]) {
      const all = await client.syncAll();
      expect(all.map((m) => m.seq)).to.deep.equal(stored.map((r) => r.seq));
      expect(client.received.size).to.equal(500 + first);
    }
    // What each client was acked is what was stored under that seq.
    const bySeq = new Map(stored.map((r) => [r.seq, r.clientMsgId]));
    for (const [id, seq] of [...a.acked, ...b.acked]) expect(bySeq.get(seq)).to.equal(id);
  });

  it('loses no acknowledged message when the server restarts in the middle', async function () {
    this.timeout(60_000);
    let current = await startTestServer();
    try {
      const { dealId, supplier, enterprise } = await openDeal(current);
      const cookie = await cookieOf(current, enterprise.email);
      const a = new Client(() => current.url, cookie, dealId, sockets);
      await a.connect();
      const sends: Promise<void>[] = [];
      for (let i = 0; i < 60; i++) sends.push(a.send(`r-${i}`, `重启测试 ${i}`));
      // Stop the server while the messages are in flight (a few acked, most not yet); whatever was acked must survive.
      while (a.acked.size < 3) await new Promise((r) => setTimeout(r, 2));
      const ackedBeforeRestart = new Map(a.acked);
      await current.close();
      current = await startTestServer();
      a.socket.disconnect();
      a.releaseAll();
      await Promise.all(sends);
      const stored = new Map((await storedSeqs(dealId)).map((r) => [r.clientMsgId, r.seq]));
      for (const [id, seq] of a.acked) expect(stored.get(id), `acked ${id} is stored`).to.equal(seq);
      expect(a.acked.size).to.be.at.least(ackedBeforeRestart.size);
      expect(a.pending.size, 'the restart caught messages in flight').to.be.greaterThan(0);
      // The session survives the restart (it lives in PostgreSQL); resend the rest on the new server.
      while (a.pending.size) await a.reconnect();
      const after = await storedSeqs(dealId);
      expect(after.map((r) => r.seq)).to.deep.equal(Array.from({ length: after.length }, (_, i) => i + 1));
      expect(after.filter((r) => r.clientMsgId?.startsWith('r-'))).to.have.length(60);
      const b = new Client(() => current.url, await cookieOf(current, supplier.email), dealId, sockets);
      await b.connect();
      expect((await b.syncAll()).length).to.equal(after.length);
    } finally {
      await current.close();
    }
  });

  it('refuses every event to a non-participant with forbidden, and never sends them the room', async () => {
    const { dealId, enterprise } = await openDeal(server);
    const outsider = await party(server, 'enterprise');
    const s = negotiationSocket(server.url, await cookieOf(server, outsider.email));
    sockets.push(s);
    await connected(s);
    const got: unknown[] = [];
    s.on('message:new', (m) => got.push(m));
    for (const [event, payload] of [
      ['deal:join', { dealId }],
      ['message:send', { dealId, clientMsgId: 'x', kind: 'text', body: '你好' }],
      ['deal:sync', { dealId, afterSeq: 0 }],
      ['deal:read', { dealId, seq: 1 }],
    ] as const) {
      const answer = (await s.timeout(5000).emitWithAck(event, payload)) as Answer;
      expect(answer, event).to.deep.include({ ok: false });
      expect((answer as { error: { code: string } }).error.code, event).to.equal('forbidden');
    }
    const bad = (await s.timeout(5000).emitWithAck('deal:join', { dealId: 'nope' })) as Answer;
    expect((bad as { error: { code: string } }).error.code).to.equal('validation_failed');
    const member = new Client(() => server.url, await cookieOf(server, enterprise.email), dealId, sockets);
    await member.connect();
    await member.send('visible-1', '只有参与方能看到');
    await member.syncAll();
    expect(got).to.deep.equal([]);
    expect((await storedSeqs(dealId)).map((r) => r.clientMsgId)).not.to.include('x');
  });

  it('pushes messages and offers to the other participant live, and notifies one who is away once until read', async () => {
    const { dealId, supplier, enterprise } = await openDeal(server);
    const a = new Client(() => server.url, await cookieOf(server, enterprise.email), dealId, sockets);
    await a.connect();
    // The supplier is not in the room: two messages make one notification.
    await a.send('away-1', '在吗？');
    await a.send('away-2', '想约个时间电话沟通。');
    const waitFor = async (cond: () => Promise<boolean>) => {
      for (let i = 0; i < 100 && !(await cond()); i++) await new Promise((r) => setTimeout(r, 50));
    };
    const deallNotes = async () => ((await supplier.agent.get('/api/notifications')).body.items as { kind: string; link: string }[]).filter((n) => n.kind === 'deal_message' && n.link === `/deals/${dealId}`);
    await waitFor(async () => (await deallNotes()).length > 0);
    expect(await deallNotes()).to.have.length(1);

    const b = new Client(() => server.url, await cookieOf(server, supplier.email), dealId, sockets);
    await b.connect();
    const offered = new Promise<NegotiationMessage>((resolve) => a.socket.on('message:new', (m: NegotiationMessage) => m.kind === 'offer' && resolve(m)));
    const answer = (await b.socket.timeout(5000).emitWithAck('message:send', { dealId, clientMsgId: 'offer-1', kind: 'offer', offer: priceOffer(880000) })) as Answer;
    expect(answer.ok, JSON.stringify(answer)).to.equal(true);
    const m = await offered;
    expect(m.offer).to.include({ amount: 880000, status: 'live', purpose: 'price' });
    expect(m.senderSide).to.equal('supply');
    const read = (await a.socket.timeout(5000).emitWithAck('deal:read', { dealId, seq: m.seq })) as { ok: boolean; unread: number };
    expect(read).to.include({ ok: true, unread: 0 });
  });
});
