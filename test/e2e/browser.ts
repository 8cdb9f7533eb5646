/** Debian's Chromium driven by playwright-core; screenshots go to test-results/. */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../setup/app.js';

export const RESULTS_DIR = path.resolve('test-results');

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export interface ServerAndBrowser {
  server: TestServer;
  browser: Browser;
}

/**
 * Hooks of the calling `describe`: a test server and a browser, started before its tests and closed
 * after them. The fields are set once the `before` hook has run, so read them inside the tests.
 * `beforeServerClose` lets background work finish while the database is still there.
 */
export function withServerAndBrowser(options: { beforeServerClose?: (server: TestServer) => Promise<void> } = {}): ServerAndBrowser {
  const suite = {} as ServerAndBrowser;
  before(async () => {
    suite.server = await startTestServer();
    suite.browser = await launchBrowser();
  });
  // A failed test leaves a picture of every page it had open: test-results/failed-<test>-<n>.png.
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !suite.browser) return;
    const name = (this.currentTest.title.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60) || 'test').toLowerCase();
    const pages = suite.browser.contexts().flatMap((c) => c.pages());
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    for (const [i, page] of pages.entries()) {
      await page.screenshot({ path: path.join(RESULTS_DIR, `failed-${name}-${i + 1}.png`), fullPage: true, timeout: 5000 }).catch(() => undefined);
    }
  });
  after(async () => {
    await suite.browser?.close();
    if (!suite.server) return;
    await options.beforeServerClose?.(suite.server);
    await suite.server.close();
  });
  return suite;
}

/** A new page (own cookies) that fails the test on uncaught page errors. */
export async function newPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  return page;
}

/** A phone-sized page (390×844, touch, as an iPhone 12–15 shows a page), own cookies. */
export async function newPhonePage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  return page;
}

/** How far the page is wider than the screen (0: nothing scrolls sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
}

/** Waits until no CSS transition or animation runs (drawers and modals slide in). */
export async function settled(page: Page): Promise<void> {
  // A function (a string would be eval'd, which the CSP forbids); typed by hand: the test project has no DOM types.
  // Endless ones (a spinner, the upload progress shimmer) never finish and are left out.
  await page.waitForFunction(() => {
    type Anim = { playState: string; effect: { getTiming(): { iterations: number } } | null };
    const doc = (globalThis as unknown as { document: { getAnimations(): Anim[] } }).document;
    return doc.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity);
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  // After drawers and modals have finished sliding in, so the picture shows what the user reads.
  await settled(page);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`), fullPage: true });
}
