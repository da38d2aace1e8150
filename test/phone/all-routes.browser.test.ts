import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROUTES, type ViewRoute } from '../../web/app/routes.js';
import { loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { axe, describeViolations, hasChromium, WIDTHS, PASSWORD, startDemoInBrowser } from '../helpers/browser.js';
import { findCutText, findOverflow, settle } from './layout.js';

/**
 * Every staff screen on a phone and on a desktop (issue 16, deliverable 8): each route of the web
 * router (web/app/routes.ts, so a screen added later is walked too) is opened by client-side
 * navigation at 375 and 1280 px by a researcher, a trainer and a manager of the 1000 Kansen demo.
 * A route the role may open shows its screen, accessible (axe, 0 violations) and without anything
 * wider than its box (the document and every element, outside boxes meant to scroll), with every
 * table cell's words whole and nothing cut with "…" (findCutText); a route it
 * may not open shows the refusal ("Pagina niet gevonden") and is not in its navigation.
 */
const SLUG = '1000-kansen';
const SCREENS = path.resolve('.screens');
/** A value for every route parameter; a route with a parameter not listed here fails the coverage test. */
// regional: a programme none of these accounts belongs to (its screen says so, accessibly).
const PARAMS: Record<string, string> = { slug: SLUG, programme: 'imh-regio-demo' };
const ACCOUNTS = [
  { role: 'researcher', email: 'onderzoeker@ggd.nl' },
  { role: 'trainer', email: 'trainer@ggd.nl' },
  { role: 'manager', email: 'manager@ggd.nl' },
] as const;
type Role = (typeof ACCOUNTS)[number]['role'];

/** Whether the role may open the route: the same rule as the app shell (rondo-app.ts find). */
function allowed(route: ViewRoute, role: Role): boolean {
  if (route.path.includes(':slug')) return route.roles.includes(role);
  // None of these accounts is an administrator; a researcher of a study may create studies.
  return route.roles.includes('user') || (route.roles.includes('creator') && role === 'researcher');
}

function address(route: ViewRoute): string {
  return route.path.replace(/:(\w+)/g, (_, k: string) => {
    if (!(k in PARAMS)) throw new Error(`route ${route.path}: no test value for :${k} (add it to PARAMS)`);
    return encodeURIComponent(PARAMS[k]);
  });
}

let t: TestApp;
let base: string;
let browser: Browser;
const sessions = new Map<Role, LoggedIn>();
/** Milliseconds spent per step over the whole walk, printed to see where the time goes. */
const timing: Record<string, number> = {};
const perRoute: Record<string, number> = {};

/** Opens the route in place, as a click on an app link would, and waits until the screen has settled. */
async function open(page: Page, path: string, pending: () => number): Promise<void> {
  await page.evaluate((p) => {
    history.pushState(null, '', p);
    window.dispatchEvent(new CustomEvent('rondo-route'));
  }, path);
  await settle(page, pending);
}

async function walk(
  role: Role,
  width: keyof typeof WIDTHS,
  share: (route: ViewRoute, index: number) => boolean,
): Promise<{ ms: number; problems: string[] }> {
  const started = Date.now();
  const context = await browser.newContext({ viewport: WIDTHS[width], locale: 'nl-NL' });
  const cookie = sessions.get(role)!.cookie.split('=');
  await context.addCookies([{ name: cookie[0], value: cookie.slice(1).join('='), url: base }]);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  let inFlight = 0;
  page.on('request', () => inFlight++);
  page.on('requestfinished', () => inFlight--);
  page.on('requestfailed', () => inFlight--);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`${role} ${width}: page error ${e.message}`));
  await page.goto(`${base}/app`);
  await settle(page, () => inFlight);
  for (const route of ROUTES.filter(share)) {
    const url = address(route);
    const name = `${role} ${width} ${route.path}`;
    const visitStarted = Date.now();
    let mark = visitStarted;
    const lap = (step: string) => {
      timing[step] = (timing[step] ?? 0) + Date.now() - mark;
      mark = Date.now();
    };
    await open(page, url, () => inFlight);
    lap('open');
    const heading = (await page.locator('main h1').first().innerText()).trim();
    if (allowed(route, role)) {
      if (heading === 'Pagina niet gevonden' || heading === '') problems.push(`${name}: screen not shown (h1 "${heading}")`);
      const violations = await axe(page);
      if (violations.length > 0) problems.push(`${name}: ${describeViolations(violations)}`);
      lap('axe');
      problems.push(...(await findOverflow(page)).map((o) => `${name}: ${o}`));
      // Every table keeps its words whole and cuts nothing (tables16).
      problems.push(...(await findCutText(page)).map((o) => `${name}: ${o}`));
      // The demo training is no network study: its cohort screen shows no network profile card.
      if (route.path.endsWith('/cohort') && (await page.locator('rondo-domain-coverage section').count()) > 0)
        problems.push(`${name}: the network profile card is shown on the demo training`);
      lap('overflow');
      // JPEG: a whole-page PNG of a long screen costs several times more to encode.
      const file = `phone-${width}-${role}${route.path.replace('/app', '').replace(/[/:]+/g, '-') || '-studies'}.jpg`;
      // A long page on a busy machine can take more than the 10 s of the other steps.
      await page.screenshot({ path: path.join(SCREENS, file), fullPage: true, type: 'jpeg', quality: 70, timeout: 30_000 });
      lap('screenshot');
    } else {
      if (heading !== 'Pagina niet gevonden') problems.push(`${name}: not refused (h1 "${heading}")`);
      const linked = await page.locator(`nav a[href="${url}"]`).count();
      if (linked > 0) problems.push(`${name}: refused route is linked in the navigation`);
    }
    perRoute[route.path] = (perRoute[route.path] ?? 0) + Date.now() - visitStarted;
  }
  await context.close();
  return { ms: Date.now() - started, problems };
}

describe.skipIf(!hasChromium)('every staff route at 375 and 1280 px', () => {
  beforeAll(async () => {
    ({ t, base, browser } = await startDemoInBrowser());
    for (const a of ACCOUNTS) sessions.set(a.role, await loginAs(t, a.email, { role: a.role, password: PASSWORD }));
    // The first analysis loads the analysis modules once per process; warm it outside the walk.
    await t.app.inject({ url: `/api/studies/${SLUG}/analysis`, headers: sessions.get('researcher')!.headers });
    fs.mkdirSync(SCREENS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('has a test value for every route parameter, so every route is walked', () => {
    for (const route of ROUTES) expect(() => address(route), route.path).not.toThrow();
    for (const a of ACCOUNTS)
      expect(
        ROUTES.some((r) => allowed(r, a.role)),
        a.role,
      ).toBe(true);
  });

  it('shows each role its screens, accessible and not wider than the window, and refuses the others', async () => {
    const started = Date.now();
    // One context per role, width and share of the routes (the researcher's many screens in two
    // halves), three at a time from one browser: the machine is shared, and three keep it busy.
    const jobs = ACCOUNTS.flatMap((a) =>
      (['phone', 'desktop'] as const).flatMap((w) =>
        a.role === 'researcher'
          ? [0, 1].map((half) => () => walk(a.role, w, (_, i) => i % 2 === half))
          : [() => walk(a.role, w, () => true)],
      ),
    );
    const results: { ms: number; problems: string[] }[] = [];
    const worker = async () => {
      for (let job = jobs.shift(); job; job = jobs.shift()) results.push(await job());
    };
    await Promise.all([worker(), worker(), worker()]);
    console.log(
      `walked ${ROUTES.length} routes × ${ACCOUNTS.length} roles × 2 widths in ${Date.now() - started} ms`,
      results.map((r) => r.ms),
      timing,
      Object.entries(perRoute)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6),
    );
    expect(results.flatMap((r) => r.problems)).toEqual([]);
  }, 180_000);
});
