import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { createUser, creditCode, login, registerUser, uniq } from '../factories/index.js';
import { newPage, screenshot, withServerAndBrowser } from './browser.js';
import { choose, logIn, tinyPdf } from './steps.js';

/** Today in Beijing (the server refuses signing dates after it). */
function beijingDate(offsetYears = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return offsetYears ? `${Number(today.slice(0, 4)) + offsetYears}${today.slice(4)}`.replace(/-02-29$/, '-02-28') : today;
}

async function pickDate(page: Page, label: string, date: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

describe('browser: technology contract registration and the zone dashboard', () => {
  const suite = withServerAndBrowser();

  it('an enterprise submits a contract, a registrar registers it, the zone dashboard and indicators move', async () => {
    const { server, browser } = suite;

    // A fresh zone, so its turnover is exactly this contract's amount.
    const admin = await createUser('admin');
    const adminAgent = await login(server.agent(), admin.email);
    const tag = uniq();
    const zoneName = `测试示范区${tag.slice(-6)}`;
    const created = await adminAgent.post('/api/zones').send({ slug: `e2e-${tag}`, name: zoneName, cityCode: '450100', level: 'autonomous_region', hostType: 'high_tech_zone' });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const zoneId = created.body.id as string;

    const enterprise = await registerUser(server.agent(), 'enterprise');
    const registrar = await createUser('registrar');
    const zoneAdmin = await createUser('zone_admin', { zoneId });
    const contractName = `一种木薯淀粉低温糊化工艺的专利权转让合同 ${tag.slice(-6).toUpperCase()}`;

    // 1. The enterprise (buyer, its own organization by default) fills in the registration form.
    const page = await newPage(browser, server.url);
    await logIn(page, enterprise.email, enterprise.password);
    await page.goto('/contracts');
    await page.getByRole('button', { name: '登记新合同' }).first().click();
    await page.getByRole('heading', { name: '提交技术合同' }).waitFor();
    await page.getByLabel('合同名称').fill(contractName);
    await choose(page, '合同类型', '技术转让');
    await choose(page, '合同子类', '专利权');
    await choose(page, '所属示范区', zoneName, zoneName.slice(0, 5));
    await page.getByLabel('技术领域').fill('生物农业');

    const seller = page.getByTestId('party-seller');
    expect(await seller.getByRole('radio', { name: '平台外单位' }).isChecked()).to.equal(true);
    await page.getByLabel('卖方名称').fill('广西测试农业大学');
    await page.getByLabel('卖方统一社会信用代码').fill(creditCode('12'));
    await page.getByLabel('卖方行政区划代码').fill('459999'); // well-formed, but no such region: the server says so
    await choose(page, '卖方主体类型', '高校');
    const buyer = page.getByTestId('party-buyer');
    expect(await buyer.getByRole('radio', { name: '平台内单位' }).isChecked()).to.equal(true);
    const ownOrg = (enterprise.user as unknown as { organization: { name: string } }).organization.name;
    await buyer.getByText(ownOrg).first().waitFor();

    // 技术交易额 > 合同成交额 is caught before anything is sent.
    await page.getByLabel('合同成交额').fill('1234567.89');
    await page.getByLabel('技术交易额').fill('2000000');
    await pickDate(page, '签订日期', beijingDate());
    await pickDate(page, '有效期起', beijingDate());
    await pickDate(page, '有效期止', beijingDate(2));
    // Enter in a date field picks the date and never submits the form.
    expect(await page.getByTestId('contract-review').count(), 'Enter submitted the form').to.equal(0);
    await page.getByLabel('支付方式').fill('合同生效后 30 日内一次性支付');
    await page.locator('input[type=file]').setInputFiles({ name: '合同扫描件.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
    await page.locator('.ant-upload-list-item-done', { hasText: '合同扫描件.pdf' }).waitFor();
    await page.getByRole('button', { name: '提交登记' }).click();
    await page.getByText('技术交易额不能大于合同成交额').waitFor();
    await page.getByLabel('技术交易额').fill('1000000.01');

    // A review-and-confirm step comes first; the server's field error then lands under the field it names.
    await page.getByRole('button', { name: '提交登记' }).click();
    const review = page.getByTestId('contract-review');
    await review.waitFor();
    await review.getByText('广西测试农业大学').waitFor();
    await review.getByText(zoneName).waitFor();
    await screenshot(page, 'contract-review-step');
    await page.getByRole('button', { name: '确认提交' }).click();
    await page.getByText('不是有效的行政区划代码（GB/T 2260）').waitFor();
    await screenshot(page, 'contract-form-server-error');
    await page.getByLabel('卖方行政区划代码').fill('450103');
    await page.keyboard.press('Escape');

    // A double click submits once (one Idempotency-Key per form; the button locks while sending).
    await page.getByRole('button', { name: '提交登记' }).click();
    await page.getByTestId('contract-review').waitFor();
    await page.getByRole('button', { name: '确认提交' }).dblclick();
    await page.getByTestId('contract-title').filter({ hasText: contractName }).waitFor();
    await page.getByTestId('contract-status').filter({ hasText: '待登记' }).waitFor();
    expect(await page.getByTestId('contract-attachment').filter({ hasText: '合同扫描件.pdf' }).count()).to.equal(1);
    const contractId = new URL(page.url()).pathname.split('/').pop()!;
    await screenshot(page, 'contract-submitted');
    const mine = await login(server.agent(), enterprise.email, enterprise.password);
    const list = await mine.get('/api/contracts').query({ q: contractName });
    expect(list.body.total, 'one contract despite the double click and the failed tries').to.equal(1);

    // 2. The registrar finds it in the queue and registers it from the drawer.
    const desk = await newPage(browser, server.url);
    await logIn(desk, registrar.email, registrar.password);
    await desk.goto('/registrar');
    await desk.getByRole('heading', { name: '合同登记工作台' }).waitFor();
    await desk.getByRole('button', { name: `办理「${contractName}」` }).click();
    const drawer = desk.getByTestId('contract-drawer');
    await drawer.getByTestId('contract-amount').filter({ hasText: '1,234,567.89 元' }).waitFor();
    await screenshot(desk, 'registrar-drawer');
    await drawer.getByLabel('审查意见').fill('材料齐全，予以登记');
    await drawer.getByRole('button', { name: '予以登记' }).click();
    const number = drawer.getByTestId('panel-registration-number');
    await number.waitFor();
    const registrationNumber = (await number.textContent())?.trim() ?? '';
    expect(registrationNumber).to.match(new RegExp(`^${beijingDate().slice(0, 4)}450103\\d{6}$`));
    await desk.getByText(`已予以登记，登记编号 ${registrationNumber}`).waitFor();
    await screenshot(desk, 'registrar-registered');

    // 2b. The registrar amends it (补充协议 raises the amounts); the form refuses 技术交易额 > 成交额 first.
    await drawer.getByRole('button', { name: '变更登记' }).click();
    const amend = desk.getByRole('dialog', { name: '变更登记' });
    await amend.getByLabel('合同成交额').fill('2000000');
    await amend.getByLabel('技术交易额').fill('2500000');
    await amend.getByLabel('变更说明').fill('双方签订补充协议，追加合同金额');
    await amend.getByRole('button', { name: '确认变更' }).click();
    await amend.getByText('技术交易额不能大于合同成交额').waitFor();
    await amend.getByLabel('技术交易额').fill('1800000');
    await amend.getByRole('button', { name: '确认变更' }).click();
    await desk.getByText('已办理变更登记').waitFor();
    await drawer.getByTestId('contract-amount').filter({ hasText: '2,000,000.00 元' }).waitFor();

    // The submitter sees the decision (registered, then amended: the number stays).
    await page.reload();
    await page.getByTestId('contract-status').filter({ hasText: '已变更' }).waitFor();
    expect(await page.getByTestId('registration-number').first().textContent()).to.equal(registrationNumber);

    // 3. The zone dashboard shows the amended turnover (the zone has only this contract).
    await desk.goto(`/zones/${zoneId}`);
    await desk.getByTestId('zone-name').filter({ hasText: zoneName }).waitFor();
    await desk.getByTestId('kpi-turnover-sub').filter({ hasText: '2,000,000.00 元' }).waitFor();
    expect(await desk.getByTestId('kpi-turnover-value').textContent()).to.equal('200.00 万元');
    expect(await desk.getByTestId('kpi-count').textContent()).to.contain('1 份');
    await desk.locator('[data-testid="chart-month"] canvas').first().waitFor();
    await desk.getByTestId('city-tiles').waitFor();
    await screenshot(desk, 'zone-dashboard');

    // 4. The zone's admin sees indicator 1 computed from it and enters a manual indicator inline.
    const zonePage = await newPage(browser, server.url);
    await logIn(zonePage, zoneAdmin.email, zoneAdmin.password);
    await zonePage.goto(`/zones/${zoneId}/indicators`);
    await zonePage.getByTestId('value-I01').filter({ hasText: '0.02 亿元' }).waitFor();
    await zonePage.getByRole('button', { name: '填报“每万人发明专利拥有量”' }).click();
    await zonePage.getByLabel('“每万人发明专利拥有量”的数值').fill('21.3');
    await zonePage.getByLabel('“每万人发明专利拥有量”的数据来源').fill('市市场监督管理局（知识产权局）统计');
    await zonePage.getByRole('button', { name: '保存', exact: true }).click();
    await zonePage.getByTestId('value-I02').filter({ hasText: '21.3' }).waitFor();
    await screenshot(zonePage, 'zone-indicators');
    expect(contractId).to.have.length.greaterThan(10);
  });

  it("a registrar works only its station's jurisdiction: the other station's registrar gets 页面不存在", async () => {
    const { server } = suite;
    const browser = suite.browser;
    const admin = await createUser('admin');
    const adminAgent = await login(server.agent(), admin.email);
    const yulinReg = await createUser('registrar');
    const otherReg = await createUser('registrar');
    const tag = uniq();
    const yulin = await adminAgent.post('/api/registration-stations').send({ name: `玉林市技术合同登记站${tag}`, regionCodes: ['450900'] });
    const other = await adminAgent.post('/api/registration-stations').send({ name: `贵港市技术合同登记站${tag}`, regionCodes: ['450800'] });
    expect(yulin.status, JSON.stringify(yulin.body)).to.equal(201);
    await adminAgent.put(`/api/registration-stations/${yulin.body.id}/registrars`).send({ userIds: [yulinReg.user.id] }).expect(200);
    await adminAgent.put(`/api/registration-stations/${other.body.id}/registrars`).send({ userIds: [otherReg.user.id] }).expect(200);

    const enterprise = await registerUser(server.agent(), 'enterprise');
    const agent = await login(server.agent(), enterprise.email, enterprise.password);
    const name = `玉林某研究所中药材种植技术服务合同 ${tag.slice(-6).toUpperCase()}`;
    const c = await agent.post('/api/contracts').send({
      name,
      type: 'service',
      subtype: 'service_technical',
      seller: { name: '玉林某中药材研究所', creditCode: creditCode('12'), regionCode: '450902', entityType: 'institute' },
      buyer: { organizationId: enterprise.user.organizationId },
      amount: 80000,
      techAmount: 80000,
      signedAt: beijingDate(),
      validFrom: beijingDate(),
      validTo: beijingDate(1),
      attachments: [],
    });
    expect(c.status, JSON.stringify(c.body)).to.equal(201);
    expect(c.body.stationId).to.equal(yulin.body.id);

    const mine = await newPage(browser, server.url);
    await logIn(mine, yulinReg.email, yulinReg.password);
    await mine.goto('/registrar');
    await mine.getByRole('button', { name: `办理「${name}」` }).waitFor();
    await mine.goto(`/contracts/${c.body.id}`);
    await mine.getByTestId('contract-title').filter({ hasText: name }).waitFor();
    await mine.getByTestId('contract-no-zone').waitFor();

    const theirs = await newPage(browser, server.url);
    await logIn(theirs, otherReg.email, otherReg.password);
    await theirs.goto('/registrar');
    await theirs.getByRole('heading', { name: '合同登记工作台' }).waitFor();
    expect(await theirs.getByRole('button', { name: `办理「${name}」` }).count()).to.equal(0);
    await theirs.goto(`/contracts/${c.body.id}`);
    await theirs.getByText('页面不存在', { exact: true }).waitFor();
    await screenshot(theirs, 'registrar-other-station-404');

    // Leave no station behind for other tests.
    await agent.post(`/api/contracts/${c.body.id}/withdraw`).send({}).expect(200);
    await adminAgent.delete(`/api/registration-stations/${yulin.body.id}`).expect(204);
    await adminAgent.delete(`/api/registration-stations/${other.body.id}`).expect(204);
  });
});
