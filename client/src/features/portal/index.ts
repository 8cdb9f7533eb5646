/** What other features use of portal; everything else stays inside the feature. */
export { PortalSearch } from './PortalSearch';
export { PortalSections } from './PortalSections';
export { type PortalOverview } from './types';
