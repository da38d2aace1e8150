import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHROMIUM, hasChromium } from '../helpers/browser.js';
import { Chromium, ChromiumExitedError, ChromiumPage } from '../../server/factsheet/chromium.js';
import { ChromiumMissingError, FactsheetRenderer } from '../../server/factsheet/pdf.js';

/** A PNG's width and height, from its IHDR chunk. */
const pngSize = (png: Buffer) => [png.readUInt32BE(16), png.readUInt32BE(20)];

/** This process's Chromium profile directories in the temporary directory (each running Chromium has one). */
const profiles = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(`rondo-chromium-${process.pid}-`));

/**
 * The factsheet's Chromium (server/factsheet/chromium.ts): the DevTools protocol on a pipe, a page
 * that runs no scripts and reaches no network, PDFs and PNGs, and what happens when Chromium stops
 * or is not Chromium at all.
 */
describe.skipIf(!hasChromium)(`Chromium over the DevTools pipe${hasChromium ? '' : ' (skipped: no Chromium)'}`, () => {
  let server: net.Server;
  let base: string;
  /** Connections to the server: any at all would be the page reaching the network. */
  let connections = 0;

  beforeAll(async () => {
    // A real listener on loopback that every page below points at (over https, the page's own
    // scheme, so that no mixed-content rule is what keeps it away): it must never see a connection.
    server = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('loads a page that reaches no network and runs no scripts, and prints it', async () => {
    const browser = await Chromium.launch(CHROMIUM, ['--headless', '--no-sandbox']);
    try {
      const page = await ChromiumPage.open(browser);
      // What Chromium reports: the document's own policy refusing a load is the first wall.
      const log: string[] = [];
      const session = (page as unknown as { sessionId: string }).sessionId;
      browser.on(session, 'Log.entryAdded', (e) => log.push(e.entry.text));
      await browser.send('Log.enable', {}, session);
      // A document written before the one under test: the policy must hold in every document the page is given.
      await page.setContent('<!doctype html><title>Eerder</title><p>Eerder</p>');
      await page.setContent(`<!doctype html><html lang="nl"><head><title>Offline</title>
        <link rel="stylesheet" href="${base}/style.css"><link rel="prefetch" href="${base}/prefetch">
        <style>@font-face { font-family: F; src: url(${base}/font.woff2) } p { font-family: F }</style></head>
        <body><p>Alleen deze tekst</p><img src="${base}/image.png" alt=""><iframe src="${base}/frame"></iframe>
        <script>document.title = 'script ran'; document.body.dataset.ran = 'yes'</script>
        <script src="${base}/script.js"></script></body></html>`);
      expect(await page.evaluate('document.title')).toBe('Offline');
      expect(await page.evaluate('document.body.dataset.ran ?? null')).toBe(null);
      await vi.waitFor(() =>
        expect(log.join('\n')).toContain(`Loading the image '${base}/image.png' violates the following Content Security Policy`),
      );
      expect(log.join('\n')).toMatch(/Framing .* violates the following Content Security Policy directive: "frame-src 'none'"/);
      const pdf = await page.pdf();
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // A4, tagged, titled.
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-chromium-test-')), 'offline.pdf');
      fs.writeFileSync(file, pdf);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
      expect(info).toMatch(/Page size:.*\(A4\)/);
      expect(info).toMatch(/Tagged:\s+yes/);
      expect(info).toMatch(/Title:\s+Offline/);
      await page.close();
      expect(connections).toBe(0);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('loads one page after another on the same page, each waiting for its own load', async () => {
    const browser = await Chromium.launch(CHROMIUM, ['--headless', '--no-sandbox']);
    try {
      const page = await ChromiumPage.open(browser);
      for (const n of [1, 2, 3]) {
        await page.setContent(`<!doctype html><title>Page ${n}</title><p>${'x'.repeat(n * 100_000)}</p>`);
        expect(await page.evaluate('[document.title, document.body.textContent.length]')).toEqual([`Page ${n}`, n * 100_000]);
      }
      await expect(page.evaluate('(() => { throw new Error("measured nothing") })()')).rejects.toThrow(/measured nothing/);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('prints several documents at once, each from its own page', async () => {
    const renderer = new FactsheetRenderer(CHROMIUM);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-chromium-test-'));
    try {
      const words = ['eerste', 'tweede', 'derde', 'vierde', 'vijfde'];
      const pdfs = await Promise.all(
        words.map((w, i) =>
          renderer.pdf(`<!doctype html><html lang="nl"><title>${w}</title><p>Document ${w}</p>${'<p>regel</p>'.repeat(i * 40)}`),
        ),
      );
      pdfs.forEach((pdf, i) => {
        const file = path.join(dir, `${i}.pdf`);
        fs.writeFileSync(file, pdf);
        const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
        expect(text).toContain(`Document ${words[i]}`);
        for (const other of words.filter((_, j) => j !== i)) expect(text).not.toContain(`Document ${other}`);
      });
      expect(renderer.openPages).toBe(0);
    } finally {
      await renderer.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('draws each SVG as a PNG of its size at the scale asked for', async () => {
    const renderer = new FactsheetRenderer(CHROMIUM);
    try {
      const svg = (w: number, h: number) =>
        `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="#1f6f8b"/></svg>`;
      const pngs = await renderer.pngs([svg(120, 40), svg(300, 900), svg(33, 17)], 2);
      expect(pngs.map(pngSize)).toEqual([
        [240, 80],
        [600, 1800],
        [66, 34],
      ]);
      expect(pngSize(await renderer.png(svg(50, 20), 1))).toEqual([50, 20]);
      expect(renderer.openPages).toBe(0);
    } finally {
      await renderer.close();
    }
  }, 60_000);

  it('fails what waits when Chromium stops, starts it again at the next PDF, and leaves no profile behind', async () => {
    const before = profiles().length;
    const renderer = new FactsheetRenderer(CHROMIUM);
    try {
      expect((await renderer.pdf('<!doctype html><title>one</title><p>one</p>')).subarray(0, 5).toString()).toBe('%PDF-');
      const browser = await (renderer as unknown as { browser: Promise<Chromium> }).browser;
      expect(profiles().length).toBe(before + 1);
      const page = await ChromiumPage.open(browser);
      browser.kill();
      await expect(page.setContent('<p>never</p>')).rejects.toThrow(ChromiumExitedError);
      await browser.exited;
      expect(browser.running).toBe(false);
      // The next PDF starts a new Chromium.
      expect((await renderer.pdf('<!doctype html><title>two</title><p>two</p>')).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await renderer.close();
    }
    expect(profiles().length).toBe(before);
  }, 60_000);

  it('removes the profile directories that killed processes left behind, and no other', async () => {
    // A process that has ended: its pid names a directory it could not remove.
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const left = path.join(os.tmpdir(), `rondo-chromium-${dead}-left`);
    fs.mkdirSync(left, { recursive: true });
    const mine = fs.mkdtempSync(path.join(os.tmpdir(), `rondo-chromium-${process.pid}-`));
    const unrelated = fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-chromium-notapid'));
    try {
      const browser = await Chromium.launch(CHROMIUM, ['--headless', '--no-sandbox']);
      await browser.close();
      await vi.waitFor(() => expect(fs.existsSync(left)).toBe(false));
      expect(fs.existsSync(mine)).toBe(true);
      expect(fs.existsSync(unrelated)).toBe(true);
    } finally {
      for (const dir of [left, mine, unrelated]) fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('says what is wrong when the program is missing or is not Chromium, without waiting', async () => {
    await expect(new FactsheetRenderer('/nonexistent/chromium').pdf('<p>x</p>')).rejects.toThrow(ChromiumMissingError);
    const notChromium = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-not-chromium-')), 'chromium');
    fs.writeFileSync(notChromium, '#!/bin/sh\necho "this is not a browser" >&2\nexit 3\n', { mode: 0o755 });
    const started = Date.now();
    await expect(new FactsheetRenderer(notChromium).pdf('<p>x</p>')).rejects.toThrow(
      /Chromium stopped: exit code 3 \(this is not a browser\)/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    fs.rmSync(path.dirname(notChromium), { recursive: true, force: true });
  }, 30_000);
});
