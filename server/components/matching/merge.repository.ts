import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../lib/db.js';
import { matchFeedback, orgResponsiveness } from './matching.tables.js';

/** Organization merge: match feedback follows the survivor; both cached responsiveness rows are dropped and recomputed on the next refresh. */
export async function reassignMatchingOrganization(db: Tx, from: string, to: string): Promise<number> {
  const rows = await db.update(matchFeedback).set({ orgId: to }).where(eq(matchFeedback.orgId, from)).returning({ id: matchFeedback.id });
  await db.delete(orgResponsiveness).where(inArray(orgResponsiveness.orgId, [from, to]));
  return rows.length;
}
