import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Socket } from 'socket.io-client';
import type { RoadshowAck, RoadshowChatMessage, RoadshowIntentPush, RoadshowQuestion, RoadshowState } from '../../common/realtime.js';
import { startTestServer, type TestServer } from '../setup/app.js';
import { newZone, next, roadshowBody, scheduled, Sockets, staffAgent, supplierWith, viewer } from '../factories/index.js';

type Ok<T> = Extract<RoadshowAck<T & object>, { ok: true }>;
const ok = <T extends object>(r: RoadshowAck<T>): Ok<T> => {
  expect(r.ok, JSON.stringify(r)).to.equal(true);
  return r as Ok<T>;
};
const refused = (r: RoadshowAck, code: string) => {
  expect(r.ok, JSON.stringify(r)).to.equal(false);
  expect((r as { error: { code: string } }).error.code).to.equal(code);
};
type JoinAck = { state: RoadshowState; questions: RoadshowQuestion[]; chat: RoadshowChatMessage[]; role: { host: boolean; moderator: boolean } };
const join = async (s: Socket, roadshowId: string) => (await s.emitWithAck('roadshow:join', { roadshowId })) as RoadshowAck<JoinAck>;

describe('roadshow live room (Socket.IO /roadshow on the real server)', () => {
  let server: TestServer;
  let reviewer: Awaited<ReturnType<typeof staffAgent>>;
  let admin: Awaited<ReturnType<typeof staffAgent>>['agent'];
  let zone: Awaited<ReturnType<typeof newZone>>;
  let supplier: Awaited<ReturnType<typeof supplierWith>>;
  const sockets = new Sockets(() => server);
  let words = '';
  before(async () => {
    // A word list of this test's own: the list is configuration, not code.
    words = path.join(os.tmpdir(), `roadshow-words-${process.pid}.txt`);
    fs.writeFileSync(words, '# 测试词表\n代开发票\n\n刷单\n');
    server = await startTestServer({ roadshow: { sensitiveWordsFile: words, chatPerWindow: 3, chatWindowMs: 60_000, chatMaxLength: 100 } });
    admin = (await staffAgent(server, 'admin')).agent;
    reviewer = await staffAgent(server, 'reviewer');
    zone = await newZone(server, admin);
    supplier = await supplierWith(server, reviewer.agent, 3);
  });
  after(async () => {
    sockets.closeAll();
    await server.close();
    fs.rmSync(words, { force: true });
  });
  const live = (over: Record<string, unknown> = {}) => scheduled(zone.host.agent, roadshowBody(zone.id, supplier.achievements, over), true);

  it('syncs item switches to every viewer; only the host presents and ends', async () => {
    const id = await live();
    const host = await sockets.open(zone.host.email);
    const viewers = await Promise.all([viewer(server), viewer(server), viewer(server)]);
    const vs = await Promise.all(viewers.map((v) => sockets.open(v.email)));
    const hostJoin = ok(await join(host, id));
    expect(hostJoin.role).to.deep.equal({ host: true, moderator: true });
    for (const v of vs) expect(ok(await join(v, id)).state).to.include({ roadshowId: id, status: 'live', currentItem: 0 });

    const states = vs.map((v) => next<RoadshowState>(v, 'roadshow:state', (s) => s.currentItem === 2));
    const acked = ok(await host.emitWithAck('roadshow:present', { roadshowId: id, itemIndex: 2 }));
    expect((acked as unknown as { state: RoadshowState }).state.currentItem).to.equal(2);
    for (const s of await Promise.all(states)) expect(s).to.include({ roadshowId: id, status: 'live', currentItem: 2 });

    refused(await vs[0]!.emitWithAck('roadshow:present', { roadshowId: id, itemIndex: 1 }), 'forbidden');
    refused(await host.emitWithAck('roadshow:present', { roadshowId: id, itemIndex: 7 }), 'validation_failed');
    refused(await host.emitWithAck('roadshow:present', { roadshowId: id, itemIndex: 'x' }), 'validation_failed');
    refused(await host.emitWithAck('roadshow:present', { roadshowId: id, itemIndex: 1, extra: '\u0000' }), 'validation_failed');
    expect((await viewers[0]!.agent.post(`/api/roadshows/${id}/end`)).status).to.equal(403);
    const ended = next<RoadshowState>(vs[1]!, 'roadshow:state', (s) => s.status === 'ended');
    await zone.host.agent.post(`/api/roadshows/${id}/end`).expect(200);
    expect((await ended).currentItem).to.equal(2);
    refused(await host.emitWithAck('roadshow:present', { roadshowId: id, itemIndex: 0 }), 'conflict');
  });

  it('pushes presence:count at most once a second, and a reconnecting viewer gets the current state in the join ack', async () => {
    const id = await live();
    const host = await sockets.open(zone.host.email);
    ok(await join(host, id));
    const v = await viewer(server);
    const counts: { viewers: number; at: number }[] = [];
    host.on('presence:count', (p: { viewers: number }) => counts.push({ viewers: p.viewers, at: Date.now() }));
    const first = await sockets.open(v.email);
    ok(await join(first, id));
    const extra = await Promise.all([1, 2, 3].map(async () => sockets.open((await viewer(server)).email)));
    for (const s of extra) ok(await join(s, id));
    await next(host, 'presence:count', (p: { viewers: number }) => p.viewers === 5);
    for (let i = 1; i < counts.length; i++) expect(counts[i]!.at - counts[i - 1]!.at, 'at most once a second').to.be.at.least(900);

    await host.emitWithAck('roadshow:present', { roadshowId: id, itemIndex: 1 });
    first.disconnect();
    await host.emitWithAck('roadshow:present', { roadshowId: id, itemIndex: 2 });
    const again = await sockets.open(v.email);
    const state = ok(await join(again, id)).state;
    expect(state).to.include({ status: 'live', currentItem: 2 });
  });

  it('refuses users who did not register when registration is required; registrants, the host and presenters enter', async () => {
    const id = await live({ registrationRequired: true });
    const stranger = await viewer(server);
    const registrant = await viewer(server);
    await registrant.agent.post(`/api/roadshows/${id}/registrations`).expect(201);
    const s = await sockets.open(stranger.email);
    const refusedJoin = await join(s, id);
    refused(refusedJoin, 'forbidden');
    expect((refusedJoin as { error: { message: string } }).error.message).to.contain('报名');
    refused(await s.emitWithAck('question:ask', { roadshowId: id, text: '没报名也想问' }), 'forbidden');
    refused(await s.emitWithAck('chat:send', { roadshowId: id, text: '没报名' }), 'forbidden');
    ok(await join(await sockets.open(registrant.email), id));
    ok(await join(await sockets.open(supplier.email), id));
    refused(await join(s, '00000000-0000-4000-8000-000000000000'), 'not_found');
  });

  it('orders questions by votes; each user upvotes once; the host answers, a reviewer hides', async () => {
    const id = await live();
    const host = await sockets.open(zone.host.email);
    ok(await join(host, id));
    const people = await Promise.all([viewer(server), viewer(server), viewer(server)]);
    const [a, b, c] = await Promise.all(people.map((p) => sockets.open(p.email)));
    for (const s of [a!, b!, c!]) ok(await join(s, id));
    const seen = next<RoadshowQuestion>(host, 'question:new');
    const q1 = (ok(await a!.emitWithAck('question:ask', { roadshowId: id, text: '中试线投资规模多大？' })) as unknown as { question: RoadshowQuestion }).question;
    expect((await seen).id).to.equal(q1.id);
    const q2 = (ok(await b!.emitWithAck('question:ask', { roadshowId: id, text: '专利是否已授权？' })) as unknown as { question: RoadshowQuestion }).question;
    refused(await a!.emitWithAck('question:ask', { roadshowId: id, text: 'x' }), 'validation_failed');

    ok(await a!.emitWithAck('question:upvote', { questionId: q2.id }));
    refused(await a!.emitWithAck('question:upvote', { questionId: q2.id }), 'conflict');
    const updated = next<RoadshowQuestion>(a!, 'question:updated', (q) => q.id === q2.id && q.votes === 2);
    ok(await c!.emitWithAck('question:upvote', { questionId: q2.id }));
    await updated;
    const list = (await server.agent().get(`/api/roadshows/${id}/questions`)).body.items as RoadshowQuestion[];
    expect(list.map((q) => [q.id, q.votes])).to.deep.equal([
      [q2.id, 2],
      [q1.id, 0],
    ]);

    refused(await a!.emitWithAck('question:answer', { questionId: q2.id }), 'forbidden');
    const answered = next<RoadshowQuestion>(c!, 'question:updated', (q) => q.id === q2.id && q.status === 'answered');
    ok(await host.emitWithAck('question:answer', { questionId: q2.id }));
    await answered;
    const rev = await sockets.open(reviewer.email);
    ok(await join(rev, id));
    ok(await rev.emitWithAck('question:hide', { questionId: q1.id }));
    // Each decision is audited (the change and its row are one statement).
    for (const [q, action] of [
      [q2, 'roadshow.question.answered'],
      [q1, 'roadshow.question.hidden'],
    ] as const) {
      const trail = (await admin.get('/api/audit-log').query({ entityType: 'roadshow_question', entityId: q.id }).expect(200)).body.items as { action: string; data: { roadshowId: string } }[];
      expect(trail.map((e) => [e.action, e.data.roadshowId])).to.deep.equal([[action, id]]);
    }
    refused(await host.emitWithAck('question:answer', { questionId: '00000000-0000-4000-8000-000000000000' }), 'not_found');
    const visible = (await server.agent().get(`/api/roadshows/${id}/questions`)).body.items as RoadshowQuestion[];
    expect(visible.map((q) => q.id)).to.deep.equal([q2.id]);
    refused(await b!.emitWithAck('question:upvote', { questionId: q1.id }), 'not_found');
    // The replay shows only answered questions.
    await zone.host.agent.post(`/api/roadshows/${id}/end`).expect(200);
    const replay = (await server.agent().get(`/api/roadshows/${id}/questions`)).body.items as RoadshowQuestion[];
    expect(replay.map((q) => q.status)).to.deep.equal(['answered']);
  });

  it('rate-limits chat per user, limits its length, masks sensitive words; a moderator mutes a user for the session', async () => {
    const id = await live();
    const host = await sockets.open(zone.host.email);
    ok(await join(host, id));
    const talker = await viewer(server);
    const other = await viewer(server);
    const t = await sockets.open(talker.email);
    const o = await sockets.open(other.email);
    ok(await join(t, id));
    ok(await join(o, id));

    const got = next<RoadshowChatMessage>(o, 'chat:new', (m) => m.userId === talker.user.id);
    const first = ok(await t.emitWithAck('chat:send', { roadshowId: id, text: '可以代开发票吗，另有刷单渠道' })) as unknown as { message: RoadshowChatMessage };
    expect(first.message.text).to.equal('可以＊＊＊＊吗，另有＊＊渠道');
    expect((await got).text).to.equal(first.message.text);
    refused(await t.emitWithAck('chat:send', { roadshowId: id, text: '长'.repeat(101) }), 'validation_failed');
    ok(await t.emitWithAck('chat:send', { roadshowId: id, text: '第二条' }));
    ok(await t.emitWithAck('chat:send', { roadshowId: id, text: '第三条' }));
    const limited = await t.emitWithAck('chat:send', { roadshowId: id, text: '第四条' });
    refused(limited, 'rate_limited');
    ok(await o.emitWithAck('chat:send', { roadshowId: id, text: '别人不受影响' }));

    refused(await o.emitWithAck('chat:mute', { roadshowId: id, userId: talker.user.id }), 'forbidden');
    const muted = next<{ userId: string }>(o, 'chat:muted');
    ok(await host.emitWithAck('chat:mute', { roadshowId: id, userId: other.user.id }));
    expect((await muted).userId).to.equal(other.user.id);
    const res = await o.emitWithAck('chat:send', { roadshowId: id, text: '还能说话吗' });
    refused(res, 'forbidden');
    expect((res as { error: { message: string } }).error.message).to.contain('禁言');
    // The mute is for this roadshow only.
    const id2 = await live();
    ok(await join(o, id2));
    ok(await o.emitWithAck('chat:send', { roadshowId: id2, text: '另一场可以' }));
  });

  it('stores chat sent at once in batches: every message acked after it is stored, broadcast once to each viewer', async () => {
    const id = await live();
    const people = await Promise.all([1, 2, 3, 4, 5, 6].map(() => viewer(server)));
    const socks = await Promise.all(people.map((p) => sockets.open(p.email)));
    for (const s of socks) ok(await join(s, id));
    const watcher = socks[0]!;
    const heard: RoadshowChatMessage[] = [];
    watcher.on('chat:new', (m: RoadshowChatMessage) => heard.push(m));
    const allHeard = next(watcher, 'chat:new', () => heard.length >= 12);
    // Two messages from each of six people, all in flight together.
    const acks = await Promise.all(socks.flatMap((s, i) => [1, 2].map((k) => s.emitWithAck('chat:send', { roadshowId: id, text: `第${i + 1}位观众的第${k}条` }))));
    const sent = acks.map((a) => (ok(a) as unknown as { message: RoadshowChatMessage }).message);
    expect(new Set(sent.map((m) => m.id)).size).to.equal(12);
    // Acked means stored: a viewer joining now gets all twelve in the join ack, in the order they arrived.
    const late = await sockets.open((await viewer(server)).email);
    const history = ok(await join(late, id)).chat;
    expect(history.map((m) => m.id)).to.have.members(sent.map((m) => m.id));
    const times = history.map((m) => Date.parse(m.createdAt));
    expect(times, 'oldest first').to.deep.equal([...times].sort((x, y) => x - y));
    await allHeard;
    expect(heard.map((m) => m.id), 'each message once').to.have.members(sent.map((m) => m.id));
  });

  it('turns an intent into a lead with the viewer’s organization, pushed live to the supplier and the host and notified', async () => {
    const id = await live();
    const host = await sockets.open(zone.host.email);
    ok(await join(host, id));
    const sup = await sockets.open(supplier.email);
    ok(await join(sup, id));
    const buyer = await viewer(server);
    const b = await sockets.open(buyer.email);
    ok(await join(b, id));

    const toSupplier = next<RoadshowIntentPush>(sup, 'intent:new');
    const toHost = next<RoadshowIntentPush>(host, 'intent:new');
    let leakedToViewer = false;
    b.on('intent:new', () => (leakedToViewer = true));
    const r = ok(await b.emitWithAck('intent:express', { roadshowId: id, achievementId: supplier.achievements[1], note: '希望洽谈技术许可' })) as unknown as { intentId: string; created: boolean };
    expect(r.created).to.equal(true);
    const [s1, h1] = await Promise.all([toSupplier, toHost]);
    expect(s1).to.include({ id: r.intentId, achievementId: supplier.achievements[1], organizationName: buyer.user.organization.name, note: '希望洽谈技术许可' });
    expect(h1.id).to.equal(r.intentId);
    const again = ok(await b.emitWithAck('intent:express', { roadshowId: id, achievementId: supplier.achievements[1] })) as unknown as { intentId: string; created: boolean };
    expect(again).to.deep.include({ intentId: r.intentId, created: false });
    refused(await b.emitWithAck('intent:express', { roadshowId: id, achievementId: '00000000-0000-4000-8000-000000000000' }), 'validation_failed');
    refused(await sup.emitWithAck('intent:express', { roadshowId: id, achievementId: supplier.achievements[0] }), 'validation_failed');

    const leads = (await supplier.agent.get('/api/roadshow-intents')).body.items as { id: string; organizationId: string; status: string; achievementId: string }[];
    expect(leads.find((l) => l.id === r.intentId)).to.include({ organizationId: buyer.user.organizationId, status: 'new', achievementId: supplier.achievements[1] });
    // The deals component turned the intent into a deal lead between the buyer and the supplier.
    const dealId = (leads.find((l) => l.id === r.intentId) as unknown as { dealId: string | null }).dealId;
    expect(dealId, 'the intent became a deal lead').to.be.a('string');
    const deal = await buyer.agent.get(`/api/deals/${dealId}`);
    expect(deal.status, JSON.stringify(deal.body)).to.equal(200);
    expect((await supplier.agent.get(`/api/deals/${dealId}`)).status).to.equal(200);
    expect(((await zone.host.agent.get(`/api/roadshows/${id}/intents`)).body.items as { id: string }[]).map((l) => l.id)).to.deep.equal([r.intentId]);
    expect((await buyer.agent.get(`/api/roadshows/${id}/intents`)).body.items, 'other viewers see no leads').to.deep.equal([]);
    const notes = (await supplier.agent.get('/api/notifications')).body.items as { kind: string; title: string }[];
    expect(notes.find((n) => n.kind === 'roadshow_intent')?.title).to.contain(buyer.user.organization.name);
    expect(leakedToViewer).to.equal(false);

    await zone.host.agent.post(`/api/roadshows/${id}/end`).expect(200);
    const stats = (await zone.host.agent.get(`/api/roadshows/${id}/stats`)).body;
    expect(stats, 'viewers are the audience: the supplier and the buyer, not the host').to.include({ intents: 1, uniqueViewers: 2, deals: 1, contracts: 0 });
  });
});
