import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildTestApp, loginAs, type TestApp } from './app.js';
import { HEADLESS_CHROMIUM_ARGS } from '../../server/factsheet/pdf.js';

/** Debian's Chromium; browser tests are skipped with a reason when it is missing. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: HEADLESS_CHROMIUM_ARGS,
  });
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) in the page and returns the violations. The script is
 * added through the DevTools protocol, so the page's CSP does not need to allow it.
 */
export async function axe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }
    ).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      // Only the violations are read; axe then skips detailing every passing node, which is most of its time.
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })),
    }));
  });
}

/** Readable summary of violations for an assertion message. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
}

/** Saves a screenshot under .screens/ (ignored by git) for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.resolve('.screens');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export const WIDTHS = { phone: { width: 375, height: 812 }, desktop: { width: 1280, height: 900 } } as const;

/** The password of the staff accounts the browser tests log in with. */
export const PASSWORD = 'correct horse battery staple';

/** Fails the test with axe's violations (WCAG 2.1 A and AA) on the page, named for the message. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const violations = await axe(page);
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
}

export interface DemoInBrowser {
  t: TestApp;
  base: string;
  browser: Browser;
}

/**
 * The demo app listening on a free port of 127.0.0.1 with the researcher onderzoeker@ggd.nl
 * (password PASSWORD), and Chromium. Close both in afterAll.
 */
export async function startDemoInBrowser(): Promise<DemoInBrowser> {
  const t = await buildTestApp({ demo: true });
  const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  await loginAs(t, 'onderzoeker@ggd.nl', { role: 'researcher', password: PASSWORD });
  return { t, base, browser: await launchBrowser() };
}

/**
 * In a describe: before its tests, the app `setup` builds (and fills) listening on a free port of
 * 127.0.0.1, and Chromium, handed to `receive`; after them both closed.
 */
export function useAppInBrowser(setup: () => Promise<TestApp>, receive: (app: DemoInBrowser) => void): void {
  let running: DemoInBrowser | undefined;
  let t: TestApp | undefined;
  beforeAll(async () => {
    t = await setup();
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    running = { t, base, browser: await launchBrowser() };
    receive(running);
  }, 60_000);
  afterAll(async () => {
    await running?.browser.close();
    await t?.close();
  });
}

/** In a describe: starts the demo in Chromium before its tests (handing it to `receive`) and closes both after them. */
export function useDemoInBrowser(receive: (demo: DemoInBrowser) => void): void {
  useAppInBrowser(async () => {
    const t = await buildTestApp({ demo: true });
    await loginAs(t, 'onderzoeker@ggd.nl', { role: 'researcher', password: PASSWORD });
    return t;
  }, receive);
}

/**
 * Waits for the login form, reloading the page up to `reloads` times: other test runs on this
 * machine rebuild dist/web (emptying it first), and a page loaded in that moment has no script.
 * A real failure still fails at the form.
 */
export async function waitForLoginForm(page: Page, reloads: number): Promise<void> {
  for (let i = 0; i < reloads; i++) {
    const shown = await page
      .getByLabel('E-mailadres')
      .waitFor({ timeout: 5000 })
      .then(
        () => true,
        () => false,
      );
    if (shown) return;
    await page.reload();
  }
}

/**
 * Logs in on the login form the page shows and waits for the app to arrive at `next`. An account
 * with two-step verification (administrators) passes `code`, which gives what its app would show
 * (test/helpers/two-factor.ts `totpCodeFor`), for the second step.
 */
export async function submitLogin(page: Page, base: string, email: string, next: string, code?: () => string): Promise<void> {
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  if (code) {
    await page.getByLabel('Code uit de app').fill(code());
    await page.getByRole('button', { name: 'Controleren' }).click();
  }
  await page.waitForURL(`${base}${next}`);
}

/**
 * A new Dutch browser context at `viewport`, logged in on the login form as `email` (PASSWORD) and arrived at `next`;
 * the page's steps wait 15 s at most. `reloads` as in waitForLoginForm. Close it with `page.context().close()`.
 */
export async function openLoggedIn(
  browser: Browser,
  base: string,
  email: string,
  next: string,
  viewport: { width: number; height: number },
  reloads = 3,
): Promise<Page> {
  const page = await (await browser.newContext({ viewport, locale: 'nl-NL' })).newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
  await waitForLoginForm(page, reloads);
  await submitLogin(page, base, email, next);
  return page;
}

/**
 * Looks at the page at each of WIDTHS (ending at desktop): no sideways scrolling, axe-clean, and a screenshot
 * named `<prefix>-<name>-375` / `-1280`.
 */
export async function checkAtWidths(page: Page, name: string, prefix: string): Promise<void> {
  for (const [size, viewport] of Object.entries(WIDTHS)) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(100);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} scrolls sideways at ${viewport.width} px`).toBeLessThanOrEqual(0);
    await expectAccessible(page, `${name} at ${viewport.width} px`);
    await screenshot(page, `${prefix}-${name}-${size === 'phone' ? '375' : '1280'}`);
  }
}

/** In the factsheet composer (Dutch): publishes the draft from the "Publiceren" tab, confirms, and waits for version 1. */
export async function publishFirstVersion(page: Page): Promise<void> {
  await page.click('button[role=tab]:has-text("Publiceren")');
  page.on('dialog', (d) => d.accept());
  await page.click('button[type=submit]:has-text("Publiceren")');
  await expect
    .poll(() => page.locator('rondo-factsheet-composer').textContent(), { timeout: 30_000 })
    .toContain('Versie 1 is gepubliceerd.');
}
