import { registerFileVisibility } from '../files/index.js';
import { canSeeContract } from './contracts.service.js';

// Contract scans are downloadable by whoever may see the contract.
registerFileVisibility('contract', canSeeContract);

export { contractRoutes } from './contracts.routes.js';
export { onContractEvent, type ContractHook, type ContractEventType } from './contracts.hooks.js';
export {
  createContract,
  getContract,
  listContracts,
  updateContract,
  resubmitContract,
  recordExpertReview,
  reviewContract,
  amendContract,
  cancelContract,
  presentContract,
  getCalendar,
  EXPERT_REVIEW_MIN_CENTS,
  type PresentedContract,
} from './contracts.service.js';
export { contractStats, zoneYearTurnover, cityTransferCounts, presentSum } from './contracts.stats.js';
export { beneficiaryBases, registeredOfZoneYear, type ContractRow } from './contracts.repository.js';
export { rollupDifferences, rebuildRollups, TRANSFER_TYPES, TARGET_MIN_TECH_AMOUNT, type RollupDifference } from './rollups.repository.js';
export { toCents, centsToString, centsToYuan, applyRate, centsToYi } from './money.js';
export { addWorkingDays, reviewDueAt, isWorkingDay, beijingDate, type Calendar } from './calendar.js';
export { CONTRACT_STATUSES, CONTRACT_STATUS_NAMES, ENTITY_TYPES, ENTITY_TYPE_NAMES, COUNTED_STATUSES } from '../../../common/schemas/contracts.js';
export { reassignContractsOrganization } from './merge.repository.js';
