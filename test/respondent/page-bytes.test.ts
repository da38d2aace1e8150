import { execFileSync } from 'node:child_process';
import zlib from 'node:zlib';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { DEMO, embedded, exchange, freshInvitations, openRound } from './fixture.js';
import { COMPRESS_MIN_BYTES } from '../../server/compress.js';
import { formPage } from '../../server/respondent/pages.js';
import type { PreparedForm } from '../../server/respondent/form.js';
import type { Subject } from '../../server/respondent/subject.js';

/**
 * The questionnaire page as bytes (server/respondent/pages.ts formPage): every byte ASCII, the
 * static parts encoded once per form and language, and a change to what the page is made of
 * shown on the next load; gzipped for a browser that takes it, without compressing the draft.
 */
let t: TestApp;
let cookie: string;
const page = async (query = '') => {
  const res = await t.app.inject({ url: `/r${query}`, headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res;
};

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  openRound(t, 'post');
  cookie = await exchange(t, freshInvitations(t, 'post')[0].token);
});

afterAll(async () => {
  await t?.close();
});

describe('the questionnaire page', () => {
  it('is ASCII only, with non-ASCII text as character references and JSON escapes that read back unchanged', async () => {
    for (const lang of ['nl', 'en']) {
      const res = await page(`?lang=${lang}`);
      expect(res.rawPayload.every((b) => b < 0x80)).toBe(true);
      expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      // "De vragenlijst wordt geladen…" / "Loading the questionnaire…"
      expect(res.body).toContain(lang === 'nl' ? 'wordt geladen&#8230;</p>' : 'Loading the questionnaire&#8230;</p>');
      const { form, draft } = embedded(res.body);
      expect(draft.language).toBe(lang);
      // The demo's texts hold non-ASCII (quotes, dashes, diaereses): they arrive as written.
      const texts = JSON.stringify(form);
      expect(texts).toMatch(/[^\x00-\x7f]/);
      expect(res.body).not.toMatch(/[^\x00-\x7f]/);
    }
  });

  it('shows a renamed partner on the next load, in a page that differs only there', async () => {
    const before = await page();
    const sqlite = t.data.store.sqlite;
    const partner = sqlite
      .prepare('select id, name from partner where study_id = (select id from study where slug = ?) order by position limit 1')
      .get(DEMO) as { id: number; name: string };
    sqlite.prepare('update partner set name = ? where id = ?').run('Wijkteam Zuidoost – Noord', partner.id);
    try {
      const after = await page();
      expect(embedded(after.body).form.partners[0].name).toBe('Wijkteam Zuidoost – Noord');
      expect(after.body).toContain('Wijkteam Zuidoost \\u2013 Noord');
      const renamed = JSON.stringify(partner.name).slice(1, -1);
      expect(after.body.replace('Wijkteam Zuidoost \\u2013 Noord', renamed)).toBe(
        before.body.replace(JSON.stringify('Wijkteam Zuidoost \\u2013 Noord').slice(1, -1), renamed),
      );
    } finally {
      sqlite.prepare('update partner set name = ? where id = ?').run(partner.name, partner.id);
    }
    expect(embedded((await page()).body).form.partners[0].name).toBe(partner.name);
  });

  it('shows what another process changed (a partner renamed, the round closed) on the next load', async () => {
    await page(); // the round, study and form are now cached (server/db/change-epoch.ts)
    const sqlite = t.data.store.sqlite;
    const other = new SQLite(t.data.store.file);
    const partner = sqlite
      .prepare('select id, name from partner where study_id = (select id from study where slug = ?) order by position limit 1')
      .get(DEMO) as { id: number; name: string };
    const round = sqlite
      .prepare('select id, closes_at from round where key = ? and study_id = (select id from study where slug = ?)')
      .get('post', DEMO) as { id: number; closes_at: string };
    try {
      other.prepare('update partner set name = ? where id = ?').run('Elders hernoemd', partner.id);
      expect(embedded((await page()).body).form.partners[0].name).toBe('Elders hernoemd');
      other.prepare('update round set closes_at = ? where id = ?').run(new Date(Date.now() - 86_400_000).toISOString(), round.id);
      const closed = await t.app.inject({ url: '/r', headers: { cookie } });
      expect(closed.body).not.toContain('id="rondo-form"');
      expect(closed.body).toContain('Deze meting is gesloten');
    } finally {
      other.prepare('update partner set name = ? where id = ?').run(partner.name, partner.id);
      other.prepare('update round set closes_at = ? where id = ?').run(round.closes_at, round.id);
      other.close();
    }
    expect(embedded((await page()).body).form.partners[0].name).toBe(partner.name);
  });

  it('carries the draft saved since the last load, its non-ASCII text escaped and read back unchanged', async () => {
    const { form } = embedded((await page()).body);
    const open = form.questionnaire.sections
      .flatMap((s: { items: { id: string; type: string }[] }) => s.items)
      .find((i: { type: string }) => i.type === 'text');
    const text = 'Meer casuïstiek – ‘graag’ 😀';
    const answers = [
      { item: 'comp_signal', sub: '', code: 4 },
      { item: open.id, sub: '', text },
    ];
    const res = await t.app.inject({
      method: 'PUT',
      url: '/r/api/draft',
      headers: { cookie },
      payload: { language: 'nl', items: ['comp_signal', open.id], answers },
    });
    expect(res.statusCode).toBe(200);
    const after = await page();
    expect(after.rawPayload.every((b) => b < 0x80)).toBe(true);
    const { draft } = embedded(after.body);
    expect(draft.answers).toEqual(expect.arrayContaining(answers));
    expect(draft.answers).toHaveLength(2);
  });
});

describe('the questionnaire page, gzipped', () => {
  const BROWSER = 'gzip, deflate, br, zstd';

  it('is sent gzipped to a browser that takes it, and inflates to the page sent as it is, draft and all', async () => {
    const { form } = embedded((await page()).body);
    const open = form.questionnaire.sections
      .flatMap((s: { items: { id: string; type: string }[] }) => s.items)
      .find((i: { type: string }) => i.type === 'text');
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/r/api/draft',
      headers: { cookie },
      payload: { language: 'nl', items: [open.id], answers: [{ item: open.id, sub: '', text: 'Graag meer casuïstiek – “samen”' }] },
    });
    expect(saved.statusCode).toBe(200);
    for (const lang of ['nl', 'en']) {
      const plain = await page(`?lang=${lang}`);
      const zipped = await t.app.inject({ url: `/r?lang=${lang}`, headers: { cookie, 'accept-encoding': BROWSER } });
      expect(zipped.statusCode).toBe(200);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(String(zipped.headers.vary)).toMatch(/accept-encoding/i);
      expect(String(plain.headers.vary)).toMatch(/accept-encoding/i);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(Number(zipped.headers['content-length'])).toBe(zipped.rawPayload.length);
      // gunzip checks the CRC-32 and the length in the trailer.
      expect(zlib.gunzipSync(zipped.rawPayload).equals(plain.rawPayload)).toBe(true);
      expect(embedded(zlib.gunzipSync(zipped.rawPayload).toString()).draft.answers[0].text).toBe('Graag meer casuïstiek – “samen”');
      // The demo's page: ~12.8 KB as it is, under 5 KB on the wire.
      expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length * 0.4);
    }
    // So does gzip(1), the tool a researcher would reach for.
    const zipped = await t.app.inject({ url: '/r', headers: { cookie, 'accept-encoding': 'gzip' } });
    expect(execFileSync('gzip', ['-dc'], { input: zipped.rawPayload }).equals((await page()).rawPayload)).toBe(true);
  });

  it('is sent as it is when gzip is refused or not named', async () => {
    for (const accept of ['gzip;q=0', 'br', 'identity', 'deflate']) {
      const res = await t.app.inject({ url: '/r', headers: { cookie, 'accept-encoding': accept } });
      expect(res.headers['content-encoding'], accept).toBeUndefined();
      expect(res.body).toContain('id="rondo-form"');
    }
  });

  it("leaves the respondent's other pages as they are: small, and not worth a compression each in a flood of unknown links", async () => {
    // A round that is not open: the page that says so, over the threshold of compress.ts.
    const closed = await exchange(t, freshInvitations(t, 'pre')[0].token);
    const plain = await t.app.inject({ url: '/r', headers: { cookie: closed } });
    expect(plain.body).not.toContain('id="rondo-form"');
    expect(plain.rawPayload.length).toBeGreaterThanOrEqual(COMPRESS_MIN_BYTES);
    const res = await t.app.inject({ url: '/r', headers: { cookie: closed, 'accept-encoding': BROWSER } });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.rawPayload.equals(plain.rawPayload)).toBe(true);
  });
});

describe('formPage', () => {
  const subject = { study: { title: { nl: 'Netwerkmonitor', en: 'Network monitor' } } } as unknown as Subject;

  it('gzips a page without compressing its draft: any draft, up to several stored blocks, inflates to the page as it is', () => {
    const form = { json: '{"questionnaire":"' + 'vraag '.repeat(3000) + '"}' } as PreparedForm;
    const drafts = ['', '{}', 'a'.repeat(65_534), 'b'.repeat(65_535), 'c'.repeat(65_536), `{"answers":"${'d'.repeat(200_000)}"}`];
    for (const draft of drafts) {
      const plain = formPage('en', subject, form, draft);
      const zipped = formPage('en', subject, form, draft, true);
      expect(zlib.gunzipSync(zipped).equals(plain), `draft of ${draft.length}`).toBe(true);
    }
    // The draft is stored, never compressed with the page around it: drafts of one length give pages of one
    // length, whatever they hold, so nothing can be learnt of a draft from the size of the page.
    const sizes = ['{"a":"0000000000"}', '{"a":"0123456789"}', '{"a":"vraag vraa"}'].map(
      (draft) => formPage('en', subject, form, draft, true).length,
    );
    expect(new Set(sizes).size).toBe(1);
  });

  it('gives every page bytes of its own: pages made later, from the same slab or the next, leave earlier ones unchanged', () => {
    const form = { json: '{"questionnaire":"' + 'x'.repeat(12_000) + '"}' } as PreparedForm;
    const draftOf = (i: number) =>
      `{"language":"nl","answers":[],"localKey":"${String(i).padStart(16, '0')}","note":"${'y'.repeat(i % 97)}"}`;
    // 200 pages of ~12 KB cross several 512 KB slabs; a draft of 100 KB takes memory of its own.
    const drafts = [...Array.from({ length: 200 }, (_, i) => draftOf(i)), `{"long":"${'z'.repeat(100_000)}"}`];
    const pages = drafts.map((draft) => formPage('nl', subject, form, draft));
    const empty = formPage('nl', subject, form, '').toString('latin1');
    const at =
      empty.indexOf('<script type="application/json" id="rondo-draft">') + '<script type="application/json" id="rondo-draft">'.length;
    drafts.forEach((draft, i) => {
      expect(pages[i].toString('latin1')).toBe(empty.slice(0, at) + draft + empty.slice(at));
      expect(pages[i].length).toBe(empty.length + draft.length);
    });
  });
});
