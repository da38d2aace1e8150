import fs from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudyFile } from '../../model/study-file.js';
import { openData, type OpenedData } from '../data.js';
import { tempDir } from '../../test/helpers/app.js';
import { createDemoStudy } from './demo.js';
import { findStudyId } from './repository.js';
import { checkStudyFile, createStudyFromFile, exportStudyFile, filePath } from './study-file.js';

const dir = tempDir('rondo-study-file-');
let data: OpenedData;
let demo: StudyFile;

beforeAll(async () => {
  data = await openData(dir);
  await createDemoStudy(data.store.db, data.secret);
  const id = (await findStudyId(data.store.db, '1000-kansen'))!;
  // A study's own mail text and a round schedule, so the file carries them too.
  const round = await data.store.db
    .selectFrom('round')
    .select('id')
    .where('study_id', '=', id)
    .where('key', '=', 'post')
    .executeTakeFirstOrThrow();
  await data.store.db
    .insertInto('round_schedule')
    .values({
      round_id: round.id,
      auto_invite: 1,
      reminder_days: '[7,14]',
      language: 'nl',
      updated_at: '2026-01-01T00:00:00.000Z',
      updated_by: 'test',
    })
    .execute();
  await data.store.db
    .insertInto('mail_template')
    .values({
      study_id: id,
      kind: 'reminder',
      language: 'nl',
      subject: 'Herinnering',
      body: 'Beste {name}, {link}',
      updated_at: '2026-01-01T00:00:00.000Z',
      updated_by: 'test',
    })
    .execute();
  demo = await exportStudyFile(data.store.db, id);
});
afterAll(async () => {
  await data.store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const copy = (slug: string): StudyFile & Record<string, unknown> => {
  const file = structuredClone(demo);
  file.study.slug = slug;
  return file as StudyFile & Record<string, unknown>;
};
const codes = async (input: unknown) => {
  const checked = await checkStudyFile(data.store.db, input);
  return checked.ok ? [] : checked.issues.map((i) => `${i.code} ${i.path}`);
};

describe('exportStudyFile', () => {
  it('writes the whole definition and nothing personal', () => {
    const text = JSON.stringify(demo);
    expect(demo).toMatchObject({ format: 'rondo-study', version: 1, study: { slug: '1000-kansen' } });
    expect(demo.rounds.map((r) => r.key)).toEqual(['pre', 'mid', 'post']);
    expect(demo.rounds[2].schedule).toEqual({ autoInvite: true, reminderDays: [7, 14], language: 'nl' });
    expect(demo.partners).toHaveLength(12);
    expect(demo.tools).toHaveLength(3);
    expect(demo.mailTemplates).toEqual([{ kind: 'reminder', language: 'nl', subject: 'Herinnering', body: 'Beste {name}, {link}' }]);
    // The demo's participants have e-mail addresses and keys; none of them is in the file. (The study's
    // own words include the term "participant"; that key names a word, not a person.)
    const personal = JSON.stringify({ ...demo, study: { ...demo.study, vocabulary: undefined } });
    expect(personal).not.toMatch(/participant|token|password/i);
    expect(text.match(/[\w.+-]+@[\w-]+\.[\w.]+/g)).toEqual(['onderzoek@example.nl']);
  });
});

describe('createStudyFromFile', () => {
  it('creates a study whose file is the file it was made from', async () => {
    const created = await createStudyFromFile(data.store.db, copy('kansen-kopie'), { actor: 'test' });
    expect(created.ok).toBe(true);
    const again = await exportStudyFile(data.store.db, (await findStudyId(data.store.db, 'kansen-kopie'))!);
    expect(again).toEqual(copy('kansen-kopie'));
  });

  it('takes the short name from --slug before the file', async () => {
    const created = await createStudyFromFile(data.store.db, copy('1000-kansen'), { actor: 'test', slug: 'andere-naam' });
    expect(created).toMatchObject({ ok: true, plan: { slug: 'andere-naam' } });
  });

  it('refuses a file with every problem named by its place, and writes nothing', async () => {
    const file = copy('kapot');
    file.rounds.push({ ...file.rounds[0] });
    file.partners.push({ name: ' Kinderopvang '.toUpperCase(), domain: '' }, { ...file.partners[0] });
    const items = file.questionnaire.sections[1].items;
    items[1] = { ...items[1], id: items[0].id };
    const before = await data.store.db.selectFrom('study').select('id').execute();
    const result = await createStudyFromFile(data.store.db, file, { actor: 'test' });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map((i) => `${i.code} ${i.path}`)).toEqual(
      expect.arrayContaining([
        'duplicate-round rounds[3].key',
        `duplicate-partner partners[13].name`,
        `duplicate-variable questionnaire.sections[1].items[1].id`,
      ]),
    );
    expect(await data.store.db.selectFrom('study').select('id').execute()).toEqual(before);
  });

  it('names an option by its index', async () => {
    const file = copy('optie');
    const item = file.questionnaire.sections.flatMap((s) => s.items).find((i) => i.type === 'single')!;
    const s = file.questionnaire.sections.findIndex((x) => x.items.includes(item));
    const i = file.questionnaire.sections[s].items.indexOf(item);
    (item as { options: unknown[] }).options[1] = { code: 'twee', label: { nl: 'Twee' } };
    expect(await codes(file)).toContain(`schema questionnaire.sections[${s}].items[${i}].options[1].code`);
  });

  it('refuses two items whose export variables would have the same name', async () => {
    const file = copy('botsing');
    const grid = file.questionnaire.sections.flatMap((s) => s.items).find((i) => i.type === 'partnerGrid')!;
    const clash = { ...file.questionnaire.sections[0].items[0], id: `${grid.id}_p1_freq` };
    file.questionnaire.sections.at(-1)!.items.push(clash);
    const last = file.questionnaire.sections.length - 1;
    expect(await codes(file)).toEqual([
      `duplicate-variable questionnaire.sections[${last}].items[${file.questionnaire.sections[last].items.length - 1}].id`,
    ]);
  });

  it('refuses an unknown format version, a taken short name and an unknown scale name', async () => {
    expect(await codes({ ...copy('v2'), version: 2 })).toEqual(['version version']);
    expect(await codes({ ...copy('x'), format: 'something-else' })).toEqual(['format format']);
    expect(await codes(copy('1000-kansen'))).toEqual(['slug-taken study.slug']);
    const file = copy('schaal');
    (file.questionnaire.sections[1].items[0] as { scale: unknown }).scale = 'agree5';
    expect(await codes(file)).toEqual(['unknown-scale questionnaire.sections[1].items[0].scale']);
    file.scales = { agree5: (demo.questionnaire.sections[1].items[0] as unknown as { scale: never }).scale };
    expect(await codes(file)).toEqual([]);
  });

  it('never throws on a questionnaire of the wrong shape', async () => {
    for (const questionnaire of [
      null,
      5,
      'q',
      [],
      { sections: 'x' },
      { sections: [null, { items: [null, 5, { type: 'likert', scale: 7 }] }] },
    ]) {
      const result = await codes({ ...copy('vorm'), questionnaire });
      expect(result.length, JSON.stringify(questionnaire)).toBeGreaterThan(0);
      expect(
        result.every((r) => r.includes('questionnaire')),
        JSON.stringify(result),
      ).toBe(true);
    }
  });

  it('never throws, whatever a field of the file or of an item holds', async () => {
    const keys = Object.keys(demo);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...keys), fc.nat(), fc.string({ maxLength: 12 }), fc.jsonValue(), async (key, at, field, value) => {
        const top = { ...copy('fuzz'), [key]: value };
        await checkStudyFile(data.store.db, top);
        const file = copy('fuzz');
        const items = file.questionnaire.sections.flatMap((x) => x.items) as unknown as Record<string, unknown>[];
        items[at % items.length][field || 'scale'] = value;
        await checkStudyFile(data.store.db, file);
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 100) },
    );
  });

  it('refuses a file that names no short name', async () => {
    const file = copy('x');
    delete (file.study as { slug?: string }).slug;
    expect(await codes(file)).toEqual(['slug-missing study.slug']);
  });
});

describe('filePath', () => {
  it('writes a JSON pointer as a path a person reads', () => {
    expect(filePath('/questionnaire/sections/1/items/12/options/3')).toBe('questionnaire.sections[1].items[12].options[3]');
    expect(filePath('')).toBe('(the file)');
  });
});
