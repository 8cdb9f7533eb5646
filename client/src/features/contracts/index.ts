/** What other features use of contracts; everything else stays inside the feature. */
export { YuanInput, techAmountRules } from './amountFields';
export { AttachmentList, CONTRACT_PAGE_SIZE, ContractDescriptions, ContractStatusTag, ContractTable, ContractTimeline, DueDate, ExpertReviewTag, PartiesCell, PartiesRow, YearFilter, useContractTypeNames, useWorkCalendar } from './components';
export { type Contract, type ContractDetail, type ContractStatus, type PageOf, type ReviewDecision } from './types';
