import { expect } from 'chai';
import { creditCode, PASSWORD, registerUser, uniq, staffUser } from '../factories/index.js';
import { newPage, screenshot, withServerAndBrowser } from './browser.js';
import { logIn, tinyPdf } from './steps.js';

describe('browser: staff administration', () => {
  const suite = withServerAndBrowser();

  it('a reviewer approves an organization verification in 认证审核; an admin disables an organization in 单位管理, finds it in 操作日志 and grants a staff role in 用户管理', async () => {
    const { server, browser } = suite;
    // An enterprise asks for 实名认证 with its licence, through the API.
    const member = server.agent();
    const orgName = `广西认证测试有限公司${uniq().slice(-6)}`;
    const { user } = await registerUser(member, 'enterprise', { organization: { name: orgName, type: 'enterprise', creditCode: creditCode('91'), regionCode: '450103' } });
    const name = user.organization.name;
    const file = await member.post('/api/files').attach('file', tinyPdf(), { filename: '营业执照.pdf', contentType: 'application/pdf' });
    expect(file.status).to.equal(201);
    await member.post(`/api/organizations/${user.organizationId}/verification`).send({ files: [file.body.id] }).expect(201);

    const reviewer = await staffUser('reviewer');
    const page = await newPage(browser, server.url);
    await logIn(page, reviewer.email, PASSWORD);
    await page.getByRole('navigation', { name: '主菜单' }).getByText('认证审核').click();
    const row = page.getByRole('row').filter({ hasText: name });
    await row.getByText('营业执照.pdf').waitFor();
    await screenshot(page, 'verification-queue');
    await row.getByRole('button', { name: /通\s?过/ }).click();
    await page.locator('.ant-popover').getByRole('button', { name: /确\s?定|OK/ }).click();
    await page.getByText('已通过').first().waitFor();
    await row.waitFor({ state: 'detached' });
    expect((await server.agent().get(`/api/organizations/${user.organizationId}`)).body.verified).to.equal(true);

    // A platform admin disables the organization with a reason; the list shows it, the audit log records it.
    const admin = await staffUser('admin');
    const adminPage = await newPage(browser, server.url);
    await logIn(adminPage, admin.email, PASSWORD);
    await adminPage.getByRole('navigation', { name: '主菜单' }).getByText('单位管理').click();
    await adminPage.getByRole('heading', { name: '单位管理' }).waitFor();
    await adminPage.getByLabel('单位名称或统一社会信用代码').fill(name);
    await adminPage.getByLabel('单位名称或统一社会信用代码').press('Enter');
    const orgRow = adminPage.getByRole('row').filter({ hasText: name });
    await orgRow.getByText('已认证').waitFor();
    await orgRow.getByRole('button', { name: /停\s?用/ }).click();
    const dialog = adminPage.getByRole('dialog');
    await dialog.getByRole('button', { name: /停\s?用/ }).click();
    await dialog.getByText('请填写理由').waitFor();
    await dialog.getByLabel('理由').fill('营业执照已过期，待重新提交');
    await screenshot(adminPage, 'organization-disable');
    await dialog.getByRole('button', { name: /停\s?用/ }).click();
    await orgRow.getByText('已停用').waitFor();
    expect((await member.get('/api/auth/me')).body.user.organizationId).to.equal(null);

    await adminPage.getByRole('navigation', { name: '主菜单' }).getByText('操作日志').click();
    await adminPage.getByLabel('动作').fill('organization.disable');
    await adminPage.getByLabel('动作').press('Enter');
    await adminPage.getByText('共 1 条记录').waitFor();
    await adminPage.getByRole('row').filter({ hasText: '营业执照已过期，待重新提交' }).getByText('organization.disable').waitFor();
    await screenshot(adminPage, 'audit-log');

    // The admin grants a staff role in 用户管理: a zone admin needs its zone, the modal says so before sending.
    await adminPage.getByRole('navigation', { name: '主菜单' }).getByText('用户管理').click();
    await adminPage.getByLabel('搜索姓名、邮箱或单位').fill(user.email);
    await adminPage.getByLabel('搜索姓名、邮箱或单位').press('Enter');
    const userRow = adminPage.getByRole('row').filter({ hasText: user.email });
    await userRow.getByRole('button', { name: '授予角色' }).click();
    const grant = adminPage.getByRole('dialog', { name: /授予角色/ });
    await grant.getByLabel('示范区管理员').check();
    await grant.getByRole('button', { name: '确定授予' }).click();
    await grant.getByText('授予示范区管理员角色时，请选择其管理的示范区').waitFor();
    await grant.getByLabel('示范区管理员').uncheck();
    await grant.getByLabel('信息审核员').check();
    await grant.getByRole('button', { name: '确定授予' }).click();
    await grant.waitFor({ state: 'detached' });
    await userRow.getByText('信息审核员').waitFor();
    expect((await member.get('/api/auth/me')).body.user.roles).to.include('reviewer');
  });
});
