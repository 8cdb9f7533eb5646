import { registerIndicatorSource } from '../indicators/index.js';
import { registerRoadshowFeed } from '../portal/index.js';
import { createDealLead } from '../deals/index.js';
import { registerFileVisibility } from '../files/index.js';
import { eventsHeld, portalFeed, registerDealLeadMaker, roadshowVisible } from './roadshows.service.js';

// The cover image downloads for whoever may see the roadshow; offline events (and their photos) are public.
registerFileVisibility('roadshow', roadshowVisible);
registerFileVisibility('offline_event', async () => true);

// Indicator 23 (组织科技成果对接、展览展示与路演等活动数量): ended roadshows with a viewer + offline events.
registerIndicatorSource('I23', eventsHeld);
// The front page's roadshow block and its "roadshows held" figure.
registerRoadshowFeed(portalFeed);
// 「我有意向」 opens a deal lead (origin roadshow) in the deals component; its id is kept on the intent.
registerDealLeadMaker(async (db, actor, input) => {
  const { deal } = await createDealLead({ db }, actor, { achievementId: input.achievementId, origin: { kind: 'roadshow', id: input.roadshowId }, message: input.note ?? undefined });
  return deal.id;
});

export { roadshowRoutes } from './roadshows.routes.js';
export { roadshowSockets, type RoadshowSocketDeps } from './roadshows.socket.js';
export {
  createRoadshow,
  getRoadshow,
  listRoadshows,
  transition,
  register,
  sendDueReminders,
  roadshowStats,
  eventsHeld,
  maskWords,
  registerDealLeadMaker,
  onRoadshowEvent,
  REMINDER_MINUTES,
  type RoomConfig,
  type PresentedRoadshow,
} from './roadshows.service.js';

/** The pg-boss queue of the 30-minute reminder (scheduled every minute). */
export const ROADSHOW_REMINDER_JOB = 'roadshow-reminders';
export { reassignRoadshowsOrganization } from './merge.repository.js';
