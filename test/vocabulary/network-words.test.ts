import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planRounds } from '../../model/round-schedule.js';
import { roundKeyProblem } from '../../model/round-key.js';
import { main } from '../../server/cli/index.js';
import { placeholderValues } from '../../server/fieldwork/compose.js';
import { DEFAULT_TEMPLATES } from '../../server/fieldwork/default-templates.js';
import { checkTemplate } from '../../server/fieldwork/placeholders.js';
import { renderMail } from '../../server/fieldwork/render.js';
import { closedPage, notOpenPage } from '../../server/respondent/pages.js';
import type { Subject } from '../../server/respondent/subject.js';
import { getStudyDefinition } from '../../server/studies/repository.js';
import { archiveStudy } from '../../server/studies/archive-study.js';
import { createGroupedStudy, SLUG } from '../exchange/grouped-study.js';
import { tempData } from '../exchange/helpers.js';
import type { Study } from '../../model/index.js';

/**
 * A network study's own words (it calls a round a "scan" and a participant a "lid"/"member",
 * and has no training or tools) in the texts outside the screens: the CLI's messages, the
 * invitation and reminder mails, the respondent's pages and the rounds' messages.
 */
const FRAME = /training|\btools?\b|ketenpartner|chain partner/i;

type Data = Awaited<ReturnType<typeof tempData>>;
let data: Data;
let study: Study;

async function rondo(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main([...args, '--data', data.dir], {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    env: { RONDO_LOG_LEVEL: 'warn' },
  });
  return { code, out, err };
}

beforeAll(async () => {
  data = await tempData();
  const id = await createGroupedStudy(data.store);
  study = await getStudyDefinition(data.store.db, id);
});
afterAll(async () => data.close());

describe('the CLI for a network study', () => {
  it('analyses it without saying training or tools', async () => {
    const r = await rondo('analyze', '--study', SLUG);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Response');
    expect(r.out).not.toMatch(FRAME);
    expect((await rondo('--help')).out).not.toMatch(FRAME);
  });

  it('counts the study file’s rounds, partners and instruments in the study’s words', async () => {
    const file = path.join(data.dir, 'study.json');
    expect((await rondo('study', 'export', '--study', SLUG, '--out', file)).code).toBe(0);
    const r = await rondo('study', 'create', '--from', file, '--slug', 'netwerk-kopie', '--dry-run');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('study "netwerk-kopie": 2 scans, 0 partners, 0 instruments, 2 questions in 2 sections');
    expect(r.out).not.toMatch(FRAME);
    fs.rmSync(file);
  });
});

describe('the mails of a network study', () => {
  it('greet someone without a name with the study’s word for a participant, and say nothing of training or tools', () => {
    for (const language of ['nl', 'en'] as const) {
      const values = placeholderValues({ name: null, link: 'https://rondo.example/r/x', closesAt: null, study, language });
      expect(values.name).toBe(language === 'nl' ? 'lid' : 'member');
      for (const kind of ['invitation', 'reminder'] as const) {
        const { subject, body } = DEFAULT_TEMPLATES[kind][language];
        const mail = renderMail(checkTemplate(subject, body).template, values);
        expect(mail.text).toContain(language === 'nl' ? 'Beste lid,' : 'Dear member,');
        expect(`${mail.subject}\n${mail.text}`).not.toMatch(FRAME);
      }
    }
  });
});

describe('the respondent’s pages of a network study', () => {
  it('name the round a scan', () => {
    const subject = {
      study,
      kind: 'invitation',
      round: { opensAt: null, closesAt: '2026-07-01T10:00:00Z' },
      response: null,
    } as unknown as Subject;
    expect(notOpenPage('nl', subject)).toContain('Deze scan is nog niet geopend');
    expect(notOpenPage('en', subject)).toContain('once the scan opens');
    expect(closedPage('nl', subject)).toContain('Deze scan is gesloten');
    expect(closedPage('en', subject)).toContain('This scan is closed');
  });
});

describe('the rounds’ messages of a network study', () => {
  it('name rounds in the study’s words; without words, rondo’s neutral ones', () => {
    const words = study.vocabulary;
    expect(roundKeyProblem('h1_2026', ['h1_2026'], words)?.nl).toBe('Er is al een scan met de sleutel "h1_2026".');
    expect(roundKeyProblem('', [])?.nl).toBe('Vul een sleutel in voor de meting.');
    const plan = planRounds({ everyMonths: 6, count: 30, start: '2030-01-15', openDays: 14 }, [], new Date('2026-12-06T00:00:00Z'), words);
    expect(plan.problems.map((p) => p.nl)).toEqual(['Kies 1 tot 20 scans.']);
  });

  it('refuses to archive the study while a scan is open, in its words, and changes nothing', async () => {
    const id = data.store.sqlite.prepare('select id from study where slug = ?').pluck().get(SLUG) as number;
    data.store.sqlite
      .prepare('update round set opens_at = ?, closes_at = ? where study_id = ? and key = ?')
      .run('2026-12-01T08:00:00.000Z', '2026-12-31T16:00:00.000Z', id, 'h1_2026');
    const now = new Date('2026-12-06T10:00:00Z');
    await expect(archiveStudy(data.store.db, { studyId: id, study, actor: 'test', now })).rejects.toMatchObject({
      details: { text: { nl: expect.stringContaining('sluit eerst de open scans (h1_2026)') } },
    });
    expect(data.store.sqlite.prepare('select archived_at from study where id = ?').pluck().get(id)).toBeNull();
  });
});
