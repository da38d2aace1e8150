import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticAssets } from '../../server/static-assets.js';

/**
 * The /assets/ route (server/static-assets.ts) on a directory made here: names looked up in the list
 * made at start (nothing outside it, however the path is written), the compressed copy the client
 * accepts, conditional requests answered 304, HEAD without a body. The real bundles' sizes and
 * negotiation in the app: test/foundation/compression.test.ts.
 */
let dir: string;
let app: FastifyInstance;
const script = 'export const greeting = "hallo";\n'.repeat(64);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-assets-'));
  fs.mkdirSync(path.join(dir, 'chunks'));
  fs.writeFileSync(path.join(dir, 'entry.js'), script);
  fs.writeFileSync(path.join(dir, 'entry.js.br'), zlib.brotliCompressSync(script));
  fs.writeFileSync(path.join(dir, 'entry.js.gz'), zlib.gzipSync(script));
  fs.writeFileSync(path.join(dir, 'chunks', 'view-AB12.js'), script);
  fs.writeFileSync(path.join(dir, 'chunks', 'view-AB12.js.gz'), zlib.gzipSync(script)); // gzip only
  fs.writeFileSync(path.join(dir, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  fs.writeFileSync(path.join(os.tmpdir(), 'rondo-assets-outside.txt'), 'not an asset');
  app = Fastify();
  staticAssets(app, dir);
  await app.ready();
});

afterAll(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the /assets/ route', () => {
  it('sends each file with its type, cache headers and validators; brotli, then gzip, then the file as it is', async () => {
    const plain = await app.inject({ url: '/assets/entry.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.body).toBe(script);
    expect(plain.headers).toMatchObject({
      'content-type': 'application/javascript; charset=utf-8',
      'cache-control': 'public, max-age=3600',
      'content-length': String(Buffer.byteLength(script)),
      vary: 'Accept-Encoding',
    });
    expect(plain.headers.etag).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    expect(Date.parse(String(plain.headers['last-modified']))).toBeGreaterThan(0);
    expect(plain.headers['content-encoding']).toBeUndefined();

    const br = await app.inject({ url: '/assets/entry.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    expect(br.headers.etag).not.toBe(plain.headers.etag);

    // Brotli preferred by the client but not made for this file: gzip.
    const gz = await app.inject({ url: '/assets/chunks/view-AB12.js', headers: { 'accept-encoding': 'br, gzip;q=0.5' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script);
    const none = await app.inject({ url: '/assets/chunks/view-AB12.js', headers: { 'accept-encoding': 'br' } });
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.body).toBe(script);

    expect((await app.inject({ url: '/assets/logo.svg' })).headers['content-type']).toBe('image/svg+xml');
  });

  it('answers 304 when the client has the same copy, and sends it again when the copy differs', async () => {
    const first = await app.inject({ url: '/assets/entry.js', headers: { 'accept-encoding': 'br' } });
    const etag = String(first.headers.etag);
    const same = await app.inject({ url: '/assets/entry.js', headers: { 'accept-encoding': 'br', 'if-none-match': etag } });
    expect(same.statusCode).toBe(304);
    expect(same.body).toBe('');
    expect(same.headers.etag).toBe(etag);
    // The gzip copy has another validator: a client switching encodings gets the body.
    const other = await app.inject({ url: '/assets/entry.js', headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } });
    expect(other.statusCode).toBe(200);
    expect(other.headers['content-encoding']).toBe('gzip');
    const since = await app.inject({ url: '/assets/entry.js', headers: { 'if-modified-since': String(first.headers['last-modified']) } });
    expect(since.statusCode).toBe(304);
    const older = await app.inject({ url: '/assets/entry.js', headers: { 'if-modified-since': 'Thu, 01 Jan 1970 00:00:00 GMT' } });
    expect(older.statusCode).toBe(200);
  });

  it('answers HEAD with the headers and no body', async () => {
    const head = await app.inject({ method: 'HEAD', url: '/assets/entry.js' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(script)));
  });

  it('serves nothing but the listed files: not the compressed copies by name, nor anything outside however it is written', async () => {
    for (const url of [
      '/assets/entry.js.br',
      '/assets/chunks/view-AB12.js.gz',
      '/assets/missing.js',
      '/assets/chunks',
      '/assets/',
      '/assets/../rondo-assets-outside.txt',
      '/assets/%2e%2e/rondo-assets-outside.txt',
      '/assets/chunks/..%2fentry.js',
      '/assets//entry.js',
      '/assets/entry.js%00',
    ]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
    }
  });

  it('lists the files present at the start: one removed later is a 404, not an error', async () => {
    fs.writeFileSync(path.join(dir, 'late.js'), 'late');
    expect((await app.inject({ url: '/assets/late.js' })).statusCode).toBe(404);
    fs.rmSync(path.join(dir, 'logo.svg'));
    expect((await app.inject({ url: '/assets/logo.svg' })).statusCode).toBe(404);
  });
});
