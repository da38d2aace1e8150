import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { loadConfig } from '../../server/config.js';
import { anonymousToken, exchange, freshInvitations, openRound } from '../respondent/fixture.js';

/**
 * The public statements through HTTP: the accessibility statement after the Dutch model, with the
 * operator's organisation and contact from the configuration, and the respondent's privacy
 * statement generated from the study's settings, in the respondent's language, escaped, with no
 * personal data, following changes to those settings.
 */
let t: TestApp;
afterEach(async () => t?.close());

/** The page's visible text, roughly: tags out, white space folded. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('the accessibility statement', () => {
  it('follows the Dutch model in Dutch at /toegankelijkheid and in English at /accessibility', async () => {
    t = await buildTestApp({ config: { organisation: 'GGD Voorbeeld <Zuid>', contactEmail: 'toegankelijk@ggd.example.nl' } });
    const nl = await t.app.inject({ method: 'GET', url: '/toegankelijkheid' });
    expect(nl.statusCode).toBe(200);
    expect(nl.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(nl.body).toContain('<html lang="nl">');
    const text = textOf(nl.body);
    for (const part of [
      'Toegankelijkheidsverklaring',
      'GGD Voorbeeld <Zuid> wil dat iedereen rondo kan gebruiken',
      'Waarvoor deze verklaring geldt',
      'Nalevingsstatus',
      'voldoet gedeeltelijk aan de Web Content Accessibility Guidelines (WCAG) 2.1 op niveau A en AA',
      'EN 301 549',
      'axe-core',
      '375 pixels',
      '1280 pixels',
      'toetsenbord',
      'Bekende beperkingen',
      'Feedback en contact',
      'toegankelijk@ggd.example.nl',
      'Handhavingsprocedure',
      'opgesteld op 5 december 2026',
    ]) {
      expect(text).toContain(part);
    }
    expect(nl.body).toContain('GGD Voorbeeld &lt;Zuid&gt;'); // escaped
    expect(nl.body).toContain('href="mailto:toegankelijk@ggd.example.nl"');

    const en = await t.app.inject({ method: 'GET', url: '/accessibility' });
    expect(en.body).toContain('<html lang="en">');
    expect(textOf(en.body)).toContain('partially complies with the Web Content Accessibility Guidelines (WCAG) 2.1');
    expect(en.body).toContain('href="/toegankelijkheid"');
  });

  it('takes the organisation and contact from RONDO_ORGANISATION and RONDO_CONTACT_EMAIL', () => {
    const config = loadConfig({ RONDO_ORGANISATION: ' GGD Voorbeeld ', RONDO_CONTACT_EMAIL: 'a11y@ggd.example.nl' });
    expect(config).toMatchObject({ organisation: 'GGD Voorbeeld', contactEmail: 'a11y@ggd.example.nl' });
    expect(loadConfig({})).toMatchObject({ organisation: null, contactEmail: null });
    expect(() => loadConfig({ RONDO_CONTACT_EMAIL: 'not an address' })).toThrow('RONDO_CONTACT_EMAIL');
  });

  it('shows a placeholder for what the operator has not configured yet', async () => {
    t = await buildTestApp();
    const text = textOf((await t.app.inject({ method: 'GET', url: '/toegankelijkheid' })).body);
    expect(text).toContain('[naam van de organisatie] wil dat iedereen');
    expect(text).toContain('[e-mailadres voor toegankelijkheid]');
  });
});

describe("the respondent's privacy statement", () => {
  let researcherHeaders: Record<string, string>;
  beforeEach(async () => {
    t = await buildTestApp({ demo: true, config: { contactEmail: 'privacy@server.example.nl' } });
    researcherHeaders = (await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' })).headers;
    openRound(t, 'post');
  });

  const statementFor = async (cookie: string, url = '/r/privacy', lang?: string) => {
    const res = await t.app.inject({ method: 'GET', url: lang ? `${url}?lang=${lang}` : url, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    return res;
  };

  it('says what is asked, why, who sees what, how long and what the respondent may ask, from the settings', async () => {
    const invitation = freshInvitations(t, 'post')[0]!;
    const cookie = await exchange(t, invitation.token);
    const res = await statementFor(cookie);
    expect(res.body).toContain('<html lang="nl">');
    const text = textOf(res.body);
    expect(text).toContain('Privacyverklaring');
    expect(text).toMatch(/De vragenlijst heeft \d+ vragen in \d+ delen/);
    expect(text).toContain('Uw antwoorden worden bewaard onder een code');
    expect(text).toContain('Een percentage verschijnt pas vanaf 10 antwoorden');
    expect(text).toContain('pas vanaf 5 deelnemers');
    expect(text).toContain('ten minste 10 deelnemers');
    expect(text).toContain('De onderzoekers hebben nog geen einddatum vastgelegd');
    expect(text).toContain('artikel 15');
    expect(text).toContain('Autoriteit Persoonsgegevens');
    // No personal data: nothing of the participant, and not the link token.
    const contact = t.data.store.sqlite
      .prepare('select email, name from participant_contact where participant_id = ?')
      .get(invitation.participantId) as { email: string | null; name: string | null } | undefined;
    if (contact?.email) expect(res.body).not.toContain(contact.email);
    if (contact?.name) expect(res.body).not.toContain(contact.name);
    expect(res.body).not.toContain(invitation.token);

    // Change the retention date and the disclosure threshold: the statement follows.
    const retention = await t.app.inject({
      method: 'PUT',
      url: '/api/studies/1000-kansen/privacy/retention',
      headers: researcherHeaders,
      payload: { retentionUntil: '2031-03-01' },
    });
    expect(retention.statusCode).toBe(200);
    const definition = JSON.parse(
      t.data.store.sqlite.prepare("select definition from study where slug = '1000-kansen'").pluck().get() as string,
    );
    definition.settings = { ...definition.settings, minSubgroup: 8 };
    t.data.store.sqlite.prepare("update study set definition = ? where slug = '1000-kansen'").run(JSON.stringify(definition));
    const after = textOf((await statementFor(cookie)).body);
    expect(after).toContain('Uw antwoorden en contactgegevens worden uiterlijk op 1 maart 2031 verwijderd');
    expect(after).not.toContain('nog geen einddatum');
    expect(after).toContain('pas vanaf 8 deelnemers');

    const english = textOf((await statementFor(cookie, '/r/privacy', 'en')).body);
    expect(english).toContain('Your answers and contact details will be deleted no later than 1 March 2031');
  });

  it("escapes the study's own texts and adds the researchers' statement as text", async () => {
    const definition = JSON.parse(
      t.data.store.sqlite.prepare("select definition from study where slug = '1000-kansen'").pluck().get() as string,
    );
    definition.title = { ...definition.title, nl: 'Studie <script>alert(1)</script>' };
    definition.privacyStatement = { nl: 'Wij delen niets.\n\n<b>Echt</b> niet.', en: 'We share nothing.' };
    t.data.store.sqlite.prepare("update study set definition = ? where slug = '1000-kansen'").run(JSON.stringify(definition));
    const cookie = await exchange(t, freshInvitations(t, 'post')[0]!.token);
    const res = await statementFor(cookie);
    expect(res.body).not.toContain('<script>alert(1)</script>');
    expect(res.body).toContain('Studie &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.body).toContain('<p>&lt;b&gt;Echt&lt;/b&gt; niet.</p>');
    expect(textOf(res.body)).toContain('Aanvullende informatie van de onderzoekers');
  });

  it('is reached from an anonymous link too, and says there what an anonymous respondent can and cannot ask', async () => {
    const cookie = await exchange(t, await anonymousToken(t, 'post'));
    const text = textOf((await statementFor(cookie, '/r/anon/privacy')).body);
    expect(text).toContain('wij vragen niet om uw naam of e-mailadres');
    expect(text).toContain('kunnen wij verstuurde antwoorden niet aan u koppelen');
    expect(text).not.toContain('Alleen de onderzoekers kunnen die code koppelen aan uw contactgegevens');
  });

  it('is linked from the pages of a link, and without a valid link cookie shows the unknown-link page', async () => {
    // A round that has not opened yet: its page is rendered on the server, with the footer.
    openRound(t, 'post', { opensAt: new Date(Date.now() + 86_400_000).toISOString() });
    const cookie = await exchange(t, freshInvitations(t, 'post')[0]!.token);
    const page = await t.app.inject({ method: 'GET', url: '/r', headers: { cookie } });
    expect(page.body).toContain('Deze meting is nog niet geopend');
    expect(page.body).toContain('href="/r/privacy?lang=nl"');
    expect(page.body).toContain('href="/toegankelijkheid"');
    const none = await t.app.inject({ method: 'GET', url: '/r/privacy' });
    expect(none.statusCode).toBe(404);
    expect(none.body).toContain('Deze link werkt niet');
    const guessed = await t.app.inject({ method: 'GET', url: '/r/privacy', headers: { cookie: 'rondo_r=guessed-token' } });
    expect(guessed.statusCode).toBe(404);
    // Guessed link cookies count against the unknown-link limit per address, as on every link route.
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/r/anon/privacy',
        headers: { cookie: `rondo_a=guess${i}.key` },
        remoteAddress: '10.7.7.7',
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(statuses.filter((s) => s === 404).length).toBeLessThanOrEqual(60);
    expect(statuses.at(-1)).toBe(429);
  });
});
