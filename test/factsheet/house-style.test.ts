import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { contrastRatio } from '../../server/factsheet/house-style/contrast.js';
import { checkLogo } from '../../server/factsheet/house-style/check-logo.js';
import { colourIssues } from '../../server/factsheet/house-style/house-style.js';
import { SLUG } from './helpers.js';

/** A 1 × 1 PNG (its signature, IHDR and the rest of a real file). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40">' +
  '<rect width="120" height="40" fill="#0b4f8a"/><text x="8" y="26">GGD</text></svg>';

describe('house style checks', () => {
  it('computes WCAG contrast ratios (reference values from the WCAG 2.1 definition)', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('refuses a colour with less than 4.5:1 against white, and one that is not #rrggbb', () => {
    expect(colourIssues({ primary: '#0b4f8a', accent: '#b35806' })).toEqual([]);
    const light = colourIssues({ primary: '#777777', accent: '#ffcc00' });
    expect(light.map((i) => i.field)).toEqual(['primary', 'accent']);
    expect(light[0].message).toContain('4.48:1');
    expect(colourIssues({ primary: 'red', accent: '#b35806' })[0].message).toContain('#rrggbb');
  });

  it.each([
    ['an SVG with a script', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'svg', /<script>/],
    ['an SVG with an event attribute', '<svg xmlns="http://www.w3.org/2000/svg"><rect onload="alert(1)"/></svg>', 'svg', /event attribute/],
    [
      'an SVG that loads an image from elsewhere',
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">' +
        '<use xlink:href="http://evil.example/x.svg#a"/></svg>',
      'svg',
      /reference to elsewhere/,
    ],
    [
      'an SVG with foreignObject',
      '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
      'svg',
      /foreignObject/,
    ],
    [
      'an SVG style importing a font',
      '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(http://x/y.css);</style></svg>',
      'svg',
      /elsewhere/,
    ],
    ['an SVG with entities', '<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>', 'svg', /DOCTYPE/],
    ['HTML renamed .svg', '<html><body>hi</body></html>', 'svg', /not an SVG/],
    ['a text file renamed .png', 'just text, not a picture', 'png', /not a PNG/],
  ] as const)('refuses %s', (_name, text, type, message) => {
    const checked = checkLogo(Buffer.from(text), type);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toMatch(message);
  });

  it('refuses a logo over 1 MB and accepts a real PNG and a plain SVG', () => {
    const big = Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]);
    const refused = checkLogo(big, 'png');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toContain('larger than 1 MB');
    expect(checkLogo(PNG, 'png').ok).toBe(true);
    expect(checkLogo(Buffer.from(SVG), 'svg').ok).toBe(true);
    // A reference to a part of the logo itself is fine.
    expect(
      checkLogo(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><defs><path id="a" d="M0 0"/></defs><use href="#a"/></svg>'), 'svg')
        .ok,
    ).toBe(true);
  });
});

describe('house style through HTTP', () => {
  let t: TestApp;
  let researcher: LoggedIn;
  const url = `/api/studies/${SLUG}/factsheet/style`;
  const put = (payload: object) => t.app.inject({ method: 'PUT', url, headers: researcher.headers, payload });
  const stored = () => t.data.store.sqlite.prepare('select count(*) as n from factsheet_style').get() as { n: number };

  beforeAll(async () => {
    t = await buildTestApp({ demo: true });
    researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
  });
  afterAll(() => t.close());

  it('starts neutral and stores nothing when any part is refused', async () => {
    const start = (await t.app.inject({ method: 'GET', url, headers: researcher.headers })).json();
    expect(start).toMatchObject({ custom: false, logo: null, typefaces: ['arimo', 'source-sans-3', 'source-serif-4'] });
    const low = await put({ primary: '#99ccff', accent: '#b35806', typeface: 'arimo' });
    expect(low.statusCode).toBe(400);
    expect(low.json().message).toContain('WCAG AA');
    const script = await put({
      primary: '#1f4e79',
      accent: '#b35806',
      typeface: 'arimo',
      logo: { type: 'svg', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>').toString('base64') },
    });
    expect(script.statusCode).toBe(400);
    expect(script.json().message).toContain('refused');
    const renamed = await put({
      primary: '#1f4e79',
      accent: '#b35806',
      typeface: 'arimo',
      logo: { type: 'png', data: Buffer.from('%PDF-1.4 not a png').toString('base64') },
    });
    expect(renamed.statusCode).toBe(400);
    const huge = await put({
      primary: '#1f4e79',
      accent: '#b35806',
      typeface: 'arimo',
      logo: { type: 'png', data: Buffer.alloc(20 * 1024 * 1024).toString('base64') },
    });
    expect(huge.statusCode).toBe(413);
    expect((await put({ primary: '#1f4e79', accent: '#b35806', typeface: 'comic-sans' })).statusCode).toBe(400);
    expect(stored().n).toBe(0);
  });

  it('prints a stored house style: colours and the logo (as an image, which runs nothing)', async () => {
    const saved = await put({
      primary: '#1f4e79',
      accent: '#8a3b00',
      typeface: 'arimo',
      logo: { type: 'svg', data: Buffer.from(SVG).toString('base64') },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ custom: true, primary: '#1f4e79', accent: '#8a3b00' });
    const html = (
      await t.app.inject({ method: 'GET', url: `/api/studies/${SLUG}/factsheet/draft/output?lang=nl`, headers: researcher.headers })
    ).body;
    expect(html).toContain('--brand: #1f4e79');
    expect(html).toContain('--highlight: #8a3b00');
    expect(html).toContain('<img class="logo" src="data:image/svg+xml;base64,');
    // Keeping the logo while changing a colour; then back to neutral.
    expect((await put({ primary: '#004d40', accent: '#8a3b00', typeface: 'arimo' })).json().logo).toMatch(/^data:image\/svg\+xml/);
    const reset = await t.app.inject({ method: 'DELETE', url, headers: researcher.headers });
    expect(reset.json()).toMatchObject({ custom: false, logo: null });
    const audit = t.data.store.sqlite.prepare("select count(*) as n from audit_log where action like 'factsheet.style.%'").get() as {
      n: number;
    };
    expect(audit.n).toBe(3);
  });
});
