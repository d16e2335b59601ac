import { readFile } from 'node:fs/promises';
import { syntheticCurp } from '@convenio/contracts';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser } from '../support/browser';
import { freshPage, signInThroughUi, uniqueSuffix } from '../support/ui';

const CENSUS = 'Censo de Población y Vivienda 2020';

/** A sample CSV whose invented column `identificador_titular` holds valid (synthetic) CURPs. */
function sampleCsv(): string {
  const people = [
    { initials: 'GAMA', birthDate: '1985-04-12', sex: 'M', stateCode: 'JC', consonants: 'RRN' },
    { initials: 'LOPE', birthDate: '1990-11-03', sex: 'H', stateCode: 'DF', consonants: 'RZN' },
    { initials: 'SOTA', birthDate: '2001-02-28', sex: 'M', stateCode: 'NL', consonants: 'LVR' },
    { initials: 'RUIZ', birthDate: '1978-07-19', sex: 'H', stateCode: 'PL', consonants: 'MRT' },
    { initials: 'PEMA', birthDate: '1995-09-30', sex: 'M', stateCode: 'YN', consonants: 'DLN' },
    { initials: 'VEGA', birthDate: '2003-05-05', sex: 'H', stateCode: 'GT', consonants: 'NRS' },
  ] as const;
  const rows = people.map((person, index) => `${syntheticCurp(person)},${String(index + 1).padStart(2, '0')},${(1500 + index * 250).toFixed(2)}`);
  return ['identificador_titular,cve_ent,monto_apoyo', ...rows].join('\n') + '\n';
}

async function noHorizontalScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('catalog: search, dataset page, open data, and a steward describing a dataset', () => {
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

  it('the public searches "poblacion" (no accent) and finds the census, then reads its access policy', async () => {
    page = await freshPage(browser);
    await page.goto(baseUrl());
    await page.getByTestId('nav-catalog').click();
    await page.waitForURL(/\/catalogo$/);
    await page.getByTestId('dataset-card').first().waitFor();
    await page.getByTestId('catalog-search').fill('poblacion');
    await page.getByTestId('catalog-search').press('Enter');
    await page.waitForURL(/\/catalogo\?q=poblacion/);
    const census = page.getByTestId('dataset-card').filter({ hasText: CENSUS });
    await census.waitFor();
    expect(await census.getByTestId('dataset-card-sensitivity').textContent()).toMatch(/Pública/);

    // A facet narrows the search and is written in the (shareable) URL.
    await page.getByTestId('facet-theme-population').click();
    await page.waitForURL(/theme=population/);
    await page.getByTestId('dataset-card').filter({ hasText: CENSUS }).waitFor();

    await census.getByTestId('dataset-card-title').click();
    await page.waitForURL(/\/catalogo\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('dataset-title').textContent()).toContain(CENSUS);
    const sentences = page.getByTestId('policy-sentences');
    await sentences.waitFor();
    expect((await sentences.locator('li').allTextContents()).join(' ').length).toBeGreaterThan(10);
    expect(await page.getByTestId('dataset-edit').count()).toBe(0);
    expect(await page.getByTestId('explain-panel').count()).toBe(0);
  });

  it('the public catalog page offers CSV, JSON and DCAT downloads, and the CSV downloads; it fits a phone', async () => {
    page = await (await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, acceptDownloads: true })).newPage();
    await page.goto(`${baseUrl()}/datos-abiertos`);
    await page.getByTestId('public-dataset').filter({ hasText: CENSUS }).waitFor();
    expect(await page.getByTestId('public-download-csv').getAttribute('href')).toBe('/api/v1/public/datasets?format=csv');
    expect(await page.getByTestId('public-download-json').getAttribute('href')).toContain('/api/v1/public/datasets?format=json');
    expect(await page.getByTestId('public-download-dcat').getAttribute('href')).toBe('/api/v1/catalog.jsonld');
    expect(await noHorizontalScroll(page)).toBeLessThanOrEqual(0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('public-download-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.replace(/^\uFEFF/, '').split('\n')[0]).toMatch(/^id,title,/);
    expect(csv).toContain(CENSUS);

    const dcat = await page.request.get(`${baseUrl()}/api/v1/catalog.jsonld`);
    expect(dcat.status()).toBe(200);
    expect(JSON.stringify(await dcat.json())).toContain('dcat');

    // The catalog search fits the phone too.
    await page.goto(`${baseUrl()}/catalogo`);
    await page.getByTestId('dataset-card').first().waitFor();
    expect(await noHorizontalScroll(page)).toBeLessThanOrEqual(0);
  });

  it('the INEGI steward profiles a sample CSV, accepts the suggestions (CURPs are direct), publishes, and finds it', async () => {
    const suffix = uniqueSuffix();
    const title = `Padrón de apoyos E2E ${suffix}`;
    page = await freshPage(browser);
    await signInThroughUi(page, 'steward@inegi.org.mx');
    await page.getByTestId('nav-catalog').click();
    await page.getByTestId('dataset-new').click();
    await page.waitForURL(/\/catalogo\/nuevo$/);

    await page.getByTestId('dataset-field-title').fill(title);
    await page.getByTestId('dataset-field-description').fill('Beneficiarios inventados de un programa de apoyo, para la prueba de extremo a extremo.');
    await page.getByTestId('dataset-field-themes').click();
    await page.getByTestId('theme-option-economy').click();
    await page.getByTestId('theme-option-government').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('dataset-field-keywords').fill('apoyos');
    await page.getByTestId('dataset-field-keywords').press('Enter');
    await page.getByTestId('dataset-field-sensitivity').click();
    await page.getByTestId('sensitivity-option-confidential').click();
    await page.getByTestId('dataset-field-geoLevel').click();
    await page.getByTestId('geo-level-option-state').click();
    await page.getByTestId('dataset-field-geoCodes').fill('14');
    await page.getByTestId('dataset-field-geoCodes').press('Enter');
    await page.getByTestId('dataset-field-geoCodes-chip').first().waitFor();
    await page.getByTestId('dataset-field-timeFrom').fill('2024-01-01');

    await page.getByTestId('profile-upload').setInputFiles({ name: 'muestra.csv', mimeType: 'text/csv', buffer: Buffer.from(sampleCsv(), 'utf8') });
    const curpColumn = page.locator('[data-testid="profile-column"][data-name="identificador_titular"]');
    await curpColumn.waitFor();
    expect(await curpColumn.getAttribute('data-suggested')).toBe('direct');
    await page.getByTestId('profile-accept').click();
    const direct = page.locator('[data-testid="column-row"][data-kind="direct"]');
    await direct.waitFor();
    expect(await direct.count()).toBe(1);
    expect(await direct.getByTestId('column-name').inputValue()).toBe('identificador_titular');
    expect(await page.getByTestId('column-row').count()).toBe(3);

    await page.getByTestId('dataset-status-published').click();
    await page.getByTestId('dataset-save').click();
    await Promise.race([
      page.waitForURL(/\/catalogo\/[0-9a-f-]{36}$/),
      page
        .getByTestId('dataset-save-error')
        .waitFor()
        .then(async () => {
          const details = await page.locator('mat-error, [data-testid="dataset-save-details"]').allTextContents();
          throw new Error(`the save failed: ${await page.getByTestId('dataset-save-error').textContent()} ${details.join(' | ')}`);
        }),
    ]);
    expect(await page.getByTestId('dataset-title').textContent()).toContain(title);
    expect(await page.getByTestId('dataset-status').textContent()).toMatch(/Publicado/);
    const savedDirect = page.locator('[data-testid="column-row"][data-kind="direct"]');
    expect(await savedDirect.textContent()).toContain('identificador_titular');
    await page.getByTestId('dataset-edit').waitFor();
    await page.getByTestId('policy-editor').waitFor();

    await page.getByTestId('nav-catalog').click();
    await page.getByTestId('catalog-search').fill(suffix);
    await page.getByTestId('catalog-search').press('Enter');
    const card = page.getByTestId('dataset-card').filter({ hasText: title });
    await card.waitFor();
    expect(await card.getByTestId('dataset-card-status').textContent()).toMatch(/Publicado/);
  });
});
