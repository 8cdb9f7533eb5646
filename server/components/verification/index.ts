import type { Actor } from '../auth/index.js';
import { registerFileVisibility } from '../files/index.js';
import { isReviewer } from './verification.policy.js';

// Licence and certificate scans: the uploader's organization (files component) and reviewers.
const staff = async (_db: unknown, actor: Actor | null) => isReviewer(actor);
registerFileVisibility('org_verification', staff);
registerFileVisibility('broker_qualification', staff);

export { verificationRoutes } from './verification.routes.js';
export { BROKER_LEVELS, BROKER_TITLES } from './verification.service.js';
export { reassignOrganization as reassignVerifications } from './verification.repository.js';
