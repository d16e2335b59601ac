import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser } from '../support/browser';

describe('home page: the system health, in Spanish and English', () => {
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

  it('opens in Spanish at / and shows PostgreSQL, Redis and the worker up', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    page = await context.newPage();
    await page.goto(baseUrl());
    expect(await page.getAttribute('html', 'lang')).toBe('es-MX');
    const overall = page.getByTestId('health-overall');
    await overall.and(page.locator('[data-status="ok"]')).waitFor();
    expect(await overall.textContent()).toMatch(/operando/i);
    for (const dependency of ['postgres', 'redis', 'worker']) {
      await page.getByTestId(`health-${dependency}`).and(page.locator('[data-status="up"]')).waitFor();
    }
  });

  it('switches to English at run time and remembers the choice', async () => {
    page = await (await browser.newContext()).newPage();
    await page.goto(baseUrl());
    await page.getByTestId('health-overall').and(page.locator('[data-status="ok"]')).waitFor();
    const spanishTitle = await page.getByTestId('page-title').textContent();
    await chooseLanguage(page, 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const englishTitle = await page.getByTestId('page-title').textContent();
    expect(englishTitle).not.toBe(spanishTitle);
    expect(await page.getByTestId('health-overall').textContent()).toMatch(/operational/i);
    await page.reload();
    await page.getByTestId('health-overall').and(page.locator('[data-status="ok"]')).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByTestId('page-title').textContent()).toBe(englishTitle);
  });

  it('fits a phone: no horizontal scroll, navigation behind the menu button', async () => {
    page = await (await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true })).newPage();
    await page.goto(baseUrl());
    await page.getByTestId('health-overall').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const toggle = page.getByTestId('nav-toggle');
    expect(await toggle.isVisible()).toBe(true);
    await toggle.click();
    await page.getByRole('link', { name: /acerca de/i }).click();
    await page.waitForURL(/acerca|about/);
    await page.getByTestId('page-title').waitFor();
  });

  it('serves client-side routes on a direct visit, and a not-found page for unknown ones', async () => {
    page = await (await browser.newContext()).newPage();
    const response = await page.goto(`${baseUrl()}/ruta-que-no-existe`);
    expect(response?.status()).toBe(200);
    await page.getByTestId('page-title').waitFor();
    expect(await page.getByTestId('page-title').textContent()).toMatch(/no encontrad/i);
  });
});

async function chooseLanguage(page: Page, language: 'en' | 'es-MX'): Promise<void> {
  const switcher = page.getByTestId('language-switcher');
  await switcher.click();
  const option = page.getByTestId(`language-${language}`);
  if (await option.count()) await option.click();
}
