import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { createUser, login, registerUser, uniq, publishListing } from '../factories/index.js';
import { newPage, screenshot, withServerAndBrowser } from './browser.js';
import { choose, logIn, tinyPdf } from './steps.js';

/** Polls until `locator` has at least one element, reloading between tries (the search index syncs asynchronously). */
async function eventually(page: Page, locator: Locator, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await locator.first().waitFor({ timeout: 1500 });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await page.reload();
    }
  }
}

describe('browser: achievements and demands', () => {
  // The search sync and the matching jobs finish before the server closes.
  const suite = withServerAndBrowser({
    beforeServerClose: async (server) => {
      await server.listings.sync.idle();
      await server.matching?.idle();
      await server.savedSearches?.idle();
    },
  });

  it('a user saves a catalogue search as a daily subscription, sees it under 我的订阅 and deletes it', async () => {
    const { server, browser } = suite;
    const buyer = await registerUser(server.agent(), 'enterprise');
    const page = await newPage(browser, server.url);
    await logIn(page, buyer.email, buyer.password);
    await page.goto('/achievements?q=' + encodeURIComponent('甘蔗收获') + '&city=451400');
    await page.getByRole('button', { name: '保存搜索 / 订阅' }).click();
    const dialog = page.getByRole('dialog', { name: '保存搜索并订阅新发布' });
    await dialog.getByText('甘蔗收获 · 崇左市').waitFor();
    await dialog.getByLabel('订阅名称').fill('崇左甘蔗收获机械');
    await dialog.getByRole('radio', { name: /每日汇总/ }).check();
    await dialog.getByRole('button', { name: '确定' }).click();
    await page.getByText('已保存订阅「崇左甘蔗收获机械」').waitFor();

    await page.goto('/saved-searches');
    await page.getByRole('heading', { name: '我的订阅' }).waitFor();
    const row = page.getByRole('row', { name: /崇左甘蔗收获机械/ });
    await row.waitFor();
    expect(await row.textContent()).to.include('尚未提醒').and.include('甘蔗收获 · 崇左市');
    await screenshot(page, 'saved-searches');
    await row.getByRole('button', { name: '删除' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '删除' }).click();
    await page.getByText('还没有保存的搜索').waitFor();
    await page.close();
  });

  it('a supplier publishes an achievement with a PDF, a reviewer approves it, a visitor finds it', async () => {
    const { server, browser } = suite;
    const supplier = await registerUser(server.agent(), 'supplier');
    const reviewer = await createUser('reviewer');
    const tag = uniq().slice(-6).toUpperCase();
    const title = `木薯淀粉低温糊化节能工艺 ${tag}`;

    // 1. The supplier fills in the form, uploads a PDF and submits for review.
    const page = await newPage(browser, server.url);
    await logIn(page, supplier.email, supplier.password);
    await page.goto('/my/achievements/new');
    await page.getByRole('heading', { name: '发布成果' }).waitFor();
    await page.getByLabel('成果名称').fill(title);
    await page.getByLabel('成果简介').fill('木薯淀粉在 55 ℃ 以下完成糊化，能耗降低 30%，适用于中小型淀粉加工企业的生产线改造。');
    await page.getByLabel('详细介绍').fill('采用复合酶预处理与低温连续糊化工艺，已在南宁、北海两家淀粉厂完成中试，吨淀粉蒸汽消耗下降 0.4 吨。');
    const keywords = page.getByLabel('关键词', { exact: true });
    for (const word of ['木薯', '淀粉', '低温糊化']) {
      await keywords.fill(word);
      await keywords.press('Enter');
    }
    await choose(page, '所属产业', '农产品精深加工', '精深');
    await choose(page, '技术成熟度', 'TRL 6 · 小试/中试');
    await page.getByRole('checkbox', { name: '技术许可' }).check();
    await page.getByRole('checkbox', { name: '技术转让' }).check();
    await page.getByRole('button', { name: '添加知识产权' }).click();
    await choose(page, '类型', '发明专利');
    await page.getByLabel('专利号/登记号').fill('ZL202210123456.1');
    await page.getByLabel('意向价格').fill('80');
    await choose(page, '所在城市', '南宁市');
    await page.getByRole('radio', { name: '财政科技计划成果' }).check();
    await page.getByLabel('联系电话').fill('0771-2345678');
    await page.locator('input[type=file]').setInputFiles({ name: '工艺说明.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
    await page.locator('.ant-upload-list-item-done', { hasText: '工艺说明.pdf' }).waitFor();
    await screenshot(page, 'achievement-form');
    await page.getByRole('button', { name: '保存并提交审核' }).click();

    await page.getByTestId('listing-title').filter({ hasText: title }).waitFor();
    await page.getByTestId('status-tag').filter({ hasText: '待审核' }).waitFor();
    expect(await page.getByTestId('attachment-link').filter({ hasText: '工艺说明.pdf' }).count()).to.equal(1);
    expect(await page.getByTestId('price').textContent()).to.equal('80 万元');
    await screenshot(page, 'achievement-pending');

    // 2. A reviewer approves it from the queue.
    const reviewPage = await newPage(browser, server.url);
    await logIn(reviewPage, reviewer.email, reviewer.password);
    await reviewPage.goto('/reviews');
    await reviewPage.getByRole('button', { name: `审核「${title}」` }).click();
    const drawer = reviewPage.getByTestId('review-drawer');
    await drawer.getByText('木薯淀粉在 55 ℃ 以下完成糊化', { exact: false }).waitFor();
    await screenshot(reviewPage, 'review-drawer');
    await reviewPage.getByRole('button', { name: '通过', exact: true }).click();
    await reviewPage.getByText(`已通过「${title}」`).waitFor();
    await reviewPage.getByRole('button', { name: `审核「${title}」` }).waitFor({ state: 'detached' });

    // The supplier's open page hears of it at once (Socket.IO), without a reload: a toast, the bell's count, the new status.
    await page.locator('.ant-notification-notice').filter({ hasText: `您的成果「${title}」已通过审核并发布` }).waitFor({ timeout: 5000 });
    expect(await page.getByTestId('notification-bell').getAttribute('aria-label')).to.match(/^通知，\d+ 条未读$/);
    await page.getByTestId('status-tag').filter({ hasText: '已发布' }).waitFor({ timeout: 5000 });
    await screenshot(page, 'supplier-live-notification');

    // 3. A visitor searches the catalogue for a word of the title.
    const visitor = await newPage(browser, server.url);
    await visitor.goto('/achievements');
    const search = visitor.getByLabel(/搜索成果名称/);
    await search.fill('木薯');
    await search.press('Enter');
    await visitor.waitForURL(/q=%E6%9C%A8%E8%96%AF/);
    const card = visitor.getByTestId('listing-card').filter({ hasText: tag });
    // The unfiltered list loaded first may still show the card without highlights: wait for the search's answer.
    await eventually(visitor, card.locator('mark'), 10_000);
    expect(await card.locator('mark').first().textContent(), 'the search word is highlighted').to.equal('木薯');
    expect(await card.textContent()).to.include('80 万元').and.include('TRL 6');
    await screenshot(visitor, 'catalogue-search');
    await card.getByRole('link').first().click();
    await visitor.getByTestId('listing-title').filter({ hasText: title }).waitFor();
    await visitor.getByText('登录后查看详情与联系方式').waitFor();
    expect(await visitor.getByText('0771-2345678').count(), 'no contact for visitors').to.equal(0);
    await screenshot(visitor, 'achievement-detail-visitor');
  });

  it('an enterprise reviews the matches of its demand and dismisses one as 价格不合适', async () => {
    const { server, browser } = suite;
    const enterpriseAgent = server.agent();
    const enterprise = await registerUser(enterpriseAgent, 'enterprise');
    const supplierAgent = server.agent();
    await registerUser(supplierAgent, 'supplier');
    const reviewerAgent = await login(server.agent(), (await createUser('reviewer')).email);

    const demandId = await publishListing(enterpriseAgent, reviewerAgent, 'demand', {
      title: `丘陵山地甘蔗机械化收获 ${uniq()}`,
      keywords: ['甘蔗', '机械化收获', '收获机'],
    });
    const expensiveTitle = `大型甘蔗联合收获机（进口整机） ${uniq()}`;
    await publishListing(supplierAgent, reviewerAgent, 'achievement', { title: `丘陵山地甘蔗联合收获机 ${uniq()}`, price: 1200000 });
    await publishListing(supplierAgent, reviewerAgent, 'achievement', { title: `甘蔗剥叶切段收获装置 ${uniq()}`, keywords: ['甘蔗', '收获', '剥叶'], price: null });
    await publishListing(supplierAgent, reviewerAgent, 'achievement', { title: expensiveTitle, price: 9000000, trl: 8 });
    await server.listings.sync.idle();
    await server.listings.sync.drain();
    await server.matching?.idle();

    const page = await newPage(browser, server.url);
    await logIn(page, enterprise.email, enterprise.password);
    await page.goto(`/demands/${demandId}?tab=matches`);
    await page.getByRole('tab', { name: '匹配成果', selected: true }).waitFor();
    const cards = page.getByTestId('match-card');
    await cards.first().waitFor();
    expect(await cards.count()).to.be.greaterThanOrEqual(2);
    const first = cards.first();
    await first.getByText('文本相关', { exact: true }).first().waitFor();
    await first.getByText('产业', { exact: true }).first().waitFor();
    expect(await first.getByTestId('match-score').textContent()).to.match(/\d+%/);
    await screenshot(page, 'demand-matches');

    const expensive = cards.filter({ hasText: expensiveTitle });
    await expensive.waitFor();
    await expensive.getByText('明显高于预算上限').first().waitFor();
    await expensive.getByRole('button', { name: '不相关' }).click();
    const dialog = page.getByRole('dialog', { name: '标记为不相关' });
    await dialog.getByRole('radio', { name: '价格不合适' }).check();
    await dialog.getByRole('button', { name: '确定' }).click();
    await expensive.waitFor({ state: 'detached' });
    await page.getByText('已标记为不相关').waitFor();
    await screenshot(page, 'demand-matches-after-dismiss');

    const after = await enterpriseAgent.get(`/api/demands/${demandId}/matches`).expect(200);
    const titles = (after.body.items as { achievement: { title: string } }[]).map((item) => item.achievement.title);
    expect(titles).to.not.include(expensiveTitle);
  });

  it('an enterprise posts a demand through the form, a reviewer rejects it with a reason, the enterprise fixes it and it is published', async () => {
    const { server, browser } = suite;
    const enterprise = await registerUser(server.agent(), 'enterprise');
    const reviewer = await createUser('reviewer');
    const title = `电池包液冷板钎焊泄漏率偏高 ${uniq().slice(-6).toUpperCase()}`;

    // 1. The form: required fields checked in Chinese before anything is sent.
    const page = await newPage(browser, server.url);
    await logIn(page, enterprise.email, enterprise.password);
    await page.goto('/my/demands/new');
    await page.getByRole('heading', { name: '发布需求' }).waitFor();
    await page.getByRole('button', { name: '保存并提交审核' }).click();
    await page.getByText('请填写需求名称').first().waitFor();
    await page.getByLabel('需求名称').fill(title);
    await page.getByLabel('需求描述').fill('我公司液冷板采用真空钎焊，近期泄漏率在 3% 左右，返修成本高。');
    await page.getByLabel('预期目标与指标').fill('泄漏率降到 0.5% 以下，单件钎焊周期不增加。');
    const keywords = page.getByLabel('关键词', { exact: true });
    for (const word of ['液冷板', '真空钎焊']) {
      await keywords.fill(word);
      await keywords.press('Enter');
    }
    await choose(page, '所属产业', '新能源汽车', '新能源汽车');
    await page.getByLabel('预算上限').fill('80');
    await page.getByRole('checkbox', { name: '合作开发' }).check();
    await choose(page, '所在城市', '柳州市');
    await page.getByRole('button', { name: '保存并提交审核' }).click();
    await page.getByTestId('listing-title').filter({ hasText: title }).waitFor();
    await page.getByTestId('status-tag').filter({ hasText: '待审核' }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop()!;

    // 2. The reviewer rejects it; the reason is required and reaches the enterprise's open page at once.
    const reviewPage = await newPage(browser, server.url);
    await logIn(reviewPage, reviewer.email, reviewer.password);
    await reviewPage.goto('/reviews?kind=demand');
    await reviewPage.getByRole('button', { name: `审核「${title}」` }).click();
    const drawer = reviewPage.getByTestId('review-drawer');
    await drawer.getByText('真空钎焊', { exact: false }).first().waitFor();
    await reviewPage.getByRole('button', { name: '驳回', exact: true }).click();
    await reviewPage.getByText('驳回时请写明理由').waitFor();
    await reviewPage.getByLabel('审核意见').fill('请补充液冷板材料牌号和现有钎焊工艺参数');
    await reviewPage.getByRole('button', { name: '驳回', exact: true }).click();
    await reviewPage.getByText(`已驳回「${title}」`).waitFor();

    await page.getByTestId('status-tag').filter({ hasText: '未通过' }).waitFor({ timeout: 5000 });
    await page.getByText('审核意见：请补充液冷板材料牌号和现有钎焊工艺参数').waitFor();
    await screenshot(page, 'demand-rejected');

    // 3. The enterprise edits it and submits again; the reviewer approves.
    await page.getByTestId('owner-actions').getByText('编辑', { exact: true }).click();
    await page.getByLabel('需求描述').fill('我公司液冷板为 3003 铝合金，采用真空钎焊（600 ℃，保温 8 分钟），近期泄漏率在 3% 左右，返修成本高。');
    await page.getByRole('button', { name: '保存并提交审核' }).click();
    await page.getByTestId('status-tag').filter({ hasText: '待审核' }).waitFor();
    const approved = await login(server.agent(), reviewer.email, reviewer.password);
    await approved.post(`/api/reviews/demand/${id}`).send({ decision: 'approve' }).expect(200);
    await page.getByTestId('status-tag').filter({ hasText: '已发布' }).waitFor({ timeout: 5000 });
    const history = await login(server.agent(), enterprise.email, enterprise.password);
    const actions = ((await history.get(`/api/demands/${id}/history`).expect(200)).body.items as { action: string }[]).map((h) => h.action);
    expect(actions).to.include.members(['demand.submit', 'demand.review.reject', 'demand.review.approve']);
  });
});
