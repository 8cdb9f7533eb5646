export type { Actor } from './auth.service.js';
export { hasRole } from './auth.policy.js';
export { orgOf, onCredentialEnded, tokenLogin, type Credential } from './auth.service.js';
export { register, authenticate, loadActor, activeActor, presentUser, upsertUser, grantRoles, findUserByEmail } from './auth.service.js';
export { createAuthWeb, SESSION_COOKIE, type AuthWeb } from './auth.web.js';
export { authRoutes } from './auth.routes.js';
export { membershipRoutes } from './membership.routes.js';
export { reassignOrganization as reassignMembers } from './membership.repository.js';
