import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildTestApp, loginAs } from '../helpers/app.js';
import {
  CHROMIUM,
  expectAccessible,
  hasChromium,
  openLoggedIn,
  PASSWORD,
  screenshot,
  useAppInBrowser,
  WIDTHS,
} from '../helpers/browser.js';
import { ZUID, createZuidStudy } from './domain-fixture.js';

/**
 * The cohort screen when the researcher removes the attribute domain coverage counts with: the
 * removal is refused, the attribute stays, and the screen says in Dutch why and where to switch
 * domain coverage off. At 375 and 1280 px, axe-clean. On a generated network study, not the demo.
 */
describe.skipIf(!hasChromium)(`domain coverage guards its attribute${hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM})`}`, () => {
  let base: string;
  let browser: Browser;

  useAppInBrowser(
    async () => {
      const t = await buildTestApp();
      const who = await createZuidStudy(t, () =>
        loginAs(t, 'verbinder@netwerkzuid.nl', { role: 'researcher', study: ZUID, password: PASSWORD }),
      );
      const set = await t.app.inject({
        method: 'PATCH',
        url: `/api/studies/${ZUID}`,
        headers: who.headers,
        payload: { domainCoverage: { attribute: 'werkveld', roleAttribute: 'netwerkrol' } },
      });
      expect(set.statusCode, set.body).toBe(200);
      return t;
    },
    (running) => ({ base, browser } = running),
  );

  for (const [name, size] of Object.entries(WIDTHS)) {
    it(`refuses removing the domain attribute and says why (${name})`, async () => {
      const page = await openLoggedIn(browser, base, 'verbinder@netwerkzuid.nl', `/app/s/${ZUID}/cohort`, size);
      page.on('dialog', (d) => void d.accept());
      const attrs = page.locator('rondo-cohort-attributes');
      await attrs.getByRole('button', { name: 'Verwijderen Werkveld' }).click();
      const alert = attrs.locator('[role=alert]');
      await expect.poll(() => alert.textContent(), { timeout: 20_000 }).toContain('Kenmerk "werkveld" kan niet weg');
      expect(await alert.textContent()).toContain('Deelnemers → Netwerkprofiel → Instelling domeindekking');
      expect(await attrs.locator('.k-attr-list').innerText()).toContain('Werkveld');
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await alert.scrollIntoViewIfNeeded();
      await expectAccessible(page, `attribute removal refused ${name}`);
      await screenshot(page, `domain-coverage-guard-${name}`);
      await page.context().close();
    }, 60_000);
  }
});
