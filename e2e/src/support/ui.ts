import type { Browser, Page } from 'playwright-core';
import { baseUrl } from './browser';

export const DEMO_PASSWORD = 'convenio-demo';

/** The keys of the navigation links shown (`data-testid="nav-<key>"`), in order. */
export async function navKeys(page: Page): Promise<string[]> {
  const ids = await page.locator('nav a[data-testid^="nav-"]').evaluateAll((links) => links.map((link) => link.getAttribute('data-testid') ?? ''));
  return ids.map((id) => id.replace(/^nav-/, ''));
}

/** A desktop page in a fresh context (no remembered session or language). */
export async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

/** Signs in through the sign-in page and waits for the account menu. */
export async function signInThroughUi(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl()}/ingresar`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('account-menu').waitFor();
}

/** Signs out through the account menu and waits for "Ingresar". */
export async function signOutThroughUi(page: Page): Promise<void> {
  await page.getByTestId('account-menu').click();
  await page.getByTestId('logout').click();
  await page.getByTestId('login-link').waitFor();
}

/** Something unique to this run, for names of things the journeys create (the backend is shared). */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
