/** Shapes of the contract endpoints (docs/contracts-api.md). Money is yuan as a number. */

export const CONTRACT_STATUSES = ['submitted', 'needs_correction', 'registered', 'refused', 'amended', 'cancelled', 'withdrawn'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const ENTITY_TYPES = ['university', 'institute', 'enterprise', 'individual', 'foreign', 'other'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];
/** Entity types of an organization inside China (credit code + region code). */
export const DOMESTIC_ENTITY_TYPES: readonly EntityType[] = ['university', 'institute', 'enterprise', 'other'];

export interface Party {
  organizationId: string | null;
  name: string;
  creditCode: string | null;
  regionCode: string | null;
  entityType: EntityType;
  countryCode: string | null;
  registrationNumber: string | null;
  /** Masked except for registrars and admins. */
  idNumber: string | null;
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
  zoneId: string | null;
  cityCode: string | null;
  crossBorder: 'export' | 'import' | null;
  stationId: string | null;
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
  withdrawnAt: string | null;
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
  | 'contract.cancel'
  | 'contract.withdraw';

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
export type PartyInput =
  | { organizationId: string }
  | { name: string; creditCode: string; regionCode: string; entityType: EntityType }
  | { name: string; countryCode: string; registrationNumber?: string; entityType: 'foreign' }
  | { name: string; idNumber: string; regionCode?: string; entityType: 'individual' };

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
  zoneId: string | null;
  technicalField?: string | null;
  paymentTerms?: string | null;
  achievementId?: string | null;
  demandId?: string | null;
  attachments: string[];
  confirmDuplicate?: boolean;
}

/** The roles that submit contracts (members of a party's organization, or brokers). */
export const PARTY_ROLES: readonly string[] = ['supplier', 'enterprise', 'broker'];

export type ReviewDecision = 'register' | 'request_correction' | 'refuse';
