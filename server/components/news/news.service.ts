/** Use cases of the news and policy articles: write, publish, unpublish, read and list. */
import { NEWS_CATEGORY_NAMES, type NewsArticle, type NewsBody, type NewsSummary } from '../../../common/schemas/news.js';
import type { Db } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import type { Page } from '../../lib/validate.js';
import { audit } from '../audit/index.js';
import type { Actor } from '../auth/index.js';
import { filesOf, linkFiles } from '../files/index.js';
import { getTaxonomy } from '../taxonomy/index.js';
import { plainText, renderMarkdown } from './news.markdown.js';
import { canEdit, canSee, manageScope } from './news.policy.js';
import * as repo from './news.repository.js';

export const ENTITY = 'news';

/** A list entry: no body, a plain-text summary instead. */
export function presentSummary(n: repo.NewsRow, zoneNames: Map<string, string>): NewsSummary {
  return {
    id: n.id,
    title: n.title,
    category: n.category,
    categoryName: NEWS_CATEGORY_NAMES[n.category],
    summary: n.summary || plainText(n.body),
    source: n.source,
    zoneId: n.zoneId,
    zoneName: n.zoneId ? (zoneNames.get(n.zoneId) ?? null) : null,
    status: n.status,
    pinned: n.pinned,
    publishedAt: n.publishedAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
  };
}
export type { NewsArticle, NewsSummary };

async function zoneNames(db: Db) {
  return new Map((await getTaxonomy(db)).zones.map((z) => [z.id, z.name]));
}

async function present(db: Db, actor: Actor | null, n: repo.NewsRow): Promise<NewsArticle> {
  const files = await filesOf(db, ENTITY, n.id);
  return {
    ...presentSummary(n, await zoneNames(db)),
    body: n.body,
    /** The summary as the editor wrote it (null: lists show the beginning of the body). */
    editorSummary: n.summary,
    bodyHtml: renderMarkdown(n.body),
    attachments: files.map((f) => ({ id: f.id, name: f.name, size: f.size, mime: f.mime })),
    canEdit: canEdit(actor, n),
  };
}

/** The zone an article goes to: a zone admin's own zone; a platform admin's choice (none: platform-wide). */
async function zoneFor(db: Db, actor: Actor, requested: string | null | undefined): Promise<string | null> {
  const scope = manageScope(actor);
  if (!scope) throw AppError.forbidden('只有平台管理员和示范区管理员可以发布资讯');
  if (!scope.all) {
    if (requested && requested !== scope.zoneId) throw AppError.validation([{ path: 'zoneId', message: '只能为本示范区发布资讯' }]);
    return scope.zoneId;
  }
  if (!requested) return null;
  if (!(await getTaxonomy(db)).zones.some((z) => z.id === requested)) throw AppError.validation([{ path: 'zoneId', message: '示范区不存在' }]);
  return requested;
}

/** What the news component's use cases need. */
export interface NewsDeps {
  db: Db;
}

/** Creates a draft. */
export async function createArticle({ db }: NewsDeps, actor: Actor, input: NewsBody): Promise<NewsArticle> {
  const zoneId = await zoneFor(db, actor, input.zoneId);
  const row = await db.transaction(async (tx) => {
    const n = await repo.insertArticle(tx, {
      title: input.title,
      category: input.category,
      summary: input.summary || null,
      body: input.body,
      source: input.source || null,
      zoneId,
      pinned: input.pinned ?? false,
      createdBy: actor.id,
      updatedBy: actor.id,
    });
    if (input.attachments?.length) await linkFiles(tx, actor, ENTITY, n.id, input.attachments);
    await audit(tx, { actorId: actor.id, action: 'news.create', entityType: ENTITY, entityId: n.id, data: { title: n.title, category: n.category } });
    return n;
  });
  return present(db, actor, row);
}

async function editable(db: Db, actor: Actor, id: string) {
  const n = await repo.findArticle(db, id);
  if (!n || !canSee(actor, n)) throw AppError.notFound('资讯');
  if (!canEdit(actor, n)) throw AppError.forbidden('只能管理本示范区的资讯');
  return n;
}

/** Edits an article; a published one stays published with the new text. */
export async function updateArticle({ db }: NewsDeps, actor: Actor, { id, ...input }: { id: string } & Partial<NewsBody>): Promise<NewsArticle> {
  const current = await editable(db, actor, id);
  const zoneId = input.zoneId === undefined ? current.zoneId : await zoneFor(db, actor, input.zoneId);
  const row = await db.transaction(async (tx) => {
    const n = await repo.updateArticle(tx, id, {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.category !== undefined ? { category: input.category } : {}),
      ...(input.summary !== undefined ? { summary: input.summary || null } : {}),
      ...(input.body !== undefined ? { body: input.body } : {}),
      ...(input.source !== undefined ? { source: input.source || null } : {}),
      ...(input.pinned !== undefined ? { pinned: input.pinned } : {}),
      zoneId,
      updatedBy: actor.id,
      updatedAt: new Date(),
    });
    if (input.attachments) await linkFiles(tx, actor, ENTITY, n.id, input.attachments);
    const changed = Object.keys(input).filter((k) => k !== 'attachments' || input.attachments);
    await audit(tx, { actorId: actor.id, action: 'news.update', entityType: ENTITY, entityId: n.id, data: { fields: changed } });
    return n;
  });
  return present(db, actor, row);
}

/** Publishes (first publication sets the date readers see) or takes an article back to draft. */
export async function setPublished({ db }: NewsDeps, actor: Actor, { id, publish }: { id: string; publish: boolean }): Promise<NewsArticle> {
  await editable(db, actor, id);
  const row = await db.transaction(async (tx) => {
    const n = (await repo.findArticle(tx, id, true))!;
    if ((n.status === 'published') === publish) throw AppError.conflict(publish ? '资讯已发布' : '资讯未发布');
    const out = await repo.updateArticle(tx, id, {
      status: publish ? 'published' : 'draft',
      publishedAt: publish ? (n.publishedAt ?? new Date()) : n.publishedAt,
      updatedBy: actor.id,
      updatedAt: new Date(),
    });
    await audit(tx, { actorId: actor.id, action: publish ? 'news.publish' : 'news.unpublish', entityType: ENTITY, entityId: id });
    return out;
  });
  return present(db, actor, row);
}

/** One article: published ones for anyone, drafts for their editors (404 otherwise). */
export async function getArticle({ db }: NewsDeps, actor: Actor | null, { id }: { id: string }): Promise<NewsArticle> {
  const n = await repo.findArticle(db, id);
  if (!n || !canSee(actor, n)) throw AppError.notFound('资讯');
  return present(db, actor, n);
}

/** Published articles, pinned first, newest first; `q` searches title, summary, body and source. */
export async function listPublished({ db }: NewsDeps, _actor: Actor | null, q: Omit<repo.ListQuery, 'status'>): Promise<Page<NewsSummary>> {
  const { items, total } = await repo.listArticles(db, { ...q, status: 'published' });
  const names = await zoneNames(db);
  return { items: items.map((n) => presentSummary(n, names)), total, page: q.page, pageSize: q.pageSize };
}

/** The editor's list: every article of the actor's scope, drafts included. */
export async function listManaged({ db }: NewsDeps, actor: Actor, q: repo.ListQuery): Promise<Page<NewsSummary>> {
  const scope = manageScope(actor);
  if (!scope) throw AppError.forbidden('只有平台管理员和示范区管理员可以管理资讯');
  const { items, total } = await repo.listArticles(db, { ...q, zoneId: scope.all ? q.zoneId : scope.zoneId });
  const names = await zoneNames(db);
  return { items: items.map((n) => presentSummary(n, names)), total, page: q.page, pageSize: q.pageSize };
}

/** Whether `actor` may download files attached to article `id`. */
export async function canSeeAttachments(db: Db, actor: Actor | null, id: string): Promise<boolean> {
  const n = await repo.findArticle(db, id);
  return !!n && canSee(actor, n);
}

/** Title and description of a published article for the HTML meta of its page (null when not public). */
export async function articleMeta(db: Db, id: string): Promise<{ title: string; description: string } | null> {
  const n = await repo.findArticle(db, id);
  if (!n || n.status !== 'published') return null;
  return { title: n.title, description: n.summary || plainText(n.body, 150) };
}
