/** Organizations (单位): the answers of the organization endpoints, shared by the server (OpenAPI, response checks in tests) and the client (types). */
import { z } from 'zod';
import { ORG_TYPES } from '../roles.js';

export const organizationSchema = z
  .object({ id: z.string(), name: z.string(), type: z.enum(ORG_TYPES), regionCode: z.string(), zoneId: z.string().nullable(), verified: z.boolean() })
  .meta({ id: 'Organization' });

export const ORGANIZATION_STATUSES = ['active', 'disabled', 'merged'] as const;
export const adminOrganizationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.enum(ORG_TYPES),
    creditCode: z.string(),
    regionCode: z.string(),
    zoneId: z.string().nullable(),
    parentOrgId: z.string().nullable(),
    agencyRating: z.string().nullable(),
    agencyRatingYear: z.number().nullable(),
    agencyRatingBody: z.string().nullable(),
    verified: z.boolean(),
    status: z.enum(ORGANIZATION_STATUSES).describe('active; disabled (members cannot act for it); merged into `mergedInto`'),
    statusReason: z.string().nullable(),
    statusChangedAt: z.string().nullable(),
    mergedInto: z.string().nullable(),
    memberCount: z.number(),
    createdAt: z.string(),
  })
  .meta({ id: 'AdminOrganization' });
export type Organization = z.infer<typeof organizationSchema>;
/** A row of `GET /api/admin/organizations`. */
export type AdminOrganization = z.infer<typeof adminOrganizationSchema>;
