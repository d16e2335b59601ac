import { mexicoCityDate } from '@convenio/contracts';
import type { Browser, Page } from 'playwright-core';
import { apiLogin } from '../support/api';
import { baseUrl, launchBrowser } from '../support/browser';
import { freshPage, signInThroughUi, signOutThroughUi, uniqueSuffix } from '../support/ui';

/**
 * The heart of the product, through the pages only: an official states a policy question and
 * its need, assigns TelcoMX's dataset, drafts and submits the agreement; TelcoMX's steward,
 * the ministry's legal office and the responsible official approve it in their inboxes (the
 * workflow moves on through the worker); both sides sign; the agreement is active and shows
 * in the public register.
 */
describe('journey: one agreement from diagnostic to active', () => {
  let browser: Browser;
  let page: Page;
  const suffix = uniqueSuffix();
  const title = `Movilidad y empleo ${suffix}`;
  const purpose = `Medir la movilidad laboral entre municipios (${suffix}).`;
  let agreementPath = '';
  let reference = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await freshPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function as(email: string): Promise<void> {
    if (await page.getByTestId('account-menu').count()) await signOutThroughUi(page);
    await signInThroughUi(page, email);
  }

  /** Waits (the workflow moves on in the worker) until the caller's inbox holds the agreement; approves it. */
  async function approveInInbox(): Promise<void> {
    await page.goto(`${baseUrl()}/aprobaciones`);
    const row = page.getByTestId(`approval-row-${reference}`);
    for (let attempt = 0; attempt < 40 && (await row.count()) === 0; attempt += 1) {
      await page.waitForTimeout(250);
      await page.getByTestId('approvals-refresh').click();
    }
    await row.waitFor();
    expect(['ok', 'soon', 'overdue']).toContain(await row.getByTestId('approval-deadline').getAttribute('data-deadline'));
    const taskId = await row.getAttribute('data-task');
    await page.getByTestId(`approval-approve-${taskId}`).click();
    await page.getByTestId('approval-confirm').click();
    await page.getByTestId('approval-notice').waitFor();
    // The decided task leaves the inbox (a later step may bring a new task for the same agreement).
    await page.locator(`[data-task="${taskId}"]`).waitFor({ state: 'detached' });
  }

  async function stateOfAgreement(): Promise<string | null> {
    await page.goto(`${baseUrl()}${agreementPath}`);
    await page.getByTestId('agreement-state').first().waitFor();
    return page.getByTestId('agreement-state').first().getAttribute('data-state');
  }

  async function waitForState(state: string): Promise<void> {
    let seen: string | null = null;
    for (let attempt = 0; attempt < 40; attempt += 1) {
      seen = await stateOfAgreement();
      if (seen === state) return;
      await page.waitForTimeout(250);
    }
    expect(seen).toBe(state);
  }

  it('the official builds the diagnostic, finds TelcoMX as owner and drafts the agreement', async () => {
    await as('oficial@economia.gob.mx');
    await page.getByTestId('nav-diagnostics').click();
    await page.getByTestId('diagnostic-new').click();
    await page.getByTestId('diagnostic-title').fill(title);
    await page.getByTestId('diagnostic-question').fill('¿Cuántas personas se desplazan entre municipios para trabajar?');
    await page.getByTestId('step-next-needs').click();
    await page.getByTestId('need-topic-0').fill('Movilidad origen-destino');
    await page.getByTestId('need-theme-0').click();
    await page.getByRole('option', { name: 'Transporte', exact: true }).click();
    await page.getByTestId('diagnostic-save').click();

    // Owners: the ranked candidates; TelcoMX's mobility dataset is assigned to the need.
    const candidate = page.locator('[data-testid^="candidate-0-"]').filter({ hasText: 'Movilidad agregada por municipio' });
    await candidate.waitFor();
    expect(await candidate.textContent()).toContain('TelcoMX');
    await candidate.locator('[data-testid^="candidate-assign-0-"]').click();
    await page.getByTestId('need-assigned-0').waitFor();
    await page.getByTestId('step-next-agreement').click();
    await page.locator('[data-testid^="draft-agreement-"]').filter({ hasText: /./ }).first().click();

    // The draft arrives filled from the diagnostic: provider, recipient and dataset.
    await page.waitForURL(/\/convenios\/nuevo\?/);
    await page.getByTestId('agreement-purpose').fill(purpose);
    await page.getByTestId('agreement-legal-basis').fill('Ley del Sistema Nacional de Información Estadística y Geográfica, art. 6.');
    await page.getByTestId('agreement-permitted-use-input').fill('Estadísticas agregadas de movilidad laboral');
    await page.getByTestId('agreement-permitted-use-input').press('Enter');
    await page.getByTestId('agreement-prohibited-use-input').fill('Reidentificar personas');
    await page.getByTestId('agreement-prohibited-use-input').press('Enter');
    expect(await page.getByTestId('agreement-permitted-use-input-chip').count()).toBe(1);
    // It starts today, by Mexico City's calendar (as the backend counts when it activates).
    expect(await page.getByTestId('agreement-starts-on').inputValue()).toBe(mexicoCityDate(new Date()));
    expect(await page.getByTestId('agreement-provider').textContent()).toContain('TelcoMX');
    expect(await page.getByTestId('agreement-datasets').textContent()).toContain('Movilidad agregada por municipio');
    await page.getByTestId('agreement-save').click();
    const refused = page.getByTestId('agreement-save-error');
    await Promise.race([
      page.waitForURL(/\/convenios\/[0-9a-f-]{36}$/),
      refused.waitFor().then(async () => {
        throw new Error(`the draft was refused: ${await refused.textContent()}`);
      }),
    ]);
    agreementPath = new URL(page.url()).pathname;
    reference = ((await page.getByTestId('page-title').textContent()) ?? '').trim();
    expect(reference).not.toBe('');
    expect(await stateOfAgreement()).toBe('draft');

    await page.getByTestId('agreement-action-submit').click();
    await page.getByTestId('agreement-notice').waitFor();
    expect(await stateOfAgreement()).toBe('in_review');
  });

  it('TelcoMX\'s steward, the legal office and the responsible official approve in their inboxes', async () => {
    await as('socio@telcomx.com.mx');
    await approveInInbox();

    await as('juridico@economia.gob.mx');
    await approveInInbox();

    // Four eyes: once the last step is open (the director has it), its author is not offered it.
    const directorToken = await apiLogin('directora@economia.gob.mx');
    let opened = false;
    for (let attempt = 0; attempt < 40 && !opened; attempt += 1) {
      const response = await fetch(`${baseUrl()}/api/v1/approvals`, { headers: { Authorization: `Bearer ${directorToken}` } });
      const tasks = (await response.json()) as Array<{ agreementReference: string }>;
      opened = tasks.some((task) => task.agreementReference === reference);
      if (!opened) await page.waitForTimeout(250);
    }
    expect(opened).toBe(true);
    await as('oficial@economia.gob.mx');
    await page.goto(`${baseUrl()}/aprobaciones`);
    await page.getByTestId('approvals-empty').or(page.locator('[data-testid^="approval-row-"]').first()).waitFor();
    expect(await page.getByTestId(`approval-row-${reference}`).count()).toBe(0);

    await as('directora@economia.gob.mx');
    await approveInInbox();
    await waitForState('approved');
  });

  it('both sides sign the frozen version; the agreement is active and in the public register', async () => {
    await as('socio@telcomx.com.mx');
    await page.goto(`${baseUrl()}${agreementPath}`);
    await page.getByTestId('agreement-action-sign').click();
    const hash = ((await page.getByTestId('sign-hash').textContent()) ?? '').trim();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    await page.getByTestId('sign-confirm').click();
    await page.getByTestId('signature').first().waitFor();
    expect(await stateOfAgreement()).toBe('awaiting_signatures');

    await as('oficial@economia.gob.mx');
    await page.goto(`${baseUrl()}${agreementPath}`);
    await page.getByTestId('agreement-action-sign').click();
    expect(((await page.getByTestId('sign-hash').textContent()) ?? '').trim()).toBe(hash);
    await page.getByTestId('sign-confirm').click();
    const refused = page.getByTestId('agreement-action-error');
    await Promise.race([
      page.getByTestId('signature').nth(1).waitFor(),
      refused.waitFor().then(async () => {
        throw new Error(`the signature was refused: ${await refused.textContent()}`);
      }),
    ]);
    await waitForState('active');
    expect(await page.getByTestId('signature').count()).toBe(2);
    expect(await page.getByTestId('agreement-signatures').textContent()).toContain(hash);

    await signOutThroughUi(page);
    await page.goto(`${baseUrl()}/registro-de-convenios`);
    await page.getByTestId('register-search').fill(suffix);
    const row = page.getByTestId('register-row').filter({ hasText: reference });
    await row.waitFor();
    expect(await row.textContent()).toContain('TelcoMX');
    expect(await row.textContent()).toContain('Movilidad agregada por municipio');
  });
});
