import { expect } from 'chai';
import { io as connect, type Socket } from 'socket.io-client';
import type { NotificationPush } from '../../common/realtime.js';
import { createUser, login, PASSWORD, registerUser, achievementBody } from '../factories/index.js';
import { startTestServer, type TestServer } from '../setup/app.js';
import { testEnv } from '../setup/global.js';
import { deliver, notify } from '../../server/components/notifications/index.js';

describe('notifications in real time (Socket.IO /notifications)', () => {
  let server: TestServer;
  const sockets: Socket[] = [];

  /** The session cookie of a fresh login, as a browser tab would hold it. */
  const cookieOf = async (email: string) => {
    const res = await server.agent().post('/api/auth/login').send({ email, password: PASSWORD });
    expect(res.status).to.equal(200);
    return String(res.headers['set-cookie']![0]).split(';')[0]!;
  };
  const open = (options: { cookie?: string; origin?: string; token?: string }) => {
    const headers: Record<string, string> = {};
    if (options.cookie) headers.cookie = options.cookie;
    if (options.origin) headers.origin = options.origin;
    const socket = connect(`${server.url}/notifications`, { transports: ['websocket'], extraHeaders: headers, auth: options.token ? { token: options.token } : {}, reconnection: false, forceNew: true });
    sockets.push(socket);
    return socket;
  };
  const connected = (socket: Socket) =>
    new Promise<void>((resolve, reject) => {
      if (socket.connected) return resolve();
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
  const refusal = (socket: Socket) =>
    new Promise<string>((resolve, reject) => {
      socket.once('connect', () => reject(new Error('connected although it should be refused')));
      socket.once('connect_error', (err: Error & { data?: { code?: string } }) => resolve(err.data?.code ?? err.message));
    });
  /** Everything the socket receives from now on. */
  const collect = (socket: Socket) => {
    const got: NotificationPush[] = [];
    socket.on('notification:new', (n: NotificationPush) => got.push(n));
    return got;
  };
  const waitFor = async (cond: () => boolean, ms = 5000) => {
    const until = Date.now() + ms;
    while (!cond()) {
      if (Date.now() > until) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  /**
   * A notification to `userId` by the app's own path (stored, then pushed). One socket delivers in order, so once
   * `got` holds it, whatever was sent to that user before it has arrived too: absence is checked after it, not after a sleep.
   */
  const barrier = async (userId: string, got: NotificationPush[]) => {
    const rows = await notify(testEnv().db, [{ userId, kind: 'system', title: '顺序标记' }]);
    deliver(rows);
    await waitFor(() => got.some((n) => n.id === rows[0]!.id));
    return rows[0]!.id;
  };

  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
  });

  it('pushes a review decision to the owner the moment it is committed, and to nobody else', async () => {
    const supplier = server.agent();
    const { email } = await registerUser(supplier, 'supplier');
    const bystander = await createUser('supplier', { orgType: 'university' });
    const owner = open({ cookie: await cookieOf(email), origin: server.url });
    const other = open({ cookie: await cookieOf(bystander.email), origin: server.url });
    await Promise.all([connected(owner), connected(other)]);
    const ownerGot = collect(owner);
    const otherGot = collect(other);

    const id = (await supplier.post('/api/achievements').send(achievementBody()).expect(201)).body.id as string;
    await supplier.post(`/api/achievements/${id}/submit`).expect(200);
    const reviewer = await login(server.agent(), (await createUser('reviewer')).email);
    await reviewer.post(`/api/reviews/achievement/${id}`).send({ decision: 'reject', reason: '缺少知识产权证明材料' }).expect(200);

    await waitFor(() => ownerGot.length > 0);
    const [push] = ownerGot;
    expect(push!.kind).to.equal('review_reject');
    expect(push!.link).to.equal(`/achievements/${id}`);
    const stored = (await supplier.get('/api/notifications')).body.items as { id: string }[];
    expect(stored.map((n) => n.id), 'the pushed notification is the stored row').to.include(push!.id);
    const mark = await barrier(bystander.user.id, otherGot);
    expect(otherGot.map((n) => n.id), 'another user hears nothing').to.deep.equal([mark]);
  });

  it('closes the connections of a session when it logs out, and only those', async () => {
    const { user, email } = await createUser('enterprise', { orgType: 'enterprise' });
    const leaving = await cookieOf(email);
    const staying = await cookieOf(email);
    const tabs = [open({ cookie: leaving }), open({ cookie: leaving }), open({ cookie: staying })];
    await Promise.all(tabs.map(connected));
    const reasons = tabs.map((tab) => new Promise<string>((resolve) => tab.once('disconnect', resolve)));
    const stayingGot = collect(tabs[2]!);
    const res = await server.agent().post('/api/auth/logout').set('Cookie', leaving).send({});
    expect(res.status).to.equal(204);
    expect(await reasons[0]).to.equal('io server disconnect');
    expect(await reasons[1]).to.equal('io server disconnect');
    await barrier(user.id, stayingGot);
    expect(tabs[2]!.connected, 'the other login of the same user stays').to.equal(true);
    expect(await refusal(open({ cookie: leaving })), 'the ended session cannot reconnect').to.equal('unauthenticated');
  });

  it('accepts an API token instead of the cookie, and closes its connections when it is revoked', async () => {
    const agent = server.agent();
    const { user } = await registerUser(agent, 'enterprise');
    const created = (await agent.post('/api/auth/tokens').send({ name: '移动端' }).expect(201)).body as { id: string; token: string };
    const other = (await agent.post('/api/auth/tokens').send({ name: '城市平台' }).expect(201)).body as { id: string; token: string };
    const app = open({ token: created.token });
    const city = open({ token: other.token });
    await Promise.all([connected(app), connected(city)]);
    expect(await refusal(open({ token: `${created.token}x` }))).to.equal('unauthenticated');
    const closed = new Promise<string>((resolve) => app.once('disconnect', resolve));
    const cityGot = collect(city);
    await agent.delete(`/api/auth/tokens/${created.id}`).expect(204);
    expect(await closed).to.equal('io server disconnect');
    await barrier(user.id, cityGot);
    expect(city.connected, 'another token of the same user stays').to.equal(true);
  });

  it('refuses a connection without a login, a cookie login from another site, the default and unknown namespaces', async () => {
    expect(await refusal(open({}))).to.equal('unauthenticated');
    const { email } = await createUser('enterprise', { orgType: 'enterprise' });
    const cookie = await cookieOf(email);
    expect(await refusal(open({ cookie, origin: 'https://evil.example' }))).to.equal('csrf_failed');
    const unknown = connect(`${server.url}/anything`, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
    sockets.push(unknown);
    expect(await refusal(unknown), 'no namespace is created on demand').to.equal('Invalid namespace');
    const root = connect(server.url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
    sockets.push(root);
    expect(await refusal(root), 'the default namespace serves nothing').to.equal('unauthenticated');
  });
});
