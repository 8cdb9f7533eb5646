import { registerFileVisibility } from '../files/index.js';
import { canSeeContract } from './contracts.queries.js';

// Contract scans are downloadable by whoever may see the contract.
registerFileVisibility('contract', canSeeContract);

export { contractRoutes } from './contracts.routes.js';
export { onContractEvent, type ContractHook, type ContractEventType } from './contracts.hooks.js';
export { createContract, updateContract, resubmitContract, withdrawContract, recordExpertReview, reviewContract, amendContract, cancelContract } from './contracts.commands.js';
export { getContract, listContracts } from './contracts.queries.js';
export { presentContract, type PresentedContract } from './contracts.presenter.js';
export { EXPERT_REVIEW_MIN_CENTS } from './contracts.validation.js';
export { getCalendar } from './holidays.service.js';
export type { ContractsDeps } from './contracts.deps.js';
export { contractStats, zoneYearTurnover, cityTransferCounts, presentSum } from './contracts.stats.js';
export { beneficiaryBases, registeredOfZoneYear, type ContractRow } from './contracts.repository.js';
export { rollupDifferences, rebuildRollups, TRANSFER_TYPES, TARGET_MIN_TECH_AMOUNT, type RollupDifference } from './rollups.repository.js';
export { toCents, centsToString, centsToYuan, applyRate, centsToYi } from './money.js';
export { addWorkingDays, reviewDueAt, isWorkingDay, beijingDate, type Calendar } from './calendar.js';
export { CONTRACT_STATUSES, CONTRACT_STATUS_NAMES, ENTITY_TYPES, ENTITY_TYPE_NAMES, COUNTED_STATUSES } from '../../../common/schemas/contracts.js';
export { reassignContractsOrganization } from './merge.repository.js';
