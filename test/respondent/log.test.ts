import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.js';
import { openData } from '../../server/data.js';
import { createDemoStudy } from '../../server/studies/demo.js';
import { enableAnonymousLink } from '../../server/respondent/links.js';
import { loadConfig } from '../../server/config.js';
import { DEMO } from './fixture.js';
import { deriveInvitationToken } from '../../server/tokens.js';

/**
 * Link tokens never reach a log line. The real server runs as its own process with its own
 * logger (server/app.ts), and everything it writes is searched for the tokens used.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
let child: ChildProcess | undefined;
let dir: string | undefined;

afterAll(() => {
  child?.kill('SIGKILL');
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the server log', () => {
  it('holds no link token, whatever the respondent requests', async () => {
    dir = tempDir('rondo-log-');
    const data = await openData(dir);
    await createDemoStudy(data.store.db, data.secret);
    const sqlite = data.store.sqlite;
    const round = sqlite
      .prepare(
        "update round set opens_at = ?, closes_at = null where key = 'post' and study_id = (select id from study where slug = ?) returning id",
      )
      .get(new Date(Date.now() - 3_600_000).toISOString(), DEMO) as { id: number };
    const inv = sqlite
      .prepare(
        'select participant_id, round_id from invitation where round_id = ? and id not in (select invitation_id from response where invitation_id is not null) limit 1',
      )
      .get(round.id) as { participant_id: number; round_id: number };
    const token = deriveInvitationToken(data.secret, inv.participant_id, inv.round_id, 1);
    const anonymous = (
      await enableAnonymousLink({ config: loadConfig({}, { dataDir: dir }), secret: data.secret }, data.store.db, round.id)
    ).split('/r/')[1];
    await data.store.close();

    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('RONDO_')));
    child = spawn(process.execPath, [path.join(ROOT, 'bin/rondo.mjs'), 'serve', '--data', dir, '--port', '0', '--host', '127.0.0.1'], {
      env: { ...env, RONDO_LOG_LEVEL: 'info', RONDO_DEMO: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
      const check = () => {
        const m = /running at http:\/\/localhost:(\d+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        } else setTimeout(check, 50);
      };
      check();
    });
    const base = `http://127.0.0.1:${port}`;

    const opened = await fetch(`${base}/r/${token}?lang=en&token=${token}`, { redirect: 'manual' });
    const cookie = opened.headers.get('set-cookie')!.split(';')[0];
    expect(cookie).toBe(`rondo_r=${token}`);
    expect((await fetch(`${base}/r?t=${token}`, { headers: { cookie } })).status).toBe(200);
    const json = { cookie, 'content-type': 'application/json' };
    await fetch(`${base}/r/api/draft`, {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ language: 'nl', items: ['comp_explain'], answers: [{ item: 'comp_explain', sub: '', text: token }] }),
    });
    await fetch(`${base}/r/api/submit`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ submissionId: token, language: 'nl', answers: [], [token]: 1 }),
    });
    await fetch(`${base}/r/api/submit`, { method: 'POST', headers: { cookie, 'content-type': 'text/plain' }, body: token });
    await fetch(`${base}/r/api/submit`, { method: 'POST', headers: json, body: `{"${token}": ` });
    await fetch(`${base}/r/${token}x`);
    await fetch(`${base}/r/${token}/${token}`);
    await fetch(`${base}/r/${'A'.repeat(10_000)}${token}`);
    await fetch(`${base}/r/${anonymous}`);
    await fetch(`${base}/nothing-here?token=${token}`);

    child.kill('SIGTERM');
    await new Promise((resolve) => child!.once('exit', resolve));
    const lines = output.split('\n').filter((l) => l.startsWith('{'));
    // The requests were logged — with the token replaced.
    expect(lines.filter((l) => l.includes('"url":"/r')).length).toBeGreaterThanOrEqual(10);
    expect(lines.filter((l) => l.includes('/r/[token]')).length).toBeGreaterThanOrEqual(5);
    for (const secret of [token, anonymous]) {
      expect(lines.filter((l) => l.includes(secret))).toEqual([]);
      expect(output).not.toContain(secret);
    }
  }, 60_000);
});
