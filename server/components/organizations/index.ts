export { createOrganization, presentOrganization, type NewOrganizationInput } from './organizations.service.js';
export { findOrganization, findOrganizationByCreditCode, insertOrganization, type OrganizationRow } from './organizations.repository.js';
export { organizationRoutes } from './organizations.routes.js';
export { type OrganizationReassigner, type OrganizationsDeps } from './organizations.admin.js';
