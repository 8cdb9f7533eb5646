/** Shapes of the zone, indicator, target and subsidy endpoints: inferred from the schemas the server declares. */
import type { ContractStats, Holiday, IndicatorEntry, IndicatorsResponse as Indicators, SubsidyEstimate, SubsidyRule, TargetsResponse, Zone, ZoneDetail as Detail, ZoneStatus } from '@common/schemas/zones.js';

export { ZONE_STATUSES, ZONE_LEVELS, ZONE_HOST_TYPES, ZONE_TRANSITIONS } from '@common/schemas/zones.js';
export type { ContractStats, Holiday, SubsidyEstimate, SubsidyRule, TargetsResponse, ZoneStatus };
export type ZoneItem = Zone;
export type ZoneDetail = Detail;
export type Sum = ContractStats['totals'];
/** The API's indicator entry, shared with the server. */
export type Indicator = IndicatorEntry;
export type IndicatorsResponse = Indicators;

export const TEXT_UNITS = new Set(['text', 'zone-defined']);
export const isTextUnit = (unit: string) => TEXT_UNITS.has(unit);
