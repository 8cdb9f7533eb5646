export type { ListingCard, PortalOverview, RoadshowCard } from '@common/schemas/portal.js';
