export { indicatorRoutes } from './indicators.routes.js';
export { getIndicators, putIndicatorValue, publishReport, addCustomIndicator, registerIndicatorSource, indicatorDefs, currentYear, type IndicatorEntry } from './indicators.service.js';
export { listZones, getZone, createZone, updateZone, changeZoneStatus, deleteZone, ZONE_STATUSES, ZONE_STATUS_NAMES } from './zones.service.js';
export { getTargets, putTargets } from './targets.service.js';
export { estimateSubsidies, listRules, regionCovers } from './subsidies.service.js';
export { reportXlsx, reportPdf } from './reports.service.js';
export { ensureReferenceData } from './reference.js';
