import type { Request } from 'express';
import { z } from 'zod';
import type { Db } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import { apiRouter } from '../../lib/http.js';
import { idParam, parse } from '../../lib/validate.js';
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
import * as service from './contracts.service.js';
import * as stations from './stations.service.js';
import { certificatePdf, ledgerXlsx } from './documents.service.js';
import { contentDisposition } from '../files/index.js';
import { contractStatsSchema, holidayListSchema, holidaySchema as holidayOut } from '../../../common/schemas/zones.js';
import { getContractStats } from './contracts.stats.js';


/** The Idempotency-Key header: 1–200 visible ASCII characters, or absent. */
function idempotencyKey(req: Request): string | undefined {
  const key = req.get('Idempotency-Key');
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw AppError.validation([{ path: 'Idempotency-Key', message: 'Idempotency-Key 应为 1–200 个可见 ASCII 字符' }]);
  return key;
}
const contractId = (req: Request) => idParam(req, 'id', '技术合同');

export function contractRoutes(db: Db) {
  const api = apiRouter('contracts');

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
      const { contract, created } = await service.createContract(db, actor, body, { idempotencyKey: idempotencyKey(req) });
      if (!created) res.status(200).json(contract);
      return contract;
    },
  );

  api.get('/api/contracts', { summary: '技术合同列表（当事方、登记员、本示范区管理员可见的范围）', access: 'user', query: listQuerySchema, response: contractListSchema }, ({ actor, query }) =>
    service.listContracts(db, actor, query),
  );

  api.get(
    '/api/stats/contracts',
    { summary: '技术合同统计看板：按月、年、类型、示范区、城市（来自汇总表）', access: ['zone_admin', 'admin', 'registrar'], query: statsQuerySchema, response: contractStatsSchema },
    ({ actor, query }) => getContractStats({ db }, actor, { year: query.year, zoneId: query.zone }),
  );

  api.get(
    '/api/contracts/ledger',
    { summary: '导出技术合同台账 XLSX（登记员：本登记机构；示范区管理员：本示范区；平台管理员：全部），筛选同列表', access: ['registrar', 'zone_admin', 'admin'], query: listQuerySchema, produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    async ({ res, actor, query }) => {
      const out = await ledgerXlsx(db, actor, query);
      res
        .status(200)
        .set({ 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Content-Disposition': contentDisposition(out.filename), 'Cache-Control': 'no-store' })
        .send(out.body);
      return undefined;
    },
  );

  api.get('/api/contracts/:id/certificate', { summary: '打印技术合同登记证明（PDF，已登记合同的当事方、登记员、管理员）', access: 'user', produces: 'application/pdf' }, async ({ req, res, actor }) => {
    const out = await certificatePdf(db, actor, contractId(req));
    res.status(200).set({ 'Content-Type': 'application/pdf', 'Content-Disposition': contentDisposition(out.filename), 'Cache-Control': 'no-store' }).send(out.body);
    return undefined;
  });

  api.get('/api/contracts/:id', { summary: '技术合同详情（含附件、变更记录、处理历史）', access: 'user', response: contractDetailSchema }, ({ req, actor }) => service.getContract(db, actor, contractId(req)));

  api.patch('/api/contracts/:id', { summary: '提交方修改合同（待登记或待补正时）', access: 'user', body: updateContractSchema, response: contractOutSchema }, ({ req, actor, body }) =>
    service.updateContract(db, actor, contractId(req), body),
  );

  api.post('/api/contracts/:id/resubmit', { summary: '补正后重新提交（重新计算 15 个工作日）', access: 'user', body: optionalNoteSchema, status: 200, response: contractOutSchema }, ({ req, actor, body }) =>
    service.resubmitContract(db, actor, contractId(req), body.note),
  );

  api.post(
    '/api/contracts/:id/withdraw',
    { summary: '提交方撤回尚未登记的合同（待登记或待补正时），留痕', access: 'user', body: withdrawSchema, status: 200, response: contractOutSchema },
    ({ req, actor, body }) => service.withdrawContract(db, actor, contractId(req), body.note),
  );

  api.post(
    '/api/contracts/:id/review',
    { summary: '登记员审查：register（登记并编号）、request_correction（要求补正）、refuse（不予登记）', access: 'user', body: reviewSchema, status: 200, response: contractOutSchema },
    ({ req, actor, body }) => service.reviewContract(db, actor, contractId(req), body),
  );

  api.post(
    '/api/contracts/:id/expert-review',
    { summary: '记录专家评审（成交额 500 万元及以上的合同登记前必需）', access: 'user', body: noteSchema('专家评审意见'), status: 200, response: contractOutSchema },
    ({ req, actor, body }) => service.recordExpertReview(db, actor, contractId(req), body.note),
  );

  api.post('/api/contracts/:id/amend', { summary: '变更已登记合同（登记机构），重新汇总指标', access: 'user', body: amendContractSchema, status: 200, response: contractOutSchema }, ({ req, actor, body }) =>
    service.amendContract(db, actor, contractId(req), body),
  );

  api.post('/api/contracts/:id/cancel', { summary: '撤销已登记合同（登记机构），从指标中扣除', access: 'user', body: noteSchema('撤销原因'), status: 200, response: contractOutSchema }, ({ req, actor, body }) =>
    service.cancelContract(db, actor, contractId(req), body.note),
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
  const stationId = (req: Request) => idParam(req, 'id', '登记机构');
  api.get('/api/registration-stations', { summary: '技术合同登记机构及其管辖地区、登记员（平台管理员、登记员）', access: ['admin', 'registrar'], response: z.object({ items: z.array(stationOut) }) }, ({ actor }) =>
    stations.listStations(db, actor),
  );
  api.post('/api/registration-stations', { summary: '新建登记机构（平台管理员）', access: ['admin'], body: stationSchema, response: stationOut }, ({ actor, body }) =>
    stations.createStation(db, actor, body),
  );
  api.patch('/api/registration-stations/:id', { summary: '修改登记机构名称、管辖地区（平台管理员）', access: ['admin'], body: stationSchema.partial(), response: stationOut }, ({ req, actor, body }) =>
    stations.updateStation(db, actor, stationId(req), body),
  );
  api.delete('/api/registration-stations/:id', { summary: '删除登记机构（无待处理合同时，平台管理员）', access: ['admin'] }, async ({ req, actor }) => {
    await stations.deleteStation(db, actor, stationId(req));
    return undefined;
  });
  api.put(
    '/api/registration-stations/:id/registrars',
    { summary: '指定登记机构的登记员（平台管理员）', access: ['admin'], body: z.strictObject({ userIds: z.array(z.uuid({ error: '用户编号无效' })).max(200) }), response: stationOut },
    ({ req, actor, body }) => stations.setStationRegistrars(db, actor, stationId(req), body.userIds),
  );

  const dateParam = (req: Request) => parse(z.strictObject({ date: z.iso.date({ error: '日期应为 YYYY-MM-DD' }) }), { date: req.params.date }).date;
  api.get(
    '/api/holidays',
    { summary: '节假日与调休上班日（工作日计算的依据）', access: 'public', query: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }), response: holidayListSchema },
    ({ query }) => service.listHolidays(db, query.year),
  );
  api.put('/api/holidays/:date', { summary: '新增或修改某日的放假/调休安排（平台管理员）', access: 'user', body: holidaySchema, response: holidayOut }, ({ req, actor, body }) =>
    service.putHoliday(db, actor, dateParam(req), body),
  );
  api.delete('/api/holidays/:date', { summary: '删除某日的放假/调休安排（平台管理员）', access: 'user' }, async ({ req, actor }) => {
    await service.removeHoliday(db, actor, dateParam(req));
    return undefined;
  });

  return api.router;
}
