import { eq } from 'drizzle-orm';
import type { Tx } from '../../lib/db.js';
import { files } from './files.tables.js';

/** Organization merge: files uploaded for the merged record belong to the survivor. */
export async function reassignFilesOrganization(db: Tx, from: string, to: string): Promise<number> {
  const rows = await db.update(files).set({ ownerOrgId: to }).where(eq(files.ownerOrgId, from)).returning({ id: files.id });
  return rows.length;
}
