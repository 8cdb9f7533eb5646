import type { Request } from 'express';
import { z } from 'zod';
import type { Db } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import { apiRouter } from '../../lib/http.js';
import { idParam } from '../../lib/validate.js';
import { contentDisposition } from '../files/index.js';
import * as indicators from './indicators.service.js';
import { reportPdf, reportXlsx } from './reports.service.js';
import * as subsidies from './subsidies.service.js';
import * as targets from './targets.service.js';
import * as zones from './zones.service.js';
import * as out from '../../../common/schemas/zones.js';

const year = z.coerce.number({ error: 'year 应为年份' }).int('year 应为年份').min(2000, 'year 应为 2000–2100 的年份').max(2100, 'year 应为 2000–2100 的年份');
const yearQuery = z.strictObject({ year: year.optional() });
const requiredYear = z.strictObject({ year });
const zoneId = (req: Request) => idParam(req, 'id', '示范区');
export function indicatorRoutes(db: Db) {
  const api = apiRouter('indicators');

  // Zones
  api.get('/api/zones', { summary: '示范区列表（含状态）', access: 'public', response: out.zoneListSchema }, () => zones.listZones(db));
  api.post('/api/zones', { summary: '新增示范区（平台管理员），状态从「申报中」开始', access: 'user', body: zones.createZoneSchema, response: out.zoneDetailSchema }, ({ actor, body }) => zones.createZone(db, actor, body));
  api.get('/api/zones/:id', { summary: '示范区详情与状态变更历史', access: 'public', response: out.zoneDetailSchema }, ({ req }) => zones.getZone(db, zoneId(req)));
  api.patch('/api/zones/:id', { summary: '修改示范区（平台管理员；本示范区管理员可改名称和载体类型）', access: 'user', body: zones.updateZoneSchema, response: out.zoneDetailSchema }, ({ req, actor, body }) =>
    zones.updateZone(db, actor, zoneId(req), body),
  );
  api.post('/api/zones/:id/status', { summary: '变更示范区状态：申报→批复→认定/整改/撤销（平台管理员）', access: 'user', body: zones.zoneStatusSchema, status: 200, response: out.zoneDetailSchema }, ({ req, actor, body }) =>
    zones.changeZoneStatus(db, actor, zoneId(req), body),
  );
  api.delete('/api/zones/:id', { summary: '删除无关联数据的示范区（平台管理员）', access: 'user' }, async ({ req, actor }) => {
    await zones.deleteZone(db, actor, zoneId(req));
    return undefined;
  });

  // Indicators
  api.get(
    '/api/zones/:id/indicators',
    { summary: '示范区 27 项建设指标：本示范区管理员看实时值，其他人看已报送的年度报告值', access: 'public', query: yearQuery, response: out.indicatorsSchema },
    ({ req, actor, query }) => indicators.getIndicators(db, actor, zoneId(req), query.year ?? indicators.currentYear()),
  );
  api.put(
    '/api/zones/:id/indicators/:code',
    { summary: '填报手工指标（本示范区管理员），须注明数据来源；自动指标返回 409', access: 'user', query: requiredYear, body: indicators.putValueSchema, response: out.indicatorSchema },
    ({ req, actor, query, body }) => indicators.putIndicatorValue(db, actor, zoneId(req), String(req.params.code), query.year, body),
  );
  api.get('/api/zones/:id/indicators/:code/history', { summary: '手工指标的填报历史（按年度）', access: 'user', query: requiredYear, response: out.indicatorHistorySchema }, ({ req, actor, query }) =>
    indicators.indicatorHistory(db, actor, zoneId(req), String(req.params.code), query.year),
  );
  api.post('/api/zones/:id/custom-indicators', { summary: '新增特色指标（本示范区管理员），编码 I27-n', access: 'user', body: indicators.customIndicatorSchema, response: out.customIndicatorSchema }, ({ req, actor, body }) =>
    indicators.addCustomIndicator(db, actor, zoneId(req), body),
  );
  api.patch('/api/zones/:id/custom-indicators/:code', { summary: '修改特色指标', access: 'user', body: indicators.customIndicatorSchema.partial(), response: out.customIndicatorSchema }, ({ req, actor, body }) =>
    indicators.updateCustomIndicator(db, actor, zoneId(req), String(req.params.code), body),
  );
  api.delete('/api/zones/:id/custom-indicators/:code', { summary: '删除特色指标及其填报值', access: 'user' }, async ({ req, actor }) => {
    await indicators.deleteCustomIndicator(db, actor, zoneId(req), String(req.params.code));
    return undefined;
  });

  // Annual report
  api.post(
    '/api/zones/:id/report/publish',
    { summary: '报送年度建设报告：当前指标值成为公开值（可重新报送）', access: 'user', body: requiredYear, status: 200, response: out.indicatorsSchema },
    ({ req, actor, body }) => indicators.publishReport(db, actor, zoneId(req), body.year),
  );
  api.get(
    '/api/zones/:id/report',
    { summary: '下载年度建设报告：XLSX（附件2 格式 + 合同分类统计）或 PDF', access: 'user', query: z.strictObject({ year, format: z.enum(['xlsx', 'pdf'], { error: 'format 应为 xlsx 或 pdf' }).default('xlsx') }), produces: 'application/octet-stream' },
    async ({ req, res, actor, query }) => {
      const out = query.format === 'pdf' ? await reportPdf(db, actor, zoneId(req), query.year) : await reportXlsx(db, actor, zoneId(req), query.year);
      res
        .status(200)
        .set({
          'Content-Type': query.format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'Content-Disposition': contentDisposition(out.filename),
          'Cache-Control': 'no-store',
        })
        .send(out.body);
      return undefined;
    },
  );

  // Targets
  api.get('/api/targets', { summary: '各市科技成果转化年度目标、已完成数与完成率', access: 'public', query: yearQuery, response: out.targetsSchema }, ({ query }) => targets.getTargets(db, query.year ?? indicators.currentYear()));
  api.put('/api/targets/:year', { summary: '设定某年度各市目标（平台管理员）', access: 'user', body: targets.putTargetsSchema, response: out.targetsSchema }, ({ req, actor, body }) => {
    const y = year.safeParse(req.params.year);
    if (!y.success) throw AppError.notFound('年度');
    return targets.putTargets(db, actor, y.data, body);
  });

  // Subsidies
  api.get('/api/subsidy-rules', { summary: '补助规则（数据，平台管理员维护）', access: 'user', response: out.subsidyRuleListSchema }, () => subsidies.listRules(db));
  api.post('/api/subsidy-rules', { summary: '新增补助规则（平台管理员）', access: 'user', body: subsidies.createRuleSchema, response: out.subsidyRuleSchema }, ({ actor, body }) => subsidies.createRule(db, actor, body));
  api.patch('/api/subsidy-rules/:code', { summary: '修改补助规则（平台管理员）', access: 'user', body: subsidies.updateRuleSchema, response: out.subsidyRuleSchema }, ({ req, actor, body }) =>
    subsidies.updateRule(db, actor, String(req.params.code), body),
  );
  api.delete('/api/subsidy-rules/:code', { summary: '删除补助规则（平台管理员）', access: 'user' }, async ({ req, actor }) => {
    await subsidies.deleteRule(db, actor, String(req.params.code));
    return undefined;
  });
  api.get(
    '/api/subsidies',
    {
      summary: '补助测算：按受益方、示范区、城市、经纪人（平台管理员；示范区管理员限本区）',
      access: 'user',
      query: z.strictObject({ year, zone: z.uuid({ error: 'zone 应为示范区编号' }).optional(), city: z.string().regex(/^\d{6}$/, 'city 应为 6 位城市代码').optional() }),
      response: out.subsidyEstimateSchema,
    },
    ({ actor, query }) => subsidies.estimateSubsidies(db, actor, { year: query.year, zoneId: query.zone, cityCode: query.city }),
  );

  return api.router;
}
