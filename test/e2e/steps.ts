/** Steps and test data shared by the browser tests. */
import type { Page } from 'playwright-core';

/** A small but real PDF (the server checks the content, not the name). */
export function tinyPdf(): Buffer {
  return Buffer.from(
    [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
      'trailer << /Root 1 0 R >>',
      '%%EOF',
      '',
    ].join('\n'),
    'latin1',
  );
}

/** Fills in the login form and sends it; what follows (home page or error) is for the caller to wait for. */
export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Logs in and waits until the header shows the user. */
export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await submitLogin(page, email, password);
  await page.getByTestId('current-user').waitFor();
}

/** Picks the option starting with `option` of the antd Select (or TreeSelect) labelled `label`. */
export async function choose(page: Page, label: string, option: string, search?: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  if (search) await input.fill(search);
  const item = page.locator(`.ant-select-item-option[title^="${option}"], .ant-select-tree-node-content-wrapper[title^="${option}"]`).filter({ visible: true });
  await item.first().click();
  // On a loaded machine a click can land while the list is still sliding in and pick nothing. A single select
  // closes its list once it has picked, so while the list stays open, click again (a multiple select stays open).
  if (await page.locator('.ant-select-multiple', { has: input }).count()) return;
  for (let attempt = 0; attempt < 3; attempt++) {
    const closed = await item.first().waitFor({ state: 'hidden', timeout: 1500 }).then(() => true, () => false);
    if (closed) return;
    await item.first().click();
  }
}
