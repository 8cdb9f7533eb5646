import { expect } from 'chai';
import { createUser, login, registerUser, uniq, publishListing } from '../factories/index.js';
import { newPage, screenshot, withServerAndBrowser } from './browser.js';
import { logIn, tinyPdf } from './steps.js';

describe('browser: 发起洽谈 from a match row, then a file in the negotiation room', () => {
  const suite = withServerAndBrowser();

  it('the supplier starts a deal on a matched demand of its own achievement; after acceptance it sends a PDF the enterprise downloads and strangers cannot', async () => {
    const { server, browser } = suite;
    const reviewer = await login(server.agent(), (await createUser('reviewer')).email);
    const supplierAgent = server.agent();
    const supplier = await registerUser(supplierAgent, 'supplier');
    const enterpriseAgent = server.agent();
    await registerUser(enterpriseAgent, 'enterprise');
    const tag = uniq().slice(-5);
    const demandTitle = `桑蚕茧丝自动缫丝设备改造 ${tag}`;
    const demandId = await publishListing(enterpriseAgent, reviewer, 'demand', { title: demandTitle, keywords: ['缫丝', '桑蚕', '自动化'] });
    const achievementId = await publishListing(supplierAgent, reviewer, 'achievement', { title: `自动缫丝机智能控制系统 ${tag}`, keywords: ['缫丝', '桑蚕', '自动化'] });
    await server.listings.sync.idle();
    await server.listings.sync.drain();
    await server.matching?.idle();

    // 1. The owner of the achievement opens its matches and clicks 发起洽谈 on the demand.
    const sup = await newPage(browser, server.url);
    await logIn(sup, supplier.email, supplier.password);
    await sup.goto(`/achievements/${achievementId}?tab=matches`);
    const row = sup.getByTestId('match-card').filter({ hasText: demandTitle });
    await row.waitFor();
    await row.getByTestId('match-start-deal').click();
    await sup.getByLabel('留言').fill('我们的控制系统可直接加装在现有立缫机上，欢迎交流。');
    await sup.getByRole('button', { name: '发送意向' }).click();
    await sup.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
    const dealId = sup.url().split('/').pop()!;
    await sup.getByTestId('deal-stage').filter({ hasText: '意向' }).waitFor();
    const deal = (await supplierAgent.get(`/api/deals/${dealId}`)).body;
    expect(deal).to.include({ achievementId, demandId });
    expect(deal.origin).to.deep.equal({ kind: 'match', id: `${demandId}:${achievementId}` });

    // The same pair from the demand's side opens the same deal.
    const again = await enterpriseAgent.post('/api/deals').send({ achievementId, demandId, origin: 'match' });
    expect(again.status).to.equal(200);
    expect(again.body.id).to.equal(dealId);
    await enterpriseAgent.post(`/api/deals/${dealId}/accept`).expect(200);
    await sup.getByTestId('deal-stage').filter({ hasText: '已接洽' }).waitFor();

    // 2. The supplier attaches a PDF and sends it with a line of text.
    await sup.getByTestId('chat-attach').locator('input[type=file]').setInputFiles({ name: '改造方案.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
    await sup.getByTestId('chat-attach').locator('.ant-upload-list-item-done').filter({ hasText: '改造方案.pdf' }).waitFor();
    await sup.getByLabel('输入消息，Enter 发送，Shift+Enter 换行').fill('改造方案见附件');
    await sup.getByTestId('chat-send').click();
    const sent = sup.getByTestId('chat-message').filter({ hasText: '改造方案见附件' });
    await sent.getByTestId('chat-attachments').getByText('改造方案.pdf').waitFor();
    await screenshot(sup, 'deal-chat-attachment');

    // 3. The enterprise sees it in the room and downloads it; a stranger gets 404.
    const history = (await enterpriseAgent.get(`/api/deals/${dealId}/messages`)).body.items as { body: string | null; attachments: { id: string; name: string }[] }[];
    const message = history.find((m) => m.body === '改造方案见附件')!;
    expect(message.attachments.map((a) => a.name)).to.deep.equal(['改造方案.pdf']);
    const fileId = message.attachments[0]!.id;
    expect((await enterpriseAgent.get(`/api/files/${fileId}`)).status).to.equal(200);
    const strangerAgent = server.agent();
    await registerUser(strangerAgent, 'enterprise');
    expect((await strangerAgent.get(`/api/files/${fileId}`)).status).to.equal(404);
  });

  it('a reviewer handles a complaint with a 警示 on the staff credit page; the organization’s credit file shows it', async () => {
    const { server, browser } = suite;
    const reviewerUser = await createUser('reviewer');
    const supplierAgent = server.agent();
    const supplier = await registerUser(supplierAgent, 'supplier');
    const enterpriseAgent = server.agent();
    await registerUser(enterpriseAgent, 'enterprise');
    const orgId = (supplier.user as { organizationId: string }).organizationId;
    const reason = `对方承诺的样机演示两次爽约 ${uniq().slice(-5)}`;
    expect((await enterpriseAgent.post('/api/complaints').send({ organizationId: orgId, reason })).status).to.equal(201);

    const page = await newPage(browser, server.url);
    await logIn(page, reviewerUser.email, reviewerUser.password);
    await page.goto('/admin/credit');
    const row = page.getByTestId('complaints').locator('tr').filter({ hasText: reason });
    await row.getByTestId('complaint-handle').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('投诉成立，给予警示').click();
    await dialog.getByLabel('处理意见').fill('经核实属实，予以警示');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('投诉已处理').waitFor();
    await row.waitFor({ state: 'detached' });
    await screenshot(page, 'credit-admin-complaints');

    await page.getByRole('tab', { name: '诚信记录' }).click();
    const record = page.getByTestId('credit-events').locator('tr').filter({ hasText: '经核实属实，予以警示' });
    await record.getByText('来自投诉处理').waitFor();
    await screenshot(page, 'credit-admin-events');

    await page.goto(`/organizations/${orgId}`);
    await page.getByTestId('org-credit-events').getByText('经核实属实，予以警示').waitFor();
    await page.getByTestId('rating-none').waitFor();
    await screenshot(page, 'organization-credit-file');
  });
});
