/**
 * 年度建设报告 of a zone: XLSX in the 附件2 layout (序号, 一级指标, 二级指标, 数值, 数据来源) plus
 * contract breakdowns, or PDF with the embedded CJK font (server/lib/documents.ts).
 */
import type { Db } from '../../lib/db.js';
import { cjkPdf, workbook, workbookBytes, type DocumentFile } from '../../lib/documents.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../auth/index.js';
import { CONTRACT_STATUS_NAMES, ENTITY_TYPE_NAMES, centsToYuan, registeredOfZoneYear, zoneYearTurnover } from '../contracts/index.js';
import { getTaxonomy } from '../taxonomy/index.js';
import { liveIndicators, type IndicatorEntry, type IndicatorsDeps } from './indicators.service.js';
import { assertManagesZone } from './indicators.policy.js';
import * as repo from './indicators.repository.js';
import { ZONE_STATUS_NAMES } from './zones.service.js';

/** Ideographic space between header facts. */
const SEP = '\u3000';
/** Contracts listed one by one in the report (the totals always cover all of them). */
const DETAIL_LIMIT = 5000;

interface ReportData {
  zone: repo.ZoneRow;
  cityName: string;
  year: number;
  indicators: IndicatorEntry[];
  published: Date | null;
  byType: { code: string; name: string; count: number; amount: number; techAmount: number }[];
  byMonth: { month: number; count: number; amount: number; techAmount: number }[];
  total: { count: number; amount: number; techAmount: number };
  contracts: Awaited<ReturnType<typeof registeredOfZoneYear>>;
  typeNames: Map<string, string>;
  subtypeNames: Map<string, string>;
}

async function collect(db: Db, actor: Actor, zoneId: string, year: number): Promise<ReportData> {
  const zone = await repo.findZone(db, zoneId);
  if (!zone) throw AppError.notFound('示范区');
  assertManagesZone(actor, zoneId);
  const [tax, indicators, turnover, contracts, report] = await Promise.all([
    getTaxonomy(db),
    liveIndicators(db, null, zoneId, year),
    zoneYearTurnover(db, zoneId, year),
    registeredOfZoneYear(db, zoneId, year, DETAIL_LIMIT),
    repo.findReport(db, zoneId, year),
  ]);
  const yuan = (s: { count: number; amount: bigint; techAmount: bigint }) => ({ count: s.count, amount: centsToYuan(s.amount), techAmount: centsToYuan(s.techAmount) });
  const zeroSum = { count: 0, amount: 0n, techAmount: 0n };
  return {
    zone,
    cityName: tax.cities.find((c) => c.code === zone.cityCode)?.name ?? zone.cityCode,
    year,
    indicators,
    published: report?.publishedAt ?? null,
    byType: tax.contractTypes.map((t) => ({ code: t.code, name: t.name, ...yuan(turnover.byType.get(t.code) ?? zeroSum) })),
    byMonth: turnover.byMonth.map((s, i) => ({ month: i + 1, ...yuan(s) })),
    total: yuan(turnover.total),
    contracts,
    typeNames: new Map(tax.contractTypes.map((t) => [t.code, t.name])),
    subtypeNames: new Map(tax.contractTypes.flatMap((t) => t.subtypes.map((s) => [s.code, s.name] as const))),
  };
}

const valueText = (i: IndicatorEntry) => (i.value === null ? '' : typeof i.value === 'number' ? String(i.value) : i.value);
const sourceText = (i: IndicatorEntry) => (i.source === 'auto' ? (i.note ?? '平台自动统计') : i.note ? `示范区填报：${i.note}` : '示范区填报（未填）');
const unitText = (i: IndicatorEntry) => (i.unit === 'text' || i.unit === 'zone-defined' ? '' : i.unit);

/** The report as an XLSX workbook (Buffer). */
export async function reportXlsx({ db }: IndicatorsDeps, actor: Actor, { zoneId, year }: { zoneId: string; year: number }): Promise<DocumentFile> {
  const d = await collect(db, actor, zoneId, year);
  const wb = workbook();
  const money = '#,##0.00';

  const ws = wb.addWorksheet('附件2 指标', { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.columns = [{ width: 6 }, { width: 12 }, { width: 60 }, { width: 18 }, { width: 8 }, { width: 60 }];
  ws.mergeCells('A1:F1');
  ws.getCell('A1').value = `${d.zone.name} ${d.year} 年度建设报告 · 示范区建设指标（附件2）`;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.mergeCells('A2:F2');
  ws.getCell('A2').value = `所在城市：${d.cityName}${SEP}状态：${ZONE_STATUS_NAMES[d.zone.status as keyof typeof ZONE_STATUS_NAMES] ?? d.zone.status}${SEP}${d.published ? `已报送：${d.published.toISOString().slice(0, 10)}` : '未报送（草稿）'}`;
  const header = ws.getRow(3);
  header.values = ['序号', '一级指标', '二级指标', '数值', '单位', '数据来源'];
  header.font = { bold: true };
  header.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } }));
  let groupStart = 4;
  let lastGroup = '';
  d.indicators.forEach((i, n) => {
    const r = ws.getRow(4 + n);
    r.values = [i.custom ? i.code : i.no, i.group, i.name, i.value === null ? null : i.value, unitText(i), sourceText(i)];
    r.alignment = { vertical: 'middle', wrapText: true };
    if (typeof i.value === 'number') r.getCell(4).numFmt = i.unit === '亿元' ? '0.0000' : '0.####';
    if (i.group !== lastGroup) {
      if (lastGroup && 4 + n - 1 > groupStart) ws.mergeCells(groupStart, 2, 4 + n - 1, 2);
      groupStart = 4 + n;
      lastGroup = i.group;
    }
  });
  const lastRow = 3 + d.indicators.length;
  if (lastRow > groupStart) ws.mergeCells(groupStart, 2, lastRow, 2);

  // Breakdown sheets: a label column, then count, 成交额 and 技术交易额, and a total row.
  const breakdown = (name: string, label: string, rows: { label: string; count: number; amount: number; techAmount: number }[]) => {
    const sheet = wb.addWorksheet(name);
    sheet.columns = [
      { header: label, key: 'label', width: 16 },
      { header: '登记数（项）', key: 'count', width: 14 },
      { header: '合同成交额（元）', key: 'amount', width: 22, style: { numFmt: money } },
      { header: '技术交易额（元）', key: 'techAmount', width: 22, style: { numFmt: money } },
    ];
    for (const r of rows) sheet.addRow(r);
    sheet.addRow({ label: '合计', ...d.total }).font = { bold: true };
    sheet.getRow(1).font = { bold: true };
  };
  breakdown('合同按类型', '合同类型', d.byType.map((t) => ({ ...t, label: t.name })));
  breakdown('合同按月份', '月份', d.byMonth.map((m) => ({ ...m, label: `${m.month} 月` })));

  const list = wb.addWorksheet('合同明细');
  list.columns = [
    { header: '登记号', key: 'no', width: 20 },
    { header: '合同名称', key: 'name', width: 40 },
    { header: '类型', key: 'type', width: 10 },
    { header: '子类', key: 'subtype', width: 16 },
    { header: '卖方', key: 'seller', width: 28 },
    { header: '买方', key: 'buyer', width: 28 },
    { header: '买方类型', key: 'buyerType', width: 10 },
    { header: '签订日期', key: 'signedAt', width: 12 },
    { header: '合同成交额（元）', key: 'amount', width: 20, style: { numFmt: money } },
    { header: '技术交易额（元）', key: 'techAmount', width: 20, style: { numFmt: money } },
    { header: '状态', key: 'status', width: 8 },
  ];
  list.getRow(1).font = { bold: true };
  for (const c of d.contracts) {
    list.addRow({
      no: c.registrationNumber,
      name: c.name,
      type: d.typeNames.get(c.type) ?? c.type,
      subtype: d.subtypeNames.get(c.subtype) ?? c.subtype,
      seller: c.sellerName,
      buyer: c.buyerName,
      buyerType: ENTITY_TYPE_NAMES[c.buyerEntityType as keyof typeof ENTITY_TYPE_NAMES] ?? c.buyerEntityType,
      signedAt: c.signedAt,
      amount: Number(c.amount),
      techAmount: Number(c.techAmount),
      status: CONTRACT_STATUS_NAMES[c.status as keyof typeof CONTRACT_STATUS_NAMES] ?? c.status,
    });
  }
  if (d.total.count > d.contracts.length) list.addRow({ name: `（仅列出前 ${DETAIL_LIMIT} 项，合计见「合同按类型」）` });

  return { filename: `${d.zone.name}-${d.year}年度建设报告.xlsx`, body: await workbookBytes(wb) };
}

/** The report as a PDF (Buffer), Chinese set in the embedded Noto Sans SC. */
export async function reportPdf({ db }: IndicatorsDeps, actor: Actor, { zoneId, year }: { zoneId: string; year: number }): Promise<DocumentFile> {
  const d = await collect(db, actor, zoneId, year);
  const { doc, finish } = cjkPdf({ margin: 40, title: `${d.zone.name} ${d.year} 年度建设报告` });

  doc.font('cjk-bold').fontSize(18).text(`${d.zone.name}`, { align: 'center' });
  doc.fontSize(15).text(`${d.year} 年度建设报告`, { align: 'center' });
  doc.moveDown(0.5);
  doc
    .font('cjk')
    .fontSize(10)
    .fillColor('#555')
    .text(
      `所在城市：${d.cityName}${SEP}示范区状态：${ZONE_STATUS_NAMES[d.zone.status as keyof typeof ZONE_STATUS_NAMES] ?? d.zone.status}${SEP}${d.published ? `报送日期：${d.published.toISOString().slice(0, 10)}` : '未报送（草稿）'}${SEP}生成时间：${new Date().toISOString().slice(0, 10)}`,
      { align: 'center' },
    )
    .fillColor('#000');
  doc.moveDown();

  const left = doc.page.margins.left;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const table = (title: string, widths: number[], head: string[], rows: string[][]) => {
    doc.font('cjk-bold').fontSize(12).text(title, left);
    doc.moveDown(0.3);
    const drawRow = (cells: string[], bold: boolean) => {
      doc.font(bold ? 'cjk-bold' : 'cjk').fontSize(9);
      const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 6 }))) + 6;
      if (doc.y + h > bottom()) doc.addPage();
      const y = doc.y;
      let x = left;
      cells.forEach((c, i) => {
        if (bold) doc.rect(x, y, widths[i]!, h).fillAndStroke('#e8eef7', '#999').fillColor('#000');
        else doc.rect(x, y, widths[i]!, h).stroke('#999');
        doc.text(c, x + 3, y + 3, { width: widths[i]! - 6 });
        x += widths[i]!;
      });
      doc.y = y + h;
      doc.x = left;
    };
    drawRow(head, true);
    for (const r of rows) drawRow(r, false);
    doc.moveDown();
  };

  table(
    '一、示范区建设指标（附件2）',
    [32, 58, 200, 85, 140],
    ['序号', '一级指标', '二级指标', '数值', '数据来源'],
    d.indicators.map((i) => [i.custom ? i.code : String(i.no), i.group, i.name, `${valueText(i)}${valueText(i) && unitText(i) ? ` ${unitText(i)}` : ''}`, sourceText(i)]),
  );
  const fmt = (n: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  table(
    '二、技术合同登记情况（按合同类型）',
    [115, 100, 150, 150],
    ['合同类型', '登记数（项）', '合同成交额（元）', '技术交易额（元）'],
    [...d.byType.map((t) => [t.name, String(t.count), fmt(t.amount), fmt(t.techAmount)]), ['合计', String(d.total.count), fmt(d.total.amount), fmt(d.total.techAmount)]],
  );
  table(
    '三、技术合同登记情况（按月份）',
    [115, 100, 150, 150],
    ['月份', '登记数（项）', '合同成交额（元）', '技术交易额（元）'],
    d.byMonth.map((m) => [`${m.month} 月`, String(m.count), fmt(m.amount), fmt(m.techAmount)]),
  );
  return { filename: `${d.zone.name}-${d.year}年度建设报告.pdf`, body: await finish() };
}
