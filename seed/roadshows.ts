/**
 * Demo roadshows in the demo zone admin's zone: one upcoming, one about to start (the zone admin can
 * go live with it), one ended with its audience, questions, intents and statistics.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../server/lib/db.js';
import { findUserByEmail } from '../server/components/auth/index.js';
import { listings, roadshowIntents, roadshowItems, roadshowQuestionVotes, roadshowQuestions, roadshowRegistrations, roadshowViewers, roadshows, users } from '../server/db/schema.js';

export const DEMO_STREAM = '/demo-media/roadshow/index.m3u8';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

export async function seedDemoRoadshows(db: Db, now = new Date()): Promise<number> {
  const host = await findUserByEmail(db, 'zone@demo.gjt.cn');
  const supplier = await findUserByEmail(db, 'supplier@demo.gjt.cn');
  const enterprise = await findUserByEmail(db, 'enterprise@demo.gjt.cn');
  const broker = await findUserByEmail(db, 'broker@demo.gjt.cn');
  if (!host || !supplier || !enterprise || !broker) return 0;
  const [role] = await db.query.userRoles.findMany({ where: (r, { eq: is }) => and(is(r.userId, host.id), is(r.role, 'zone_admin')) });
  const zoneId = role?.zoneId;
  if (!zoneId) return 0;
  // The demo supplier's published achievements first (so its leads page fills), then others.
  const published = await db
    .select({ id: listings.id, ownerOrgId: listings.ownerOrgId, industry: listings.industry })
    .from(listings)
    .where(and(eq(listings.kind, 'achievement'), eq(listings.status, 'published')))
    .orderBy(asc(listings.createdAt))
    .limit(200);
  const own = published.filter((a) => a.ownerOrgId === supplier.organizationId);
  const pool = [...own, ...published.filter((a) => a.ownerOrgId !== supplier.organizationId)];
  if (pool.length < 6) return 0;
  const pick = (from: number, n: number) => pool.slice(from, from + n);

  const audience = (
    await db
      .select({ id: users.id, organizationId: users.organizationId, name: users.name })
      .from(users)
      .where(inArray(users.email, ['enterprise@demo.gjt.cn', 'broker@demo.gjt.cn', 'reviewer@demo.gjt.cn', 'registrar@demo.gjt.cn', 'admin@demo.gjt.cn']))
  ).filter((u) => u.organizationId);

  const make = async (
    fields: { title: string; description: string; startsAt: Date; minutes: number; status: 'scheduled' | 'ended'; registrationRequired?: boolean; capacity?: number },
    items: typeof pool,
  ) => {
    const [r] = await db
      .insert(roadshows)
      .values({
        title: fields.title,
        zoneId,
        organizerOrgId: host.organizationId,
        hostId: host.id,
        status: fields.status,
        startsAt: fields.startsAt,
        endsAt: new Date(fields.startsAt.getTime() + fields.minutes * 60_000),
        description: fields.description,
        capacity: fields.capacity ?? null,
        registrationRequired: fields.registrationRequired ?? false,
        streamUrl: DEMO_STREAM,
        industries: [...new Set(items.map((i) => i.industry))],
        ...(fields.status === 'ended'
          ? { startedAt: fields.startsAt, endedAt: new Date(fields.startsAt.getTime() + fields.minutes * 60_000), recordingUrl: DEMO_STREAM, peakViewers: audience.length + 1, currentItem: items.length - 1, reminderSentAt: fields.startsAt }
          : {}),
      })
      .returning();
    await db.insert(roadshowItems).values(items.map((a, position) => ({ roadshowId: r!.id, position, achievementId: a.id, presenterId: a.ownerOrgId === supplier.organizationId ? supplier.id : null, minutes: 15 })));
    return r!;
  };

  await make(
    {
      title: '甘蔗糖业与生物制造科技成果专场路演',
      description: '面向糖业企业和生物制造企业，集中展示区内高校院所在甘蔗综合利用、制糖工艺节能、副产物高值化方面的成果。欢迎企业报名并现场提问。',
      startsAt: new Date(now.getTime() + 3 * DAY),
      minutes: 90,
      status: 'scheduled',
      capacity: 300,
    },
    pick(0, 3),
  );
  const soon = await make(
    {
      title: '新能源与新材料成果云路演（即将开播）',
      description: '主持人可随时在路演页面点击「开始直播」。观众进入直播间后可观看视频、提问、点赞问题，并对感兴趣的成果点击「我有意向」。',
      startsAt: new Date(now.getTime() + 20 * 60_000),
      minutes: 60,
      status: 'scheduled',
    },
    pick(3, 3),
  );
  await db.insert(roadshowRegistrations).values({ roadshowId: soon.id, userId: enterprise.id, organizationId: enterprise.organizationId }).onConflictDoNothing();

  const endedItems = pick(0, 3);
  const ended = await make(
    {
      title: '高校院所科技成果转化路演（第一期）',
      description: '首期线上路演，3 项成果集中发布，现场收到多家企业的合作意向。',
      startsAt: new Date(now.getTime() - 30 * DAY),
      minutes: 90,
      status: 'ended',
      registrationRequired: true,
    },
    endedItems,
  );
  await db.insert(roadshowRegistrations).values(audience.map((u) => ({ roadshowId: ended.id, userId: u.id, organizationId: u.organizationId, createdAt: new Date(ended.startsAt.getTime() - 2 * DAY) })));
  await db.insert(roadshowViewers).values([...audience, { id: host.id }].map((u) => ({ roadshowId: ended.id, userId: u.id, firstSeenAt: ended.startsAt })));
  const asked = [
    { by: enterprise, text: '这项技术的中试线投资规模大概多少？', votes: 3, status: 'answered' as const, item: 0 },
    { by: broker, text: '专利是否已经授权？能否独占许可？', votes: 2, status: 'answered' as const, item: 0 },
    { by: enterprise, text: '能否到企业现场做一次技术交流？', votes: 1, status: 'answered' as const, item: 1 },
  ];
  for (const q of asked) {
    const [row] = await db
      .insert(roadshowQuestions)
      .values({ roadshowId: ended.id, userId: q.by.id, authorName: q.by.name, itemIndex: q.item, text: q.text, votes: q.votes, status: q.status, decidedBy: host.id, decidedAt: ended.startsAt, createdAt: ended.startsAt })
      .returning();
    const voters = audience.slice(0, q.votes);
    if (voters.length) await db.insert(roadshowQuestionVotes).values(voters.map((v) => ({ questionId: row!.id, userId: v.id }))).onConflictDoNothing();
  }
  const target = endedItems[0]!;
  await db.insert(roadshowIntents).values([
    { roadshowId: ended.id, achievementId: target.id, supplierOrgId: target.ownerOrgId, userId: enterprise.id, organizationId: enterprise.organizationId!, note: '希望洽谈技术许可，先做小批量试产', createdAt: ended.startsAt },
    { roadshowId: ended.id, achievementId: endedItems[1]!.id, supplierOrgId: endedItems[1]!.ownerOrgId, userId: enterprise.id, organizationId: enterprise.organizationId!, note: null, createdAt: ended.startsAt },
  ]);
  return 3;
}
