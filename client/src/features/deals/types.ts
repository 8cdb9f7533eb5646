/** The deals answers, inferred from the schemas the server declares (common/schemas/deals.ts). */
export type { Commission, CommissionLedger, Deal, DealDetail, DealSide, Offer, Participant } from '@common/schemas/deals.js';
