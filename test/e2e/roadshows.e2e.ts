import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { createUser, login, registerUser, uniq, publishListing } from '../factories/index.js';
import { horizontalOverflow, newPage, newPhonePage, screenshot, withServerAndBrowser } from './browser.js';
import { logIn, submitLogin, tinyPdf } from './steps.js';

// A 1×1 PNG (the server checks the content).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
/** Waits until the image has loaded (a broken or refused one never gets a natural width). */
const imageLoads = (page: Page, testId: string) =>
  page.waitForFunction((tid) => {
    const img = (globalThis as unknown as { document: { querySelector(s: string): { complete: boolean; naturalWidth: number } | null } }).document.querySelector(`[data-testid="${tid}"]`);
    return !!img && img.complete && img.naturalWidth > 0;
  }, testId);

/** The video element's playback position (seconds). */
const videoTime = (page: Page) => page.getByTestId('roadshow-video').evaluate((v) => (v as unknown as { currentTime: number }).currentTime);

describe('browser: a live roadshow from scheduling to a lead', () => {
  const suite = withServerAndBrowser();

  it('the organizer schedules and starts, a viewer registers, watches, asks and expresses intent; the host answers and switches items; the supplier sees the lead', async () => {
    const { server, browser } = suite;
    const tag = uniq().slice(-6);
    const adminAgent = await login(server.agent(), (await createUser('admin')).email);
    const zone = await adminAgent.post('/api/zones').send({ slug: `e2e-rs-${tag}`, name: `路演示范区${tag}`, cityCode: '450100', level: 'autonomous_region', hostType: 'high_tech_zone' });
    expect(zone.status, JSON.stringify(zone.body)).to.equal(201);
    const host = await createUser('zone_admin', { zoneId: zone.body.id });
    const reviewer = await login(server.agent(), (await createUser('reviewer')).email);
    const supplierAgent = server.agent();
    const supplier = await registerUser(supplierAgent, 'supplier');
    const first = await publishListing(supplierAgent, reviewer, 'achievement', { title: `甘蔗渣高值化利用技术${tag}` });
    const second = await publishListing(supplierAgent, reviewer, 'achievement', { title: `制糖废蜜发酵新工艺${tag}` });
    const viewer = await registerUser(server.agent(), 'enterprise');

    // The organizer's draft (the form is covered by the API tests), with the HLS fixture as its stream.
    const hostAgent = await login(server.agent(), host.email);
    const title = `糖业成果云路演${tag}`;
    const start = new Date(Date.now() + 15 * 60_000);
    const draft = await hostAgent.post('/api/roadshows').send({
      title,
      zoneId: zone.body.id,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3600_000).toISOString(),
      registrationRequired: true,
      streamUrl: '/demo-media/roadshow/index.m3u8',
      items: [{ achievementId: first, minutes: 20 }, { achievementId: second, minutes: 20 }],
    });
    expect(draft.status, JSON.stringify(draft.body)).to.equal(201);
    const id = draft.body.id as string;

    // 1. The organizer publishes it (scheduled).
    const hostPage = await newPage(browser, server.url);
    await logIn(hostPage, host.email, host.password);
    await hostPage.goto(`/roadshows/${id}`);
    await hostPage.getByTestId('publish').click();
    await hostPage.getByRole('button', { name: '确 定' }).or(hostPage.getByRole('button', { name: '确定' })).click();
    await hostPage.getByTestId('roadshow-status').filter({ hasText: '即将开始' }).first().waitFor();

    // 2. The viewer finds it in the calendar and registers (报名).
    const page = await newPage(browser, server.url);
    await logIn(page, viewer.email, viewer.password);
    await page.goto('/roadshows');
    await page.getByRole('link', { name: title }).click();
    await page.getByTestId('register').click();
    await page.getByTestId('registered-tag').waitFor();

    // 3. The organizer starts; the viewer enters the live room and the video plays.
    await hostPage.getByTestId('start').click();
    await hostPage.getByRole('button', { name: '确 定' }).or(hostPage.getByRole('button', { name: '确定' })).click();
    await hostPage.getByTestId('console').click();
    await hostPage.getByText('已连接').waitFor();

    await page.goto(`/roadshows/${id}/live`);
    await page.getByText('已连接').waitFor();
    const card = page.getByTestId('current-item');
    await card.getByText(`甘蔗渣高值化利用技术${tag}`).waitFor();
    await page.waitForFunction(() => {
      const v = (globalThis as unknown as { document: { querySelector(s: string): { currentTime: number } | null } }).document.querySelector('[data-testid="roadshow-video"]');
      return !!v && v.currentTime > 0.5;
    }, undefined, { timeout: 20_000 });
    const t1 = await videoTime(page);
    await page.waitForFunction((t) => {
      const v = (globalThis as unknown as { document: { querySelector(s: string): { currentTime: number } | null } }).document.querySelector('[data-testid="roadshow-video"]');
      return !!v && v.currentTime > t;
    }, t1, { timeout: 10_000 });
    await hostPage.getByTestId('viewer-count').filter({ hasText: '2 人在线' }).waitFor();

    // 4. The viewer asks; the host sees it live and marks it answered; the viewer sees the mark.
    const question = `废蜜发酵的转化率能到多少？${tag}`;
    await page.getByLabel('向主讲人提问').fill(question);
    await page.getByTestId('ask').click();
    const hostQuestion = hostPage.getByTestId('question').filter({ hasText: question });
    await hostQuestion.waitFor();
    await hostQuestion.getByTestId('answer').click();
    await page.getByTestId('question').filter({ hasText: question }).getByText('已回答').waitFor();

    // 5. The host switches to the second item: the viewer's card follows.
    await hostPage.getByTestId('present-1').click();
    await card.getByText(`制糖废蜜发酵新工艺${tag}`).waitFor();

    // 6. The viewer expresses intent on the current item; the host's console shows it live.
    await page.getByTestId('express-intent').click();
    await page.getByLabel('意向说明（选填，如希望的合作方式、预算）').fill('希望技术许可，先小试');
    await page.getByTestId('intent-submit').click();
    await page.getByText('合作意向已送达成果方和组织者').waitFor();
    await hostPage.getByRole('tab', { name: /实时意向/ }).click();
    await hostPage.getByTestId('live-intent').filter({ hasText: viewer.user.organization.name }).waitFor();
    await screenshot(page, 'roadshow-live-room');

    // 7. The supplier sees the lead with the viewer's organization.
    const supplierPage = await newPage(browser, server.url);
    await logIn(supplierPage, supplier.email, supplier.password);
    await supplierPage.goto('/roadshows/leads');
    const lead = supplierPage.getByTestId('lead-org').filter({ hasText: viewer.user.organization.name });
    await lead.waitFor();
    expect(await supplierPage.getByRole('row').filter({ hasText: `制糖废蜜发酵新工艺${tag}` }).count()).to.equal(1);
    await screenshot(supplierPage, 'roadshow-supplier-leads');
    for (const p of [page, hostPage, supplierPage]) await p.context().close();
  });

  it('the organizer uploads a cover (pictures only, clear refusals); at 390×844 the calendar, the detail page with 报名 and the live room fit the phone', async () => {
    const { server, browser } = suite;
    const tag = uniq().slice(-6);
    const adminAgent = await login(server.agent(), (await createUser('admin')).email);
    const zone = await adminAgent.post('/api/zones').send({ slug: `e2e-rsp-${tag}`, name: `手机路演示范区${tag}`, cityCode: '450100', level: 'autonomous_region', hostType: 'high_tech_zone' });
    expect(zone.status, JSON.stringify(zone.body)).to.equal(201);
    const host = await createUser('zone_admin', { zoneId: zone.body.id });
    const reviewer = await login(server.agent(), (await createUser('reviewer')).email);
    const supplierAgent = server.agent();
    const { user: supplierUser } = await registerUser(supplierAgent, 'supplier');
    const item = `木薯淀粉低能耗干燥技术${tag}`;
    const achievement = await publishListing(supplierAgent, reviewer, 'achievement', { title: item });
    const hostAgent = await login(server.agent(), host.email);
    const title = `农产品加工成果手机路演${tag}`;
    const start = new Date(Date.now() + 2 * 3600_000);
    const created = await hostAgent.post('/api/roadshows').send({
      title,
      zoneId: zone.body.id,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3600_000).toISOString(),
      description: '木薯、甘蔗等农产品加工技术专场，欢迎企业报名观看。',
      streamUrl: '/demo-media/roadshow/index.m3u8',
      items: [{ achievementId: achievement, minutes: 20 }],
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const id = created.body.id as string;

    // The organizer adds a cover in the edit form: a PDF is refused before uploading, a PDF renamed .png by
    // the server (its reason shown), a PNG is taken and shows on the page.
    const hostPage = await newPage(browser, server.url);
    await logIn(hostPage, host.email, host.password);
    await hostPage.goto(`/roadshows/${id}`);
    await hostPage.getByTestId('edit-roadshow').click();
    await hostPage.waitForURL(new RegExp(`/roadshows/${id}/edit$`));
    const fileInput = hostPage.locator('input[type=file]');
    await fileInput.setInputFiles({ name: '路演议程.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
    await hostPage.getByText('“路演议程.pdf”不是图片，请上传 PNG、JPEG 或 WebP 图片').waitFor();
    await fileInput.setInputFiles({ name: '伪装封面.png', mimeType: 'image/png', buffer: tinyPdf() });
    await hostPage.getByText(/“伪装封面\.png”上传失败：.*扩展名/).waitFor();
    // The failed entry does not take the cover's place: the next pick replaces it.
    await fileInput.setInputFiles({ name: '路演封面.png', mimeType: 'image/png', buffer: PNG });
    await hostPage.locator('.ant-upload-list-item-done').waitFor();
    // One cover: the failed entry goes (after its leave animation).
    await hostPage.waitForFunction(() => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('.ant-upload-list-item').length === 1, undefined, { timeout: 5000 });
    // The item's presenter: picked from the achievement's organization.
    await hostPage.getByTestId('presenter-0').click();
    await hostPage.locator('.ant-select-item-option').filter({ hasText: supplierUser.name }).click();
    await hostPage.getByTestId('save-roadshow').click();
    await hostPage.waitForURL(new RegExp(`/roadshows/${id}$`));
    await imageLoads(hostPage, 'roadshow-cover');
    await hostPage.getByText(`主讲：${supplierUser.name}`).waitFor();
    await hostPage.getByTestId('publish').click();
    await hostPage.getByRole('button', { name: '确 定' }).or(hostPage.getByRole('button', { name: '确定' })).click();
    await hostPage.getByTestId('roadshow-status').filter({ hasText: '即将开始' }).first().waitFor();

    // On the phone: the calendar (no sideways scrolling), the detail page with the cover, 报名.
    const viewer = await registerUser(server.agent(), 'enterprise');
    const page = await newPhonePage(browser, server.url);
    // On a phone the header folds the user's name into its menu: wait for the login page to be left instead.
    await submitLogin(page, viewer.email, viewer.password);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/roadshows');
    const entry = page.getByTestId('roadshow-item').filter({ hasText: title });
    await entry.waitFor();
    expect(await horizontalOverflow(page), 'calendar scrolls sideways').to.equal(0);
    await screenshot(page, 'phone-roadshows');
    await entry.getByRole('link', { name: title }).tap();
    await page.waitForURL(new RegExp(`/roadshows/${id}$`));
    await imageLoads(page, 'roadshow-cover');
    await page.getByTestId('current-item').getByText(item).waitFor();
    await page.getByTestId('register').tap();
    await page.getByTestId('registered-tag').waitFor();
    expect(await horizontalOverflow(page), 'detail scrolls sideways').to.equal(0);
    await screenshot(page, 'phone-roadshow-detail');

    // The host starts; the live room on the phone: connected, the item card, the video, asking a question.
    await hostAgent.post(`/api/roadshows/${id}/start`).expect(200);
    await page.reload();
    await page.getByTestId('enter-live').tap();
    await page.waitForURL(new RegExp(`/roadshows/${id}/live$`));
    await page.getByText('已连接').waitFor();
    await page.getByTestId('current-item').getByText(item).waitFor();
    await page.getByTestId('roadshow-video').waitFor();
    const videoBox = await page.getByTestId('roadshow-video').boundingBox();
    expect(videoBox && videoBox.x >= 0 && videoBox.x + videoBox.width <= 390, `video at x=${videoBox?.x} w=${videoBox?.width}`).to.equal(true);
    const question = `干燥能耗能降低多少？${tag}`;
    await page.getByLabel('向主讲人提问').fill(question);
    await page.getByTestId('ask').tap();
    await page.getByTestId('question').filter({ hasText: question }).waitFor();
    expect(await horizontalOverflow(page), 'live room scrolls sideways').to.equal(0);
    await screenshot(page, 'phone-roadshow-live');
    for (const p of [page, hostPage]) await p.context().close();
  });
});
