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
  roadshowVisible,
  portalFeed,
  onRoadshowEvent,
  REMINDER_MINUTES,
  type RoomConfig,
  type PresentedRoadshow,
} from './roadshows.service.js';

/** The pg-boss queue of the 30-minute reminder (scheduled every minute). */
export const ROADSHOW_REMINDER_JOB = 'roadshow-reminders';
export { reassignRoadshowsOrganization } from './merge.repository.js';
