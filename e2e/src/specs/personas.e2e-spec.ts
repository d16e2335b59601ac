import { syntheticCompanyRfc } from '@convenio/contracts';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser } from '../support/browser';
import { DEMO_PASSWORD, freshPage, navKeys, signInThroughUi, signOutThroughUi, uniqueSuffix } from '../support/ui';

/** Every page a menu may offer; each persona must see exactly its own. */
const PROTECTED = [
  'diagnostics', 'data-requests', 'agreements', 'approvals', 'anonymization', 'lineage', 'compliance', 'pipeline', 'organizations', 'users', 'api-keys', 'workflow-definitions', 'audit',
] as const;
type Key = (typeof PROTECTED)[number];

const PERSONAS: Array<{ email: string; sees: Key[] }> = [
  { email: 'admin@convenio.test', sees: ['agreements', 'organizations', 'users', 'api-keys', 'workflow-definitions'] },
  { email: 'oficial@economia.gob.mx', sees: ['diagnostics', 'data-requests', 'agreements', 'approvals', 'lineage', 'compliance', 'pipeline', 'organizations', 'users', 'audit'] },
  { email: 'steward@inegi.org.mx', sees: ['data-requests', 'agreements', 'approvals', 'anonymization', 'lineage', 'organizations', 'users', 'api-keys'] },
  { email: 'socio@telcomx.com.mx', sees: ['data-requests', 'agreements', 'approvals', 'anonymization', 'lineage', 'organizations', 'users', 'api-keys'] },
  { email: 'auditor@funcionpublica.gob.mx', sees: ['diagnostics', 'data-requests', 'agreements', 'anonymization', 'lineage', 'compliance', 'pipeline', 'organizations', 'users', 'api-keys', 'audit'] },
];

async function expectMenu(page: Page, sees: readonly Key[]): Promise<void> {
  const keys = await navKeys(page);
  expect(keys).toEqual(['home', 'catalog', 'public-catalog', 'public-register', ...PROTECTED.filter((key) => sees.includes(key)), 'about']);
  for (const key of PROTECTED) {
    expect({ key, count: await page.getByTestId(`nav-${key}`).count() }).toEqual({ key, count: sees.includes(key) ? 1 : 0 });
  }
}

/** Letters for an invented company RFC (3 of A-Z) and a homoclave (1-9/A-V, then 1-9/A-Z). */
function inventedRfc(): string {
  const pick = (alphabet: string) => alphabet[Math.floor(Math.random() * alphabet.length)];
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const name = `${pick(letters)}${pick(letters)}${pick(letters)}`;
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  return syntheticCompanyRfc(name, `1503${day}`, `${pick('123456789ABCDEFGHIJKLMNOPQRSTUV')}${pick('123456789' + letters)}`);
}

describe('personas: each sees its own menu; identity and administration journeys', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(async () => {
    await page?.context().close();
  });

  it('the public sees Organizaciones only, and "Ingresar"', async () => {
    page = await freshPage(browser);
    await page.goto(baseUrl());
    await page.getByTestId('login-link').waitFor();
    await expectMenu(page, ['organizations']);
    expect(await page.getByTestId('account-menu').count()).toBe(0);
    // A protected page sends the public to the sign-in page.
    await page.goto(`${baseUrl()}/usuarios`);
    await page.waitForURL(/\/ingresar\?returnUrl=%2Fusuarios/);
    await page.getByTestId('login-submit').waitFor();
  });

  it.each(PERSONAS)('$email signs in through the page and sees exactly its menu; signing out returns the public menu', async ({ email, sees }) => {
    page = await freshPage(browser);
    await signInThroughUi(page, email);
    await expectMenu(page, sees);
    expect(await page.getByTestId('login-link').count()).toBe(0);
    await page.getByTestId('account-menu').click();
    await page.getByTestId('account-email').waitFor();
    expect(await page.getByTestId('account-email').textContent()).toContain(email);
    expect((await page.getByTestId('account-roles').textContent())?.trim()).toMatch(/^Roles:\s*\S/);
    await page.keyboard.press('Escape');

    await signOutThroughUi(page);
    await expectMenu(page, ['organizations']);
  });

  it('a wrong password is refused on the page, without signing in', async () => {
    page = await freshPage(browser);
    await page.goto(`${baseUrl()}/ingresar`);
    await page.getByTestId('login-email').fill(`nadie.${uniqueSuffix()}@example.mx`);
    await page.getByTestId('login-password').fill('no-es-la-contraseña');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').textContent()).toMatch(/incorrectos/);
    expect(await page.getByTestId('account-menu').count()).toBe(0);
  });

  it('the admin creates an organization, then a user in it; the new user signs in with its own menu', async () => {
    const suffix = uniqueSuffix();
    const organization = `Datos E2E ${suffix} S.A. de C.V.`;
    const rfc = inventedRfc();
    const email = `e2e.${suffix}@example.mx`;
    const password = `Contraseña-${suffix}`;
    page = await freshPage(browser);
    await signInThroughUi(page, 'admin@convenio.test');

    await page.getByTestId('nav-organizations').click();
    await page.getByTestId('org-create').click();
    await page.getByTestId('org-name').fill(organization);
    await page.getByTestId('org-sector').click();
    await page.getByTestId('org-sector-private').click();
    await page.getByTestId('org-rfc').fill(rfc);
    await page.getByTestId('org-contact-email').fill(`datos.${suffix}@example.mx`);
    await page.getByTestId('org-save').click();
    await page.getByTestId('org-save').waitFor({ state: 'detached' });
    await page.getByTestId('org-search').fill(suffix);
    const orgRow = page.getByTestId('org-row').filter({ hasText: organization });
    await orgRow.waitFor();
    expect(await orgRow.textContent()).toContain(rfc);
    expect(await orgRow.getByTestId('org-rfc-warning').count()).toBe(0);

    // A well-formed RFC whose check character does not compute is kept, with a warning shown.
    const doubtful = `Dudosa E2E ${suffix} A.C.`;
    const wrongCheck = inventedRfc().replace(/.$/, (check) => (check === '1' ? '2' : '1'));
    await page.getByTestId('org-create').click();
    await page.getByTestId('org-name').fill(doubtful);
    await page.getByTestId('org-sector').click();
    await page.getByTestId('org-sector-social').click();
    await page.getByTestId('org-rfc').fill(wrongCheck);
    await page.getByTestId('org-save').click();
    await page.getByTestId('org-save').waitFor({ state: 'detached' });
    await page.locator('mat-snack-bar-container').filter({ hasText: /advertencia de RFC/i }).waitFor();
    await page.getByTestId('org-row').filter({ hasText: doubtful }).getByTestId('org-rfc-warning').waitFor();

    await page.getByTestId('nav-users').click();
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-email').fill(email);
    await page.getByTestId('user-full-name').fill(`Persona E2E ${suffix}`);
    await page.getByTestId('user-organization').fill(suffix);
    await page.getByTestId('organization-option').filter({ hasText: organization }).click();
    await page.getByTestId('user-role-partner').locator('input').check();
    await page.getByTestId('user-password').fill(password);
    await page.getByTestId('user-save').click();
    // The dialog closes on success; if the API refuses, fail with what the dialog says (and the fields it marks).
    const refused = page.getByTestId('user-form-error');
    const outcome = await Promise.race([
      page.getByTestId('user-save').waitFor({ state: 'detached' }).then(() => 'saved', () => 'timeout'),
      refused.waitFor().then(() => 'refused', () => 'timeout'),
    ]);
    if (outcome !== 'saved') {
      const marked = await page.locator('mat-dialog-container mat-error').allTextContents();
      throw new Error(`creating the user did not finish (${outcome}): ${(await refused.textContent({ timeout: 1000 }).catch(() => '')) ?? ''} ${marked.join(' | ')}`);
    }
    await page.getByTestId('user-search').fill(email);
    const userRow = page.getByTestId('user-row').filter({ hasText: email });
    await userRow.waitFor();
    expect(await userRow.textContent()).toContain(organization);
    expect(await userRow.textContent()).toContain('Socio');

    await signOutThroughUi(page);
    await signInThroughUi(page, email, password);
    await expectMenu(page, ['agreements', 'organizations', 'users']);
  });

  it('the steward creates an API key and sees it once; the key works', async () => {
    const name = `Cargador E2E ${uniqueSuffix()}`;
    page = await freshPage(browser);
    await signInThroughUi(page, 'steward@inegi.org.mx');
    await page.getByTestId('nav-api-keys').click();
    await page.getByTestId('api-key-create').click();
    await page.getByTestId('api-key-name').fill(name);
    await page.getByTestId('api-key-permission-read-Organization').locator('input').check();
    expect(await page.getByTestId('api-key-permission-read-AuditEntry').count()).toBe(0);
    await page.getByTestId('api-key-save').click();

    const secret = page.getByTestId('api-key-secret');
    await secret.waitFor();
    expect(await secret.textContent()).toMatch(/no volverá a verla/);
    const key = (await page.getByTestId('api-key-secret-value').textContent())?.trim() ?? '';
    expect(key).toMatch(/^cvk_[A-Za-z0-9]+_\S+$/);

    await page.getByTestId('api-key-done').click();
    await secret.waitFor({ state: 'detached' });
    const row = page.getByTestId('api-key-row').filter({ hasText: name });
    await row.waitFor();
    expect(await row.getByTestId('api-key-status').getAttribute('data-status')).toBe('active');
    expect(await page.locator('body').textContent()).not.toContain(key);

    const answer = await fetch(`${baseUrl()}/api/v1/organizations?pageSize=1`, { headers: { Authorization: `Bearer ${key}` } });
    expect(answer.status).toBe(200);
  });

  it('the auditor verifies the audit chain: valid; a reload keeps the session', async () => {
    page = await freshPage(browser);
    await signInThroughUi(page, 'auditor@funcionpublica.gob.mx');
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-row').first().waitFor();
    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verify-result');
    await result.waitFor();
    expect(await result.getAttribute('data-valid')).toBe('true');
    expect(Number((await page.getByTestId('audit-verify-count').textContent())?.replace(/\D/g, ''))).toBeGreaterThan(0);

    // The refresh token (localStorage) restores the session on a reload, on the same page.
    await page.reload();
    await page.getByTestId('account-menu').waitFor();
    await page.getByTestId('audit-verify').waitFor();
    expect(new URL(page.url()).pathname).toBe('/auditoria');
    expect(await page.evaluate(() => localStorage.getItem('convenio.refresh'))).toBeTruthy();
  });

  it('fits a phone (375 px): the pages never scroll sideways, their tables scroll inside their box', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    page = await context.newPage();
    await page.goto(`${baseUrl()}/ingresar`);
    const pageOverflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await pageOverflow()).toBeLessThanOrEqual(0);
    await page.getByTestId('login-email').fill('auditor@funcionpublica.gob.mx');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('account-menu').waitFor();
    for (const [path, row] of [['/organizaciones', 'org-row'], ['/usuarios', 'user-row'], ['/claves-api', 'api-key-table'], ['/auditoria', 'audit-row']]) {
      await page.goto(`${baseUrl()}${path}`);
      await page.getByTestId(row).first().waitFor();
      expect({ path, overflow: Math.max(0, await pageOverflow()) }).toEqual({ path, overflow: 0 });
    }
    const box = page.locator('.table-scroll');
    expect(await box.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  });

  it('the public menu stays after sign-out, even on a reload', async () => {
    page = await freshPage(browser);
    await signInThroughUi(page, 'oficial@economia.gob.mx', DEMO_PASSWORD);
    await signOutThroughUi(page);
    await page.reload();
    await page.getByTestId('login-link').waitFor();
    await expectMenu(page, ['organizations']);
    expect(await page.evaluate(() => localStorage.getItem('convenio.refresh'))).toBeNull();
  });
});
