import { z } from 'zod';
import type { Db } from '../../lib/db.js';
import { PDF_TYPE, sendDocument, XLSX_TYPE } from '../../lib/documents.js';
import { apiRouter, idParams, pathId, pathParam } from '../../lib/http.js';
import * as indicators from './indicators.service.js';
import type { IndicatorsDeps } from './indicators.service.js';
import { reportPdf, reportXlsx } from './reports.service.js';
import * as subsidies from './subsidies.service.js';
import * as targets from './targets.service.js';
import * as zones from './zones.service.js';
import * as out from '../../../common/schemas/zones.js';

const year = z.coerce.number({ error: 'year 应为年份' }).int('year 应为年份').min(2000, 'year 应为 2000–2100 的年份').max(2100, 'year 应为 2000–2100 的年份');
const yearQuery = z.strictObject({ year: year.optional() });
const requiredYear = z.strictObject({ year });
const zoneParams = idParams('示范区');
const indicatorParams = z.strictObject({ id: pathId('示范区'), code: z.string().meta({ description: '指标编码（如 I05、I27-1）' }) });
const ruleParams = z.strictObject({ code: z.string().meta({ description: '补助规则编码' }) });
/** A year outside 2000–2100 names no target year: 404, as before. */
const targetYearParams = z.strictObject({ year: pathParam(z.string().transform(Number).pipe(z.number().int().min(2000).max(2100)).meta({ description: '年度（2000–2100）' }), '年度') });

export function indicatorRoutes(db: Db) {
  const api = apiRouter('indicators');
  const deps: IndicatorsDeps = { db };

  // Zones
  api.get('/api/zones', { summary: '示范区列表（含状态）', access: 'public', response: out.zoneListSchema }, ({ actor }) => zones.listZones(deps, actor));
  api.post('/api/zones', { summary: '新增示范区（平台管理员），状态从「申报中」开始', access: 'user', body: zones.createZoneSchema, response: out.zoneDetailSchema }, ({ actor, body }) => zones.createZone(deps, actor, body));
  api.get('/api/zones/:id', { summary: '示范区详情与状态变更历史', access: 'public', params: zoneParams, response: out.zoneDetailSchema }, ({ actor, params }) => zones.getZone(deps, actor, params));
  api.patch('/api/zones/:id', { summary: '修改示范区（平台管理员；本示范区管理员可改名称和载体类型）', access: 'user', params: zoneParams, body: zones.updateZoneSchema, response: out.zoneDetailSchema }, ({ actor, params, body }) =>
    zones.updateZone(deps, actor, { ...body, id: params.id }),
  );
  api.post('/api/zones/:id/status', { summary: '变更示范区状态：申报→批复→认定/整改/撤销（平台管理员）', access: 'user', params: zoneParams, body: zones.zoneStatusSchema, status: 200, response: out.zoneDetailSchema }, ({ actor, params, body }) =>
    zones.changeZoneStatus(deps, actor, { ...body, id: params.id }),
  );
  api.delete('/api/zones/:id', { summary: '删除无关联数据的示范区（平台管理员）', access: 'user', params: zoneParams }, async ({ actor, params }) => {
    await zones.deleteZone(deps, actor, params);
    return undefined;
  });

  // Indicators
  api.get(
    '/api/zones/:id/indicators',
    { summary: '示范区 27 项建设指标：本示范区管理员看实时值，其他人看已报送的年度报告值', access: 'public', params: zoneParams, query: yearQuery, response: out.indicatorsSchema },
    ({ actor, params, query }) => indicators.getIndicators(deps, actor, { zoneId: params.id, year: query.year ?? indicators.currentYear() }),
  );
  api.put(
    '/api/zones/:id/indicators/:code',
    { summary: '填报手工指标（本示范区管理员），须注明数据来源；自动指标返回 409', access: 'user', params: indicatorParams, query: requiredYear, body: indicators.putValueSchema, response: out.indicatorSchema },
    ({ actor, params, query, body }) => indicators.putIndicatorValue(deps, actor, { ...body, zoneId: params.id, code: params.code, year: query.year }),
  );
  api.get('/api/zones/:id/indicators/:code/history', { summary: '手工指标的填报历史（按年度）', access: 'user', params: indicatorParams, query: requiredYear, response: out.indicatorHistorySchema }, ({ actor, params, query }) =>
    indicators.indicatorHistory(deps, actor, { zoneId: params.id, code: params.code, year: query.year }),
  );
  api.post('/api/zones/:id/custom-indicators', { summary: '新增特色指标（本示范区管理员），编码 I27-n', access: 'user', params: zoneParams, body: indicators.customIndicatorSchema, response: out.customIndicatorSchema }, ({ actor, params, body }) =>
    indicators.addCustomIndicator(deps, actor, { ...body, zoneId: params.id }),
  );
  api.patch('/api/zones/:id/custom-indicators/:code', { summary: '修改特色指标', access: 'user', params: indicatorParams, body: indicators.customIndicatorSchema.partial(), response: out.customIndicatorSchema }, ({ actor, params, body }) =>
    indicators.updateCustomIndicator(deps, actor, { ...body, zoneId: params.id, code: params.code }),
  );
  api.delete('/api/zones/:id/custom-indicators/:code', { summary: '删除特色指标及其填报值', access: 'user', params: indicatorParams }, async ({ actor, params }) => {
    await indicators.deleteCustomIndicator(deps, actor, { zoneId: params.id, code: params.code });
    return undefined;
  });

  // Annual report
  api.post(
    '/api/zones/:id/report/publish',
    { summary: '报送年度建设报告：当前指标值成为公开值（可重新报送）', access: 'user', params: zoneParams, body: requiredYear, status: 200, response: out.indicatorsSchema },
    ({ actor, params, body }) => indicators.publishReport(deps, actor, { zoneId: params.id, year: body.year }),
  );
  api.get(
    '/api/zones/:id/report',
    { summary: '下载年度建设报告：XLSX（附件2 格式 + 合同分类统计）或 PDF', access: 'user', params: zoneParams, query: z.strictObject({ year, format: z.enum(['xlsx', 'pdf'], { error: 'format 应为 xlsx 或 pdf' }).default('xlsx') }), produces: 'application/octet-stream' },
    async ({ res, actor, params, query }) => {
      const input = { zoneId: params.id, year: query.year };
      return query.format === 'pdf' ? sendDocument(res, await reportPdf(deps, actor, input), PDF_TYPE) : sendDocument(res, await reportXlsx(deps, actor, input), XLSX_TYPE);
    },
  );

  // Targets
  api.get('/api/targets', { summary: '各市科技成果转化年度目标、已完成数与完成率', access: 'public', query: yearQuery, response: out.targetsSchema }, ({ actor, query }) =>
    targets.getTargets(deps, actor, { year: query.year ?? indicators.currentYear() }),
  );
  api.put('/api/targets/:year', { summary: '设定某年度各市目标（平台管理员）', access: 'user', params: targetYearParams, body: targets.putTargetsSchema, response: out.targetsSchema }, ({ actor, params, body }) =>
    targets.putTargets(deps, actor, { ...body, year: params.year }),
  );

  // Subsidies
  api.get('/api/subsidy-rules', { summary: '补助规则（数据，平台管理员维护）', access: 'user', response: out.subsidyRuleListSchema }, ({ actor }) => subsidies.listRules(deps, actor));
  api.post('/api/subsidy-rules', { summary: '新增补助规则（平台管理员）', access: 'user', body: subsidies.createRuleSchema, response: out.subsidyRuleSchema }, ({ actor, body }) => subsidies.createRule(deps, actor, body));
  api.patch('/api/subsidy-rules/:code', { summary: '修改补助规则（平台管理员）', access: 'user', params: ruleParams, body: subsidies.updateRuleSchema, response: out.subsidyRuleSchema }, ({ actor, params, body }) =>
    subsidies.updateRule(deps, actor, { ...body, code: params.code }),
  );
  api.delete('/api/subsidy-rules/:code', { summary: '删除补助规则（平台管理员）', access: 'user', params: ruleParams }, async ({ actor, params }) => {
    await subsidies.deleteRule(deps, actor, params);
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
    ({ actor, query }) => subsidies.estimateSubsidies(deps, actor, { year: query.year, zoneId: query.zone, cityCode: query.city }),
  );

  return api.router;
}
