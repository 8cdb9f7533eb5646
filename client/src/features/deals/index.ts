/** What other features use of deals; everything else stays inside the feature. */
export { StartDeal, useStartDeal } from './StartDeal';
