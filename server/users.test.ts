import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openData, type OpenedData } from './data.js';
import { TEMPLATES } from './setup/templates.js';
import { createStudy } from './studies/create-study.js';
import { tempDir } from '../test/helpers/app.js';
import { createUser, type UserError } from './users.js';

const dir = tempDir('rondo-users-');
let data: OpenedData;
let studyId: number;

beforeAll(async () => {
  data = await openData(dir);
  ({ studyId } = await createStudy(data.store.db, {
    study: {
      slug: 'pilot',
      title: { nl: 'Pilot', en: 'Pilot' },
      description: { nl: '', en: '' },
      organisation: 'GGD Test',
      languages: ['nl'],
      defaultLanguage: 'nl',
      colophon: {},
    },
    ...TEMPLATES.find((t) => t.key === 'blank')!.build({ nl: 'Pilot' }),
  }));
});
afterAll(async () => {
  await data.store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const auditRows = () =>
  data.store.db.selectFrom('audit_log').select(['actor', 'study_id', 'action', 'target', 'details']).orderBy('id').execute();

describe('createUser, the one user creator', () => {
  it('creates the account and its study role in one go, audited when told who acted', async () => {
    const before = (await auditRows()).length;
    const { id } = await createUser(
      data.store.db,
      {
        email: ' Nieuw@Example.nl ',
        password: 'lang-genoeg-1',
        displayName: 'Nieuw',
        language: 'en',
        mustChangePassword: true,
        study: { slug: 'pilot', role: 'manager' },
      },
      { actor: 'user:1' },
    );
    const user = await data.store.db.selectFrom('user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ email: 'nieuw@example.nl', display_name: 'Nieuw', language: 'en', must_change_password: 1, is_admin: 0 });
    const member = await data.store.db.selectFrom('study_member').select(['study_id', 'role']).where('user_id', '=', id).execute();
    expect(member).toEqual([{ study_id: studyId, role: 'manager' }]);
    expect((await auditRows()).slice(before)).toEqual([
      { actor: 'user:1', study_id: null, action: 'user.create', target: `user:${id}`, details: '{"admin":false}' },
      { actor: 'user:1', study_id: studyId, action: 'member.add', target: `user:${id}`, details: '{"role":"manager"}' },
    ]);
  });

  it('writes no audit record without an actor (the CLI and the first start)', async () => {
    const before = (await auditRows()).length;
    await createUser(data.store.db, { email: 'cli@example.nl', password: 'lang-genoeg-1', study: { slug: 'pilot', role: 'trainer' } });
    expect((await auditRows()).length).toBe(before);
  });

  it('creates nothing when the study does not exist, the address is taken or the password too short', async () => {
    const count = async () => (await data.store.db.selectFrom('user').select('id').execute()).length;
    const users = await count();
    const fails = (input: Parameters<typeof createUser>[1]) =>
      createUser(data.store.db, input, { actor: 'user:1' }).catch((e: UserError) => e.code);
    expect(await fails({ email: 'x@example.nl', password: 'lang-genoeg-1', study: { slug: 'nope', role: 'trainer' } })).toBe('NO_STUDY');
    expect(await fails({ email: 'CLI@example.nl', password: 'lang-genoeg-1' })).toBe('EXISTS');
    expect(await fails({ email: 'y@example.nl', password: 'kort' })).toBe('WEAK_PASSWORD');
    expect(await fails({ email: 'geen adres', password: 'lang-genoeg-1' })).toBe('INVALID_EMAIL');
    expect(await count()).toBe(users);
  });
});
