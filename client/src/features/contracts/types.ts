/** Shapes of the contract endpoints (docs/contracts-api.md). Money is yuan as a number. */

export const CONTRACT_STATUSES = ['submitted', 'needs_correction', 'registered', 'refused', 'amended', 'cancelled'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const ENTITY_TYPES = ['university', 'institute', 'enterprise', 'individual', 'other'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export interface Party {
  organizationId: string | null;
  name: string;
  creditCode: string;
  regionCode: string;
  entityType: EntityType;
}

export interface Contract {
  id: string;
  name: string;
  type: string;
  subtype: string;
  seller: Party;
  buyer: Party;
  amount: number;
  techAmount: number;
  signedAt: string;
  validFrom: string;
  validTo: string;
  zoneId: string;
  cityCode: string | null;
  technicalField: string | null;
  paymentTerms: string | null;
  dealId: string | null;
  achievementId: string | null;
  demandId: string | null;
  brokerId: string | null;
  status: ContractStatus;
  registrationNumber: string | null;
  submittedAt: string;
  dueAt: string;
  overdue: boolean;
  expertReview: { required: boolean; reviewedAt: string | null; note: string | null };
  decisionNote: string | null;
  registeredAt: string | null;
  amendedAt: string | null;
  cancelledAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface FileRef {
  id: string;
  name: string;
  size: number;
  mime: string;
}

export interface Amendment {
  id: string;
  note: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  actorId: string;
  createdAt: string;
}

export type HistoryAction =
  | 'contract.submit'
  | 'contract.update'
  | 'contract.resubmit'
  | 'contract.expert_review'
  | 'contract.register'
  | 'contract.request_correction'
  | 'contract.refuse'
  | 'contract.amend'
  | 'contract.cancel';

export interface HistoryEntry {
  action: HistoryAction | string;
  actorId: string | null;
  note: string | null;
  at: string;
}

export interface ContractDetail extends Contract {
  attachments: FileRef[];
  amendments: Amendment[];
  history: HistoryEntry[];
}

export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** What the create / correct / amend endpoints take for a party. */
export type PartyInput = { organizationId: string } | { name: string; creditCode: string; regionCode: string; entityType: EntityType };

export interface ContractInput {
  name: string;
  type: string;
  subtype: string;
  seller: PartyInput;
  buyer: PartyInput;
  amount: number;
  techAmount: number;
  signedAt: string;
  validFrom: string;
  validTo: string;
  zoneId: string;
  technicalField?: string | null;
  paymentTerms?: string | null;
  achievementId?: string | null;
  demandId?: string | null;
  attachments: string[];
}

/** The roles that submit contracts (members of a party's organization, or brokers). */
export const PARTY_ROLES: readonly string[] = ['supplier', 'enterprise', 'broker'];

export type ReviewDecision = 'register' | 'request_correction' | 'refuse';
