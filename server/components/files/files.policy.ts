/** Who may attach and download files. Visibility through an object is decided by the component that owns it (registered at boot). */
import type { Actor } from '../auth/index.js';

/** Uploads belong to the uploader's organization: its members attach and download them. */
export const ownsFile = (actor: Actor | null, file: { ownerOrgId: string | null }) => !!actor && !!actor.organizationId && actor.organizationId === file.ownerOrgId;

/** Any logged-in user may upload (the file stays private to their organization until attached). */
export const canUpload = (actor: Actor | null): actor is Actor => !!actor;
