// The bare baseline of bench/start.ts: Fastify and better-sqlite3 alone, as a minimal app would use
// them from node_modules, started the way rondo's server is. It opens (or creates) a SQLite file in
// the data directory with WAL and synchronous=FULL, as rondo does, answers GET /healthz after a read,
// logs as rondo's server (pino at warn, RONDO_LOG_LEVEL), and prints the line bench/start.ts waits
// for. Plain JavaScript: no TypeScript loader, as the compiled rondo.
//
//   node [npm start's flags] bench/bare-start.mjs serve --data DIR --port N --host 127.0.0.1
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';

const { values } = parseArgs({
  args: process.argv.slice(3),
  options: { data: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } },
  allowPositionals: false,
});
if (process.argv[2] !== 'serve' || !values.data) {
  process.stderr.write('usage: node bench/bare-start.mjs serve --data DIR [--port N] [--host H]\n');
  process.exit(2);
}
fs.mkdirSync(values.data, { recursive: true });
const db = new SQLite(path.join(values.data, 'bare.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('create table if not exists probe (id integer primary key, at text not null)');
const read = db.prepare('select count(*) as n from probe');

const app = Fastify({ logger: { level: process.env.RONDO_LOG_LEVEL ?? 'info' } });
app.get('/healthz', async () => ({ ok: true, rows: read.get().n }));
const address = await app.listen({ port: Number(values.port ?? 0), host: values.host ?? '127.0.0.1' });
process.stdout.write(`bare server is running at ${address}\n`);
const stop = () => void app.close().then(() => (db.close(), process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
