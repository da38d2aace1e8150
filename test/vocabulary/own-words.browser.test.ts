import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  CHROMIUM,
  expectAccessible,
  hasChromium,
  PASSWORD,
  screenshot,
  submitLogin,
  useDemoInBrowser,
  waitForLoginForm,
  WIDTHS,
  type DemoInBrowser,
} from '../helpers/browser.js';
import { loginAs } from '../helpers/app.js';
import { MONITOR_SLUG, createMonitorStudy, trainingWordsIn } from './monitor-study.js';

/**
 * Issue 16 in Chromium at 375 and 1280 px, axe-clean: "Nieuw onderzoek" offers the study types
 * with their rounds and words; a repeated monitor's set-up screen has the "Woorden van deze
 * studie" form, its navigation names its interventions and network partners, offers no
 * competence view and no training words; a refused word is explained at its field, a good one
 * renames the screens at once.
 */
describe.skipIf(!hasChromium)(`the study's own words${hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM})`}`, () => {
  let demo: DemoInBrowser;
  useDemoInBrowser((d) => (demo = d));
  beforeAll(async () => {
    await createMonitorStudy(demo.t, await loginAs(demo.t, 'onderzoeker@ggd.nl', { password: PASSWORD }));
  });

  async function open(size: (typeof WIDTHS)[keyof typeof WIDTHS], next: string): Promise<Page> {
    const page = await (await demo.browser.newContext({ viewport: size, locale: 'nl-NL' })).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${demo.base}/login?next=${encodeURIComponent(next)}`);
    await waitForLoginForm(page, 3);
    await submitLogin(page, demo.base, 'onderzoeker@ggd.nl', next);
    return page;
  }
  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  for (const [name, size] of Object.entries(WIDTHS)) {
    it(`offers the study types with their rounds and words (${name})`, async () => {
      const page = await open(size, '/app/new');
      const types = page.locator('fieldset .a-choice');
      await expect.poll(() => types.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(5);
      const texts = await types.allInnerTexts();
      expect(texts[0]).toContain('Evaluatie IMH-training');
      expect(texts[0]).toContain('Woorden: training, tools, ketenpartners');
      expect(texts[1]).toContain('Herhaalde monitor');
      expect(texts[1]).toMatch(/Metingen: Eerste helft \d{4}, Tweede helft \d{4}/);
      // The IMH Quick Scan (issue 17) sits among them, before the single measurement and the blank study.
      const at = (name: string) => texts.findIndex((t) => t.includes(name));
      expect(texts[at('IMH Quick Scan')]).toContain('Woorden: netwerkaanpak, hulpmiddelen, netwerkpartners');
      expect(at('IMH Quick Scan')).toBeLessThan(at('Eenmalige meting'));
      expect(at('Eenmalige meting')).toBeLessThan(at('Leeg onderzoek'));
      await page.getByRole('radio', { name: /Herhaalde monitor/ }).check();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await expectAccessible(page, `new study types ${name}`);
      await screenshot(page, `vocab-new-study-types-${name}`);
      await page.context().close();
    }, 60_000);

    it(`shows a monitor's words form and only the views it has data for (${name})`, async () => {
      const page = await open(size, `/app/s/${MONITOR_SLUG}/setup`);
      const form = page.locator('rondo-vocabulary-form');
      await form.locator('#vf-tool-nl-many').waitFor({ timeout: 20_000 });
      expect(await page.locator('#vf-tool-nl-many').inputValue()).toBe('interventies');
      expect(await page.locator('#vf-intervention-nl-one').inputValue()).toBe('werkwijze');
      expect(await page.locator('#vf-tool-en-many').count()).toBe(0); // Dutch only
      const nav = await page.locator('rondo-nav').innerText();
      expect(nav).toContain('Resultaten');
      expect(nav).toContain('Netwerkpartners en interventies');
      expect(nav).toContain('Interventies in gebruik');
      // No item measures knowledge and competence.
      expect(nav).not.toContain('Kennis en competenties');
      expect(trainingWordsIn(nav)).toEqual([]);
      await form.scrollIntoViewIfNeeded();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await expectAccessible(page, `words form ${name}`);
      await screenshot(page, `vocab-setup-${name}`);
      await form.screenshot({ path: `.screens/vocab-words-form-${name}.png` });
      await page.context().close();
    }, 60_000);
  }

  it('explains a refused word at its field, then saves good words and renames the screens', async () => {
    const page = await open(WIDTHS.desktop, `/app/s/${MONITOR_SLUG}/setup`);
    await page.locator('#vf-tool-nl-one').waitFor({ timeout: 20_000 });
    await page.fill('#vf-tool-nl-one', '<b>voorziening</b>');
    await page.fill('#vf-tool-nl-many', 'voorzieningen');
    await page.getByRole('button', { name: 'Woorden opslaan' }).click();
    await expect.poll(() => page.locator('#vf-tool-nl-one-error').textContent()).toContain('gewone tekst zonder < > { }');
    expect(await page.locator('#vf-tool-nl-one').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('rondo-vocabulary-form [role=alert]').first().textContent()).toContain('Er is niets veranderd');
    await expectAccessible(page, 'words form with a refused word');
    await screenshot(page, 'vocab-words-refused');
    await page.fill('#vf-tool-nl-one', 'voorziening');
    await page.getByRole('button', { name: 'Woorden opslaan' }).click();
    await expect.poll(() => page.locator('rondo-vocabulary-form .a-alert--ok').textContent()).toContain('opgeslagen');
    await expect.poll(() => page.locator('rondo-nav').innerText()).toContain('Voorzieningen in gebruik');
    await page.locator('rondo-nav').getByRole('link', { name: 'Netwerkpartners en voorzieningen' }).click();
    await page.getByRole('heading', { name: 'Netwerkpartners en voorzieningen' }).waitFor();
    await page.locator('rondo-nav').getByRole('link', { name: 'Voorzieningen in gebruik' }).click();
    await page.getByRole('heading', { name: 'Voorzieningen in gebruik' }).waitFor();
    const view = page.locator('rondo-dash-tools-view');
    await expect.poll(() => view.innerText(), { timeout: 20_000 }).toContain('Gebruik per voorziening');
    expect(trainingWordsIn(await view.innerText())).toEqual([]);
    await expectAccessible(page, 'tools view in the study’s words');
    await screenshot(page, 'vocab-tools-view-own-words');
    await page.context().close();
  }, 60_000);

  it('gives a Dutch word its article, guessed as it is typed or picked, and the screens agree with it', async () => {
    const page = await open(WIDTHS.desktop, `/app/s/${MONITOR_SLUG}/setup`);
    await page.locator('#vf-tool-nl-one').waitFor({ timeout: 20_000 });
    // The article follows the typed word ("meetmoment": het) until the researcher picks one.
    await page.fill('#vf-round-nl-one', 'meetmoment');
    await page.fill('#vf-round-nl-many', 'meetmomenten');
    await expect.poll(() => page.locator('#vf-round-nl-article').inputValue()).toBe('het');
    // "hulpmiddel" is a het-word its ending does not give away: the researcher picks it.
    await page.fill('#vf-tool-nl-one', 'hulpmiddel');
    await page.fill('#vf-tool-nl-many', 'hulpmiddelen');
    expect(await page.locator('#vf-tool-nl-article').inputValue()).toBe('de');
    await page.selectOption('#vf-tool-nl-article', 'het');
    await expectAccessible(page, 'words form with articles');
    await page.locator('rondo-vocabulary-form').screenshot({ path: '.screens/vocab-words-articles-desktop.png' });
    await page.getByRole('button', { name: 'Woorden opslaan' }).click();
    await expect.poll(() => page.locator('rondo-vocabulary-form .a-alert--ok').textContent()).toContain('opgeslagen');
    const saved = await page.evaluate(
      async (slug) => (await (await fetch(`/api/studies/${slug}`)).json()).definition.vocabulary,
      MONITOR_SLUG,
    );
    expect(saved.tool.nl).toEqual({ one: 'hulpmiddel', many: 'hulpmiddelen', article: 'het' });
    expect(saved.round.nl).toEqual({ one: 'meetmoment', many: 'meetmomenten', article: 'het' });
    await page.locator('rondo-nav').getByRole('link', { name: 'Hulpmiddelen in gebruik' }).click();
    const view = page.locator('rondo-dash-tools-view');
    await expect.poll(() => view.innerText(), { timeout: 20_000 }).toContain('elk hulpmiddel gebruikt');
    expect(await view.innerText()).not.toContain('elke hulpmiddel');
    await page.context().close();
  }, 60_000);
});
