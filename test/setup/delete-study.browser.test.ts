import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  CHROMIUM,
  expectAccessible,
  hasChromium,
  screenshot,
  submitLogin,
  useDemoInBrowser,
  waitForLoginForm,
  WIDTHS,
  type DemoInBrowser,
} from '../helpers/browser.js';
import { failErasingParticipants } from '../helpers/erase-fault.js';
import { createImhStudy } from '../helpers/study.js';
import { finishStudyDeletions } from '../../server/studies/delete-study.js';

/**
 * Deleting a study from its set-up screen, in Chromium at 375 and 1280 px: a wrongly typed slug and an
 * open round are explained in Dutch and nothing is deleted; the slug typed out deletes it, the button
 * waiting and saying so until the server has erased it; an erasure a fault interrupted is explained
 * (the study is gone from sight, its rows are erased later). axe-clean.
 */
describe.skipIf(!hasChromium)(`deleting a study${hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM})`}`, () => {
  let demo: DemoInBrowser;
  useDemoInBrowser((d) => (demo = d));
  const db = () => demo.t.data.store.db;
  const studies = async () => (await db().selectFrom('study').select('slug').execute()).map((s) => s.slug);

  async function open(size: (typeof WIDTHS)[keyof typeof WIDTHS], slug = '1000-kansen'): Promise<Page> {
    const next = `/app/s/${slug}/setup`;
    const page = await (await demo.browser.newContext({ viewport: size, locale: 'nl-NL' })).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${demo.base}/login?next=${encodeURIComponent(next)}`);
    await waitForLoginForm(page, 3);
    await submitLogin(page, demo.base, 'onderzoeker@ggd.nl', next);
    await page.locator('#sd-delete-slug').waitFor();
    return page;
  }
  const submit = (page: Page) => page.getByRole('button', { name: 'Onderzoek definitief verwijderen' }).click();

  for (const [name, size] of Object.entries(WIDTHS)) {
    it(`explains a wrongly typed slug and deletes nothing (${name})`, async () => {
      const page = await open(size);
      await page.fill('#sd-delete-slug', '1000-kanse');
      await submit(page);
      await expect.poll(() => page.locator('#sd-delete-error').textContent()).toContain('niet "1000-kansen"');
      expect(await studies()).toContain('1000-kansen');
      await page.locator('#sd-delete-slug').scrollIntoViewIfNeeded();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expectAccessible(page, `set-up delete study refused ${name}`);
      await screenshot(page, `setup-delete-study-${name}`);
      await page.context().close();
    }, 60_000);
  }

  it('says so when erasing fails after the deletion: the study is out of sight and its rows are erased later', async () => {
    // Another study of the same researcher (the IMH template, no round open, two participants), whose
    // erasing fails at its participants: a fault of the disk, simulated by a trigger on this connection only.
    const created = await createImhStudy(db(), 'netwerk-storing', { nl: 'Netwerk storing', en: 'Network fault' });
    const s = demo.t.data.store.sqlite;
    s.prepare(
      "insert into study_member (study_id, user_id, role) select ?, id, 'researcher' from user where email = 'onderzoeker@ggd.nl'",
    ).run(created.studyId);
    const participant = s.prepare(
      "insert into participant (study_id, key, organisation, role, team, created_at) values (?, ?, 'GGD', 'lid', '', ?)",
    );
    for (const key of ['p1', 'p2']) participant.run(created.studyId, key, new Date().toISOString());
    const mend = failErasingParticipants(s, created.studyId);
    try {
      const page = await open(WIDTHS.phone, 'netwerk-storing');
      await page.fill('#sd-delete-slug', 'netwerk-storing');
      await submit(page);
      const alert = page.getByRole('alert').filter({ hasText: 'Het onderzoek is verwijderd' });
      await expect.poll(() => alert.count()).toBe(1);
      expect(await alert.textContent()).toContain('rondo probeert het over een minuut opnieuw');
      expect(await page.getByRole('button', { name: 'Onderzoek definitief verwijderen' }).isDisabled()).toBe(true);
      expect(await studies()).not.toContain('netwerk-storing');
      for (const [name, size] of Object.entries(WIDTHS)) {
        await page.setViewportSize(size);
        const card = page.locator('section[aria-labelledby="setup-delete"]');
        await card.scrollIntoViewIfNeeded();
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
        await expectAccessible(page, `set-up delete study, erasure pending ${name}`);
        fs.mkdirSync(path.resolve('.screens'), { recursive: true });
        await card.screenshot({ path: path.resolve('.screens', `setup-delete-study-pending-${name}.png`) });
      }
      await page.getByRole('link', { name: 'Naar het overzicht' }).click();
      await page.waitForURL(`${demo.base}/app`);
      await page.context().close();
    } finally {
      mend();
    }
    // The retry (or the retention job) erases the rest once the fault is gone.
    expect(await finishStudyDeletions(demo.t.data.store)).toEqual([created.studyId]);
    expect(s.prepare('select count(*) n from participant where study_id = ?').get(created.studyId)).toEqual({ n: 0 });
  }, 60_000);

  it('refuses while a round is open, then deletes the study once the slug is typed and the rounds are closed', async () => {
    const day = 86_400_000;
    const study = await db().selectFrom('study').select('id').where('slug', '=', '1000-kansen').executeTakeFirstOrThrow();
    const rounds = db().updateTable('round').where('study_id', '=', study.id);
    await rounds.set({ closes_at: new Date(Date.now() - day).toISOString() }).execute();
    await rounds
      .set({ opens_at: new Date(Date.now() - day).toISOString(), closes_at: new Date(Date.now() + day).toISOString() })
      .where('key', '=', 'post')
      .execute();
    const page = await open(WIDTHS.desktop);
    await page.fill('#sd-delete-slug', '1000-kansen');
    await submit(page);
    await expect.poll(() => page.locator('#sd-delete-error').textContent()).toContain('Sluit eerst de open metingen (post)');
    expect(await studies()).toContain('1000-kansen');
    await rounds
      .set({ closes_at: new Date(Date.now() - 60_000).toISOString() })
      .where('key', '=', 'post')
      .execute();
    // While the server erases, the button waits and says so (a big study takes seconds): the request is held here.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/studies/1000-kansen/delete', async (route) => {
      await held;
      await route.continue();
    });
    await submit(page);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Bezig met verwijderen' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Onderzoek definitief verwijderen' }).isDisabled()).toBe(true);
    for (const [name, size] of Object.entries(WIDTHS)) {
      await page.setViewportSize(size);
      const card = page.locator('section[aria-labelledby="setup-delete"]');
      await card.scrollIntoViewIfNeeded();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await expectAccessible(page, `set-up delete study busy ${name}`);
      fs.mkdirSync(path.resolve('.screens'), { recursive: true });
      await card.screenshot({ path: path.resolve('.screens', `setup-delete-study-busy-${name}.png`) });
    }
    release();
    await page.waitForURL(`${demo.base}/app`);
    expect(await studies()).not.toContain('1000-kansen');
    await page.context().close();
  }, 60_000);
});
