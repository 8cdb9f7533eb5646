import { eq } from 'drizzle-orm';
import type { Tx } from '../../lib/db.js';
import { roadshowApplications, roadshowIntents, roadshowRegistrations, roadshows } from './roadshows.tables.js';

/** Organization merge: roadshows organized, registrations, intents and applications follow the survivor. */
export async function reassignRoadshowsOrganization(db: Tx, from: string, to: string): Promise<number> {
  const organized = await db.update(roadshows).set({ organizerOrgId: to }).where(eq(roadshows.organizerOrgId, from)).returning({ id: roadshows.id });
  await db.update(roadshowRegistrations).set({ organizationId: to }).where(eq(roadshowRegistrations.organizationId, from));
  await db.update(roadshowIntents).set({ supplierOrgId: to }).where(eq(roadshowIntents.supplierOrgId, from));
  await db.update(roadshowIntents).set({ organizationId: to }).where(eq(roadshowIntents.organizationId, from));
  await db.update(roadshowApplications).set({ organizationId: to }).where(eq(roadshowApplications.organizationId, from));
  return organized.length;
}
