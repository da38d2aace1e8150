// One rondo process that ticks the fieldwork scheduler once, for the test of several processes
// ticking at the same moment: opens the database (already migrated), says "ready", waits for
// "go" on stdin, ticks at the given time, waits for its mail to go out, prints the result.
// The test bundles this file with esbuild so that a process starts in a fraction of a second.
//   node tick-process.mjs DATA_DIR SMTP_PORT ISO_TIME
import path from 'node:path';
import readline from 'node:readline';
import { DB_FILE, openStore } from '../../server/db/open.js';
import { Scheduler } from '../../server/fieldwork/scheduler.js';
import { Sender } from '../../server/fieldwork/sender.js';
import { loadOrCreateSecret } from '../../server/secret.js';
import { smtpConfig } from './smtp.js';

const [dir, port, at] = process.argv.slice(2);
const store = openStore(path.join(dir, DB_FILE));
const now = () => new Date(at);
const sender = new Sender({
  db: store.db,
  secret: loadOrCreateSecret(path.join(dir, 'secret.key')),
  baseUrl: 'http://localhost:3000',
  smtp: smtpConfig(Number(port)),
  now,
});
const scheduler = new Scheduler({ db: store.db, secret: loadOrCreateSecret(path.join(dir, 'secret.key')), now, sender });
process.stdout.write('ready\n');
await new Promise<void>((resolve) => readline.createInterface({ input: process.stdin }).once('line', () => resolve()));
const result = await scheduler.tick();
await sender.idle();
process.stdout.write(JSON.stringify(result) + '\n');
await scheduler.stop();
await store.close();
process.exit(0);
