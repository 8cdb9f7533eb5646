import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import { sendDueReminders } from '../../server/components/roadshows/index.js';
import { testEnv } from '../setup/global.js';
import { withTestServer } from '../setup/app.js';
import { newZone, roadshowBody, scheduled, staffAgent, supplierWith, viewer, type Agent } from '../factories/index.js';
import { roadshows } from '../../server/db/schema.js';

// A 1×1 PNG and a minimal PDF.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

describe('roadshows: scheduling, registration, applications, reminders, statistics (REST)', () => {
  const server = withTestServer();
  let admin: Agent;
  let reviewer: Agent;
  let zone: Awaited<ReturnType<typeof newZone>>;
  let supplier: Awaited<ReturnType<typeof supplierWith>>;
  before(async () => {
    admin = (await staffAgent(server, 'admin')).agent;
    reviewer = (await staffAgent(server, 'reviewer')).agent;
    zone = await newZone(server, admin);
    supplier = await supplierWith(server, reviewer, 3, 'sugar');
  });

  it('creates a draft only for organizers, naming every bad field; the draft is the host’s until published', async () => {
    const enterprise = await viewer(server);
    expect((await enterprise.agent.post('/api/roadshows').send(roadshowBody(zone.id, supplier.achievements))).status).to.equal(403);

    const start = new Date(Date.now() + 3600_000);
    const bad = await zone.host.agent.post('/api/roadshows').send(
      roadshowBody(zone.id, [supplier.achievements[0]!, '00000000-0000-4000-8000-000000000000'], { endsAt: new Date(start.getTime() - 60_000).toISOString(), startsAt: start.toISOString(), streamUrl: 'rtmp://x/live' }),
    );
    expect(bad.status).to.equal(400);
    const paths = (bad.body.error.details.fields as { path: string }[]).map((f) => f.path);
    expect(paths).to.include.members(['endsAt', 'streamUrl']);
    const badAgenda = await zone.host.agent.post('/api/roadshows').send(roadshowBody(zone.id, [supplier.achievements[0]!, '00000000-0000-4000-8000-000000000000']));
    expect(badAgenda.status).to.equal(400);
    expect(badAgenda.body.error.details.fields[0].path).to.equal('items.1.achievementId');

    // A zone admin organizes in their own zone only.
    const other = await newZone(server, admin);
    const elsewhere = await zone.host.agent.post('/api/roadshows').send(roadshowBody(other.id, supplier.achievements));
    expect(elsewhere.status).to.equal(400);
    expect(elsewhere.body.error.details.fields[0].path).to.equal('zoneId');

    const created = await zone.host.agent.post('/api/roadshows').send(roadshowBody(zone.id, supplier.achievements, { streamUrl: '/demo-media/roadshow/index.m3u8' }));
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body.status).to.equal('draft');
    expect(created.body.agenda.map((a: { achievement: { id: string } }) => a.achievement.id)).to.deep.equal(supplier.achievements);
    expect(created.body.agenda[0].achievement).to.include.keys('summary', 'trl', 'price', 'ipItems');
    const id = created.body.id as string;
    expect((await server.agent().get(`/api/roadshows/${id}`)).status, 'a draft is not public').to.equal(404);
    expect((await server.agent().get('/api/roadshows').query({ zone: zone.id })).body.total).to.equal(0);
    expect((await zone.host.agent.get('/api/roadshows').query({ mine: 'true' })).body.items.map((r: { id: string }) => r.id)).to.include(id);

    await zone.host.agent.post(`/api/roadshows/${id}/publish`).expect(200);
    expect((await zone.host.agent.post(`/api/roadshows/${id}/publish`)).status, 'publishing twice').to.equal(409);
    const upcoming = await server.agent().get('/api/roadshows').query({ zone: zone.id, when: 'upcoming', industry: 'sugar' });
    expect(upcoming.body.items.map((r: { id: string }) => r.id)).to.deep.equal([id]);
    expect((await server.agent().get('/api/roadshows').query({ zone: zone.id, industry: 'no-such-industry' })).body.total).to.equal(0);
    expect((await server.agent().get('/api/roadshows').query({ zone: zone.id, when: 'live' })).body.total).to.equal(0);
  });

  it('lists an achievement’s presenter candidates (its organization’s members) to organizers; the agenda takes one of them and no one else', async () => {
    const achievement = supplier.achievements[0]!;
    const res = await zone.host.agent.get('/api/roadshow-presenters').query({ achievementId: achievement });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.items).to.deep.equal([{ id: supplier.user.id, name: supplier.user.name }]);

    const enterprise = await viewer(server);
    expect((await enterprise.agent.get('/api/roadshow-presenters').query({ achievementId: achievement })).status).to.equal(403);
    expect((await zone.host.agent.get('/api/roadshow-presenters').query({ achievementId: '00000000-0000-4000-8000-000000000000' })).status).to.equal(404);
    const bad = await zone.host.agent.get('/api/roadshow-presenters').query({ achievementId: 'x' });
    expect(bad.status).to.equal(400);
    expect(bad.body.error.details.fields[0].path).to.equal('query.achievementId');

    const body = roadshowBody(zone.id, [achievement]);
    const withPresenter = await zone.host.agent.post('/api/roadshows').send({ ...body, items: [{ achievementId: achievement, presenterId: res.body.items[0].id, minutes: 15 }] });
    expect(withPresenter.status, JSON.stringify(withPresenter.body)).to.equal(201);
    expect(withPresenter.body.agenda[0]).to.include({ presenterId: supplier.user.id, presenterName: supplier.user.name });
    const outsider = await zone.host.agent.post('/api/roadshows').send({ ...body, items: [{ achievementId: achievement, presenterId: enterprise.user.id }] });
    expect(outsider.status).to.equal(400);
    expect(outsider.body.error.details.fields[0].path).to.equal('items.0.presenterId');
  });

  it('takes a picture (not a PDF) as the cover and as event photos; they download for whoever sees the roadshow or event', async () => {
    const upload = async (data: Buffer, filename: string, contentType: string) => (await zone.host.agent.post('/api/files').attach('file', data, { filename, contentType }).expect(201)).body.id as string;
    const png = await upload(PNG, '路演封面.png', 'image/png');
    const pdf = await upload(PDF, '议程.pdf', 'application/pdf');
    const notImage = await zone.host.agent.post('/api/roadshows').send(roadshowBody(zone.id, supplier.achievements, { coverFileId: pdf }));
    expect(notImage.status).to.equal(400);
    expect(notImage.body.error.details.fields).to.deep.equal([{ path: 'coverFileId', message: '「议程.pdf」不是图片，请上传 PNG、JPEG 或 WebP 图片' }]);
    const foreign = (await supplier.agent.post('/api/files').attach('file', PNG, { filename: 'x.png', contentType: 'image/png' }).expect(201)).body.id as string;
    expect((await zone.host.agent.post('/api/roadshows').send(roadshowBody(zone.id, supplier.achievements, { coverFileId: foreign }))).status, 'another organization’s upload').to.equal(400);

    const created = await zone.host.agent.post('/api/roadshows').send(roadshowBody(zone.id, supplier.achievements, { coverFileId: png })).expect(201);
    expect(created.body.coverFileId).to.equal(png);
    const anonymous = server.agent();
    expect((await anonymous.get(`/api/files/${png}`)).status, 'the draft is the host’s').to.equal(401);
    expect((await (await viewer(server)).agent.get(`/api/files/${png}`)).status).to.equal(404);
    await zone.host.agent.post(`/api/roadshows/${created.body.id}/publish`).expect(200);
    const cover = await anonymous.get(`/api/files/${png}`).expect(200);
    expect(cover.headers['content-type']).to.contain('image/png');
    // Edit: a PDF is refused there too (nothing changes); removing the cover works.
    expect((await zone.host.agent.patch(`/api/roadshows/${created.body.id}`).send({ coverFileId: pdf })).body.error.details.fields[0].path).to.equal('coverFileId');
    expect((await server.agent().get(`/api/roadshows/${created.body.id}`)).body.coverFileId).to.equal(png);
    expect((await zone.host.agent.patch(`/api/roadshows/${created.body.id}`).send({ coverFileId: null }).expect(200)).body.coverFileId).to.equal(null);

    const event = { heldOn: '2026-05-20', title: '成果展示对接会', participants: 40 };
    const badPhoto = await zone.host.agent.post(`/api/zones/${zone.id}/events`).send({ ...event, photos: [png, pdf] });
    expect(badPhoto.status).to.equal(400);
    expect(badPhoto.body.error.details.fields.map((f: { path: string }) => f.path)).to.deep.equal(['photos.1']);
    const photo = await upload(PNG, '现场照片.png', 'image/png');
    const recorded = await zone.host.agent.post(`/api/zones/${zone.id}/events`).send({ ...event, photos: [photo] }).expect(201);
    expect(recorded.body.photoFileIds).to.deep.equal([photo]);
    await anonymous.get(`/api/files/${photo}`).expect(200);
  });

  it('registers once per user with the organization, within the capacity; the ICS file carries the times', async () => {
    const id = await scheduled(zone.host.agent, roadshowBody(zone.id, supplier.achievements.slice(0, 1), { capacity: 2, registrationRequired: true }));
    const a = await viewer(server);
    const b = await viewer(server);
    const c = await viewer(server);
    expect((await server.agent().post(`/api/roadshows/${id}/registrations`)).status, 'anonymous').to.equal(401);
    expect((await a.agent.post(`/api/roadshows/${id}/registrations`)).status).to.equal(201);
    expect((await a.agent.post(`/api/roadshows/${id}/registrations`)).status, 'again → 200, still one').to.equal(200);
    expect((await b.agent.post(`/api/roadshows/${id}/registrations`)).status).to.equal(201);
    const full = await c.agent.post(`/api/roadshows/${id}/registrations`);
    expect(full.status).to.equal(409);
    expect(full.body.error.message).to.contain('已满');
    const list = await zone.host.agent.get(`/api/roadshows/${id}/registrations`);
    expect(list.body.items.map((r: { organizationId: string }) => r.organizationId)).to.have.members([a.user.organizationId, b.user.organizationId]);
    expect((await a.agent.get(`/api/roadshows/${id}/registrations`)).status, 'the list is the host’s').to.equal(403);
    expect((await a.agent.get(`/api/roadshows/${id}`)).body.me.registered).to.equal(true);

    const ics = await server.agent().get(`/api/roadshows/${id}/calendar.ics`);
    expect(ics.status).to.equal(200);
    expect(ics.headers['content-type']).to.match(/^text\/calendar/);
    const detail = (await server.agent().get(`/api/roadshows/${id}`)).body;
    const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    expect(ics.text).to.contain(`DTSTART:${stamp(detail.startsAt)}`).and.contain(`DTEND:${stamp(detail.endsAt)}`).and.contain('TRIGGER:-PT30M');
    for (const line of ics.text.split('\r\n')) expect(Buffer.byteLength(line), line).to.be.at.most(75);
  });

  it('cancels before the start with a notice to every registrant; a cancelled roadshow takes no registrations', async () => {
    const id = await scheduled(zone.host.agent, roadshowBody(zone.id, supplier.achievements.slice(0, 1)));
    const a = await viewer(server);
    await a.agent.post(`/api/roadshows/${id}/registrations`).expect(201);
    expect((await zone.host.agent.post(`/api/roadshows/${id}/cancel`).send({})).status, 'a reason is required').to.equal(400);
    expect((await a.agent.post(`/api/roadshows/${id}/cancel`).send({ reason: '不是我的路演' })).status).to.equal(403);
    const cancelled = await zone.host.agent.post(`/api/roadshows/${id}/cancel`).send({ reason: '主讲专家行程冲突，另行安排' });
    expect(cancelled.body.status).to.equal('cancelled');
    const notes = (await a.agent.get('/api/notifications')).body.items as { kind: string; body: string; link: string }[];
    const notice = notes.find((n) => n.kind === 'roadshow_cancel');
    expect(notice?.body).to.contain('行程冲突');
    expect(notice?.link).to.equal(`/roadshows/${id}`);
    expect((await (await viewer(server)).agent.post(`/api/roadshows/${id}/registrations`)).status).to.equal(409);
    expect((await zone.host.agent.post(`/api/roadshows/${id}/start`)).status).to.equal(409);
  });

  it('lets a supplier apply to present (申请路演); the organizer accepts into the agenda or declines, audited and notified', async () => {
    const id = await scheduled(zone.host.agent, roadshowBody(zone.id, supplier.achievements.slice(0, 1)));
    const other = await supplierWith(server, reviewer, 2, 'new_energy');
    const notOwn = await other.agent.post(`/api/roadshows/${id}/applications`).send({ achievementId: supplier.achievements[1] });
    expect(notOwn.status).to.equal(400);
    const applied = await other.agent.post(`/api/roadshows/${id}/applications`).send({ achievementId: other.achievements[0], note: '希望在第二场展示' });
    expect(applied.status, JSON.stringify(applied.body)).to.equal(201);
    expect((await other.agent.post(`/api/roadshows/${id}/applications`).send({ achievementId: other.achievements[0] })).status).to.equal(409);
    const declinedApp = (await other.agent.post(`/api/roadshows/${id}/applications`).send({ achievementId: other.achievements[1] })).body;

    expect((await other.agent.post(`/api/roadshows/${id}/applications/${applied.body.id}/decision`).send({ decision: 'accept' })).status).to.equal(403);
    const pending = await zone.host.agent.get(`/api/roadshows/${id}/applications`);
    expect(pending.body.items).to.have.length(2);
    await zone.host.agent.post(`/api/roadshows/${id}/applications/${applied.body.id}/decision`).send({ decision: 'accept' }).expect(200);
    await zone.host.agent.post(`/api/roadshows/${id}/applications/${declinedApp.id}/decision`).send({ decision: 'decline', reason: '本场聚焦糖业' }).expect(200);
    expect((await zone.host.agent.post(`/api/roadshows/${id}/applications/${applied.body.id}/decision`).send({ decision: 'decline' })).status, 'decided once').to.equal(409);

    const detail = (await server.agent().get(`/api/roadshows/${id}`)).body;
    expect(detail.agenda.map((a: { achievementId: string }) => a.achievementId)).to.deep.equal([supplier.achievements[0], other.achievements[0]]);
    expect(detail.industries).to.include.members(['sugar', 'new_energy']);
    const kinds = ((await other.agent.get('/api/notifications')).body.items as { kind: string }[]).map((n) => n.kind);
    expect(kinds).to.include.members(['roadshow_application_accepted', 'roadshow_application_declined']);
  });

  it('feeds the portal’s roadshow block: live and upcoming ones, not drafts', async () => {
    const draft = (await zone.host.agent.post('/api/roadshows').send(roadshowBody(zone.id, supplier.achievements.slice(0, 1)))).body.id as string;
    // The block lists the soonest five of each: these start before every other test's roadshows.
    const at = (minutes: number) => ({ startsAt: new Date(Date.now() + minutes * 60_000).toISOString(), endsAt: new Date(Date.now() + (minutes + 60) * 60_000).toISOString() });
    const upcoming = await scheduled(zone.host.agent, roadshowBody(zone.id, supplier.achievements.slice(0, 1), at(5)));
    const live = await scheduled(zone.host.agent, roadshowBody(zone.id, supplier.achievements.slice(0, 1), at(-240)), true);
    const res = await server.agent().get('/api/portal');
    expect(res.status).to.equal(200);
    const ids = (list: { id: string }[]) => list.map((r) => r.id);
    expect(ids(res.body.roadshows.live)).to.include(live);
    expect(ids(res.body.roadshows.upcoming)).to.include(upcoming);
    expect([...ids(res.body.roadshows.live), ...ids(res.body.roadshows.upcoming)]).to.not.include(draft);
    expect(res.body.roadshows.live.find((r: { id: string }) => r.id === live)).to.include({ status: 'live' });
  });

  it('reminds registrants once, 30 minutes before the start (the job’s use case)', async () => {
    const soon = new Date(Date.now() + 20 * 60_000);
    const id = await scheduled(zone.host.agent, roadshowBody(zone.id, supplier.achievements.slice(0, 1), { startsAt: soon.toISOString(), endsAt: new Date(soon.getTime() + 3600_000).toISOString() }));
    const later = await scheduled(zone.host.agent, roadshowBody(zone.id, supplier.achievements.slice(0, 1)));
    const a = await viewer(server);
    await a.agent.post(`/api/roadshows/${id}/registrations`).expect(201);
    await a.agent.post(`/api/roadshows/${later}/registrations`).expect(201);
    expect(await sendDueReminders(testEnv().db)).to.be.at.least(1);
    expect(await sendDueReminders(testEnv().db), 'each roadshow once').to.equal(0);
    const reminders = ((await a.agent.get('/api/notifications')).body.items as { kind: string; link: string; title: string }[]).filter((n) => n.kind === 'roadshow_reminder');
    expect(reminders.map((n) => n.link)).to.deep.equal([`/roadshows/${id}/live`]);
    expect(reminders[0]!.title).to.match(/将于 (19|20) 分钟后开始/);
  });

  it('counts indicator 23 from ended roadshows with a viewer plus recorded offline events; stats are the host’s', async () => {
    const fresh = await newZone(server, admin);
    const year = new Date().getFullYear();
    const value = async () => ((await fresh.host.agent.get(`/api/zones/${fresh.id}/indicators`).query({ year })).body.indicators as { code: string; value: number; source: string }[]).find((i) => i.code === 'I23')!;
    expect(await value()).to.include({ source: 'auto', value: 0 });

    // Ended without a viewer: not counted. Ended with one: counted.
    const now = Date.now();
    const body = roadshowBody(fresh.id, supplier.achievements.slice(0, 1), { startsAt: new Date(now - 3600_000).toISOString(), endsAt: new Date(now + 3600_000).toISOString() });
    const empty = await scheduled(fresh.host.agent, body, true);
    await fresh.host.agent.post(`/api/roadshows/${empty}/end`).expect(200);
    const watched = await scheduled(fresh.host.agent, { ...body, title: '有观众的路演' }, true);
    const { db } = testEnv();
    const { roadshowViewers } = await import('../../server/db/schema.js');
    await db.insert(roadshowViewers).values({ roadshowId: watched, userId: supplier.user.id });
    expect((await value()).value, 'still live').to.equal(0);
    await fresh.host.agent.post(`/api/roadshows/${watched}/end`).expect(200);
    expect((await value()).value).to.equal(1);

    const event = { heldOn: `${year}-03-15`, title: '糖业技术成果对接会', participants: 80 };
    expect((await zone.host.agent.post(`/api/zones/${fresh.id}/events`).send(event)).status, 'another zone’s admin').to.equal(403);
    expect((await fresh.host.agent.post(`/api/zones/${fresh.id}/events`).send({ ...event, participants: 0 })).body.error.details.fields[0].path).to.equal('participants');
    await fresh.host.agent.post(`/api/zones/${fresh.id}/events`).send(event).expect(201);
    await fresh.host.agent.post(`/api/zones/${fresh.id}/events`).send({ ...event, heldOn: `${year - 1}-12-31` }).expect(201);
    expect((await value()).value).to.equal(2);
    expect((await fresh.host.agent.put(`/api/zones/${fresh.id}/indicators/I23`).query({ year }).send({ value: 9, note: '手工填报' })).status, 'auto refuses manual').to.equal(409);

    const stats = await fresh.host.agent.get(`/api/roadshows/${watched}/stats`);
    expect(stats.body).to.deep.equal({ registrations: 0, uniqueViewers: 1, peakViewers: 0, questions: 0, intents: 0, deals: 0, contracts: 0, contractAmount: 0 });
    expect((await supplier.agent.get(`/api/roadshows/${watched}/stats`)).status).to.equal(403);
    const [row] = await db.select().from(roadshows).where(eq(roadshows.id, watched));
    expect(row!.endedAt).to.be.instanceOf(Date);
  });
});
