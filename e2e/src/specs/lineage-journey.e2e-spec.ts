import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser } from '../support/browser';
import { freshPage, signInThroughUi, uniqueSuffix } from '../support/ui';

/** The demo pipeline (seed: backend/src/seed/demo-lineage.ts): TelcoMX's subscribers reach the ministry's Bajío dataset unmasked. */
const SUBSCRIBERS = 'dataset:s3://telcomx-datalake:crm/subscribers';
const BAJIO = 'dataset:postgres://economia-dw:conectividad.lineas_bajio';

/** Where a graph node is drawn on the page, read from the Cytoscape instance behind the canvas (to click it like a person would). */
async function nodeOnScreen(page: Page, id: string): Promise<{ x: number; y: number }> {
  await page.waitForFunction(
    (nodeId) => {
      const canvas = document.querySelector('[data-testid="lineage-canvas"]') as (HTMLElement & { _cyreg?: { cy?: { getElementById(id: string): { length: number } } } }) | null;
      return (canvas?._cyreg?.cy?.getElementById(nodeId).length ?? 0) > 0;
    },
    id,
  );
  return page.evaluate((nodeId) => {
    const canvas = document.querySelector('[data-testid="lineage-canvas"]') as HTMLElement & { _cyreg: { cy: { getElementById(id: string): { renderedPosition(): { x: number; y: number } } } } };
    const box = canvas.getBoundingClientRect();
    const at = canvas._cyreg.cy.getElementById(nodeId).renderedPosition();
    return { x: box.left + at.x, y: box.top + at.y };
  }, id);
}

/**
 * Through the pages only: an auditor finds the demo pipeline's findings on the board (checked by
 * the worker after the seed), narrows them to the critical one, acknowledges it with a comment,
 * follows it to the lineage explorer, clicks a dataset on the graph to see its personal data and
 * expand it, and switches to the column view.
 */
describe('journey: an auditor follows a compliance finding into the lineage', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await freshPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('triages the critical finding and explores where the personal data flowed', async () => {
    await signInThroughUi(page, 'auditor@funcionpublica.gob.mx');
    await page.getByTestId('nav-compliance').click();
    await page.waitForURL(/\/cumplimiento/);
    // The worker checks the seeded runs once it is up: wait for their findings (reloading, as a person would).
    const deadline = Date.now() + 45_000;
    while ((await page.locator('[data-testid="finding-row"][data-rule="direct_identifier_not_removed"]').count()) === 0) {
      if (Date.now() > deadline) throw new Error('the demo findings did not appear on the board');
      await page.waitForTimeout(1000);
      await page.reload();
      await page.getByTestId('findings-table').waitFor();
    }
    const rules = await page.locator('[data-testid="finding-row"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-rule')));
    expect(rules).toEqual(expect.arrayContaining(['cross_org_flow_without_agreement', 'direct_identifier_not_removed', 'run_under_inactive_agreement']));

    // After a catalog change the auditor can have every run checked again; the board says how many.
    await page.getByTestId('findings-recheck').click();
    await page.getByTestId('confirm-accept').click();
    expect(await page.getByTestId('findings-recheck-done').textContent()).toMatch(/\d+ corridas en revisión/);

    // Only the critical ones: the filter goes into the URL.
    await page.getByTestId('findings-filter-severity').click();
    await page.getByRole('option', { name: 'Crítica' }).click();
    await page.waitForURL(/severity=critical/);
    await page.locator('[data-testid="finding-row"][data-rule="run_under_inactive_agreement"]').waitFor({ state: 'detached' });
    const critical = page.locator('[data-testid="finding-row"][data-rule="direct_identifier_not_removed"]').first();
    // The summary is in the portal's language, built from the evidence.
    expect(await critical.textContent()).toContain('exige quitar los identificadores directos');

    await critical.getByTestId('finding-link').click();
    await page.waitForURL(/\/cumplimiento\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('finding-rule').textContent()).toContain('Identificador directo no eliminado');
    const comment = `Se pidió a TelcoMX enmascarar el CURP (${uniqueSuffix()})`;
    await page.getByTestId('finding-transition-acknowledged').click();
    await page.getByTestId('finding-comment').fill(comment);
    await page.getByTestId('finding-confirm').click();
    await page.getByTestId('finding-changed').waitFor();
    expect(await page.getByTestId('finding-status').textContent()).toContain('Reconocido');
    expect(await page.locator('body').textContent()).toContain(comment);

    // From the finding to the job that made it, in the explorer.
    await page.getByTestId('finding-job-link').click();
    await page.waitForURL(/\/linaje\?/);
    await page.getByTestId('explorer-summary').waitFor();

    // Click the ministry's dataset on the graph: the side panel shows its personal data, and the node is expanded.
    const before = await page.getByTestId('explorer-summary').textContent();
    const target = await nodeOnScreen(page, BAJIO);
    await page.mouse.click(target.x, target.y);
    await page.locator('[data-testid="node-panel"]').waitFor();
    await page.waitForFunction((name) => document.querySelector('[data-testid="node-name"]')?.textContent?.includes(name), 'conectividad.lineas_bajio');
    const personal = await page.getByTestId('node-personal-data').textContent();
    expect(personal).toMatch(/directo/i);
    expect(before).toMatch(/Nodos: \d+/);

    // Re-centred on the source dataset, upstream and downstream: the flow into the ministry is drawn.
    await page.goto(`${baseUrl()}/linaje?node=${encodeURIComponent(SUBSCRIBERS)}&direction=downstream&depth=3`);
    await page.getByTestId('explorer-summary').waitFor();
    await nodeOnScreen(page, BAJIO);
    const source = await nodeOnScreen(page, SUBSCRIBERS);
    await page.mouse.click(source.x, source.y);
    await page.waitForFunction((name) => document.querySelector('[data-testid="node-name"]')?.textContent?.includes(name), 'crm/subscribers');
    await page.getByTestId('column-view-toggle').click();
    await page.getByTestId('column-view').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="column-view"]')?.textContent?.includes('curp'));
  });
});
