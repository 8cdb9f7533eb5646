export { dealRoutes } from './deals.routes.js';
export { negotiationSockets } from './negotiation.socket.js';
export {
  createDeal,
  createDealLead,
  getDeal,
  listDeals,
  acceptDeal,
  declineDeal,
  patchDeal,
  sendMessage,
  listMessages,
  contractDraft,
  onDealEvent,
  ownerRatings,
  canSeeMessageFiles,
  confidentialAccess,
  onContract,
  type DealsDeps,
  type DealOrigin,
} from './deals.service.js';
export { commissionAmount, listCommissions } from './commission.js';
export { canSeeComplaintFiles, dishonestOrgIds } from './credit.js';
export { dealsMergeConflict, reassignDealsOrganization } from './merge.repository.js';
