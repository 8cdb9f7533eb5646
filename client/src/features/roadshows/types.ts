/** The roadshow answers, inferred from the schemas the server declares (common/schemas/roadshows.ts). */
import type { RoadshowApplication, RoadshowIntent } from '@common/schemas/roadshows.js';

export type { AchievementCard, Roadshow, RoadshowStats, RoadshowSummary } from '@common/schemas/roadshows.js';

export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export type Lead = RoadshowIntent;
/** An application; the organizer's list names the applicant's organization. */
export type Application = RoadshowApplication & { organizationName?: string | null };
