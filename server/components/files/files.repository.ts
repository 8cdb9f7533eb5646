import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../lib/db.js';
import { fileLinks, files } from './files.tables.js';

export type FileRow = typeof files.$inferSelect;
export interface FileRef {
  id: string;
  name: string;
  size: number;
  mime: string;
}

export async function insertFile(db: Tx, f: typeof files.$inferInsert): Promise<FileRow> {
  const [row] = await db.insert(files).values(f).returning();
  return row!;
}
export async function findFile(db: Tx, id: string): Promise<FileRow | undefined> {
  const [row] = await db.select().from(files).where(eq(files.id, id));
  return row;
}
export async function findBlobBySha(db: Tx, sha256: string): Promise<string | undefined> {
  const [row] = await db.select({ storageName: files.storageName }).from(files).where(eq(files.sha256, sha256)).limit(1);
  return row?.storageName;
}
export const findFiles = (db: Tx, ids: string[]) => (ids.length ? db.select().from(files).where(inArray(files.id, ids)) : Promise.resolve([] as FileRow[]));
export const linksOfFile = (db: Tx, fileId: string) => db.select().from(fileLinks).where(eq(fileLinks.fileId, fileId));
export async function replaceLinks(db: Tx, entityType: string, entityId: string, fileIds: string[]): Promise<void> {
  await db.delete(fileLinks).where(and(eq(fileLinks.entityType, entityType), eq(fileLinks.entityId, entityId)));
  if (fileIds.length) await db.insert(fileLinks).values(fileIds.map((fileId) => ({ fileId, entityType, entityId }))).onConflictDoNothing();
}
export async function filesOf(db: Tx, entityType: string, entityId: string): Promise<FileRef[]> {
  return (await filesOfEach(db, [{ entityType, entityId }]))(entityType, entityId);
}

/** The attachments of many objects in one query (a page of listings): per object, in upload order. */
export async function filesOfEach(db: Tx, objects: { entityType: string; entityId: string }[]): Promise<(entityType: string, entityId: string) => FileRef[]> {
  const byObject = new Map<string, FileRef[]>();
  const key = (entityType: string, entityId: string) => `${entityType}:${entityId}`;
  if (objects.length) {
    const rows = await db
      .select({ entityType: fileLinks.entityType, entityId: fileLinks.entityId, id: files.id, name: files.name, size: files.size, mime: files.mime })
      .from(fileLinks)
      .innerJoin(files, eq(files.id, fileLinks.fileId))
      .where(and(inArray(fileLinks.entityType, [...new Set(objects.map((o) => o.entityType))]), inArray(fileLinks.entityId, [...new Set(objects.map((o) => o.entityId))])))
      .orderBy(files.createdAt);
    for (const { entityType, entityId, ...file } of rows) {
      const list = byObject.get(key(entityType, entityId)) ?? [];
      list.push(file);
      byObject.set(key(entityType, entityId), list);
    }
  }
  return (entityType, entityId) => byObject.get(key(entityType, entityId)) ?? [];
}

