import { expect } from 'chai';
import { createUser, login, registerUser, uniq, publishListing, seededZones, staffAgent } from '../factories/index.js';
import { newPage, screenshot, withServerAndBrowser } from './browser.js';
import { choose, logIn } from './steps.js';

describe('browser: from 我有意向 to a registered contract and the broker commission', () => {
  const suite = withServerAndBrowser();

  it('enterprise expresses interest, supplier accepts, they talk and agree an offer, the contract is registered, the deal shows 已签约登记 and the broker ledger the commission due', async () => {
    const { server, browser } = suite;
    const reviewer = await login(server.agent(), (await createUser('reviewer')).email);
    const supplierAgent = server.agent();
    const supplier = await registerUser(supplierAgent, 'supplier');
    const enterpriseAgent = server.agent();
    const enterprise = await registerUser(enterpriseAgent, 'enterprise');
    const brokerAgent = server.agent();
    const broker = await registerUser(brokerAgent, 'broker');
    const title = `北部湾海水网箱溶氧在线监测系统 ${uniq().slice(-5)}`;
    const achievementId = await publishListing(supplierAgent, reviewer, 'achievement', { title, contactPhone: '0771-5550123', keywords: ['网箱', '溶解氧'] });
    const [zone] = await seededZones();

    // 1. The enterprise sees no contact yet, and clicks 我有意向 with a message.
    const ent = await newPage(browser, server.url);
    await logIn(ent, enterprise.email, enterprise.password);
    await ent.goto(`/achievements/${achievementId}`);
    await ent.getByText('联系方式、附件和保密信息在双方接受洽谈并签署保密承诺后可见。').waitFor();
    expect(await ent.getByText('0771-5550123').count()).to.equal(0);
    await ent.getByTestId('start-deal').click();
    await ent.getByLabel('留言').fill('我们在钦州有 200 口网箱，想了解设备价格和安装周期。');
    await ent.getByRole('button', { name: '发送意向' }).click();
    await ent.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
    const dealId = ent.url().split('/').pop()!;
    await ent.getByTestId('deal-stage').filter({ hasText: '意向' }).waitFor();

    // 2. The supplier finds it in 我的交易 and accepts: the room opens.
    const sup = await newPage(browser, server.url);
    await logIn(sup, supplier.email, supplier.password);
    await sup.goto('/deals');
    await sup.getByTestId('deal-list').getByRole('link', { name: title }).click();
    await sup.getByTestId('deal-accept').click();
    await sup.getByTestId('deal-stage').filter({ hasText: '已接洽' }).waitFor();
    await sup.getByText('我们在钦州有 200 口网箱').waitFor();

    // The enterprise invites the broker, who accepts and agrees a 3 % commission paid by the enterprise (API).
    expect((await enterpriseAgent.post(`/api/deals/${dealId}/broker`).send({ brokerId: broker.user.id })).status).to.equal(200);
    expect((await brokerAgent.post(`/api/deals/${dealId}/accept`)).status).to.equal(200);
    const validUntil = new Date(Date.now() + 7 * 86400_000).toISOString();
    const commission = await brokerAgent.post(`/api/deals/${dealId}/messages`).send({ clientMsgId: uniq(), kind: 'offer', offer: { purpose: 'commission', commissionRate: '0.03', payerSide: 'demand', validUntil } });
    expect(commission.status).to.equal(201);
    expect((await enterpriseAgent.post(`/api/deals/${dealId}/messages`).send({ clientMsgId: uniq(), kind: 'accept', offerId: commission.body.message.offerId })).status).to.equal(201);

    // 3. They talk live; the enterprise signs the 保密承诺 and then sees the contact.
    await ent.reload();
    await ent.getByTestId('deal-stage').filter({ hasText: '已接洽' }).waitFor();
    await ent.getByLabel('输入消息，Enter 发送，Shift+Enter 换行').fill('请问能否提供在防城港的示范数据？');
    await ent.getByLabel('输入消息，Enter 发送，Shift+Enter 换行').press('Enter');
    await sup.getByText('请问能否提供在防城港的示范数据？').waitFor();
    await ent.getByTestId('deal-undertaking').click();
    await ent.getByRole('dialog').getByRole('button', { name: '签署保密承诺' }).click();
    await ent.getByText(/已于 .* 签署保密承诺/).waitFor();
    await ent.goto(`/achievements/${achievementId}`);
    await ent.getByText('0771-5550123').waitFor();
    await ent.goto(`/deals/${dealId}`);

    // 4. The supplier makes an offer; the enterprise sees the card live and accepts it.
    await sup.getByTestId('offer-make').click();
    await sup.getByLabel('报价金额（元）').fill('860000');
    await choose(sup, '转化方式', '技术转让');
    await sup.getByRole('dialog').getByRole('button', { name: '发送' }).click();
    const card = ent.getByTestId('offer-card').filter({ hasText: '86' });
    await card.getByTestId('offer-status').filter({ hasText: '有效' }).waitFor();
    await screenshot(ent, 'deal-offer-card');
    await card.getByTestId('offer-accept').click();
    await ent.getByTestId('deal-stage').filter({ hasText: '已达成一致' }).waitFor();
    await sup.getByTestId('deal-stage').filter({ hasText: '已达成一致' }).waitFor();

    // 5. The contract draft, prefilled from the accepted offer, goes to registration.
    await ent.getByTestId('deal-contract-draft').click();
    await ent.getByTestId('contract-draft').waitFor();
    await choose(ent, '所属示范区', zone!.name, zone!.name.slice(0, 2));
    await screenshot(ent, 'deal-contract-draft');
    await ent.getByRole('dialog').getByRole('button', { name: '提交登记', exact: true }).click();
    await ent.waitForURL(/\/contracts\/[0-9a-f-]{36}$/);
    const contractId = ent.url().split('/').pop()!;

    // 6. The registrar registers it; the deal is contracted and the broker's ledger shows 3 % due.
    const registrar = await staffAgent(server, 'registrar', { regionCode: '450103' });
    expect((await registrar.agent.post(`/api/contracts/${contractId}/review`).send({ decision: 'register' })).status).to.equal(200);
    await ent.goto(`/deals/${dealId}`);
    await ent.getByTestId('deal-stage').filter({ hasText: '已签约登记' }).waitFor();
    await screenshot(ent, 'deal-contracted');

    const brk = await newPage(browser, server.url);
    await logIn(brk, broker.email, broker.password);
    await brk.goto('/deals');
    await brk.getByRole('tab', { name: '佣金台账' }).click();
    const row = brk.getByTestId('commissions').locator('tr', { hasText: title });
    await row.getByText('应收').waitFor();
    expect(await row.textContent()).to.include('25800.00');
    await screenshot(brk, 'broker-commission-ledger');
    for (const p of [ent, sup, brk]) await p.context().close();
  });
});
