/**
 * Debian's Chromium (never a downloaded browser) driven by playwright-core, with a fresh profile,
 * plus the screenshot and layout checks the console tests share.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = 'test-artifacts';
export const LAPTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function openBrowser(origin: string): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The console tests need Debian's chromium at ${CHROMIUM}: apt-get install chromium (.ci/run does this).`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'sy-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: LAPTOP, locale: 'en-US', timezoneId: 'UTC' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(10_000);
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Saves test-artifacts/console-<name>.png: the whole page, or with `atBottom` what the viewport shows
 * scrolled to the end (pages with a sticky composer, which a full-page capture paints mid-page).
 */
export async function screenshot(page: Page, name: string, options: { atBottom?: boolean } = {}): Promise<void> {
  // From the top otherwise: a full-page capture of a scrolled page paints the sticky header mid-page.
  await page.evaluate(options.atBottom === true ? 'window.scrollTo(0, document.documentElement.scrollHeight)' : 'window.scrollTo(0, 0)');
  await page.screenshot({ path: join(ARTIFACTS, `console-${name}.png`), fullPage: options.atBottom !== true });
}

/** How many CSS pixels the page is wider than the viewport (0 = no horizontal scrolling). */
export async function horizontalOverflow(page: Page): Promise<number> {
  const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  if (typeof overflow !== 'number') throw new Error('could not measure the page width');
  return overflow;
}
