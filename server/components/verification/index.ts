export { verificationRoutes } from './verification.routes.js';
export { isReviewer } from './verification.policy.js';
export { BROKER_LEVELS, BROKER_TITLES } from './verification.service.js';
export { reassignOrganization as reassignVerifications } from './verification.repository.js';
