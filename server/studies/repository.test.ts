import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Study } from '../../model/index.js';
import { openData, type OpenedData } from '../data.js';
import { writeTx } from '../db/tx.js';
import { TEMPLATES } from '../setup/templates.js';
import { tempDir } from '../../test/helpers/app.js';
import { createUser } from '../users.js';
import { createStudy } from './create-study.js';
import {
  findStudyBySlug,
  findStudyForMember,
  findStudyId,
  getStudy,
  listMemberStudies,
  listStudySlugs,
  parseQuestionnaireDefinition,
  readStudyBySlug,
  saveStudyDefinition,
  StoredDefinitionError,
} from './repository.js';

const dir = tempDir('rondo-repository-');
let data: OpenedData;
let studyId: number;

const definition = (slug: string): Study => ({
  slug,
  title: { nl: 'Pilot', en: 'Pilot' },
  description: { nl: '', en: '' },
  organisation: 'GGD Test',
  languages: ['nl', 'en'],
  defaultLanguage: 'nl',
  colophon: { organisation: 'GGD Test' },
});

beforeAll(async () => {
  data = await openData(dir);
  const blank = TEMPLATES.find((t) => t.key === 'blank')!;
  ({ studyId } = await createStudy(data.store.db, { study: definition('pilot'), ...blank.build({ nl: 'Pilot', en: 'Pilot' }) }));
  await createStudy(data.store.db, { study: definition('andere'), ...blank.build({ nl: 'Andere', en: 'Other' }) });
});
afterAll(async () => {
  await data.store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the study repository', () => {
  it('finds a study by slug, typed, and says null for a slug that does not exist', async () => {
    const study = await findStudyBySlug(data.store.db, 'pilot');
    expect(study).toEqual({ id: studyId, slug: 'pilot', definition: definition('pilot'), isDemo: false });
    expect(await findStudyBySlug(data.store.db, 'nope')).toBeNull();
    expect(await findStudyId(data.store.db, 'pilot')).toBe(studyId);
    expect(await findStudyId(data.store.db, 'nope')).toBeNull();
    expect(readStudyBySlug(data.store.sqlite, 'pilot')).toEqual(study);
    expect(await listStudySlugs(data.store.db)).toEqual(['andere', 'pilot']);
  });

  it('saves a definition and reads back what was saved', async () => {
    const changed: Study = { ...definition('pilot'), question: { nl: 'Werkt het?', en: 'Does it work?' }, settings: { minSubgroup: 7 } };
    await writeTx(data.store.db, (trx) => saveStudyDefinition(trx, studyId, changed));
    expect((await getStudy(data.store.db, studyId)).definition).toEqual(changed);
  });

  it('never writes a definition that fails its schema', async () => {
    const bad = { ...definition('pilot'), languages: ['fr'] } as unknown as Study;
    const before = await data.store.db.selectFrom('study').select('definition').where('id', '=', studyId).executeTakeFirstOrThrow();
    await expect(writeTx(data.store.db, (trx) => saveStudyDefinition(trx, studyId, bad))).rejects.toThrow(StoredDefinitionError);
    const after = await data.store.db.selectFrom('study').select('definition').where('id', '=', studyId).executeTakeFirstOrThrow();
    expect(after.definition).toBe(before.definition);
  });

  it('refuses a damaged stored definition with the study and the path that is wrong', async () => {
    const { studyId: id } = await createStudy(data.store.db, {
      study: definition('beschadigd'),
      ...TEMPLATES.find((t) => t.key === 'blank')!.build({ nl: 'B', en: 'B' }),
    });
    const damaged = { ...definition('beschadigd'), languages: 'nl' };
    await data.store.db
      .updateTable('study')
      .set({ definition: JSON.stringify(damaged) })
      .where('id', '=', id)
      .execute();
    const err = await findStudyBySlug(data.store.db, 'beschadigd').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoredDefinitionError);
    expect((err as Error).message).toMatch(/^study "beschadigd": the stored definition is not valid \(\/languages: /);
    expect(() => readStudyBySlug(data.store.sqlite, 'beschadigd')).toThrow(/study "beschadigd"/);

    await data.store.db.updateTable('study').set({ definition: '{"slug": "beschadigd",' }).where('id', '=', id).execute();
    await expect(getStudy(data.store.db, id)).rejects.toThrow(/study "beschadigd": the stored definition is not valid/);
    await data.store.db.deleteFrom('questionnaire_version').where('study_id', '=', id).execute();
    await data.store.db.deleteFrom('round').where('study_id', '=', id).execute();
    await data.store.db.deleteFrom('study').where('id', '=', id).execute();
  });

  it('refuses a stored questionnaire that fails its schema', () => {
    expect(() =>
      parseQuestionnaireDefinition('{"format":"rondo.questionnaire/1","title":{},"sections":[]}', 'questionnaire version 1 of study "x"'),
    ).toThrow(/^questionnaire version 1 of study "x": the stored definition is not valid \(\/sections: /);
  });

  it('gives a study with the role only to its members', async () => {
    const { id: member } = await createUser(data.store.db, {
      email: 'lid@example.nl',
      password: 'lang-genoeg-1',
      study: { slug: 'pilot', role: 'trainer' },
    });
    const { id: outsider } = await createUser(data.store.db, { email: 'buiten@example.nl', password: 'lang-genoeg-1' });
    expect(await findStudyForMember(data.store.db, 'pilot', member)).toMatchObject({
      study: { id: studyId, slug: 'pilot' },
      role: 'trainer',
    });
    expect(await findStudyForMember(data.store.db, 'pilot', outsider)).toBeNull();
    expect(await findStudyForMember(data.store.db, 'nope', member)).toBeNull();
    expect((await listMemberStudies(data.store.db, member)).map((s) => [s.slug, s.role])).toEqual([['pilot', 'trainer']]);
  });
});
