import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { exchange, freshInvitations, openRound } from '../respondent/fixture.js';
import { COMPRESS_MIN_BYTES, acceptsGzip, compressBodies, negotiateEncoding } from '../../server/compress.js';

/**
 * Compressed transfer (issue 21, deliverable 4): the browser assets precompressed at build time and
 * chosen by Accept-Encoding, large JSON and HTML compressed on the fly, small answers left as they are
 * (the questionnaire page, which gzips itself: test/respondent/page-bytes.test.ts).
 */

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
});

afterAll(async () => {
  await t?.close();
});

const KiB = 1024;

interface Asset {
  url: string;
  wire: number;
  original: number;
}

/** The page's stylesheets and scripts plus every module they import statically (not lazy views), fetched with br. */
async function pageAssets(html: string): Promise<Asset[]> {
  const queue = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const seen = new Set<string>();
  const assets: Asset[] = [];
  while (queue.length) {
    const url = queue.shift() as string;
    if (seen.has(url)) continue;
    seen.add(url);
    const plain = await t.app.inject({ url });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const res = await t.app.inject({ url, headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['content-type']).toBe(plain.headers['content-type']);
    const wire = res.rawPayload;
    expect(Number(res.headers['content-length'])).toBe(wire.length);
    let body = wire;
    if (res.headers['content-encoding'] !== undefined) {
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers.etag).not.toBe(plain.headers.etag);
      body = zlib.brotliDecompressSync(wire);
    } else {
      expect(wire.length).toBeLessThan(512); // only tiny files are not precompressed
    }
    expect(body.equals(plain.rawPayload)).toBe(true);
    assets.push({ url, wire: wire.length, original: plain.rawPayload.length });
    if (url.endsWith('.js')) {
      const dir = url.slice(0, url.lastIndexOf('/') + 1);
      for (const m of body.toString().matchAll(/(?:from|import)\s*"(\.\/[^"]+\.js)"/g))
        queue.push(new URL(m[1], `http://x${dir}`).pathname);
    }
  }
  return assets;
}

const total = (assets: Asset[]) => assets.reduce((sum, a) => sum + a.wire, 0);

describe('precompressed browser assets', () => {
  it('sends the respondent page its scripts and styles in at most 20 KiB with brotli', async () => {
    openRound(t, 'post');
    const cookie = await exchange(t, freshInvitations(t, 'post')[0].token);
    const page = await t.app.inject({ url: '/r', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    const assets = await pageAssets(page.body);
    expect(assets.map((a) => a.url)).toEqual(expect.arrayContaining(['/assets/entry-respondent.js', '/assets/respondent.css']));
    expect(total(assets)).toBeLessThanOrEqual(20 * KiB);
    expect(assets.reduce((sum, a) => sum + a.original, 0)).toBeGreaterThan(2 * total(assets));
  });

  it('sends the dashboard shell its entry scripts and styles in at most 30 KiB with brotli', async () => {
    const page = await t.app.inject({ url: '/login' });
    expect(page.statusCode).toBe(200);
    const assets = await pageAssets(page.body);
    expect(assets.map((a) => a.url)).toContain('/assets/entry-app.js');
    expect(total(assets)).toBeLessThanOrEqual(30 * KiB);
  });

  it('chooses gzip when brotli is not accepted, and the plain file when neither is', async () => {
    const url = '/assets/entry-respondent.js';
    const plain = await t.app.inject({ url, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const gz = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.etag).not.toBe(plain.headers.etag);
    expect(zlib.gunzipSync(gz.rawPayload).equals(plain.rawPayload)).toBe(true);
    expect(gz.headers['cache-control']).toBe(plain.headers['cache-control']);
    const br = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.etag).not.toBe(gz.headers.etag);
  });

  it('does not serve the compressed copies under their own names', async () => {
    expect((await t.app.inject({ url: '/assets/entry-respondent.js.br' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/assets/respondent.css.gz' })).statusCode).toBe(404);
  });
});

describe('JSON compressed on the fly', () => {
  it('compresses a JSON answer above the threshold by negotiation and leaves a small one alone', async () => {
    const staff = await loginAs(t, 'compress@example.org', { role: 'researcher' });
    const url = '/api/studies/1000-kansen';
    const plain = await t.app.inject({ url, headers: { cookie: staff.cookie } });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toMatch(/^application\/json/);
    expect(plain.rawPayload.length).toBeGreaterThanOrEqual(COMPRESS_MIN_BYTES);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);

    const br = await t.app.inject({ url, headers: { cookie: staff.cookie, 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(br.headers['content-length'])).toBe(br.rawPayload.length);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length);
    expect(JSON.parse(zlib.brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());

    const gz = await t.app.inject({ url, headers: { cookie: staff.cookie, 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString())).toEqual(plain.json());

    const small = await t.app.inject({ url: '/healthz', headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.statusCode).toBe(200);
    expect(small.rawPayload.length).toBeLessThan(COMPRESS_MIN_BYTES);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toBeTypeOf('object');
  });

  it('compresses an HTML document, such as a factsheet, by negotiation', async () => {
    const staff = await loginAs(t, 'compress-html@example.org', { role: 'researcher' });
    const url = '/api/studies/1000-kansen/factsheet/draft/output?format=html';
    const plain = await t.app.inject({ url, headers: { cookie: staff.cookie } });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await t.app.inject({ url, headers: { cookie: staff.cookie, 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['content-security-policy']).toBe(plain.headers['content-security-policy']);
    expect(zlib.brotliDecompressSync(br.rawPayload).equals(plain.rawPayload)).toBe(true);
    // The demo's factsheet: ~116 KB as it is, about half on the wire (its logo and font are already compressed).
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length * 0.6);
  });

  it('leaves alone what is marked no-transform, already encoded, a stream or neither JSON nor HTML', async () => {
    const app = Fastify();
    compressBodies(app);
    const big = { rows: Array.from({ length: 200 }, (_, i) => ({ i, label: `row ${i}` })) };
    app.get('/plain', async () => big);
    app.get('/no-transform', async (_req, reply) => reply.header('cache-control', 'private, no-transform').send(big));
    app.get('/encoded', async (_req, reply) =>
      reply
        .type('application/json')
        .header('content-encoding', 'gzip')
        .send(zlib.gzipSync(JSON.stringify(big))),
    );
    app.get('/stream', async (_req, reply) => reply.type('application/json').send(Readable.from([JSON.stringify(big)])));
    app.get('/zip', async (_req, reply) => reply.type('application/zip').send(Buffer.alloc(4096, 1)));
    app.get('/text', async (_req, reply) => reply.type('text/plain; charset=utf-8').send(JSON.stringify(big)));
    app.get('/html', async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(`<ul>${big.rows.map((r) => `<li>${r.label}</li>`).join('')}</ul>`),
    );
    const headers = { 'accept-encoding': 'br, gzip' };
    expect((await app.inject({ url: '/plain', headers })).headers['content-encoding']).toBe('br');
    const noTransform = await app.inject({ url: '/no-transform', headers });
    expect(noTransform.headers['content-encoding']).toBeUndefined();
    expect(noTransform.json()).toEqual(big);
    const encoded = await app.inject({ url: '/encoded', headers });
    expect(encoded.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(encoded.rawPayload).toString())).toEqual(big);
    const stream = await app.inject({ url: '/stream', headers });
    expect(stream.headers['content-encoding']).toBeUndefined();
    expect(stream.json()).toEqual(big);
    const zip = await app.inject({ url: '/zip', headers });
    expect(zip.headers['content-encoding']).toBeUndefined();
    expect(zip.rawPayload.length).toBe(4096);
    expect((await app.inject({ url: '/text', headers })).headers['content-encoding']).toBeUndefined();
    const html = await app.inject({ url: '/html', headers });
    expect(html.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(html.rawPayload).toString()).toContain('<li>row 199</li>');
    await app.close();
  });

  it('reads Accept-Encoding with q-values and wildcards', () => {
    expect(negotiateEncoding(undefined)).toBeUndefined();
    expect(negotiateEncoding('identity')).toBeUndefined();
    expect(negotiateEncoding('gzip, br')).toBe('br');
    expect(negotiateEncoding('br;q=0.5, gzip')).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip;q=0')).toBeUndefined();
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding('*;q=0.1, gzip;q=0.2')).toBe('gzip');
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true);
    expect(acceptsGzip('br')).toBe(false);
    expect(acceptsGzip('GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('gzip;q=0, br')).toBe(false);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('*;q=0')).toBe(false);
  });
});
