import { and, count, desc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../lib/db.js';
import { newsArticles } from './news.tables.js';

export type NewsRow = typeof newsArticles.$inferSelect;
export type NewNews = typeof newsArticles.$inferInsert;

export async function insertArticle(db: Tx, row: NewNews): Promise<NewsRow> {
  const [out] = await db.insert(newsArticles).values(row).returning();
  return out!;
}

export async function updateArticle(db: Tx, id: string, patch: Partial<NewNews>): Promise<NewsRow> {
  const [out] = await db.update(newsArticles).set(patch).where(eq(newsArticles.id, id)).returning();
  return out!;
}

export async function findArticle(db: Tx, id: string, forUpdate = false): Promise<NewsRow | undefined> {
  const q = db.select().from(newsArticles).where(eq(newsArticles.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export interface ListQuery {
  text?: string;
  category?: string;
  status?: 'draft' | 'published';
  /** undefined: every zone and platform-wide; null: platform-wide only; a uuid: that zone only. */
  zoneId?: string | null;
  page: number;
  pageSize: number;
}

const escapeLike = (s: string) => `%${s.replace(/[%_\\]/g, '\\$&')}%`;

/** Pinned first, then newest published, then newest written (drafts). */
export async function listArticles(db: Tx, q: ListQuery): Promise<{ items: NewsRow[]; total: number }> {
  const conds: SQL[] = [];
  if (q.status) conds.push(eq(newsArticles.status, q.status));
  if (q.category) conds.push(eq(newsArticles.category, q.category as NewsRow['category']));
  if (q.zoneId === null) conds.push(isNull(newsArticles.zoneId));
  else if (q.zoneId) conds.push(eq(newsArticles.zoneId, q.zoneId));
  if (q.text) {
    const like = escapeLike(q.text);
    conds.push(or(ilike(newsArticles.title, like), ilike(newsArticles.summary, like), ilike(newsArticles.body, like), ilike(newsArticles.source, like))!);
  }
  const where = conds.length ? and(...conds) : undefined;
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(newsArticles)
      .where(where)
      .orderBy(desc(newsArticles.pinned), sql`${newsArticles.publishedAt} desc nulls last`, desc(newsArticles.createdAt), desc(newsArticles.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(newsArticles).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}
