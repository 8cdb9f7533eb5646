import type { IndicatorEntry } from '@common/indicators.js';

/** Shapes of the zone, indicator, target and subsidy endpoints (docs/contracts-api.md). */

export const ZONE_STATUSES = ['applying', 'approved', 'accepted', 'rectify', 'revoked'] as const;
export type ZoneStatus = (typeof ZONE_STATUSES)[number];
export const ZONE_LEVELS = ['national', 'autonomous_region'] as const;
export const ZONE_HOST_TYPES = ['high_tech_zone', 'agri_high_tech_zone', 'econ_dev_zone', 'other'] as const;

/** Allowed moves of the zone lifecycle (the server answers 409 to anything else). */
export const ZONE_TRANSITIONS: Record<ZoneStatus, ZoneStatus[]> = {
  applying: ['approved', 'revoked'],
  approved: ['accepted', 'rectify', 'revoked'],
  rectify: ['accepted', 'revoked'],
  accepted: ['rectify', 'revoked'],
  revoked: [],
};

export interface ZoneItem {
  id: string;
  slug: string;
  name: string;
  cityCode: string;
  level: string;
  hostType: string;
  status: ZoneStatus;
  approvedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ZoneDetail extends ZoneItem {
  statusHistory: { status: ZoneStatus; effectiveOn: string; note: string | null; actorId: string | null; recordedAt: string }[];
}

export interface Sum {
  count: number;
  amount: number;
  techAmount: number;
}

export interface ContractStats {
  year: number;
  zoneId: string | null;
  totals: Sum;
  byMonth: (Sum & { month: number })[];
  byYear: (Sum & { year: number })[];
  byType: (Sum & { type: string; name: string })[];
  byZone: (Sum & { zoneId: string; name: string; cityCode: string })[];
  byCity: (Sum & { cityCode: string; name: string })[];
}

export interface TargetsResponse {
  year: number;
  rule: { contractTypes: string[]; minTechAmount: number; city: string };
  items: { cityCode: string; name: string; target: number | null; achieved: number; progress: number | null }[];
  total: { target: number | null; achieved: number; progress: number | null };
  years: number[];
}

/** The API's indicator entry, shared with the server. */
export type Indicator = IndicatorEntry;

export interface IndicatorsResponse {
  zone: ZoneItem;
  year: number;
  published: boolean;
  publishedAt: string | null;
  indicators: Indicator[];
}

export const TEXT_UNITS = new Set(['text', 'zone-defined']);
export const isTextUnit = (unit: string) => TEXT_UNITS.has(unit);

export interface SubsidyRule {
  code: string;
  name: string;
  beneficiaryType: 'registrar' | 'intermediary' | 'enterprise';
  base: 'amount' | 'techAmount';
  rate: number;
  cap: number | null;
  regionCode: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  source: string | null;
  updatedAt?: string;
}

export interface SubsidyEstimate {
  year: number;
  scope: { zoneId: string | null; cityCode: string | null };
  rules: SubsidyRule[];
  items: {
    beneficiaryType: SubsidyRule['beneficiaryType'];
    beneficiary: { id: string | null; name: string; creditCode: string | null; regionCode: string | null };
    ruleCode: string;
    ruleName: string;
    base: SubsidyRule['base'];
    rate: number;
    cap: number | null;
    contracts: number;
    baseAmount: number;
    estimate: number;
  }[];
  totals: { registrar: number; intermediary: number; enterprise: number; total: number };
  byZone: { zoneId: string; name: string; estimate: number }[];
  byCity: { cityCode: string; name: string; estimate: number }[];
  byBroker: { brokerId: string; name: string; organizationId: string | null; organizationName: string | null; ruleCode: string; contracts: number; baseAmount: number; estimate: number }[];
}

export interface Holiday {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
  provisional: boolean;
}
