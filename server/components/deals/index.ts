import { onContractEvent } from '../contracts/index.js';
import { registerFileVisibility } from '../files/index.js';
import { registerConfidentialAccess, registerHiddenOwners, registerOwnerRatings } from '../listings/index.js';
import { canSeeComplaintFiles, dishonestOrgIds } from './credit.js';
import { canSeeMessageFiles, confidentialAccess, onContract, ownerRatings } from './deals.service.js';

// Attachments of negotiation messages: participants of the deal only.
registerFileVisibility('deal_message', canSeeMessageFiles);
// Contacts, attachments and confidential detail of a listing: participants of an accepted deal under a 保密承诺.
registerConfidentialAccess(confidentialAccess);
// 失信 organizations' listings stay out of the catalogue and matching until the record is lifted.
registerHiddenOwners(dishonestOrgIds);
registerFileVisibility('complaint', canSeeComplaintFiles);
// Rating averages and counts of the owner organizations on catalogue cards and listing pages.
registerOwnerRatings(ownerRatings);
// A contract linked to a deal moves it (submitted → checked and linked; registered → contracted + commission due).
onContractEvent(onContract);

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
  type DealsDeps,
  type DealOrigin,
} from './deals.service.js';
export { commissionAmount, listCommissions } from './commission.js';
export { dealsMergeConflict, reassignDealsOrganization } from './merge.repository.js';
