import { achievementCreateSchema, achievementPatchSchema, demandCreateSchema, demandPatchSchema } from '../../../common/schemas/listings.js';
import type { Role } from '../../../common/roles.js';

export type Kind = 'achievement' | 'demand';

/** What differs between achievements and demands; everything else is one lifecycle. */
export const KINDS = {
  achievement: {
    kind: 'achievement' as const,
    path: 'achievements',
    noun: '成果',
    role: 'supplier' as Role,
    createSchema: achievementCreateSchema,
    patchSchema: achievementPatchSchema,
    modesField: 'transferModes' as const,
    /** Body fields stored as-is in same-named columns. */
    fields: ['title', 'titleEn', 'summary', 'summaryEn', 'detail', 'confidentialDetail', 'keywords', 'industry', 'technicalField', 'trl', 'transferModes', 'ipItems', 'price', 'cityCode', 'zoneId', 'source', 'registrationNo', 'contactName', 'contactPhone', 'contactEmail'] as const,
  },
  demand: {
    kind: 'demand' as const,
    path: 'demands',
    noun: '需求',
    role: 'enterprise' as Role,
    createSchema: demandCreateSchema,
    patchSchema: demandPatchSchema,
    modesField: 'cooperationModes' as const,
    fields: ['title', 'titleEn', 'problem', 'expectedOutcome', 'keywords', 'industry', 'trlMin', 'budgetMin', 'budgetMax', 'deadline', 'cooperationModes', 'cityCode', 'zoneId', 'contactName', 'contactPhone', 'contactEmail'] as const,
  },
};
export type KindConfig = (typeof KINDS)[Kind];
