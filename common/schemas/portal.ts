/** `GET /api/portal`: the front page in one answer (server response schema, client types). */
import { z } from 'zod';
import { newsSummarySchema } from './news.js';

export const listingCardSchema = z.object({
  id: z.string(),
  title: z.string(),
  titleEn: z.string().nullable(),
  industry: z.string(),
  cityCode: z.string(),
  trl: z.number().nullable(),
  price: z.number().nullable(),
  budgetMin: z.number().nullable(),
  budgetMax: z.number().nullable(),
  organizationName: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export const roadshowCardSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['scheduled', 'live']),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  zoneName: z.string().nullable(),
});
export const portalOverviewSchema = z
  .object({
    figures: z.object({
      achievements: z.number(),
      demands: z.number(),
      contracts: z.object({ year: z.number(), count: z.number(), amount: z.number().meta({ description: 'yuan' }) }),
      roadshowsHeld: z.number(),
      computedAt: z.string(),
    }),
    achievements: z.array(listingCardSchema),
    demands: z.array(listingCardSchema),
    roadshows: z.object({ live: z.array(roadshowCardSchema), upcoming: z.array(roadshowCardSchema) }),
    notices: z.array(newsSummarySchema),
    policies: z.array(newsSummarySchema),
    lectures: z.array(newsSummarySchema),
  })
  .meta({ id: 'PortalOverview' });
export type ListingCard = z.infer<typeof listingCardSchema>;
export type RoadshowCard = z.infer<typeof roadshowCardSchema>;
export type PortalOverview = z.infer<typeof portalOverviewSchema>;
