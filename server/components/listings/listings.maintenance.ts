/** Rebuilding the index from PostgreSQL and checking/repairing drift between the two. */
import type { Db } from '../../lib/db.js';
import { waitTask, type Search } from '../../lib/search.js';
import * as repo from './listings.repository.js';
import { INDEX_NAMES, ensureIndex, toDocument } from './listings.search.js';
import { industryParents } from './listings.sync.js';
import type { Kind } from './listings.kinds.js';

const KINDS_LIST = ['achievement', 'demand'] as const;

/** Streams published listings of a kind from PostgreSQL as search documents, in pages. */
async function* documents(db: Db, kind: Kind, pageSize = 5000) {
  const parentOf = await industryParents(db);
  let after: string | null = null;
  for (;;) {
    const rows = await repo.publishedPage(db, kind, after, pageSize);
    if (!rows.length) return;
    const names = await repo.orgNames(db, rows.map((r) => r.ownerOrgId));
    yield rows.map((r) => toDocument(r, parentOf, names.get(r.ownerOrgId)?.name ?? ''));
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * Builds a fresh index per kind from PostgreSQL and swaps it in atomically, so searches keep
 * answering from the old index until the new one is complete.
 */
export async function reindex(db: Db, search: Search, onProgress: (kind: Kind, done: number, total: number) => void = () => {}) {
  const result: Record<string, number> = {};
  for (const kind of KINDS_LIST) {
    const live = search.index(INDEX_NAMES[kind]);
    const building = `${live}_rebuild_${Date.now().toString(36)}`;
    await ensureIndex(search.client, live, kind);
    await ensureIndex(search.client, building, kind);
    const total = await repo.countPublished(db, kind);
    let done = 0;
    onProgress(kind, 0, total);
    const pending = [];
    for await (const docs of documents(db, kind)) {
      const enqueued = search.client.index(building).addDocuments(docs, { primaryKey: 'id' });
      // One upload at a time (Meilisearch indexes while we read the next page); the tasks are awaited at the end.
      await enqueued;
      pending.push(enqueued);
      done += docs.length;
      onProgress(kind, done, total);
    }
    for (const t of pending) {
      const task = await waitTask(search.client, t, { timeout: 600_000, interval: 100 });
      if (task.status === 'failed') throw new Error(`reindex of ${kind} failed: ${task.error?.message}`);
    }
    await waitTask(search.client, search.client.swapIndexes([{ indexes: [live, building], rename: false }]), { timeout: 60_000 });
    await waitTask(search.client, search.client.deleteIndex(building), { timeout: 60_000 });
    result[kind] = done;
  }
  return result;
}

export interface Drift {
  kind: Kind;
  /** Published in PostgreSQL, absent from the index. */
  missing: string[];
  /** In the index, not published in PostgreSQL. */
  extra: string[];
  /** In both, with an older version in the index. */
  stale: string[];
}

/** Compares every published listing (id, version) with the index documents. */
export async function checkDrift(db: Db, search: Search): Promise<Drift[]> {
  const out: Drift[] = [];
  for (const kind of KINDS_LIST) {
    const uid = search.index(INDEX_NAMES[kind]);
    const inDb = new Map<string, number>();
    let after: string | null = null;
    for (;;) {
      const rows = await repo.publishedPage(db, kind, after, 10000);
      if (!rows.length) break;
      for (const r of rows) inDb.set(r.id, r.version);
      after = rows[rows.length - 1]!.id;
    }
    const inIndex = new Map<string, number>();
    const exists = await search.client.getIndex(uid).catch(() => null);
    if (exists) {
      for (let offset = 0; ; offset += 10000) {
        const page = await search.client.index(uid).getDocuments<{ id: string; version: number }>({ fields: ['id', 'version'], limit: 10000, offset });
        for (const d of page.results) inIndex.set(d.id, d.version);
        if (page.results.length < 10000) break;
      }
    }
    out.push({
      kind,
      missing: [...inDb.keys()].filter((id) => !inIndex.has(id)),
      extra: [...inIndex.keys()].filter((id) => !inDb.has(id)),
      stale: [...inDb.entries()].filter(([id, v]) => inIndex.has(id) && inIndex.get(id)! < v).map(([id]) => id),
    });
  }
  return out;
}

/** Queues every drifted listing through the outbox (the normal sync path) and returns how many. */
export async function repairDrift(db: Db, drift: Drift[]): Promise<number> {
  const ids = drift.flatMap((d) => [...d.missing, ...d.extra, ...d.stale]);
  await repo.enqueueSearch(db, ids);
  return ids.length;
}
