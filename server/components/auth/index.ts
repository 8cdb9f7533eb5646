export type { Actor } from './auth.service.js';
export { register, authenticate, loadActor, actorFromToken, presentUser, upsertUser, grantRoles, findUserByEmail } from './auth.service.js';
export { createAuthWeb, onSessionEnded, SESSION_COOKIE, type AuthWeb } from './auth.web.js';
export { authRoutes, userSchema } from './auth.routes.js';
export { users, userRoles, apiTokens } from './auth.tables.js';
