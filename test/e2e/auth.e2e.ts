import { expect } from 'chai';
import { creditCode, registerUser, uniq, achievementBody } from '../factories/index.js';
import { newPage, screenshot, withServerAndBrowser } from './browser.js';
import { choose, logIn, submitLogin } from './steps.js';

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

describe('browser: joining an organization by approval', () => {
  const suite = withServerAndBrowser();

  it('a colleague asks to join, waits without access, the organization admin approves, and the colleague gets the workspace', async () => {
    const { server, browser } = suite;
    // The organization and its first member (its organization admin), through the API.
    const admin = server.agent();
    const { user: owner, email: ownerEmail, password } = await registerUser(admin, 'supplier');
    const draft = await admin.post('/api/achievements').send(achievementBody({ title: `内部草稿 ${uniq()}` }));
    expect(draft.status).to.equal(201);

    const page = await newPage(browser, server.url);
    const email = `join${uniq()}@example.cn`;
    await page.goto('/register');
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码', { exact: true }).fill('Guangxi2026');
    await page.getByLabel('确认密码').fill('Guangxi2026');
    await page.getByLabel('姓名').fill('韦同学');
    await page.getByRole('radio', { name: /成果方/ }).check();
    await page.getByRole('radio', { name: '加入已有单位' }).check();
    await choose(page, '所属单位', owner.organization.name, owner.organization.name.slice(0, 8));
    await page.getByLabel('申请说明（选填，单位管理员可见）').fill('课题组新成员');
    await page.getByRole('button', { name: '注册' }).click();
    await page.getByTestId('membership-status').getByText('加入申请审批中').waitFor();
    await screenshot(page, 'join-pending');
    // No organization rights meanwhile: the draft stays hidden and the supplier menu is absent.
    await page.goto(`/achievements/${draft.body.id}`);
    await page.getByText('该成果不存在或尚未公开').waitFor();
    expect(await page.getByRole('navigation', { name: '主菜单' }).getByText('发布成果').count()).to.equal(0);

    // The organization admin approves on the members page.
    const adminPage = await newPage(browser, server.url);
    await logIn(adminPage, ownerEmail, password);
    await adminPage.getByRole('navigation', { name: '主菜单' }).getByText('单位成员').click();
    await adminPage.getByRole('button', { name: '通过 韦同学' }).click();
    await adminPage.getByText('已通过 韦同学 的加入申请').waitFor();
    await screenshot(adminPage, 'join-approved-by-org-admin');

    // The colleague now works for the organization.
    await page.goto('/');
    await page.getByRole('heading', { name: '成果方工作台' }).waitFor();
    await page.goto(`/achievements/${draft.body.id}`);
    await page.getByText(draft.body.title as string).first().waitFor();
    await screenshot(page, 'join-member-sees-draft');
  });
});

describe('browser: the English interface shows the server’s messages in English', () => {
  const suite = withServerAndBrowser();

  it('after the switch to English, the form’s own checks and the server’s field and login errors read in English', async () => {
    const { server, browser } = suite;
    const { email } = await registerUser(server.agent(), 'enterprise');
    const page = await newPage(browser, server.url);
    await page.goto('/register');
    await page.getByRole('button', { name: '切换为英文界面' }).click();
    await page.getByRole('heading', { name: 'Create a GuiJiTong account' }).waitFor();
    // Everything valid for the form's own checks; only the server knows the e-mail is taken (409 with a field error).
    await page.getByLabel('Email', { exact: true }).fill(email);
    // The form's own check (the shared schema's message) reads in English too.
    await page.getByLabel('Password', { exact: true }).fill('abc1');
    await page.getByText('Password must be at least 8 characters').waitFor();
    await page.getByLabel('Password', { exact: true }).fill('Guangxi2026');
    await page.getByLabel('Confirm password').fill('Guangxi2026');
    await page.getByLabel('Name', { exact: true }).fill('Mo Lan');
    await page.getByRole('radio', { name: /Enterprise/ }).check();
    await page.getByLabel('Organization name').fill(`Guangxi Test Co. ${uniq()}`);
    await page.getByLabel('Unified social credit code').fill(creditCode('91'));
    await page.getByLabel('Administrative region code').fill('450103');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByText('This email is already registered', { exact: true }).waitFor();
    expect(await page.getByText('该邮箱已注册').count(), 'no Chinese server message').to.equal(0);
    await screenshot(page, 'register-email-taken-english');

    await page.goto('/login');
    await page.getByRole('heading', { name: 'Log in to GuiJiTong' }).waitFor();
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill('Wrong-Passw0rd');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('Wrong email or password').waitFor();
    await screenshot(page, 'login-wrong-password-english');
  });
});
