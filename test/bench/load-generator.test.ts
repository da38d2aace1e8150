import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { load } from '../../bench/respondent.js';

/**
 * The respondent bench's load generator reads HTTP/1.1 responses by hand into buffers it
 * allocates once (bench/respondent.ts, load()). Against a server on 127.0.0.1 that writes each
 * response in pieces (so one response takes several reads) and some larger than the generator's
 * first buffer, every response must reach the check whole and exactly, and each be counted once.
 */
const bodyOf = (i: number): Buffer => {
  const size = i % 4 === 3 ? 300_000 : 17_000 + (i % 7);
  const body = Buffer.alloc(size, `${i}|`);
  body.write(`${i}:`, 0, 'latin1');
  return body;
};

const server = net.createServer((socket) => {
  let pending = '';
  socket.on('data', (chunk) => {
    pending += chunk.toString('latin1');
    let end = pending.indexOf('\r\n\r\n');
    while (end >= 0) {
      const i = Number(/^GET \/p\/(\d+) /.exec(pending)![1]);
      pending = pending.slice(end + 4);
      const body = bodyOf(i);
      const head = `HTTP/1.1 ${i % 5 === 4 ? 404 : 200} X\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n`;
      // The head alone, then the body in three pieces a turn of the event loop apart.
      socket.write(head);
      const thirds = [0, Math.floor(body.length / 3), Math.floor((2 * body.length) / 3), body.length];
      const piece = (k: number) => {
        if (k === 3 || socket.destroyed) return;
        socket.write(body.subarray(thirds[k], thirds[k + 1]));
        setImmediate(piece, k + 1);
      };
      piece(0);
      end = pending.indexOf('\r\n\r\n');
    }
  });
  socket.on('error', () => {});
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the respondent bench's load generator", () => {
  it('reads every response whole, in pieces and larger than its first buffer, and counts each once', async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const seen: number[] = [];
    let wrong = 0;
    const result = await load(
      port,
      3,
      0.4,
      (i) => ({ method: 'GET', path: `/p/${i}`, headers: { 'x-test': 'yes' } }),
      (status, body) => {
        const i = Number(body.toString('latin1', 0, 12).split(':')[0]);
        if (!body.equals(bodyOf(i)) || status !== (i % 5 === 4 ? 404 : 200)) wrong++;
        seen.push(i);
      },
    );
    expect(wrong).toBe(0);
    expect(result.requests).toBe(seen.length);
    expect(result.latencies.length).toBe(seen.length);
    // Each request answered once, the large ones among them.
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.some((i) => i % 4 === 3)).toBe(true);
    expect(result.statuses.get(200)! + (result.statuses.get(404) ?? 0)).toBe(seen.length);
    // Enough that connections read response after response into the same buffers: with 3 connections,
    // at least one answered three. (The count within the 0.4 s depends on the machine: 19 on a busy CI run.)
    expect(seen.length).toBeGreaterThanOrEqual(8);
  });
});
