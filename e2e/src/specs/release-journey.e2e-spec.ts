import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { syntheticExtract } from '../support/synthetic-extract';
import { freshPage, signInThroughUi, uniqueSuffix } from '../support/ui';

/** The demo's active agreement TelcoMX → Secretaría de Economía ("…corredores industriales…") asks for k ≥ 50 (seed: backend/src/seed/demo-agreements.ts). */
const MOBILITY = 'Movilidad agregada por municipio (origen-destino)';

/**
 * Through the pages only: TelcoMX's steward anonymizes an extract twice, then, on the active
 * agreement's page, chooses a dataset and a job to deliver: the terms check says at once that
 * the finer job's k is below the agreement's 50 — before anything is sent — and delivering it
 * anyway is refused on that term; the coarser job passes the check and is delivered.
 */
describe('journey: a provider checks a delivery against the agreement before releasing it', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await freshPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
  });

  /**
   * Opens a select of the agreement page and picks an option. Forced: on this long page
   * Playwright's actionability wait never settles for these mat-selects (their box is steady
   * frame to frame); what the pick does is checked right after.
   */
  async function choose(testId: string, option: (menu: Page) => ReturnType<Page['getByTestId']>): Promise<void> {
    await page.getByTestId(testId).click({ force: true });
    await option(page).click();
    await page.locator('.mat-mdc-select-panel').waitFor({ state: 'detached' });
  }

  /** Uploads the extract with these columns generalized (others kept) at k = 5; answers the job's id and the k achieved. */
  async function anonymize(generalize: string[]): Promise<{ id: string; k: number }> {
    await page.getByTestId('nav-anonymization').click();
    await page.getByTestId('job-new').click();
    await page.getByTestId('job-file').setInputFiles({ name: `movilidad-${uniqueSuffix()}.csv`, mimeType: 'text/csv', buffer: Buffer.from(syntheticExtract(300), 'utf8') });
    await page.locator('[data-testid="column-action-row"][data-column="curp"][data-action="pseudonymize"]').waitFor();
    for (const column of generalize) {
      await page.locator(`[data-testid="column-action-row"][data-column="${column}"] [data-testid="column-action"]`).click();
      await page.getByTestId('action-option-generalize').click();
      await page.locator(`[data-testid="column-action-row"][data-column="${column}"][data-action="generalize"]`).waitFor();
    }
    await page.getByTestId('job-k').fill('5');
    await page.getByTestId('job-submit').click();
    await page.waitForURL(/\/anonimizacion\/[0-9a-f-]{36}$/);
    await page.getByTestId('report-k-achieved').waitFor({ timeout: 60_000 });
    return { id: page.url().split('/').pop()!, k: Number(await page.getByTestId('report-k-achieved').textContent()) };
  }

  it('sees a failed term as soon as dataset and job are chosen, and delivers once the check passes', async () => {
    await signInThroughUi(page, 'socio@telcomx.com.mx');
    // Generalized age and municipality: small classes, k below the agreement's 50.
    const fine = await anonymize(['edad', 'municipio']);
    expect(fine.k).toBeLessThan(50);
    // Nothing generalized: every record in one class (k = 300), the CURP pseudonymized.
    const coarse = await anonymize([]);
    expect(coarse.k).toBeGreaterThanOrEqual(50);

    // The demo agreement, found by its purpose (other journeys make agreements of their own).
    await page.getByTestId('nav-agreements').click();
    await page.getByTestId('agreements-search').fill('corredores industriales');
    // Wait for the search to narrow the list (it is debounced) to the one agreement.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="agreement-row"]').length === 1);
    await page.getByTestId('agreement-row').filter({ hasText: 'Vigente' }).filter({ hasText: 'TelcoMX' }).getByTestId('agreement-link').click();
    await page.getByTestId('release-form').waitFor();
    await choose('release-dataset', (menu) => menu.getByRole('option', { name: MOBILITY }));
    await choose('release-job', (menu) => menu.getByTestId(`release-job-${fine.id}`));

    // The check, before delivering: k below the agreement's minimum.
    const term = page.locator('[data-testid="release-check-term"][data-path="terms.anonymization.minK"]');
    await term.waitFor();
    expect(await term.textContent()).toContain('50');
    // Delivering anyway is refused on the same term.
    await page.getByTestId('release-name').fill(`Movilidad fina ${uniqueSuffix()}`);
    await page.getByTestId('release-submit').click();
    await page.locator('[data-testid="release-failed-term"][data-path="terms.anonymization.minK"]').waitFor();

    // The coarser job passes the check, and is delivered.
    await choose('release-job', (menu) => menu.getByTestId(`release-job-${coarse.id}`));
    await page.getByTestId('release-check-ok').waitFor();
    const name = `Movilidad agregada ${uniqueSuffix()}`;
    await page.getByTestId('release-name').fill(name);
    await page.getByTestId('release-submit').click();
    await page.getByTestId('release-row').filter({ hasText: name }).waitFor();
    await page.getByTestId('release-notice').waitFor();
  });
});
