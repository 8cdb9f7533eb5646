import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../lib/db.js';
import { listings } from '../../db/schema.js';
import { termAssociations } from './matching.tables.js';

export interface AssociationRow {
  term: string;
  associate: string;
  strength: number;
  together: number;
}

/** One page of published listings (the fields their key terms come from), in id order from `afterId`; `ids` narrows the corpus. */
export async function publishedTextsPage(db: Db, afterId: string | null, limit: number, ids?: string[]) {
  return db
    .select({
      id: listings.id,
      kind: listings.kind,
      title: listings.title,
      keywords: listings.keywords,
      summary: listings.summary,
      detail: listings.detail,
      technicalField: listings.technicalField,
      problem: listings.problem,
      expectedOutcome: listings.expectedOutcome,
    })
    .from(listings)
    .where(and(eq(listings.status, 'published'), afterId ? gt(listings.id, afterId) : undefined, ids ? inArray(listings.id, ids) : undefined))
    .orderBy(asc(listings.id))
    .limit(limit);
}

/** Replaces the whole association table in one transaction (readers see the old or the new set, never half). */
export async function replaceAssociations(db: Db, rows: AssociationRow[]): Promise<void> {
  await db.transaction(async (tx) => {
    // Two rebuilds at once (several processes) would interleave their inserts: one at a time.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('term_associations'))`);
    await tx.delete(termAssociations);
    for (let i = 0; i < rows.length; i += 1000) await tx.insert(termAssociations).values(rows.slice(i, i + 1000)).onConflictDoNothing();
  });
}

/** Every association, strongest first per term. */
export async function loadAssociations(db: Db): Promise<AssociationRow[]> {
  return db
    .select({ term: termAssociations.term, associate: termAssociations.associate, strength: termAssociations.strength, together: termAssociations.together })
    .from(termAssociations)
    .orderBy(asc(termAssociations.term), desc(termAssociations.strength));
}

export async function hasAssociations(db: Db): Promise<boolean> {
  const [row] = await db.select({ t: termAssociations.term }).from(termAssociations).limit(1);
  return !!row;
}
