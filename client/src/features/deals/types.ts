import type { DealStage } from '@common/schemas/deals.js';

export type DealSide = 'supply' | 'demand' | 'broker';

export interface Participant {
  organizationId: string;
  organizationName: string;
  side: DealSide;
  accepted: boolean;
  status: 'invited' | 'accepted' | 'declined';
  userId: string | null;
}

export interface Offer {
  id: string;
  purpose: 'price' | 'commission';
  seq: number;
  fromSide: DealSide;
  amount: number | null;
  amountText: string | null;
  commissionRate: string | null;
  payerSide: 'supply' | 'demand' | null;
  modes: string[];
  terms: { dueDate: string; amount: number; note?: string }[];
  note: string | null;
  validUntil: string;
  status: 'live' | 'accepted' | 'rejected' | 'withdrawn' | 'superseded' | 'expired';
}

export interface Deal {
  id: string;
  stage: DealStage;
  title: string;
  origin: { kind: string; id: string | null };
  achievementId: string | null;
  demandId: string | null;
  achievement: { id: string; title: string; status: string } | null;
  demand: { id: string; title: string; status: string } | null;
  participants: Participant[];
  brokerId: string | null;
  brokerName: string | null;
  mySide: DealSide | null;
  myStatus: Participant['status'] | null;
  undertakingAcceptedAt: string | null;
  lastSeq: number;
  lastReadSeq: number;
  unread: number;
  lostReason: string | null;
  lostNote: string | null;
  agreedAmount: number | null;
  contractId: string | null;
  confirmations: { supply: string | null; demand: string | null };
  followUpAt: string | null;
  zoneId: string | null;
  stageChangedAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface DealDetail extends Deal {
  offers: Offer[];
  timeline: { action: string; actorName: string | null; reason: string | null; data: Record<string, unknown>; at: string }[];
  ratings: { raterOrgId: string; ratedOrgId: string; score: number; tags: string[]; comment: string | null; createdAt: string }[];
}

export interface Commission {
  id: string;
  dealId: string;
  dealTitle: string | null;
  contractId: string;
  brokerId: string;
  brokerName: string | null;
  payerOrgId: string;
  payerName: string | null;
  basis: 'rate' | 'fixed';
  rate: string | null;
  amount: number;
  amountText: string;
  status: 'due' | 'invoiced' | 'paid' | 'cancelled';
  payerConfirmedAt: string | null;
}
