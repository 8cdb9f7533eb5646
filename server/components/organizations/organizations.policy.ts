import { hasRole, type Actor } from '../auth/index.js';

/** The staff administration of organizations (list, verify, disable, merge): platform admins. */
export const canAdministerOrganizations = (actor: Actor | null) => hasRole(actor, 'admin');
