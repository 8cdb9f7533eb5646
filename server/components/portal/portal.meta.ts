/**
 * The single-page app's HTML with the page's own <title>, description and Open Graph tags filled in
 * on the server, so a shared link (WeChat, Baidu) shows what it points to before any script runs.
 */
import fs from 'node:fs';
import type { NextFunction, Request, Response } from 'express';
import type { Db } from '../../lib/db.js';
import type { Logger } from '../../lib/logger.js';
import { type Kind, findListing } from '../listings/index.js';
import { articleMeta, plainText } from '../news/index.js';

export interface PageMeta {
  title: string;
  description: string;
}

export const SITE_NAME = '桂技通';
const SITE_TITLE = '桂技通 · 广西科技成果转移转化服务平台';
export const DEFAULT_META: PageMeta = {
  title: SITE_TITLE,
  description: '桂技通：面向广西科技成果转移转化示范区的科技成果发布、技术需求征集、供需匹配、在线路演和技术合同认定登记服务平台',
};

/** Fixed pages: their title (before " · 桂技通") and description. */
const STATIC_PAGES: Record<string, PageMeta> = {
  '/achievements': { title: '科技成果', description: '广西高校、科研院所和企业发布的科技成果，可按产业领域、技术成熟度、转化方式、地市和价格检索。' },
  '/demands': { title: '技术需求', description: '广西企业发布的技术需求与难题，面向高校院所征集解决方案，可按产业领域、地市和预算检索。' },
  '/news': { title: '政策资讯', description: '科技成果转移转化政策宣传、通知公告和科技大讲堂。' },
  '/zones': { title: '示范区', description: '广西科技成果转移转化示范区的建设进展、技术合同成交额和 27 项评价指标。' },
  '/roadshows': { title: '在线路演', description: '科技成果在线路演：高校院所现场讲解成果，企业在线提问、表达合作意向。' },
  '/login': { title: '登录', description: '登录桂技通，发布成果与需求、跟进对接和办理技术合同登记。' },
  '/register': { title: '注册', description: '高校院所、企业和技术经理人注册桂技通账号。' },
};

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const LISTING_PATH = new RegExp(`^/(achievements|demands)/(${UUID})/?$`, 'i');
const NEWS_PATH = new RegExp(`^/news/(${UUID})/?$`, 'i');
const withSite = (title: string) => `${title} · ${SITE_NAME}`;

async function listingMeta(db: Db, kind: Kind, id: string): Promise<PageMeta | null> {
  const row = await findListing(db, kind, id);
  if (!row || (row.status !== 'published' && row.status !== 'transferred')) return null;
  const text = kind === 'achievement' ? row.summary : row.problem;
  return { title: withSite(`${row.title} · ${kind === 'achievement' ? '科技成果' : '技术需求'}`), description: plainText(text ?? row.title, 150) };
}

/** The meta of the page at `pathname`; the site's default for pages that are not public or not found. */
export async function pageMeta(db: Db, pathname: string): Promise<PageMeta> {
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  const fixed = STATIC_PAGES[path];
  if (fixed) return { title: withSite(fixed.title), description: fixed.description };
  const listing = LISTING_PATH.exec(path);
  if (listing) return (await listingMeta(db, listing[1] === 'achievements' ? 'achievement' : 'demand', listing[2]!.toLowerCase())) ?? DEFAULT_META;
  const news = NEWS_PATH.exec(path);
  if (news) {
    const m = await articleMeta(db, news[1]!.toLowerCase());
    if (m) return { title: withSite(`${m.title} · 政策资讯`), description: m.description };
  }
  return DEFAULT_META;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `html` with its <title> and description replaced and Open Graph tags added. */
export function injectMeta(html: string, meta: PageMeta): string {
  const title = escapeHtml(meta.title);
  const description = escapeHtml(meta.description);
  const og = [
    `<meta property="og:site_name" content="${SITE_NAME}" />`,
    `<meta property="og:type" content="website" />`,
    `<meta property="og:title" content="${title}" />`,
    `<meta property="og:description" content="${description}" />`,
  ].join('\n    ');
  return html
    .replace(/<title>[^<]*<\/title>/, () => `<title>${title}</title>\n    ${og}`)
    .replace(/<meta name="description" content="[^"]*"\s*\/?>/, () => `<meta name="description" content="${description}" />`);
}

/**
 * The handler of every non-API page: index.html with the page's meta. index.html is never cached
 * (it names the current hashed assets); a failed look-up serves the site's default meta, never an error.
 */
export function spaPage(db: Db, indexHtmlPath: string, log: Logger) {
  return async (req: Request, res: Response, next: NextFunction) => {
    // Read per request (a small, cached file): a rebuilt client's new asset names are served at once.
    let template: string;
    try {
      template = await fs.promises.readFile(indexHtmlPath, 'utf8');
    } catch (err) {
      return next(err);
    }
    let meta = DEFAULT_META;
    try {
      meta = await pageMeta(db, req.path);
    } catch (err) {
      log.warn({ err: (err as Error).message, path: req.path }, 'page meta look-up failed; default meta served');
    }
    res.set('Cache-Control', 'no-cache').type('html').send(injectMeta(template, meta));
  };
}
