/**
 * npm run bench:firstload [-- --runs 5 --baseline <commit>]
 *
 * The first load of the landing page and the catalogue in headless Chromium, before and after in one
 * run. "Before" is the client built from the baseline commit (default: the last commit before the
 * first-load work) served as it was then (express.static, no compression, one-hour caching);
 * "after" is the current client served by the real app (gzip/brotli, year-long caching of hashed
 * assets, server-side page meta). Both talk to the same API (the baseline through a proxy that asks
 * for uncompressed responses, as its server sent them) on a fresh database with the demo data.
 *
 * Each load is a cold cache in a new browser context, over an emulated mobile network (Lighthouse's
 * "slow 4G": 150 ms round trip, 1.6 Mbit/s down). Prints, per page, the median of the runs:
 * transferred bytes (navigation + every resource, headers included), first contentful paint, and
 * the time until the page's content is there (the landing's hero heading, the first catalogue card).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { chromium, type Browser } from 'playwright-core';
import { seedDemo } from '../seed/demo.js';
import { reindex } from '../server/components/listings/index.js';
import { logger } from '../server/lib/logger.js';
import { args } from './cli.js';
import { runBench, startApp } from './lib/bench.js';

const a = args();
const RUNS = Number(a.runs ?? 5);
/** Main's last commit before the portal work: one chunk per vendor group, no compression. */
const BASELINE = String(a.baseline ?? 'cf20e18');
const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const PAGES = [
  { name: 'landing /', path: '/', ready: '.gjt-hero h1' },
  { name: 'catalogue /achievements', path: '/achievements', ready: '[data-testid="listing-card"]' },
] as const;

const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

/** The client of `commit` built into a temporary folder (sharing this checkout's node_modules). */
function buildBaseline(commit: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gjt-baseline-'));
  const archive = execFileSync('git', ['archive', commit, 'client', 'common', 'vite.config.ts', 'package.json'], { maxBuffer: 256 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  fs.symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'), 'dir');
  execFileSync(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], { cwd: dir, stdio: 'inherit' });
  return dir;
}

/** Bytes of the scripts and styles index.html loads up front (modulepreload included). */
function initialAssets(dist: string): { files: number; bytes: number } {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return { files: files.length, bytes: files.reduce((sum, f) => sum + fs.statSync(path.join(dist, f)).size, 0) };
}

/** The baseline's way of serving: static files with one hour of caching, index.html for every page, /api proxied uncompressed. */
async function serveBaseline(dist: string, apiUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const api = new URL(apiUrl);
  const app = express();
  app.use('/api', (req, res) => {
    const upstream = http.request(
      { host: api.hostname, port: api.port, method: req.method, path: req.originalUrl, headers: { ...req.headers, host: api.host, 'accept-encoding': 'identity' } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.status(502).end());
    req.pipe(upstream);
  });
  app.use(express.static(dist, { index: false, maxAge: '1h' }));
  app.get(/^(?!\/api\/).*/, (_req, res) => res.sendFile(path.join(dist, 'index.html')));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

interface Sample {
  bytes: number;
  fcp: number;
  ready: number;
}

async function load(browser: Browser, base: string, page: (typeof PAGES)[number]): Promise<Sample> {
  const context = await browser.newContext({ baseURL: base, locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
  try {
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    // Notes the moment the content selector first matches (injected by the browser, so the page's CSP does not apply).
    await tab.addInitScript((selector: string) => {
      // Typed by hand: the scripts' project has no DOM types.
      type Observer = { observe(target: unknown, options: { subtree: boolean; childList: boolean }): void; disconnect(): void };
      const w = globalThis as unknown as {
        __ready?: number;
        document: { querySelector(s: string): unknown };
        performance: { now(): number };
        MutationObserver: new (callback: (records: unknown, observer: Observer) => void) => Observer;
      };
      new w.MutationObserver((_records, observer) => {
        if (w.document.querySelector(selector)) {
          w.__ready = w.performance.now();
          observer.disconnect();
        }
      }).observe(w.document, { subtree: true, childList: true });
    }, page.ready);
    await tab.goto(page.path, { waitUntil: 'load' });
    await tab.waitForSelector(page.ready, { timeout: 60_000 });
    await tab.waitForLoadState('networkidle');
    return await tab.evaluate(() => {
      type Entry = { startTime: number; transferSize: number };
      const w = globalThis as unknown as { __ready?: number; performance: { getEntriesByType(type: string): Entry[]; getEntriesByName(name: string): Entry[] } };
      const nav = w.performance.getEntriesByType('navigation')[0]!;
      const resources = w.performance.getEntriesByType('resource');
      const fcp = w.performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
      return { bytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0), fcp, ready: w.__ready ?? Number.NaN };
    });
  } finally {
    await context.close();
  }
}

await runBench(async (bench) => {
  log(`building the current client and the baseline (${BASELINE})`);
  execFileSync(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  const baselineDir = buildBaseline(BASELINE);
  const baselineDist = path.join(baselineDir, 'client', 'dist');
  let baseline: Awaited<ReturnType<typeof serveBaseline>> | null = null;
  let browser: Browser | null = null;
  try {
    const { db, search } = await bench.open();
    await seedDemo(db, logger);
    await reindex(db, search);
    const { url } = await startApp(bench, db, search);
    baseline = await serveBaseline(baselineDist, url);
    const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic'] });

    const before = initialAssets(baselineDist);
    const after = initialAssets(path.resolve('client/dist'));
    console.log(`\nscripts and styles loaded up front (uncompressed): before ${kb(before.bytes)} in ${before.files} files, after ${kb(after.bytes)} in ${after.files} files`);
    console.log(`network: ${NETWORK.latency} ms round trip, ${((NETWORK.downloadThroughput * 8) / 1024 / 1024).toFixed(1)} Mbit/s down; ${RUNS} cold loads each, medians; load average ${os.loadavg()[0]!.toFixed(1)}\n`);

    const rows: string[][] = [];
    for (const page of PAGES) {
      const samples: Record<'before' | 'after', Sample[]> = { before: [], after: [] };
      for (let i = 0; i < RUNS; i++) {
        samples.before.push(await load(browser, baseline.url, page));
        samples.after.push(await load(browser, url, page));
      }
      const m = (variant: 'before' | 'after', key: keyof Sample) => median(samples[variant].map((s) => s[key]));
      rows.push(
        [page.name, 'transferred', kb(m('before', 'bytes')), kb(m('after', 'bytes')), `${(m('before', 'bytes') / m('after', 'bytes')).toFixed(2)}× less`],
        [page.name, 'first contentful paint', `${m('before', 'fcp').toFixed(0)} ms`, `${m('after', 'fcp').toFixed(0)} ms`, `${(m('before', 'fcp') / m('after', 'fcp')).toFixed(2)}× faster`],
        [page.name, 'content shown', `${m('before', 'ready').toFixed(0)} ms`, `${m('after', 'ready').toFixed(0)} ms`, `${(m('before', 'ready') / m('after', 'ready')).toFixed(2)}× faster`],
      );
      log(`${page.name} measured`);
    }
    const widths = [0, 1, 2, 3, 4].map((c) => Math.max(...[['page', 'figure', 'before', 'after', ''], ...rows].map((r) => r[c]!.length)));
    const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ');
    console.log(`\n${line(['page', 'figure', 'before', 'after', ''])}`);
    for (const r of rows) console.log(line(r));
  } finally {
    await browser?.close();
    await baseline?.close();
    fs.rmSync(baselineDir, { recursive: true, force: true });
  }
});
