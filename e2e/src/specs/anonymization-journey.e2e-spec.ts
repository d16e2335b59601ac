import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { syntheticExtract as extract } from '../support/synthetic-extract';
import { freshPage, signInThroughUi } from '../support/ui';

/**
 * Through the pages only: a steward uploads an extract, keeps the CURP pseudonymized (the
 * default), generalizes age and municipality, starts the job, watches it finish in the worker
 * and reads the risk report with its class-size chart and the before/after preview.
 */
describe('journey: a steward anonymizes an extract', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await freshPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function chooseAction(column: string, action: string): Promise<void> {
    await page.locator(`[data-testid="column-action-row"][data-column="${column}"] [data-testid="column-action"]`).click();
    await page.getByTestId(`action-option-${action}`).click();
    await page.locator(`[data-testid="column-action-row"][data-column="${column}"][data-action="${action}"]`).waitFor();
  }

  it('uploads, chooses actions, and reads the report of the finished job', async () => {
    await signInThroughUi(page, 'steward@inegi.org.mx');
    await page.getByTestId('nav-anonymization').click();
    await page.getByTestId('job-new').click();
    await page.getByTestId('job-file').setInputFiles({ name: 'extracto-enoe.csv', mimeType: 'text/csv', buffer: Buffer.from(extract(600), 'utf8') });

    await page.locator('[data-testid="column-action-row"][data-column="curp"][data-action="pseudonymize"]').waitFor();
    await chooseAction('edad', 'generalize');
    await chooseAction('municipio', 'generalize');
    await chooseAction('ingreso', 'sensitive');
    await page.getByTestId('job-k').fill('5');
    await page.getByTestId('job-submit').click();

    await page.waitForURL(/\/anonimizacion\/[0-9a-f-]{36}$/);
    await page.getByTestId('report-k-achieved').waitFor({ timeout: 60_000 });
    expect(Number(await page.getByTestId('report-k-achieved').textContent())).toBeGreaterThanOrEqual(5);
    expect(await page.getByTestId('class-size-bar').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="report-level"][data-column="edad"]').count()).toBe(1);
    expect(await page.locator('[data-testid="report-level"][data-column="municipio"]').count()).toBe(1);

    const preview = page.getByTestId('job-preview');
    await preview.getByTestId('csv-row').first().waitFor();
    const text = (await preview.textContent()) ?? '';
    // The input side shows the CURPs; the output side only their 32-character pseudonyms.
    expect(text).toMatch(/GARC\d{6}[HM]DF/);
    expect(text).toMatch(/[0-9a-f]{32}/);
    await page.getByTestId('job-download-result').waitFor();

    // The original file holds the CURPs: the steward deletes it now instead of waiting for the retention.
    expect(await page.getByTestId('job-input-kept').textContent()).toContain('se borrará el');
    await page.getByTestId('job-delete-input').click();
    await page.getByTestId('confirm-accept').click();
    await page.getByTestId('job-input-deleted').waitFor();
    await page.getByTestId('preview-input-deleted').waitFor();
    expect((await page.getByTestId('job-preview').textContent()) ?? '').not.toMatch(/GARC\d{6}[HM]DF/);
    // The anonymized result stays downloadable.
    await page.getByTestId('job-download-result').waitFor();
  });
});
