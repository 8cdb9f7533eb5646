import { expect } from 'chai';
import { createUser, login, registerUser, uniq, publishListing } from '../factories/index.js';
import { horizontalOverflow, newPage, newPhonePage, screenshot, withServerAndBrowser } from './browser.js';
import { logIn } from './steps.js';

describe('browser: the portal, news and phone layouts', () => {
  const suite = withServerAndBrowser({ beforeServerClose: (server) => server.listings.sync.idle() });

  it('an admin writes and publishes a notice; a visitor finds it on the front page, reads it, and searches from there', async () => {
    const { server, browser } = suite;
    const admin = await createUser('admin');
    const tag = uniq().slice(-6).toUpperCase();
    const title = `关于举办2027年科技成果直通车活动的通知 ${tag}`;

    const editor = await newPage(browser, server.url);
    await logIn(editor, admin.email, admin.password);
    await editor.goto('/admin/news');
    await editor.getByRole('heading', { name: '资讯管理' }).waitFor();
    await editor.getByRole('button', { name: '新建资讯' }).click();
    // The list's search box is labelled 搜索标题…: fill the form only once its page is there.
    await editor.getByRole('heading', { name: '新建资讯' }).waitFor();
    await editor.getByLabel('标题', { exact: true }).fill('短');
    await editor.getByLabel('正文（Markdown）').fill('太短');
    await editor.getByRole('button', { name: '保存并发布' }).click();
    await editor.getByText('标题至少 4 个字').waitFor();
    await editor.getByText('正文至少 10 个字').waitFor();
    await editor.getByLabel('标题', { exact: true }).fill(title);
    await editor.getByRole('radio', { name: '通知公告' }).check();
    await editor.getByLabel('来源（发文机关、文号或主讲人）').fill('桂技通平台运营中心');
    await editor.getByLabel('正文（Markdown）').fill('各有关单位：\n\n## 活动安排\n\n- 时间：**3 月 18 日**\n- 地点：南宁\n\n<script>alert(1)</script>');
    await editor.getByRole('button', { name: '保存并发布' }).click();
    await editor.getByRole('heading', { name: title }).waitFor();
    expect(await editor.locator('.gjt-markdown h2').textContent()).to.equal('活动安排');
    expect(await editor.locator('.gjt-markdown').textContent(), 'raw HTML shows as text').to.include('<script>alert(1)</script>');
    const articlePath = new URL(editor.url()).pathname;

    // A visitor: the notice on the front page, the roadshow block's empty state, the figures.
    const visitor = await newPage(browser, server.url);
    await visitor.goto('/');
    const notices = visitor.getByTestId('portal-notices');
    await notices.getByRole('link', { name: title }).waitFor();
    await visitor.getByTestId('portal-roadshows').getByText('近期暂无路演安排').waitFor();
    await visitor.getByTestId('figure-achievements').waitFor();
    expect(await visitor.title()).to.equal('桂技通 · 广西科技成果转移转化服务平台');
    await screenshot(visitor, 'portal-landing');
    await notices.getByRole('link', { name: title }).click();
    await visitor.getByRole('heading', { name: title }).waitFor();
    expect(await visitor.title()).to.equal(`${title} · 桂技通`);

    // A shared link: the server puts the article's title into the HTML before any script runs.
    const html = await (await fetch(`${server.url}${articlePath}`)).text();
    expect(html).to.include(`<title>${title} · 政策资讯 · 桂技通</title>`);
    expect(html).to.include(`<meta property="og:title" content="${title} · 政策资讯 · 桂技通" />`);

    // Delivery: the page compressed and never cached; its hashed scripts compressed and cached for a year.
    const page = await fetch(`${server.url}/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(page.headers.get('content-encoding')).to.equal('gzip');
    expect(page.headers.get('cache-control')).to.equal('no-cache');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await page.text())![1]!;
    const asset = await fetch(`${server.url}${script}`, { headers: { 'accept-encoding': 'br' } });
    expect(asset.headers.get('content-encoding')).to.equal('br');
    expect(asset.headers.get('cache-control')).to.equal('public, max-age=31536000, immutable');
    await asset.arrayBuffer();

    // The news list searches; the front page's search box opens the catalogue with the words.
    await visitor.goto('/news');
    await visitor.getByLabel('搜索标题、正文或文号').fill(tag);
    await visitor.getByLabel('搜索标题、正文或文号').press('Enter');
    await visitor.getByText('共 1 篇').waitFor();
    await visitor.goto('/');
    await visitor.getByRole('search').getByText('技术需求', { exact: true }).click();
    await visitor.getByRole('searchbox').fill('铝型材');
    await visitor.getByRole('searchbox').press('Enter');
    await visitor.waitForURL(/\/demands\?q=%E9%93%9D%E5%9E%8B%E6%9D%90$/);
    await visitor.getByRole('heading', { name: '技术需求' }).waitFor();
  });

  it('at 390×844 the landing, catalogue (results first, filters in a drawer), detail and login pages fit the phone', async () => {
    const { server, browser } = suite;
    const supplier = server.agent();
    await registerUser(supplier, 'supplier');
    const reviewer = await login(server.agent(), (await createUser('reviewer')).email);
    const title = `桑蚕茧自动缫丝关键技术 ${uniq().slice(-6).toUpperCase()}`;
    const id = await publishListing(supplier, reviewer, 'achievement', { title });
    await server.listings.sync.idle();
    const page = await newPhonePage(browser, server.url);

    await page.goto('/');
    await page.getByRole('searchbox').waitFor();
    await page.getByTestId('portal-achievements').getByRole('link', { name: title }).waitFor();
    expect(await horizontalOverflow(page), 'landing scrolls sideways').to.equal(0);
    await screenshot(page, 'phone-landing');

    // The catalogue: the first result is on the first screen; the filters wait behind a button.
    await page.goto(`/achievements?q=${encodeURIComponent(title)}`);
    const card = page.getByTestId('listing-card').first();
    await card.waitFor();
    const box = await card.boundingBox();
    expect(box && box.y + 40 < 844, `first result at y=${box?.y}`).to.equal(true);
    expect(await page.getByText('产业领域', { exact: true }).isVisible()).to.equal(false);
    expect(await horizontalOverflow(page), 'catalogue scrolls sideways').to.equal(0);
    await screenshot(page, 'phone-catalogue');
    await page.getByRole('button', { name: '筛选' }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: '筛选条件' });
    await drawer.getByText('产业领域', { exact: true }).waitFor();
    await screenshot(page, 'phone-catalogue-filters');
    await drawer.getByRole('button', { name: /查看 \d+ 条结果/ }).click();
    await drawer.waitFor({ state: 'hidden' });

    // The detail page.
    await card.getByRole('link').first().click();
    await page.waitForURL(new RegExp(`/achievements/${id}$`));
    await page.getByRole('heading', { name: title }).waitFor();
    expect(await horizontalOverflow(page), 'detail scrolls sideways').to.equal(0);
    expect(await page.title()).to.equal(`${title} · 桂技通`);
    await screenshot(page, 'phone-detail');

    // The login page: fill in and send with the on-screen layout.
    const account = await createUser('supplier', { orgType: 'university' });
    await page.goto('/login');
    await page.getByLabel('邮箱').fill(account.email);
    await page.getByLabel('密码', { exact: true }).fill(account.password);
    expect(await horizontalOverflow(page), 'login scrolls sideways').to.equal(0);
    await screenshot(page, 'phone-login');
    await page.getByRole('button', { name: '登录' }).tap();
    await page.getByRole('heading', { name: '成果方工作台' }).waitFor();
    expect(await horizontalOverflow(page), 'home scrolls sideways').to.equal(0);
  });
});
