import { z } from 'zod';
import {
  COMMISSION_STATUSES,
  COMPLAINT_STATUSES,
  DEAL_STAGES,
  brokerListSchema,
  brokerSchema,
  commissionLedgerSchema,
  commissionSchema,
  complaintListSchema,
  complaintSchema,
  contractDraftSchema,
  createDealSchema,
  creditEventListSchema,
  creditEventSchema,
  dealDetailSchema,
  dealListSchema,
  dealSchema,
  funnelSchema,
  givenRatingSchema,
  negotiationMessageSchema,
  organizationCreditSchema,
  pipelineSchema,
  declineSchema,
  inviteBrokerSchema,
  patchDealSchema,
  ratingSchema,
  readSchema,
  sendMessageSchema,
} from '../../../common/schemas/deals.js';
import { apiRouter, idParams } from '../../lib/http.js';
import { pagination } from '../../lib/validate.js';
import { getBroker, listBrokers } from './brokers.js';
import { listCommissions, moveCommission } from './commission.js';
import { zoneFunnel } from './funnel.js';
import { fileComplaint, liftCreditEvent, listComplaints, listCreditEvents, organizationCredit, recordCreditEvent, resolveComplaint } from './credit.js';
import * as service from './deals.service.js';

export function dealRoutes(deps: service.DealsDeps) {
  const api = apiRouter('deals');
  const deal = idParams('洽谈');
  const commission = idParams('佣金记录');
  const org = idParams('单位');
  api.post(
    '/api/deals',
    {
      summary: '发起洽谈（我有意向 / 发起洽谈 / 发起撮合）；同一成果与需求方单位已有进行中的洽谈时返回 200 和该洽谈',
      access: 'user',
      body: createDealSchema,
      response: dealSchema,
    },
    async ({ actor, body, res }) => {
      const { deal, created } = await service.createDeal(deps, actor, body);
      if (!created) res.status(200).json(deal);
      return created ? deal : undefined;
    },
  );
  api.get(
    '/api/deals',
    {
      summary: '我的交易：本单位（或本人作为经纪人）参与的洽谈',
      access: 'user',
      query: z.strictObject({ stage: z.enum(DEAL_STAGES).optional(), role: z.enum(['supply', 'demand', 'broker']).optional(), overdue: z.enum(['true', 'false']).optional(), ...pagination }),
      response: dealListSchema,
    },
    ({ actor, query }) => service.listDeals(deps, actor, query),
  );
  api.get('/api/deals/:id', { summary: '洽谈详情（参与方可见，含报价、时间线、评价）', params: deal, access: 'user', response: dealDetailSchema }, ({ params, actor }) =>
    service.getDeal(deps, actor, params),
  );
  api.post('/api/deals/:id/accept', { summary: '接受洽谈邀请（双方均接受后 lead → contacted）', params: deal, access: 'user', status: 200, response: dealSchema }, ({ params, actor }) =>
    service.acceptDeal(deps, actor, params),
  );
  api.post('/api/deals/:id/decline', { summary: '谢绝洽谈邀请（成果方或需求方谢绝则洽谈终止）', params: deal, access: 'user', status: 200, body: declineSchema, response: dealSchema }, ({ params, actor, body }) =>
    service.declineDeal(deps, actor, { id: params.id, reason: body.reason }),
  );
  api.patch(
    '/api/deals/:id',
    { summary: '人工推进阶段：negotiating、lost（须给出原因）、closed（双方各自确认完成）', params: deal, access: 'user', body: patchDealSchema, response: dealSchema },
    ({ params, actor, body }) => service.patchDeal(deps, actor, { id: params.id, ...body }),
  );
  api.post('/api/deals/:id/broker', { summary: '邀请技术经纪人参与洽谈', params: deal, access: 'user', status: 200, body: inviteBrokerSchema, response: dealSchema }, ({ params, actor, body }) =>
    service.inviteBroker(deps, actor, { id: params.id, brokerId: body.brokerId }),
  );
  api.post('/api/deals/:id/undertaking', { summary: '签署保密承诺（签署后可查看对方的联系方式、附件和保密信息）', params: deal, access: 'user', status: 200, response: dealSchema }, ({ params, actor }) =>
    service.acceptUndertaking(deps, actor, params),
  );
  api.post(
    '/api/deals/:id/follow-up',
    { summary: '设置下次跟进时间（交易看板的逾期提醒）', params: deal, access: 'user', status: 200, body: z.strictObject({ followUpAt: z.iso.datetime({ offset: true, error: '跟进时间应为带时区的时间' }).nullable() }), response: dealSchema },
    ({ params, actor, body }) => service.setFollowUp(deps, actor, { id: params.id, followUpAt: body.followUpAt }),
  );
  api.get(
    '/api/deals/:id/messages',
    {
      summary: '洽谈消息历史（按 seq 升序，afterSeq 之后）',
      params: deal, access: 'user',
      query: z.strictObject({ afterSeq: z.coerce.number({ error: 'afterSeq 应为整数' }).int().min(0).default(0), limit: z.coerce.number().int().min(1).max(500).default(200) }),
      response: z.object({ items: z.array(negotiationMessageSchema), lastSeq: z.number() }),
    },
    ({ params, actor, query }) => service.listMessages(deps, actor, { id: params.id, ...query }),
  );
  api.post(
    '/api/deals/:id/messages',
    {
      summary: '发送洽谈消息或报价操作（与 /negotiation 的 message:send 相同；同一 clientMsgId 只存一次）',
      params: deal, access: 'user',
      body: sendMessageSchema,
      response: z.object({ message: negotiationMessageSchema, duplicate: z.boolean() }),
    },
    async ({ params, actor, body, res }) => {
      const result = await service.sendMessage(deps, actor, { id: params.id, ...body });
      if (result.duplicate) res.status(200).json(result);
      return result.duplicate ? undefined : result;
    },
  );
  api.post('/api/deals/:id/read', { summary: '已读标记（未读数按参与人计算）', params: deal, access: 'user', status: 200, body: readSchema, response: z.object({ lastReadSeq: z.number(), unread: z.number() }) }, ({ params, actor, body }) =>
    service.markRead(deps, actor, { id: params.id, seq: body.seq }),
  );
  api.get(
    '/api/deals/:id/contract-draft',
    { summary: '合同草稿：按接受的报价预填，补全后提交 POST /api/contracts', params: deal, access: 'user', response: contractDraftSchema },
    ({ params, actor }) => service.contractDraft(deps, actor, params),
  );
  api.post(
    '/api/deals/:id/ratings',
    { summary: '评价交易参与方（完成后，或进入洽谈后终止的；每方对每方一次）', params: deal, access: 'user', body: ratingSchema, response: givenRatingSchema },
    ({ params, actor, body }) => service.rateDeal(deps, actor, { id: params.id, ...body }),
  );

  api.get(
    '/api/commissions',
    {
      summary: '佣金台账（经纪人看本人的，支付方看本单位的，管理员看全部）；totals 为各状态的精确合计',
      access: 'user',
      query: z.strictObject({ brokerId: z.uuid({ error: 'brokerId 无效' }).optional(), status: z.enum(COMMISSION_STATUSES).optional(), ...pagination }),
      response: commissionLedgerSchema,
    },
    ({ actor, query }) => listCommissions(deps, actor, query),
  );
  api.post(
    '/api/commissions/:id/invoice',
    { summary: '经纪人登记开票（due → invoiced）', params: commission, access: 'user', status: 200, body: z.strictObject({ invoiceNo: z.string().trim().max(50).optional() }), response: commissionSchema },
    ({ params, actor, body }) => moveCommission(deps, actor, { id: params.id, action: 'invoice', invoiceNo: body.invoiceNo }),
  );
  api.post('/api/commissions/:id/paid', { summary: '经纪人登记收款（invoiced → paid）', params: commission, access: 'user', status: 200, response: commissionSchema }, ({ params, actor }) =>
    moveCommission(deps, actor, { id: params.id, action: 'paid' }),
  );
  api.post('/api/commissions/:id/confirm', { summary: '支付方确认已付款', params: commission, access: 'user', status: 200, response: commissionSchema }, ({ params, actor }) =>
    moveCommission(deps, actor, { id: params.id, action: 'confirm' }),
  );

  api.get(
    '/api/brokers/me/pipeline',
    {
      summary: '经纪人业务漏斗：各阶段洽谈数与已达成金额、逾期跟进数',
      access: ['broker'],
      response: pipelineSchema,
    },
    ({ actor }) => service.pipeline(deps, actor),
  );
  api.get(
    '/api/brokers',
    {
      summary: '技术经纪人名录（服务领域、资质、成交记录、评分）',
      access: 'public',
      query: z.strictObject({ q: z.string().trim().max(50).optional(), industry: z.string().max(40).optional(), city: z.string().regex(/^\d{6}$/, 'city 应为 6 位城市代码').optional(), ...pagination }),
      response: brokerListSchema,
    },
    ({ actor, query }) => listBrokers(deps, actor, query),
  );
  api.get(
    '/api/zones/:id/funnel',
    {
      summary: '示范区转化漏斗：发布的成果与需求 → 匹配 → 发起洽谈 → 进入洽谈 → 达成一致 → 登记合同（数量与金额），按年度（北京时间）',
      params: idParams('示范区'), access: 'public',
      query: z.strictObject({ year: z.coerce.number({ error: 'year 应为年份' }).int().min(2000, 'year 应为年份').max(2100, 'year 应为年份') }),
      response: funnelSchema,
    },
    ({ actor, params, query }) => zoneFunnel(deps, actor, { zoneId: params.id, year: query.year }),
  );
  const reasonText = (label: string) => z.string({ error: `请填写${label}` }).trim().min(2, `${label}至少 2 个字`).max(2000, `${label}最多 2000 个字`);
  api.post(
    '/api/complaints',
    {
      summary: '投诉（附证据文件），由平台工作人员处理',
      access: 'user',
      body: z.strictObject({ organizationId: z.uuid({ error: '被投诉单位无效' }), dealId: z.uuid({ error: '关联洽谈无效' }).optional(), reason: reasonText('投诉事由'), evidence: z.array(z.uuid({ error: '证据文件无效' })).max(10, '证据最多 10 个').default([]) }),
      response: complaintSchema,
    },
    ({ actor, body }) => fileComplaint(deps, actor, body),
  );
  api.get(
    '/api/complaints',
    {
      summary: '投诉列表（工作人员：全部，可按状态、被投诉单位、洽谈筛选；其他用户：本单位提出的）',
      access: 'user',
      query: z.strictObject({
        status: z.enum(COMPLAINT_STATUSES, { error: 'status 应为 open、upheld 或 dismissed' }).optional(),
        organizationId: z.uuid({ error: '被投诉单位无效' }).optional(),
        dealId: z.uuid({ error: '关联洽谈无效' }).optional(),
        ...pagination,
      }),
      response: complaintListSchema,
    },
    ({ actor, query }) => listComplaints(deps, actor, query),
  );
  api.post(
    '/api/complaints/:id/resolve',
    { summary: '处理投诉：不予支持，或作出警示 / 列入失信', params: idParams('投诉'), access: ['reviewer', 'admin'], status: 200, response: complaintSchema, body: z.strictObject({ decision: z.enum(['dismiss', 'warning', 'dishonest'], { error: '处理结论应为 dismiss、warning 或 dishonest' }), note: reasonText('处理意见') }) },
    ({ params, actor, body }) => resolveComplaint(deps, actor, { id: params.id, ...body }),
  );
  api.get(
    '/api/credit-events',
    {
      summary: '诚信记录台账（工作人员）：按类型、是否生效、单位筛选，分页',
      access: ['reviewer', 'admin'],
      query: z.strictObject({
        kind: z.enum(['warning', 'dishonest'], { error: '类型应为 warning 或 dishonest' }).optional(),
        active: z.enum(['true', 'false'], { error: 'active 应为 true 或 false' }).optional(),
        organizationId: z.uuid({ error: '单位无效' }).optional(),
        ...pagination,
      }),
      response: creditEventListSchema,
    },
    ({ actor, query }) => listCreditEvents(deps, actor, query),
  );
  api.get(
    '/api/organizations/:id/credit',
    {
      summary: '单位诚信：收到的评价、完成的交易、警示与失信记录',
      params: org, access: 'public',
      response: organizationCreditSchema,
    },
    ({ actor, params }) => organizationCredit(deps, actor, { orgId: params.id }),
  );
  api.post(
    '/api/organizations/:id/credit-events',
    { summary: '记录诚信事件：警示（warning）或失信（dishonest，解除前其成果与需求不进入大厅和匹配）', params: org, access: ['reviewer', 'admin'], response: creditEventSchema, body: z.strictObject({ kind: z.enum(['warning', 'dishonest'], { error: '类型应为 warning 或 dishonest' }), reason: reasonText('事由') }) },
    ({ params, actor, body }) => recordCreditEvent(deps, actor, { orgId: params.id, ...body }),
  );
  api.post(
    '/api/credit-events/:id/lift',
    { summary: '解除诚信事件', params: idParams('诚信记录'), access: ['reviewer', 'admin'], status: 200, response: creditEventSchema, body: z.strictObject({ reason: reasonText('解除理由') }) },
    ({ params, actor, body }) => liftCreditEvent(deps, actor, { id: params.id, reason: body.reason }),
  );
  api.get('/api/brokers/:id', { summary: '技术经纪人主页', params: idParams('技术经纪人'), access: 'public', response: brokerSchema }, ({ actor, params }) => getBroker(deps, actor, params));
  return api.router;
}
