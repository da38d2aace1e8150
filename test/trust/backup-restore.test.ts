import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../../server/audit.js';
import { writeTx } from '../../server/db/tx.js';
import { openData } from '../../server/data.js';
import { rondo, serve, stop, tempDirs } from './helpers/child.js';

// The CLI end to end; the checks restore makes are tested one by one in server/backup/.
const dirs = tempDirs();
afterAll(() => dirs.cleanUp());

describe('backup and restore from the command line', () => {
  it('backs up while serving, restores with the secret into a new directory, which serves and verifies', async () => {
    const source = dirs.make();
    const live = await serve(source, { RONDO_DEMO: '1' });
    const password = /password: (\S+)/.exec(live.output())![1];
    // A login writes audit rows: the chain has something to verify.
    const login = await fetch(`${live.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@rondo.local', password }),
    });
    expect(login.status).toBe(200);
    const backupFile = path.join(dirs.make(), 'backup.sqlite');
    expect(rondo(['backup', '--out', backupFile, '--data', source]).code).toBe(0);
    await stop(live);

    const target = path.join(dirs.make(), 'restored');
    const r = rondo(['restore', backupFile, '--data', target, '--secret', path.join(source, 'secret.key')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^restored into .*restored: integrity ok, 4 studies, 165 responses\naudit chain ok \([1-9]\d* rows\)\n$/);

    const restored = await serve(target);
    try {
      expect(restored.output()).not.toMatch(/password: /); // the accounts came back with it
      const again = await fetch(`${restored.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@rondo.local', password }),
      });
      expect(again.status).toBe(200);
    } finally {
      await stop(restored);
    }
    const verified = rondo(['audit', 'verify', '--data', target]);
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/^audit chain ok: [1-9]\d* rows, newest hash [0-9a-f]{64}\n$/);

    // A restore never overwrites: the same target again is refused in one line.
    const twice = rondo(['restore', backupFile, '--data', target]);
    expect(twice.code).toBe(1);
    expect(twice.err.trim().split('\n')).toHaveLength(1);
    expect(twice.err).toMatch(/^rondo restore: .* is not empty/);
  });

  it("audit verify says the chain is intact, and names the first row changed behind rondo's back", async () => {
    const d = dirs.make();
    const data = await openData(d);
    for (const action of ['login', 'round.open', 'export.data'])
      await writeTx(data.store.db, (trx) => audit(trx, { actor: 'system', action }));
    await data.store.close();
    const ok = rondo(['audit', 'verify', '--data', d]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^audit chain ok: 3 rows, newest hash [0-9a-f]{64}\n$/);

    // Someone with access to the file drops the trigger and edits a row.
    const db = new SQLite(path.join(d, 'rondo.sqlite'));
    db.exec('drop trigger audit_log_no_update');
    db.prepare("update audit_log set action = 'nothing to see' where id = 2").run();
    db.close();
    const broken = rondo(['audit', 'verify', '--data', d]);
    expect(broken.code).toBe(1);
    expect(broken.err.trim()).toBe('rondo audit: audit chain broken at row 2: row 2 was changed after it was written (3 rows)');
  });
});
