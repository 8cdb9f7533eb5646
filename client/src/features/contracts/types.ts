import type { z } from 'zod';
import type { contractDetailSchema, contractOutSchema, createContractSchema, EntityType, partyOutSchema } from '@common/schemas/contracts.js';

/** Shapes of the contract endpoints, inferred from the schemas the server declares (common/schemas/contracts.ts). Money is yuan as a number. */

export { CONTRACT_STATUSES, ENTITY_TYPES } from '@common/schemas/contracts.js';
export type { ContractStatus, EntityType } from '@common/schemas/contracts.js';
/** Entity types of an organization inside China (credit code + region code). */
export const DOMESTIC_ENTITY_TYPES: readonly EntityType[] = ['university', 'institute', 'enterprise', 'other'];

export type Party = z.infer<typeof partyOutSchema>;
export type Contract = z.infer<typeof contractOutSchema>;
export type ContractDetail = z.infer<typeof contractDetailSchema>;
export type FileRef = ContractDetail['attachments'][number];
export type Amendment = ContractDetail['amendments'][number];
export type HistoryEntry = ContractDetail['history'][number];

export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** What the create endpoint takes (correct and amend take parts of it). */
export type ContractInput = z.input<typeof createContractSchema>;
export type PartyInput = ContractInput['seller'];

export type ReviewDecision = 'register' | 'request_correction' | 'refuse';
