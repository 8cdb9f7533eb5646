import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db, Tx } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import { orgOf, type Actor } from '../auth/index.js';
import * as repo from './files.repository.js';
import { canUpload, ownsFile } from './files.policy.js';
import type { UploadedFile } from './files.upload.js';

/** What the files component's use cases need: the database and the folder of stored blobs. */
export interface FilesDeps {
  db: Db;
  filesDir: string;
}

type VisibilityCheck = (db: Db, actor: Actor | null, entityId: string) => Promise<boolean>;
const visibility = new Map<string, VisibilityCheck>();

/** Components declare who may download files attached to their objects. */
export function registerFileVisibility(entityType: string, check: VisibilityCheck): void {
  visibility.set(entityType, check);
}

/** Stores a checked upload: identical content is kept once (same blob), each upload gets its own row. */
export async function storeUpload({ db, filesDir }: FilesDeps, actor: Actor, { upload: up }: { upload: UploadedFile }) {
  if (!canUpload(actor)) throw AppError.unauthenticated();
  const existingBlob = await repo.findBlobBySha(db, up.sha256);
  let storageName = existingBlob;
  if (storageName && fs.existsSync(path.join(filesDir, storageName))) {
    await fs.promises.rm(up.tempPath, { force: true });
  } else {
    storageName = crypto.randomBytes(16).toString('hex');
    await fs.promises.rename(up.tempPath, path.join(filesDir, storageName));
  }
  const row = await repo.insertFile(db, { uploaderId: actor.id, ownerOrgId: orgOf(actor), name: up.name, size: up.size, mime: up.mime, sha256: up.sha256, storageName });
  return present(row);
}

export const present = (f: repo.FileRow) => ({ id: f.id, name: f.name, size: f.size, mime: f.mime, sha256: f.sha256, createdAt: f.createdAt.toISOString() });

/**
 * Attaches files to an object, replacing its previous attachments. Only files uploaded by the
 * actor's organization can be attached (a forged or foreign id is a validation error on that item).
 */
export async function linkFiles(tx: Tx, actor: Actor, entityType: string, entityId: string, fileIds: string[], fieldPath = 'attachments'): Promise<void> {
  const unique = [...new Set(fileIds)];
  const rows = await repo.findFiles(tx, unique);
  const bad = unique
    .map((id, i) => ({ id, i }))
    .filter(({ id }) => {
      const f = rows.find((r) => r.id === id);
      return !f || !ownsFile(actor, f);
    });
  if (bad.length) throw AppError.validation(bad.map(({ i }) => ({ path: `${fieldPath}.${i}`, message: '附件不存在或不属于本单位，请重新上传' })));
  await repo.replaceLinks(tx, entityType, entityId, unique);
}

export const filesOf = (db: Tx, entityType: string, entityId: string) => repo.filesOf(db, entityType, entityId);
/** The attachments of many objects in one query: a lookup by type and id. */
export const filesOfEach = (db: Tx, objects: { entityType: string; entityId: string }[]) => repo.filesOfEach(db, objects);

/** The file if `actor` may download it: its own organization's upload, or attached to an object the actor may see. */
export async function fileForDownload({ db, filesDir }: FilesDeps, actor: Actor | null, { id }: { id: string }) {
  const file = await repo.findFile(db, id);
  if (!file) throw AppError.notFound('文件');
  let allowed = ownsFile(actor, file);
  if (!allowed) {
    for (const link of await repo.linksOfFile(db, id)) {
      const check = visibility.get(link.entityType);
      if (check && (await check(db, actor, link.entityId))) {
        allowed = true;
        break;
      }
    }
  }
  if (!allowed) {
    if (!actor) throw AppError.unauthenticated();
    throw AppError.notFound('文件');
  }
  return { file, path: path.join(filesDir, file.storageName) };
}
