import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';

/**
 * A staff screen shows a conflict or a bad value in the user's language: the server gives the
 * refusal as `details.text` in Dutch and English (server/errors.ts, refusal) and the screen shows
 * the user's (web/app/api.ts, failureMessage, which otherwise falls back to the English
 * `message`). Before, a Dutch researcher adding a partner twice read '"GGD" is already in the
 * list.', an administrator '"an account for … already exists"', and the vocabulary, value-label
 * and group screens both languages run together ('… / …').
 */
const SCREEN_SERVICES = [
  'server/setup/catalogues.ts',
  'server/setup/accounts.ts',
  'server/routes/value-labels.ts',
  'server/routes/setup-vocabulary.ts',
  'server/groups/service.ts',
  'server/routes/groups.ts',
  'server/routes/setup-studies.ts',
  'server/studies/study-languages.ts',
  'server/studies/archive-study.ts',
  'server/studies/delete-study.ts',
  'server/setup/studies.ts',
  'server/routes/factsheet.ts',
];
/**
 * Refusals the screens word themselves by their `reason` (web/app/views/rondo-account-view.ts,
 * rondo-catalogues-view.ts, rondo-setup-view.ts, rondo-factsheet-composer.ts).
 */
const WORDED_BY_THE_SCREEN = new Set(['wrong-current', 'same', 'answered', 'rounds-open', 'unchanged']);

describe('refusals on the staff screens, in both languages', () => {
  let t: TestApp;
  let researcher: LoggedIn;
  let admin: LoggedIn;
  beforeAll(async () => {
    t = await buildTestApp({ demo: true });
    researcher = await loginAs(t, 'onderzoeker@ggd.nl', { role: 'researcher' });
    admin = await loginAs(t, 'beheer@ggd.nl', { isAdmin: true });
  });
  afterAll(() => t.close());

  const call = (who: LoggedIn, method: 'POST' | 'PUT', url: string, payload: object) =>
    t.app.inject({ method, url, headers: who.headers, payload });

  it('says a partner already in the list in Dutch and English, and adds nothing', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/studies/1000-kansen/partners', headers: researcher.headers })).json();
    const name = before.partners[0].name as string;
    const res = await call(researcher, 'POST', '/api/studies/1000-kansen/partners', { name: ` ${name} `, domain: '' });
    expect(res.statusCode).toBe(409);
    expect(res.json().details.text).toEqual({ nl: `‘${name}’ staat al in de lijst.`, en: `"${name}" is already in the list.` });
    expect(res.json().message).toBe(`"${name}" is already in the list.`);
    const after = (await t.app.inject({ method: 'GET', url: '/api/studies/1000-kansen/partners', headers: researcher.headers })).json();
    expect(after.partners).toHaveLength(before.partners.length);
  });

  it('says an account that exists already, an unknown study and a bad address in both languages', async () => {
    const exists = await call(admin, 'POST', '/api/admin/users', { email: 'onderzoeker@ggd.nl', displayName: '', isAdmin: false });
    expect(exists.statusCode).toBe(409);
    expect(exists.json().details).toMatchObject({
      reason: 'EXISTS',
      text: { nl: 'Er is al een account voor onderzoeker@ggd.nl.', en: 'An account for onderzoeker@ggd.nl already exists.' },
    });
    const noStudy = await call(admin, 'POST', '/api/admin/users', {
      email: 'nieuw@ggd.nl',
      displayName: '',
      isAdmin: false,
      study: { slug: 'geen-onderzoek', role: 'trainer' },
    });
    expect(noStudy.statusCode).toBe(400);
    expect(noStudy.json().details.text.nl).toBe('Er is geen onderzoek ‘geen-onderzoek’.');
    const bad = await call(admin, 'POST', '/api/admin/users', { email: 'geen-adres', displayName: '', isAdmin: false });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.text.nl).toBe('‘geen-adres’ is geen geldig e-mailadres.');
    expect(t.data.store.sqlite.prepare("select count(*) n from user where email in ('nieuw@ggd.nl', 'geen-adres')").get()).toEqual({
      n: 0,
    });
  });

  it('says a short name in use when making a study, and makes none', async () => {
    const count = () => t.data.store.sqlite.prepare('select count(*) n from study').get();
    const before = count();
    const res = await call(admin, 'POST', '/api/studies', {
      title: { nl: 'Nog een meting' },
      organisation: 'GGD',
      slug: '1000-kansen',
      source: { kind: 'template', template: 'imh-training' },
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().details.text).toEqual({
      nl: 'De korte naam ‘1000-kansen’ is al in gebruik.',
      en: 'The short name "1000-kansen" is already in use.',
    });
    expect(count()).toEqual(before);
  });

  it('gives a value label and the study’s words one language at a time', async () => {
    const label = await call(researcher, 'PUT', '/api/studies/1000-kansen/value-labels', {
      kind: 'roles',
      code: 'jgz',
      nl: 'weet <b>niet</b>',
      en: 'do not know',
    });
    expect(label.statusCode).toBe(400);
    expect(label.json().details.text).toEqual({
      nl: 'Een label is platte tekst: zonder < > of HTML-code.',
      en: 'A label is plain text: no < > or HTML code.',
    });
    expect(label.json().message).not.toContain(' / ');
  });

  it('says a typeface the factsheet does not embed in both languages, and keeps the house style', async () => {
    const url = '/api/studies/1000-kansen/factsheet/style';
    const before = (await t.app.inject({ method: 'GET', url, headers: researcher.headers })).json();
    const res = await call(researcher, 'PUT', url, { primary: '#1f4e79', accent: '#8a3b12', typeface: 'comic-sans' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.text).toEqual({
      nl: 'Kies een van de ingebouwde lettertypen: arimo, source-sans-3, source-serif-4.',
      en: 'Choose one of the embedded typefaces: arimo, source-sans-3, source-serif-4.',
    });
    expect((await t.app.inject({ method: 'GET', url, headers: researcher.headers })).json()).toEqual(before);
  });

  it('gives every conflict and bad value of these screens’ services in both languages', () => {
    const bare: string[] = [];
    for (const file of SCREEN_SERVICES) {
      const source = ts.createSourceFile(file, fs.readFileSync(path.resolve(file), 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if (ts.isNewExpression(node) && node.expression.getText() === 'ApiError') {
          const [code, , details] = node.arguments ?? [];
          if (code && ts.isStringLiteral(code) && (code.text === 'CONFLICT' || code.text === 'VALIDATION')) {
            const props = details && ts.isObjectLiteralExpression(details) ? details.properties : [];
            const names = props.map((p) => p.name?.getText());
            const reason = props.find((p) => p.name?.getText() === 'reason');
            const worded =
              reason &&
              ts.isPropertyAssignment(reason) &&
              ts.isStringLiteral(reason.initializer) &&
              WORDED_BY_THE_SCREEN.has(reason.initializer.text);
            if (!names.includes('text') && !worded) bare.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(bare).toEqual([]);
  });
});
