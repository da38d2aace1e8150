import { describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import {
  expectAccessible,
  hasChromium,
  openLoggedIn,
  PASSWORD,
  screenshot,
  useAppInBrowser,
  WIDTHS,
  type DemoInBrowser,
} from '../helpers/browser.js';
import { createFieldworkStudy, people, SLUG } from './fixture.js';
import { freePort, smtpConfig, startSink, type Sink } from './smtp.js';

/**
 * A batch that the mail server slowed down (it refused a mail because too many came too fast,
 * server/fieldwork/smtp.ts): the fieldwork screen says so in the researcher's words, not the
 * server's English, and the waiting mails carry no error of their own.
 */
describe.skipIf(!hasChromium)('a mailing the mail server slowed down, on the screen', () => {
  let app: DemoInBrowser;
  let sink: Sink;
  useAppInBrowser(
    async () => {
      const port = await freePort();
      sink = await startSink({ port, tooFastAt: 3 });
      const t: TestApp = await buildTestApp({ config: { smtp: smtpConfig(port) } });
      await createFieldworkStudy(t.data.store.db, people(8));
      const staff = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: SLUG, password: PASSWORD });
      const api = `/api/studies/${SLUG}/fieldwork/rounds/pre`;
      await t.app.inject({ method: 'POST', url: `${api}/open`, headers: staff.headers });
      await t.app.inject({
        method: 'POST',
        url: `${api}/send`,
        headers: staff.headers,
        payload: { kind: 'invitation', selection: 'not-sent' },
      });
      await t.app.fieldwork.sender.idle();
      return t;
    },
    (running) => (app = running),
  );

  it('explains the pause in Dutch at 375 and 1280 px, and shows the waiting mails without an error', async () => {
    try {
      for (const [size, viewport] of Object.entries(WIDTHS)) {
        const page = await openLoggedIn(app.browser, app.base, 'onderzoeker@example.nl', `/app/s/${SLUG}/fieldwork?tab=rounds`, viewport);
        const reason = page.locator('.fw-reason', { hasText: 'Gepauzeerd' });
        const text = await reason.innerText();
        expect(text).toMatch(/^Gepauzeerd: de mailserver neemt even geen mail aan, omdat er te veel berichten te snel kwamen\./);
        expect(text).toMatch(/Het versturen gaat verder vanaf .+; niemand krijgt een bericht twee keer\./);
        expect(text).not.toMatch(/SMTP server|too many/);
        await expectAccessible(page, `paused batch at ${viewport.width} px`);
        await screenshot(page, `fieldwork-paused-slower-${size === 'phone' ? '375' : '1280'}`);
        // The monitor: the six waiting mails say they wait, and nothing more.
        await page.goto(`${app.base}/app/s/${SLUG}/fieldwork`);
        const waiting = page.locator('.a-badge', { hasText: 'uitnodiging: wacht' });
        await waiting.nth(5).waitFor();
        expect(await waiting.count()).toBe(6);
        expect(await page.locator('.fw-reason', { hasText: /SMTP/ }).count()).toBe(0);
        await page.context().close();
      }
    } finally {
      await sink.stop();
    }
  });
});
