import type { Role } from '../../../common/roles.js';
import type { Actor } from './auth.service.js';

/** Whether the actor holds any of the roles. */
export const hasRole = (actor: Actor | null, ...roles: Role[]) => !!actor && roles.some((r) => actor.roles.includes(r));

/** Members of an organization are managed by its organization admins and by platform admins. */
export const canManageMembers = (actor: Actor, orgId: string) => hasRole(actor, 'admin') || (actor.orgAdmin && actor.organizationId === orgId);

/** Listing, disabling and enabling accounts, granting roles: platform admins. */
export const canAdministerUsers = (actor: Actor) => hasRole(actor, 'admin');
