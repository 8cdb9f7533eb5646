export { portalRoutes } from './portal.routes.js';
export { portalOverview, platformFigures, registerRoadshowFeed, FIGURES_TTL_MS, type RoadshowCard, type RoadshowFeed, type Figures } from './portal.service.js';
export { spaPage, pageMeta, injectMeta, DEFAULT_META, type PageMeta } from './portal.meta.js';
