import { expect } from 'chai';
import { creditCode, uniq } from '../factories/index.js';
import { newPage, screenshot, withServerAndBrowser } from './browser.js';
import { submitLogin } from './steps.js';

describe('browser: registration and login', () => {
  const suite = withServerAndBrowser();

  it('registers a university supplier, lands on the 成果方工作台, logs out and logs back in', async () => {
    const { server, browser } = suite;
    const page = await newPage(browser, server.url);
    const email = `e2e${uniq()}@example.cn`;
    await page.goto('/register');
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码', { exact: true }).fill('Guangxi2026');
    await page.getByLabel('确认密码').fill('Guangxi2026');
    await page.getByLabel('姓名').fill('蒙老师');
    await page.getByRole('radio', { name: /成果方/ }).check();
    await page.getByLabel('单位名称').fill(`广西测试大学${uniq()}`);
    await page.getByLabel('单位类型').click();
    await page.locator('.ant-select-item-option[title="高校"]').click();
    await page.getByLabel('统一社会信用代码').fill('12450000MB0000002X');
    await page.getByLabel('行政区划代码').fill('450103');
    await page.getByRole('button', { name: '注册' }).click();
    await page.getByText('统一社会信用代码校验位不正确，请核对').waitFor();
    await screenshot(page, 'register-credit-code-error');
    await page.getByLabel('统一社会信用代码').fill(creditCode('12'));
    await page.getByRole('button', { name: '注册' }).click();
    await page.getByRole('heading', { name: '成果方工作台' }).waitFor();
    await screenshot(page, 'supplier-home');

    await page.getByRole('button', { name: '退出登录' }).click();
    await submitLogin(page, email, 'wrong-Passw0rd');
    await page.getByText('邮箱或密码错误').waitFor();
    await page.getByLabel('密码', { exact: true }).fill('Guangxi2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '成果方工作台' }).waitFor();
    expect(await page.getByRole('navigation', { name: '主菜单' }).getByText('发布成果').count()).to.be.greaterThan(0);
    await screenshot(page, 'supplier-home-after-login');
  });
});
