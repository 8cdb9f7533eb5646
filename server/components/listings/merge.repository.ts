import { eq } from 'drizzle-orm';
import type { Tx } from '../../lib/db.js';
import { listings } from './listings.tables.js';
import { enqueueSearch } from './listings.repository.js';

/** Organization merge: the merged record's achievements and demands belong to the survivor; the search index follows through the outbox. */
export async function reassignListingsOrganization(db: Tx, from: string, to: string): Promise<number> {
  const rows = await db.update(listings).set({ ownerOrgId: to }).where(eq(listings.ownerOrgId, from)).returning({ id: listings.id });
  await enqueueSearch(db, rows.map((r) => r.id));
  return rows.length;
}
