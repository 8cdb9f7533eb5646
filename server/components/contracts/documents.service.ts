/**
 * Documents of registration: the printable 登记证明 (PDF, CJK font embedded) for the parties of a
 * registered contract, and the contract ledger (XLSX) for registrars, zone admins and admins.
 */
import { cjkPdf, workbook, workbookBytes, type DocumentFile } from '../../lib/documents.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../auth/index.js';
import { findOrganization } from '../organizations/index.js';
import { getTaxonomy } from '../taxonomy/index.js';
import { formatCountry } from './documents.format.js';
import { presentParty } from './contracts.parties.js';
import * as policy from './contracts.policy.js';
import type { ContractsDeps } from './contracts.deps.js';
import * as repo from './contracts.repository.js';
import { CONTRACT_STATUS_NAMES, ENTITY_TYPE_NAMES, type ContractStatus, type ListQuery } from '../../../common/schemas/contracts.js';
import { stationIdsOf } from './stations.service.js';

/** Rows of one ledger export. */
export const LEDGER_LIMIT = 10_000;

const yuan = (v: string) => `${Number(v).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
const beijingDay = (d: Date | null) => (d ? new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d) : '');

function partyLine(c: repo.ContractRow, side: 'seller' | 'buyer', viewer: Actor): string {
  const p = presentParty(c, side, viewer);
  const kind = ENTITY_TYPE_NAMES[p.entityType];
  if (p.entityType === 'foreign') return `${p.name}（${kind}，${formatCountry(p.countryCode ?? '')}${p.registrationNumber ? `，注册号 ${p.registrationNumber}` : ''}）`;
  if (p.entityType === 'individual') return `${p.name}（${kind}，证件号码 ${p.idNumber ?? ''}）`;
  return `${p.name}（${kind}，统一社会信用代码 ${p.creditCode ?? ''}）`;
}

/** 登记证明 of a registered (or amended) contract: the parties, registrars of its station and admins; others 404. */
export async function certificatePdf({ db }: ContractsDeps, actor: Actor, { id }: { id: string }): Promise<DocumentFile> {
  const c = await repo.findContract(db, id);
  if (!c || !policy.canSee(actor, c, await stationIdsOf(db, actor))) throw AppError.notFound('技术合同');
  if (c.status !== 'registered' && c.status !== 'amended') throw AppError.conflict('合同登记后才能打印登记证明', { status: c.status });
  const tax = await getTaxonomy(db);
  const type = tax.contractTypes.find((t) => t.code === c.type);
  const subtype = type?.subtypes.find((s) => s.code === c.subtype);
  const body = c.registrarOrgId ? await findOrganization(db, c.registrarOrgId) : undefined;
  const zone = c.zoneId ? tax.zones.find((z) => z.id === c.zoneId) : undefined;

  const { doc, finish } = cjkPdf({ margin: 56, title: `技术合同登记证明 ${c.registrationNumber}` });
  doc.font('cjk-bold').fontSize(22).text('技术合同登记证明', { align: 'center' });
  doc.moveDown(0.4).font('cjk').fontSize(11).text(`登记编号：${c.registrationNumber}`, { align: 'center' });
  doc.moveDown(1.2);
  const rows: [string, string][] = [
    ['合同名称', c.name],
    ['合同类型', `${type?.name ?? c.type} · ${subtype?.name ?? c.subtype}`],
    ['卖方（技术提供方）', partyLine(c, 'seller', actor)],
    ['买方（技术受让方）', partyLine(c, 'buyer', actor)],
    ['合同成交额', yuan(c.amount)],
    ['技术交易额', yuan(c.techAmount)],
    ['签订日期', c.signedAt],
    ['有效期', `${c.validFrom} 至 ${c.validTo}`],
    ['所属示范区', zone?.name ?? '不属于任何示范区'],
    ...(c.sellerEntityType === 'foreign' || c.buyerEntityType === 'foreign' ? ([['技术进出口', c.buyerEntityType === 'foreign' ? '技术出口' : '技术进口']] as [string, string][]) : []),
    ['登记日期', beijingDay(c.registeredAt)],
    ...(c.amendedAt ? ([['变更登记日期', beijingDay(c.amendedAt)]] as [string, string][]) : []),
    ['登记机构', body?.name ?? ''],
  ];
  const left = doc.page.margins.left;
  const labelWidth = 130;
  const valueWidth = doc.page.width - doc.page.margins.right - left - labelWidth;
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.font('cjk-bold').fontSize(11).text(label, left, y, { width: labelWidth });
    doc.font('cjk').fontSize(11).text(value, left + labelWidth, y, { width: valueWidth });
    doc.moveDown(0.6);
  }
  doc.moveDown(1.5).font('cjk').fontSize(10).fillColor('#555').text('本证明依据《技术合同认定登记管理办法》出具，由桂技通平台根据登记机构的登记结果生成。', left, doc.y, { width: labelWidth + valueWidth });
  doc.text(`打印时间：${beijingDay(new Date())}`);
  return { filename: `技术合同登记证明-${c.registrationNumber}.pdf`, body: await finish() };
}

/** The contract ledger as XLSX: the list filters, in the caller's scope (registrars: their stations; zone admins: their zone). */
export async function ledgerXlsx({ db }: ContractsDeps, actor: Actor, q: ListQuery): Promise<DocumentFile> {
  const staff = policy.isStaff(actor);
  if (!staff) throw AppError.forbidden('只有登记员、示范区管理员和平台管理员可以导出合同台账');
  const scope = policy.isAdmin(actor) || policy.isRegistrar(actor) ? policy.listScope(actor, await stationIdsOf(db, actor)) : { all: false, zoneId: actor.adminZoneId ?? '00000000-0000-0000-0000-000000000000' };
  const { items, total } = await repo.listContracts(db, scope, {
    zoneId: q.zone === 'none' ? undefined : q.zone,
    outsideZones: q.zone === 'none',
    stationId: q.station,
    year: q.year,
    type: q.type,
    status: q.status,
    text: q.q,
    page: 1,
    pageSize: LEDGER_LIMIT,
  });
  const tax = await getTaxonomy(db);
  const typeName = new Map(tax.contractTypes.map((t) => [t.code, t.name]));
  const subtypeName = new Map(tax.contractTypes.flatMap((t) => t.subtypes.map((s) => [s.code, s.name] as const)));
  const zoneName = new Map(tax.zones.map((z) => [z.id, z.name]));
  const cityName = new Map(tax.cities.map((c) => [c.code, c.name]));
  const wb = workbook();
  const ws = wb.addWorksheet('技术合同台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '登记编号', key: 'number', width: 20 },
    { header: '合同名称', key: 'name', width: 40 },
    { header: '合同类型', key: 'type', width: 12 },
    { header: '合同子类', key: 'subtype', width: 16 },
    { header: '卖方', key: 'seller', width: 30 },
    { header: '卖方类型', key: 'sellerType', width: 10 },
    { header: '买方', key: 'buyer', width: 30 },
    { header: '买方类型', key: 'buyerType', width: 10 },
    { header: '合同成交额（元）', key: 'amount', width: 18, style: { numFmt: '#,##0.00' } },
    { header: '技术交易额（元）', key: 'techAmount', width: 18, style: { numFmt: '#,##0.00' } },
    { header: '签订日期', key: 'signedAt', width: 12 },
    { header: '所属示范区', key: 'zone', width: 28 },
    { header: '受让方所在城市', key: 'city', width: 12 },
    { header: '技术进出口', key: 'crossBorder', width: 10 },
    { header: '状态', key: 'status', width: 10 },
    { header: '提交日期', key: 'submittedAt', width: 12 },
    { header: '登记日期', key: 'registeredAt', width: 12 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const c of items) {
    ws.addRow({
      number: c.registrationNumber ?? '',
      name: c.name,
      type: typeName.get(c.type) ?? c.type,
      subtype: subtypeName.get(c.subtype) ?? c.subtype,
      seller: c.sellerName,
      sellerType: ENTITY_TYPE_NAMES[c.sellerEntityType as keyof typeof ENTITY_TYPE_NAMES] ?? c.sellerEntityType,
      buyer: c.buyerName,
      buyerType: ENTITY_TYPE_NAMES[c.buyerEntityType as keyof typeof ENTITY_TYPE_NAMES] ?? c.buyerEntityType,
      // Exact decimals as numbers with two places (NUMERIC → string → number below 10^12 is exact to the cent).
      amount: Number(c.amount),
      techAmount: Number(c.techAmount),
      signedAt: c.signedAt,
      zone: c.zoneId ? (zoneName.get(c.zoneId) ?? '') : '不属于任何示范区',
      city: c.cityCode ? (cityName.get(c.cityCode) ?? c.cityCode) : '',
      crossBorder: c.buyerEntityType === 'foreign' && c.sellerEntityType !== 'foreign' ? '技术出口' : c.sellerEntityType === 'foreign' && c.buyerEntityType !== 'foreign' ? '技术进口' : '',
      status: CONTRACT_STATUS_NAMES[c.status as ContractStatus] ?? c.status,
      submittedAt: beijingDay(c.submittedAt),
      registeredAt: beijingDay(c.registeredAt),
    });
  }
  if (total > items.length) ws.addRow({ name: `（共 ${total} 份，仅导出前 ${LEDGER_LIMIT} 份，请缩小筛选范围）` });
  return { filename: `技术合同台账-${beijingDay(new Date())}.xlsx`, body: await workbookBytes(wb) };
}
