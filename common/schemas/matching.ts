/**
 * Matching (供需匹配): answers of the broker and feedback endpoints, shared by the server (OpenAPI, response
 * checks in tests) and the client (types).
 */
import { z } from 'zod';

export const matchReasonSchema = z.object({ factor: z.string(), weight: z.number(), value: z.number(), detail: z.string() });

export const matchFeedbackSchema = z
  .object({
    id: z.string(),
    demandId: z.string(),
    achievementId: z.string(),
    side: z.enum(['demand', 'achievement', 'broker']),
    verdict: z.enum(['relevant', 'not_relevant']),
    reason: z.string(),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'MatchFeedback' });
export type MatchFeedback = z.infer<typeof matchFeedbackSchema>;

/** A broker's service area: industries and cities; empty means everything. */
export const brokerProfileSchema = z.object({ industries: z.array(z.string()), cityCodes: z.array(z.string()) }).meta({ id: 'BrokerProfile' });
export type BrokerProfile = z.infer<typeof brokerProfileSchema>;

const opportunitySide = z.object({ id: z.string(), title: z.string(), industry: z.string(), cityCode: z.string(), ownerOrgId: z.string(), ownerName: z.string().nullable() });
export const opportunitySchema = z
  .object({
    demand: opportunitySide,
    achievement: opportunitySide,
    score: z.number(),
    reasons: z.array(matchReasonSchema),
    matchedTerms: z.array(z.string()),
    computedAt: z.string(),
  })
  .meta({ id: 'Opportunity' });
export type Opportunity = z.infer<typeof opportunitySchema>;
export const opportunitiesSchema = z.object({
  items: z.array(opportunitySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  profile: brokerProfileSchema,
});
export type Opportunities = z.infer<typeof opportunitiesSchema>;
