/**
 * Demo technology contracts: three years (two full years and this year so far) of contracts
 * submitted by the demo accounts and registered by the demo registrar, through the same use cases
 * as the API (audited, rolled up), plus a live queue, manual indicators and filed annual reports.
 * Deterministic: the same demo data every time.
 */
import type { Db } from '../server/lib/db.js';
import { findUserByEmail, loadActor, type Actor } from '../server/components/auth/index.js';
import { amendContract, beijingDate, cancelContract, createContract, recordExpertReview, reviewContract, EXPERT_REVIEW_MIN_CENTS, toCents } from '../server/components/contracts/index.js';
import { addCustomIndicator, publishReport, putIndicatorValue, putTargets } from '../server/components/indicators/index.js';
import { getTaxonomy } from '../server/components/taxonomy/index.js';
import { withCreditCodeCheck } from '../common/creditCode.js';

type Orgs = Map<string, { id: string; type: string; zoneId: string | null }>;

/** Small deterministic PRNG (mulberry32). */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Demo subjects per contract type, each with the subtype its subject is registered under. */
export const SUBJECTS: Record<string, { name: string; subtype: string }[]> = {
  development: [
    { name: '智能化甘蔗收获控制系统开发', subtype: 'dev_commissioned' },
    { name: '新能源汽车电池包热管理系统联合研发', subtype: 'dev_joint' },
    { name: '铝基复合材料制备工艺开发', subtype: 'dev_commissioned' },
    { name: '壮瑶药有效成分提取工艺合作研究', subtype: 'dev_joint' },
    { name: '工程机械液压系统节能改造开发', subtype: 'dev_commissioned' },
  ],
  transfer: [
    { name: '一种蔗糖澄清新工艺专利权转让', subtype: 'transfer_patent' },
    { name: '高强度铝合金型材挤压工艺技术秘密转让', subtype: 'transfer_trade_secret' },
    { name: '中药配方颗粒制备技术秘密转让', subtype: 'transfer_trade_secret' },
    { name: '海洋生物活性肽制备专利权转让', subtype: 'transfer_patent' },
    { name: '壮药提取物制备方法专利申请权转让', subtype: 'transfer_patent_application' },
    { name: '智能终端嵌入式软件著作权转让', subtype: 'transfer_software' },
    { name: '高糖抗旱甘蔗新品种权转让', subtype: 'transfer_plant_variety' },
  ],
  license: [
    { name: '螺蛳粉保鲜灭菌专利实施许可', subtype: 'license_patent' },
    { name: '桑蚕丝改性专利独占实施许可', subtype: 'license_patent' },
    { name: '发动机尾气净化专利普通实施许可', subtype: 'license_patent' },
    { name: '果蔬冷链保鲜技术秘密许可', subtype: 'license_trade_secret' },
    { name: '工业互联网平台软件著作权许可', subtype: 'license_other_ip' },
  ],
  consulting: [
    { name: '示范区产业技术路线图咨询', subtype: 'consulting' },
    { name: '新材料企业技术改造可行性论证', subtype: 'consulting' },
    { name: '糖业循环经济技术咨询', subtype: 'consulting' },
  ],
  service: [
    { name: '检验检测与中试技术服务', subtype: 'service_technical' },
    { name: '数控装备工艺优化技术服务', subtype: 'service_technical' },
    { name: '技术经纪人实务培训', subtype: 'service_training' },
    { name: '科技成果评价技术中介服务', subtype: 'service_intermediary' },
  ],
};
const EXTERNAL_BUYERS = [
  { name: '广东湾区智造科技有限公司', regionCode: '440305' },
  { name: '云南滇南糖业集团有限公司', regionCode: '530102' },
  { name: '南宁绿城生物科技有限公司', regionCode: '450103' },
  { name: '柳州龙城精密制造有限公司', regionCode: '450206' },
  { name: '桂林山水文旅科技有限公司', regionCode: '450305' },
  { name: '玉林五彩田园农业开发有限公司', regionCode: '450902' },
];

const TYPE_WEIGHTS: [string, number][] = [
  ['development', 0.3],
  ['transfer', 0.28],
  ['license', 0.14],
  ['service', 0.18],
  ['consulting', 0.1],
];

/** Seeds the demo contracts once (seedDemo runs once per database); returns how many it made. */
export async function seedDemoContracts(db: Db, orgs: Orgs): Promise<number> {
  const actor = async (email: string): Promise<Actor> => {
    const u = await findUserByEmail(db, email);
    if (!u) throw new Error(`demo account missing: ${email}`);
    return (await loadActor(db, u.id))!;
  };
  const supplier = await actor('supplier@demo.gjt.cn');
  const enterprise = await actor('enterprise@demo.gjt.cn');
  const broker = await actor('broker@demo.gjt.cn');
  const registrar = await actor('registrar@demo.gjt.cn');
  const zoneAdmin = await actor('zone@demo.gjt.cn');
  const admin = await actor('admin@demo.gjt.cn');
  const tax = await getTaxonomy(db);
  const rand = prng(20260101);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const weighted = (ws: [string, number][]) => {
    let r = rand();
    for (const [v, w] of ws) if ((r -= w) < 0) return v;
    return ws[0]![0];
  };
  const all = [...orgs.values()];
  const sellers = all.filter((o) => o.type === 'university' || o.type === 'institute');
  const buyers = all.filter((o) => o.type === 'enterprise');
  const zonesWithCity = tax.zones.filter((z) => z.status !== 'applying');
  const demoZone = zoneAdmin.adminZoneId!;
  let made = 0;
  let creditSeq = 0;

  const today = beijingDate(new Date());
  const thisYear = Number(today.slice(0, 4));
  const atBeijing = (date: string, hour: number) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);
  const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);

  /** One contract through submission (and, unless `leave`, registration). */
  const one = async (year: number, opts: { leave?: 'submitted' | 'needs_correction' | 'refused'; submittedAt?: Date; large?: boolean } = {}) => {
    const type = weighted(TYPE_WEIGHTS);
    const subject = pick(SUBJECTS[type]!);
    const mode = rand();
    const submitter = mode < 0.5 ? broker : mode < 0.75 ? supplier : enterprise;
    const sellerOrg = submitter === supplier ? all.find((o) => o.id === supplier.organizationId)! : pick(sellers);
    const external = submitter !== enterprise && rand() < 0.2;
    const buyerOrg = submitter === enterprise ? all.find((o) => o.id === enterprise.organizationId)! : pick(buyers);
    const ext = pick(EXTERNAL_BUYERS);
    const buyer = external
      ? { name: ext.name, creditCode: withCreditCodeCheck(`91${ext.regionCode}MA${String(++creditSeq).padStart(7, '0')}`), regionCode: ext.regionCode, entityType: 'enterprise' as const }
      : { organizationId: buyerOrg.id };
    // A third of the demo lands in the demo zone admin's zone, so its dashboard has something to show.
    const zoneId = rand() < 0.35 ? demoZone : (buyerOrg.zoneId ?? sellerOrg.zoneId ?? pick(zonesWithCity).id);
    const amountYuan = opts.large ? 5_000_000 + Math.round(rand() * 3_000_000) : Math.round(Math.exp(Math.log(50_000) + rand() * (Math.log(4_900_000) - Math.log(50_000))) * 100) / 100;
    const techYuan = Math.round(amountYuan * (0.6 + rand() * 0.4) * 100) / 100;
    // Registered ones are signed, submitted and decided in the past; queued ones are signed before their submission.
    const first = `${year}-01-02`;
    let last = year === thisYear ? plusDays(today, -25) : `${year}-12-20`;
    if (opts.submittedAt && plusDays(beijingDate(opts.submittedAt), -1) < last) last = plusDays(beijingDate(opts.submittedAt), -1);
    const span = Math.max(0, (Date.parse(last) - Date.parse(first)) / 86400_000);
    const signedAt = last < first ? last : plusDays(first, Math.floor(rand() * (span + 1)));
    const submittedAt = opts.submittedAt ?? atBeijing(plusDays(signedAt, 1 + Math.floor(rand() * 8)), 9 + Math.floor(rand() * 8));
    const input = {
      name: `${subject.name}合同`,
      type,
      subtype: subject.subtype,
      seller: { organizationId: sellerOrg.id },
      buyer,
      amount: amountYuan,
      techAmount: techYuan,
      signedAt,
      validFrom: signedAt,
      validTo: plusDays(signedAt, 365 + Math.floor(rand() * 730)),
      zoneId,
      technicalField: pick(['新材料', '生物医药', '先进装备制造', '新一代信息技术', '生物农业', '节能环保', '新能源汽车']),
      paymentTerms: pick(['一次性支付', '分期支付：签约 30%，验收 70%', '按里程碑分三期支付', '入门费 + 销售额提成']),
      attachments: [],
      // Demo names repeat on purpose (a few templates): the generator confirms, as a submitter would.
      confirmDuplicate: true,
    };
    const { contract } = await createContract({ db }, submitter, { ...input, now: submittedAt });
    made++;
    if (opts.leave === 'submitted') return contract;
    const decided = new Date(submittedAt.getTime() + (2 + Math.floor(rand() * 12)) * 86400_000);
    if (opts.leave === 'needs_correction') return reviewContract({ db }, registrar, { id: contract.id, decision: 'request_correction', note: '请补充技术交易额的计算依据及知识产权权属证明', now: decided });
    if (opts.leave === 'refused') return reviewContract({ db }, registrar, { id: contract.id, decision: 'refuse', note: '合同标的不属于技术合同范围，不予认定登记', now: decided });
    if (toCents(contract.amount.toFixed(2)) >= EXPERT_REVIEW_MIN_CENTS) await recordExpertReview({ db }, registrar, { id: contract.id, note: '专家组评审意见：技术交易额核定合理，同意登记', now: decided });
    return reviewContract({ db }, registrar, { id: contract.id, decision: 'register', note: '材料齐全，予以登记', now: decided });
  };

  const perYear: Record<number, number> = { [thisYear - 2]: 70, [thisYear - 1]: 90, [thisYear]: 60 };
  const registered: string[] = [];
  for (const [y, n] of Object.entries(perYear)) {
    for (let i = 0; i < n; i++) registered.push((await one(Number(y), { large: i % 23 === 5 })).id);
  }
  for (let i = 0; i < 3; i++) await one(thisYear - 1, { leave: 'refused' });
  // The registrar's live queue: fresh, due soon, overdue, sent back, and one waiting for its expert review.
  const now = Date.now();
  for (const daysAgo of [1, 3, 8, 16, 30, 45]) await one(thisYear, { leave: 'submitted', submittedAt: new Date(now - daysAgo * 86400_000) });
  await one(thisYear, { leave: 'submitted', submittedAt: new Date(now - 2 * 86400_000), large: true });
  await one(thisYear, { leave: 'needs_correction', submittedAt: new Date(now - 10 * 86400_000) });

  await amendContract({ db }, registrar, { id: registered[10]!, amount: 880_000, techAmount: 800_000, note: '双方签订补充协议，追加合同金额' });
  await amendContract({ db }, registrar, { id: registered[95]!, zoneId: demoZone, note: '更正合同所属示范区' });
  await cancelContract({ db }, registrar, { id: registered[40]!, note: '双方协商一致解除合同' });

  await seedDemoIndicators(db, admin, zoneAdmin, demoZone, thisYear);
  return made;
}

/** Manual indicators of the demo zone for the last two years, a 特色指标, filed reports, demo targets. */
async function seedDemoIndicators(db: Db, admin: Actor, zoneAdmin: Actor, zoneId: string, thisYear: number): Promise<void> {
  const values: Record<string, [number | string, number | string, string]> = {
    I02: [18.6, 21.3, '市市场监督管理局（知识产权局）统计'],
    I07: [1260, 1415, '市场监管部门企业登记系统'],
    I08: [312, 368, '全国科技型中小企业信息服务平台'],
    I09: [205, 238, '广西高新技术企业认定管理工作平台'],
    I10: [96, 104, '按企业法人数折算'],
    I11: [62.5, 64.8, '火炬统计调查信息系统；园区四上企业数据来自市统计局'],
    I12: [3.1, 3.4, '火炬统计调查信息系统'],
    I13: [1.8, 2.2, '示范区管委会财政局'],
    I14: [14, 17, '自治区地方金融管理局'],
    I15: [32.5, 41, '自治区地方金融管理局'],
    I16: [5, 6, '人民银行南宁中心支行'],
    I17: [9, 11, '自治区科技厅备案名单'],
    I18: [6, 7, '自治区科技厅认定名单'],
    I19: [420, 486, '孵化器年度统计'],
    I20: [3, 4, '自治区科技厅认定名单'],
    I21: [58, 66, '自治区科技厅、发展改革委、工业和信息化厅认定名单'],
    I24: ['出台《产学研协同创新若干措施》，设立校地合作专项资金 3000 万元。', '修订产学研合作政策，新增概念验证中心建设补助；全年兑现奖补 2860 万元。', '示范区管委会政策文件汇编'],
    I25: ['落实研发费用加计扣除、技术合同免征增值税等政策；科技支行发放知识产权质押贷款 4.2 亿元。', '新设成果转化基金 5 亿元；技术合同登记补助按季度兑现。', '示范区管委会、税务局'],
    I26: ['依托中国—东盟技术转移中心建设区域中心，完成一期场地建设。', '区域中心投入运营，年内举办对接活动 36 场。', '示范区管委会'],
  };
  for (const [i, year] of [thisYear - 2, thisYear - 1].entries()) {
    for (const [code, v] of Object.entries(values)) await putIndicatorValue({ db }, zoneAdmin, { zoneId, code, year, value: v[i] as number | string, note: v[2] });
  }
  const custom = await addCustomIndicator({ db }, zoneAdmin, { zoneId, name: '面向东盟国家的技术转移合作项目数', unit: '项' });
  await putIndicatorValue({ db }, zoneAdmin, { zoneId, code: custom.code, year: thisYear - 2, value: 12, note: '中国—东盟技术转移中心' });
  await putIndicatorValue({ db }, zoneAdmin, { zoneId, code: custom.code, year: thisYear - 1, value: 19, note: '中国—东盟技术转移中心' });
  await publishReport({ db }, zoneAdmin, { zoneId, year: thisYear - 2 });
  await publishReport({ db }, zoneAdmin, { zoneId, year: thisYear - 1 });
  // Demo only: the 2020 city targets carried over to recent years, so target progress has something to show.
  const tax = await getTaxonomy(db);
  const base: Record<string, number> = { '450100': 90, '450200': 80, '450300': 60, '450400': 30, '450500': 18, '450600': 12, '450700': 19, '450800': 12, '450900': 35, '451000': 15, '451100': 12, '451200': 15, '451300': 12, '451400': 12, '450000': 100 };
  for (const year of [thisYear - 2, thisYear - 1, thisYear]) {
    await putTargets({ db }, admin, { year, targets: tax.cities.map((c) => ({ cityCode: c.code, target: Math.max(1, Math.round((base[c.code] ?? 10) / 10)) })) });
  }
}
