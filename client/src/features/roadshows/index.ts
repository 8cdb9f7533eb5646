/** 在线路演 feature: pages are registered in shared/navigation.ts; the landing page may show the upcoming list. */
export { UpcomingRoadshows } from './RoadshowsPage';
