/**
 * The hooks one component offers and another fills, wired in one place at start-up (not as a side effect of importing
 * a component). Called by `createApp` and by every entry that runs use cases without it (seeding, scripts); idempotent.
 */
import { canSeeContract, onContractEvent } from './contracts/index.js';
import { canSeeComplaintFiles, canSeeMessageFiles, confidentialAccess, createDealLead, dishonestOrgIds, onContract, ownerRatings } from './deals/index.js';
import { registerFileVisibility } from './files/index.js';
import { registerIndicatorSource } from './indicators/index.js';
import { canSeeAttachments as canSeeListingFiles, isStaff, registerConfidentialAccess, registerHiddenOwners, registerOwnerRatings } from './listings/index.js';
import { canSeeAttachments as canSeeNewsFiles } from './news/index.js';
import { registerRoadshowFeed } from './portal/index.js';
import { eventsHeld, portalFeed, registerDealLeadMaker, roadshowVisible } from './roadshows/index.js';
import { isReviewer } from './verification/index.js';

let wired = false;

/** Registers every cross-component hook once per process (createApp runs many times in the tests). */
export function wireComponents(): void {
  if (wired) return;
  wired = true;

  // Who may download a file: asked of the component that owns the file's entity.
  registerFileVisibility('achievement', (db, actor, id) => canSeeListingFiles(db, actor, 'achievement', id));
  registerFileVisibility('demand', (db, actor, id) => canSeeListingFiles(db, actor, 'demand', id));
  // Files of a pending revision are visible to the owner organization (uploader) and reviewers only.
  registerFileVisibility('achievement_revision', async (_db, actor) => isStaff(actor));
  registerFileVisibility('demand_revision', async (_db, actor) => isStaff(actor));
  // Contract scans are downloadable by whoever may see the contract.
  registerFileVisibility('contract', canSeeContract);
  // Attachments of a published article are public; a draft's only for its editors.
  registerFileVisibility('news', (db, actor, id) => canSeeNewsFiles(db, actor, id));
  // Attachments of negotiation messages: participants of the deal only.
  registerFileVisibility('deal_message', canSeeMessageFiles);
  registerFileVisibility('complaint', canSeeComplaintFiles);
  // The cover image downloads for whoever may see the roadshow; offline events (and their photos) are public.
  registerFileVisibility('roadshow', roadshowVisible);
  registerFileVisibility('offline_event', async () => true);
  // Licence and certificate scans: the uploader's organization (files component) and reviewers.
  registerFileVisibility('org_verification', async (_db, actor) => isReviewer(actor));
  registerFileVisibility('broker_qualification', async (_db, actor) => isReviewer(actor));

  // Deals → listings. Contacts, attachments and confidential detail of a listing: participants of an accepted deal under a 保密承诺.
  registerConfidentialAccess(confidentialAccess);
  // 失信 organizations' listings stay out of the catalogue and matching until the record is lifted.
  registerHiddenOwners(dishonestOrgIds);
  // Rating averages and counts of the owner organizations on catalogue cards and listing pages.
  registerOwnerRatings(ownerRatings);
  // Contracts → deals. A contract linked to a deal moves it (submitted → checked and linked; registered → contracted + commission due).
  onContractEvent(onContract);

  // Roadshows → indicators. Indicator 23 (组织科技成果对接、展览展示与路演等活动数量): ended roadshows with a viewer + offline events.
  registerIndicatorSource('I23', eventsHeld);
  // Roadshows → portal. The front page's roadshow block and its "roadshows held" figure.
  registerRoadshowFeed(portalFeed);
  // Roadshows → deals. 「我有意向」 opens a deal lead (origin roadshow); its id is kept on the intent.
  registerDealLeadMaker(async (db, actor, input) => {
    const { deal } = await createDealLead({ db }, actor, { achievementId: input.achievementId, origin: { kind: 'roadshow', id: input.roadshowId }, message: input.note ?? undefined });
    return deal.id;
  });
}
