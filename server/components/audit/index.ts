export { audit, auditTrail, type AuditEntry } from './audit.repository.js';
export { auditRoutes } from './audit.routes.js';
