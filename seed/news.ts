/**
 * Demo articles: the policy documents this platform is built from (by their names and numbers,
 * with a short summary of what they say; nothing links outside), a notice and a lecture.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../server/lib/db.js';
import { appMeta } from '../server/db/meta.tables.js';
import { newsArticles } from '../server/db/schema.js';

const DAY = 86400_000;

interface SeedArticle {
  title: string;
  category: 'policy' | 'notice' | 'lecture';
  source: string;
  summary?: string;
  body: string;
  pinned?: boolean;
  /** Days before the seeding day. */
  daysAgo: number;
}

export const NEWS_SEED: SeedArticle[] = [
  {
    title: '广西壮族自治区科技成果转移转化示范区建设指引',
    category: 'policy',
    source: '广西壮族自治区科学技术厅',
    pinned: true,
    daysAgo: 3,
    summary: '以设区市为建设主体，依托高新区、经开区、农业科技园区等布局建设示范区；建设期内每年 1 月底前报送年度建设报告，期满评估后认定、整改或撤销。',
    body: [
      '为探索完善具有区域特色的科技成果转移转化机制和技术市场体系，有序推进自治区科技成果转移转化示范区建设，培育创建国家科技成果转移转化示范区，制定本指引。',
      '## 要点',
      '- **建设原则**：统筹推进、聚焦特色、市场主导、探索创新、协调联动。',
      '- **建设布局**：以设区市为建设主体，主要依托国家级和自治区级高新技术产业开发区、经济技术开发区、农业科技园区等区域创新高地布局建设。',
      '- **组织程序**：申报、论证、批复；建设期内开展年度报告与总结评估。',
      '- **定期考核**：设区市科技局组织示范区于每年 1 月底前向自治区科技厅及市人民政府报送示范区年度建设报告；建设期满后，根据评估结果决定认定、整改、撤销或后续支持等事项。',
      '附件 2 为示范区建设评价指标体系（27 项指标），本平台的示范区看板与指标填报按其口径统计。',
    ].join('\n\n'),
  },
  {
    title: '广西壮族自治区人民政府办公厅关于印发广西科技成果转化大行动实施方案（2015—2020年）的通知',
    category: 'policy',
    source: '桂政办发〔2015〕91号',
    daysAgo: 10,
    summary: '形成自治区、市、县三级全覆盖的统一网上技术交易平台体系；到 2020 年组织 2000 项以上科技成果在区内转化应用，全区年技术交易额 100 亿元以上。',
    body: [
      '通过 5 年的实施，探索形成上下联动、横向协同、运行顺畅、协调有效的科技成果转移转化机制，形成自治区、市、县三级全覆盖的统一网上技术交易平台体系。',
      '## 主要目标',
      '1. 组织 2000 项以上科技成果在区内企业、地区和产业转化应用，实现市县全覆盖；',
      '2. 引进转化重大科技成果 100 项以上；',
      '3. 全区实现年技术交易额 100 亿元以上。',
      '方案对网上技术交易平台提出信息发布、在线交流、展示洽谈、申报受理、信息推送、信息审核、统计分析、诚信监督等功能要求，并附各设区市年度目标任务分解表。',
    ].join('\n\n'),
  },
  {
    title: '《广西科技成果转化三年行动方案（2025—2027年）》（征求意见稿）起草说明',
    category: 'policy',
    source: '广西壮族自治区科学技术厅',
    daysAgo: 20,
    summary: '行动方案分主要目标、重点任务、保障措施三部分，围绕六个方面提出 26 项具体任务，统筹布局概念验证中心、中试基地等成果转化平台。',
    body: [
      '《行动方案》全文共分为三个部分，约 5000 字。',
      '- **第一部分 主要目标**：明确总体要求与主要指标。',
      '- **第二部分 重点任务**：围绕深化成果转化机制改革、加快重大成果转化应用、加强成果转化载体建设、完善技术转移服务体系、加强科技成果转化金融服务、打造科技成果转化和产业化高地六个方面提出 26 项具体任务。',
      '- **第三部分 保障措施**：加强统筹协调、落实主体责任、强化资金支持、优化服务环境。',
      '其中提出统筹布局重点领域技术创新中心、概念验证中心、科技成果转化中试研究基地等各类科技成果转化平台，并加强技术经理人队伍建设。',
    ].join('\n\n'),
  },
  {
    title: '柳州市转化 400 项重大科技成果工作方案',
    category: 'policy',
    source: '柳州市科学技术局',
    daysAgo: 35,
    summary: '按照“出成果、促转化、强产业”的思路，组织各县区实施重大科技成果转化项目 400 项以上，并对技术合同登记、技术交易中介和企业购买成果给予补助。',
    body: [
      '紧扣创新发展要求，按照“出成果、促转化、强产业”的思路，建立以市场为导向、以企业为主体的科技成果转移转化体系，为实现“万亿工业强市”发展战略做出贡献。',
      '## 任务目标',
      '组织各县区市实施重大科技成果转化项目 400 项以上，分两个阶段各转化重大科技成果 200 项以上。',
      '## 支持措施',
      '- 建立健全市、县区两级技术转移工作网络，完善全市统一的网上技术交易平台；',
      '- 通过科技大讲堂及专题培训，面向企业及高校、科研院所开展政策解读和业务培训；',
      '- 对技术合同登记机构、技术交易中介机构和购买科技成果的企业按规定给予补助。',
    ].join('\n\n'),
  },
  {
    title: '科技部关于印发《国家科技成果转移转化示范区建设指引》的通知',
    category: 'policy',
    source: '国科发创〔2017〕304号',
    daysAgo: 60,
    summary: '国家科技成果转移转化示范区的建设目标、布局、条件与组织程序；自治区示范区建设指引据此制定。',
    body: [
      '为深入贯彻落实《国家技术转移体系建设规划》和《促进科技成果转移转化行动方案》，科技部制定了《国家科技成果转移转化示范区建设指引》。',
      '指引明确了示范区的建设目标、建设布局、建设条件、主要任务和组织程序，是各地建设科技成果转移转化示范区的基本依据。《广西壮族自治区科技成果转移转化示范区建设指引》即按此框架制定。',
    ].join('\n\n'),
  },
  {
    title: '关于报送示范区年度建设报告的通知',
    category: 'notice',
    source: '桂技通平台运营中心',
    pinned: true,
    daysAgo: 2,
    summary: '请各示范区于 1 月底前通过“指标填报”报送上一年度建设报告和 27 项指标数据。',
    body: [
      '各设区市科技局、各示范区管理机构：',
      '根据《广西壮族自治区科技成果转移转化示范区建设指引》，示范区应于**每年 1 月底前**报送年度建设报告。请登录桂技通，在“指标填报”中核对系统自动统计的指标，补填需人工填报的指标并提交。',
      '技术合同成交额、登记合同数等指标由平台按已登记的技术合同自动汇总，无需另行填报。',
    ].join('\n\n'),
  },
  {
    title: '关于征集科技成果转化应用场景的通知',
    category: 'notice',
    source: '桂技通平台运营中心',
    daysAgo: 12,
    summary: '面向企业征集技术需求与应用场景，经审核后在平台发布，并推荐匹配的科技成果。',
    body: [
      '为促进科技成果与企业需求精准对接，现面向全区企业征集技术需求与应用场景。',
      '请企业用户登录后在“发布需求”中填写技术难题、预期指标和预算区间，经平台审核后公开发布，系统将推荐匹配的科技成果并通知相关高校院所。',
    ].join('\n\n'),
  },
  {
    title: '科技大讲堂：技术合同认定登记与税收优惠政策解读',
    category: 'lecture',
    source: '主讲：自治区技术市场管理专家',
    daysAgo: 7,
    summary: '讲解技术合同的类型与认定要点、登记流程，以及技术转让、技术开发收入的税收优惠。',
    body: [
      '本期科技大讲堂面向企业、高校院所和技术经理人，讲解：',
      '1. 技术开发、技术转让、技术许可、技术咨询、技术服务合同的认定要点；',
      '2. 在桂技通在线提交合同、认定登记的流程与常见退回原因；',
      '3. 技术转让、技术开发收入享受税收优惠的条件。',
    ].join('\n\n'),
  },
];

/** Inserts the demo articles once per database (marked in app_meta), published by `authorId`. */
export async function seedNews(db: Db, authorId: string, now = new Date()): Promise<number> {
  const [done] = await db.select().from(appMeta).where(eq(appMeta.key, 'demo_news_seeded'));
  if (done) return 0;
  await db.transaction(async (tx) => {
    for (const a of NEWS_SEED) {
      const at = new Date(now.getTime() - a.daysAgo * DAY);
      await tx.insert(newsArticles).values({
        title: a.title,
        category: a.category,
        summary: a.summary ?? null,
        body: a.body,
        source: a.source,
        status: 'published',
        pinned: a.pinned ?? false,
        publishedAt: at,
        createdBy: authorId,
        updatedBy: authorId,
        createdAt: at,
        updatedAt: at,
      });
    }
    await tx.insert(appMeta).values({ key: 'demo_news_seeded', value: { at: now.toISOString() } }).onConflictDoNothing();
  });
  return NEWS_SEED.length;
}
