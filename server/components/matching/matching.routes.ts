import { z } from 'zod';
import { keywordSuggestSchema } from '../../../common/schemas/listings.js';
import { brokerProfileSchema, matchFeedbackSchema, matchReasonSchema, opportunitiesSchema } from '../../../common/schemas/matching.js';
import { extractTerms } from './matching.terms.js';
import { apiRouter, idParams } from '../../lib/http.js';
import { pagination } from '../../lib/validate.js';
import { FEEDBACK_REASONS, brokerOpportunities, explainPair, giveFeedback, matchesFor, saveBrokerProfile, type MatchingDeps } from './matching.service.js';

const reasonSchema = matchReasonSchema;
const matchesResponse = z
  .object({
    source: z.enum(['live', 'stored']),
    items: z.array(z.object({ score: z.number(), reasons: z.array(reasonSchema), matchedTerms: z.array(z.string()), achievement: z.record(z.string(), z.unknown()).optional(), demand: z.record(z.string(), z.unknown()).optional() })),
  })
  .meta({ id: 'Matches' });
const limitQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(50, 'limit 最大为 50').default(10) });

export const feedbackSchema = z
  .strictObject({
    demandId: z.string().uuid('需求编号无效'),
    achievementId: z.string().uuid('成果编号无效'),
    verdict: z.enum(['relevant', 'not_relevant'], { error: '请选择相关或不相关' }),
    reason: z.enum(Object.keys(FEEDBACK_REASONS) as [keyof typeof FEEDBACK_REASONS, ...(keyof typeof FEEDBACK_REASONS)[]], { error: '请选择原因：不相关领域、成熟度不够、价格不合适、已有方案或其他' }),
    note: z.string().trim().max(500, '说明最多 500 个字').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.reason === 'other' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '选择“其他”时请写明原因' });
  });

export function matchingRoutes(deps: MatchingDeps) {
  const api = apiRouter('matching');
  const description = '分数在 [0,1]，reasons 的 weight × value 之和等于 score；只含已发布的对方信息，不含本单位信息；本单位标记为不相关的配对不再出现。';
  api.get('/api/demands/:id/matches', { summary: '需求的匹配成果（需求方、技术经纪人、审核员）', description, params: idParams('需求'), access: 'user', query: limitQuery, response: matchesResponse }, ({ params, actor, query }) =>
    matchesFor(deps, actor, 'demand', params.id, query.limit),
  );
  api.get('/api/achievements/:id/matches', { summary: '成果的匹配需求（成果方、技术经纪人、审核员）', description, params: idParams('成果'), access: 'user', query: limitQuery, response: matchesResponse }, ({ params, actor, query }) =>
    matchesFor(deps, actor, 'achievement', params.id, query.limit),
  );
  api.post('/api/matches/feedback', { summary: '对匹配的反馈（双方或技术经纪人）；不相关的配对对本单位隐藏，并通知对方', access: 'user', body: feedbackSchema, response: matchFeedbackSchema }, ({ actor, body }) =>
    giveFeedback(deps, actor, body),
  );
  api.get(
    '/api/matches/explain',
    {
      summary: '任意需求 × 成果配对的评分明细（含未匹配的原因），技术经纪人、审核员、管理员',
      access: ['broker', 'reviewer', 'admin'],
      query: z.strictObject({ demandId: z.string().uuid('需求编号无效'), achievementId: z.string().uuid('成果编号无效') }),
      response: z
        .object({
          demand: z.object({ id: z.string(), title: z.string() }),
          achievement: z.object({ id: z.string(), title: z.string() }),
          score: z.number(),
          reasons: z.array(reasonSchema),
          matchedTerms: z.array(z.string()),
          terms: z.array(z.object({ term: z.string(), weight: z.number() })),
          /** The demand's terms expanded through associations learned from the corpus (weight < the source term's). */
          expansions: z.array(z.object({ term: z.string(), from: z.string(), strength: z.number(), weight: z.number() })),
          rank: z.number().nullable(),
          threshold: z.number(),
          why: z.array(z.string()),
        })
        .meta({ id: 'PairExplanation' }),
    },
    ({ actor, query }) => explainPair(deps, actor, query.demandId, query.achievementId),
  );
  api.post(
    '/api/keywords/suggest',
    {
      summary: '推荐关键词：从名称与描述中提取匹配时最有分量的词（填写表单时点击添加）',
      access: 'user',
      status: 200,
      body: keywordSuggestSchema,
      response: z.object({ keywords: z.array(z.string()) }).meta({ id: 'KeywordSuggestions' }),
    },
    ({ body }) => {
      // The same terms the matcher reads from a listing without keywords, less those already chosen.
      const chosen = new Set(body.keywords.map((k) => k.toLowerCase()));
      const terms = extractTerms({ keywords: [], title: body.title, body: body.text }, 16);
      return { keywords: terms.filter((t) => !chosen.has(t.term) && t.term.length <= 20).map((t) => t.label ?? t.term).slice(0, 8) };
    },
  );
  api.get('/api/brokers/me/opportunities', { summary: '技术经纪人的商机：服务领域内尚未处理的最佳匹配', access: ['broker'], query: z.strictObject(pagination), response: opportunitiesSchema }, ({ actor, query }) =>
    brokerOpportunities(deps, actor, query.page, query.pageSize),
  );
  api.put(
    '/api/brokers/me/profile',
    {
      summary: '技术经纪人的服务领域（产业、城市；为空表示全部）',
      access: ['broker'],
      body: z.strictObject({ industries: z.array(z.string()).max(50).default([]), cityCodes: z.array(z.string()).max(15).default([]) }),
      response: brokerProfileSchema,
    },
    ({ actor, body }) => saveBrokerProfile(deps, actor, body.industries, body.cityCodes),
  );
  return api.router;
}
