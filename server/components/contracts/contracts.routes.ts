import type { Request } from 'express';
import { z } from 'zod';
import type { Db } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import { PDF_TYPE, sendDocument, XLSX_TYPE } from '../../lib/documents.js';
import { apiRouter, idParams } from '../../lib/http.js';
import {
  amendContractSchema,
  contractDetailSchema,
  contractListSchema,
  contractOutSchema,
  createContractSchema,
  holidaySchema,
  listQuerySchema,
  noteSchema,
  optionalNoteSchema,
  reviewSchema,
  statsQuerySchema,
  stationSchema,
  updateContractSchema,
  withdrawSchema,
} from '../../../common/schemas/contracts.js';
import * as commands from './contracts.commands.js';
import type { ContractsDeps } from './contracts.deps.js';
import * as queries from './contracts.queries.js';
import * as holidays from './holidays.service.js';
import * as stations from './stations.service.js';
import { certificatePdf, ledgerXlsx } from './documents.service.js';
import { contractStatsSchema, holidayListSchema, holidaySchema as holidayOut } from '../../../common/schemas/zones.js';
import { getContractStats } from './contracts.stats.js';


/** The Idempotency-Key header: 1–200 visible ASCII characters, or absent. */
function idempotencyKey(req: Request): string | undefined {
  const key = req.get('Idempotency-Key');
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw AppError.validation([{ path: 'Idempotency-Key', message: 'Idempotency-Key 应为 1–200 个可见 ASCII 字符' }]);
  return key;
}
export function contractRoutes(db: Db) {
  const api = apiRouter('contracts');
  const deps: ContractsDeps = { db };
  const contract = idParams('技术合同');

  api.post(
    '/api/contracts',
    {
      summary: '提交技术合同认定登记（合同一方的成员或技术经纪人）',
      description: '带 `Idempotency-Key` 头时，同一用户同一键只会生成一份合同：首次 201，之后 200 返回同一份；键相同而内容不同 → 409。',
      access: ['supplier', 'enterprise', 'broker'],
      body: createContractSchema,
      response: contractOutSchema,
    },
    async ({ req, res, actor, body }) => {
      const { contract, created } = await commands.createContract(deps, actor, { ...body, idempotencyKey: idempotencyKey(req) });
      if (!created) res.status(200).json(contract);
      return contract;
    },
  );

  api.get('/api/contracts', { summary: '技术合同列表（当事方、登记员、本示范区管理员可见的范围）', access: 'user', query: listQuerySchema, response: contractListSchema }, ({ actor, query }) =>
    queries.listContracts(deps, actor, query),
  );

  api.get(
    '/api/stats/contracts',
    { summary: '技术合同统计看板：按月、年、类型、示范区、城市（来自汇总表）', access: ['zone_admin', 'admin', 'registrar'], query: statsQuerySchema, response: contractStatsSchema },
    ({ actor, query }) => getContractStats(deps, actor, { year: query.year, zoneId: query.zone }),
  );

  api.get(
    '/api/contracts/ledger',
    { summary: '导出技术合同台账 XLSX（登记员：本登记机构；示范区管理员：本示范区；平台管理员：全部），筛选同列表', access: ['registrar', 'zone_admin', 'admin'], query: listQuerySchema, produces: XLSX_TYPE },
    async ({ res, actor, query }) => sendDocument(res, await ledgerXlsx(deps, actor, query), XLSX_TYPE),
  );

  api.get(
    '/api/contracts/:id/certificate',
    { summary: '打印技术合同登记证明（PDF，已登记合同的当事方、登记员、管理员）', access: 'user', params: contract, produces: PDF_TYPE },
    async ({ res, actor, params }) => sendDocument(res, await certificatePdf(deps, actor, params), PDF_TYPE),
  );

  api.get('/api/contracts/:id', { summary: '技术合同详情（含附件、变更记录、处理历史）', access: 'user', params: contract, response: contractDetailSchema }, ({ actor, params }) => queries.getContract(deps, actor, params));

  api.patch('/api/contracts/:id', { summary: '提交方修改合同（待登记或待补正时）', access: 'user', params: contract, body: updateContractSchema, response: contractOutSchema }, ({ actor, params, body }) =>
    commands.updateContract(deps, actor, { ...body, id: params.id }),
  );

  api.post(
    '/api/contracts/:id/resubmit',
    { summary: '补正后重新提交（重新计算 15 个工作日）', access: 'user', params: contract, body: optionalNoteSchema, status: 200, response: contractOutSchema },
    ({ actor, params, body }) => commands.resubmitContract(deps, actor, { id: params.id, note: body.note }),
  );

  api.post(
    '/api/contracts/:id/withdraw',
    { summary: '提交方撤回尚未登记的合同（待登记或待补正时），留痕', access: 'user', params: contract, body: withdrawSchema, status: 200, response: contractOutSchema },
    ({ actor, params, body }) => commands.withdrawContract(deps, actor, { id: params.id, note: body.note }),
  );

  api.post(
    '/api/contracts/:id/review',
    { summary: '登记员审查：register（登记并编号）、request_correction（要求补正）、refuse（不予登记）', access: 'user', params: contract, body: reviewSchema, status: 200, response: contractOutSchema },
    ({ actor, params, body }) => commands.reviewContract(deps, actor, { ...body, id: params.id }),
  );

  api.post(
    '/api/contracts/:id/expert-review',
    { summary: '记录专家评审（成交额 500 万元及以上的合同登记前必需）', access: 'user', params: contract, body: noteSchema('专家评审意见'), status: 200, response: contractOutSchema },
    ({ actor, params, body }) => commands.recordExpertReview(deps, actor, { id: params.id, note: body.note }),
  );

  api.post(
    '/api/contracts/:id/amend',
    { summary: '变更已登记合同（登记机构），重新汇总指标', access: 'user', params: contract, body: amendContractSchema, status: 200, response: contractOutSchema },
    ({ actor, params, body }) => commands.amendContract(deps, actor, { ...body, id: params.id }),
  );

  api.post(
    '/api/contracts/:id/cancel',
    { summary: '撤销已登记合同（登记机构），从指标中扣除', access: 'user', params: contract, body: noteSchema('撤销原因'), status: 200, response: contractOutSchema },
    ({ actor, params, body }) => commands.cancelContract(deps, actor, { id: params.id, note: body.note }),
  );

  // Registration stations (技术合同登记机构) and their jurisdictions.
  const stationOut = z
    .object({
      id: z.string(),
      name: z.string(),
      organizationId: z.string().nullable(),
      regionCodes: z.array(z.string()),
      registrars: z.array(z.object({ id: z.string(), name: z.string(), email: z.string() })),
      createdAt: z.string(),
      updatedAt: z.string(),
    })
    .meta({ id: 'RegistrationStation' });
  const station = idParams('登记机构');
  api.get('/api/registration-stations', { summary: '技术合同登记机构及其管辖地区、登记员（平台管理员、登记员）', access: ['admin', 'registrar'], response: z.object({ items: z.array(stationOut) }) }, ({ actor }) =>
    stations.listStations(deps, actor),
  );
  api.post('/api/registration-stations', { summary: '新建登记机构（平台管理员）', access: ['admin'], body: stationSchema, response: stationOut }, ({ actor, body }) => stations.createStation(deps, actor, body));
  api.patch(
    '/api/registration-stations/:id',
    { summary: '修改登记机构名称、管辖地区（平台管理员）', access: ['admin'], params: station, body: stationSchema.partial(), response: stationOut },
    ({ actor, params, body }) => stations.updateStation(deps, actor, { ...body, id: params.id }),
  );
  api.delete('/api/registration-stations/:id', { summary: '删除登记机构（无待处理合同时，平台管理员）', access: ['admin'], params: station }, async ({ actor, params }) => {
    await stations.deleteStation(deps, actor, params);
    return undefined;
  });
  api.put(
    '/api/registration-stations/:id/registrars',
    { summary: '指定登记机构的登记员（平台管理员）', access: ['admin'], params: station, body: z.strictObject({ userIds: z.array(z.uuid({ error: '用户编号无效' })).max(200) }), response: stationOut },
    ({ actor, params, body }) => stations.setStationRegistrars(deps, actor, { id: params.id, userIds: body.userIds }),
  );

  // A malformed date is a 400 naming it (as before the params were declared).
  const day = z.strictObject({ date: z.iso.date({ error: '日期应为 YYYY-MM-DD' }).meta({ description: '日期（YYYY-MM-DD）' }) });
  api.get(
    '/api/holidays',
    { summary: '节假日与调休上班日（工作日计算的依据）', access: 'public', query: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }), response: holidayListSchema },
    ({ actor, query }) => holidays.listHolidays(deps, actor, { year: query.year }),
  );
  api.put('/api/holidays/:date', { summary: '新增或修改某日的放假/调休安排（平台管理员）', access: 'user', params: day, body: holidaySchema, response: holidayOut }, ({ actor, params, body }) =>
    holidays.putHoliday(deps, actor, { ...body, date: params.date }),
  );
  api.delete('/api/holidays/:date', { summary: '删除某日的放假/调休安排（平台管理员）', access: 'user', params: day }, async ({ actor, params }) => {
    await holidays.removeHoliday(deps, actor, params);
    return undefined;
  });

  return api.router;
}
