import fs from 'node:fs';
import AjvCompiler from '@fastify/ajv-compiler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openData, type OpenedData } from '../../server/data.js';
import { checkStudyFile, createStudyFromFile } from '../../server/studies/study-file.js';
import { renderSchemas } from '../../scripts/schemas.js';
import { tempDir } from '../helpers/app.js';

/**
 * docs/study-format.md and schemas/study.schema.json: the committed schema is what the model
 * generates, and every example of the page is valid against it and creates a study (or, under
 * "What is refused", is refused with the code its fence names).
 */
const DOC = fs.readFileSync('docs/study-format.md', 'utf8');
const examples = [...DOC.matchAll(/```json ([\w:-]+)\n([\s\S]*?)\n```/g)].map((m) => ({ kind: m[1], json: JSON.parse(m[2]) as unknown }));
const wholeFile = examples.find((e) => e.kind === 'study-file')!.json as Record<string, unknown> & { study: { slug: string } };

// Ajv as Fastify builds it, without the request conveniences (coercion, defaults, stripping).
const validate = AjvCompiler()({}, { customOptions: { coerceTypes: false, useDefaults: false, removeAdditional: false, allErrors: true } })(
  {
    schema: JSON.parse(fs.readFileSync('schemas/study.schema.json', 'utf8')),
  } as never,
) as ((data: unknown) => boolean) & { errors?: unknown };

const dir = tempDir('rondo-study-docs-');
let data: OpenedData;
beforeAll(async () => {
  data = await openData(dir);
});
afterAll(async () => {
  await data.store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The small study the item examples are checked in: the whole-file example with only that item. */
function withItem(item: unknown, slug: string): unknown {
  const file = structuredClone(wholeFile) as typeof wholeFile & { questionnaire: { sections: { items: unknown[] }[] } };
  file.study.slug = slug;
  file.tools = [{ name: 'Kansenkaart' }, { name: 'Praatplaat' }];
  const role = examples.find((e) => (e.json as { id?: string }).id === 'bg_role')!.json;
  // The show-if example needs the item it names before it.
  file.questionnaire.sections[0].items = (item as { showIf?: unknown }).showIf ? [role, item] : [item];
  return file;
}

describe('schemas/study.schema.json', () => {
  it('is what npm run schemas generates from the model', () => {
    for (const [file, text] of Object.entries(renderSchemas()))
      expect(fs.readFileSync(file, 'utf8'), `${file} is stale: run npm run schemas`).toBe(text);
  });
});

describe('docs/study-format.md', () => {
  it('has an example of every item type', () => {
    const types = examples.filter((e) => e.kind === 'item').map((e) => (e.json as { type: string }).type);
    expect(new Set(types)).toEqual(
      new Set(['likert', 'frequency', 'rating', 'yesno', 'single', 'multi', 'number', 'text', 'partnerGrid', 'toolGrid']),
    );
  });

  it('shows a whole file that the schema accepts and that creates a study', async () => {
    expect(validate(wholeFile), JSON.stringify(validate.errors)).toBe(true);
    const created = await createStudyFromFile(data.store.db, wholeFile, { actor: 'test' });
    expect(created).toMatchObject({ ok: true });
  });

  it('shows items that the schema accepts and that each create a study', async () => {
    let n = 0;
    for (const e of examples.filter((x) => x.kind === 'item')) {
      const file = withItem(e.json, `item-example-${++n}`);
      expect(validate(file), `${(e.json as { id: string }).id}: ${JSON.stringify(validate.errors)}`).toBe(true);
      const created = await createStudyFromFile(data.store.db, file, { actor: 'test' });
      expect(created.ok ? [] : created.issues, (e.json as { id: string }).id).toEqual([]);
    }
  });

  it('shows refused files that are refused with the code named, and nothing is written', async () => {
    const refused = examples.filter((e) => e.kind.startsWith('refused:'));
    expect(refused.length).toBeGreaterThanOrEqual(3);
    expect(validate(refused.find((e) => e.kind === 'refused:version')!.json)).toBe(false);
    const before = await data.store.db.selectFrom('study').select('id').execute();
    for (const e of refused) {
      const checked = await checkStudyFile(data.store.db, e.json);
      expect(checked.ok ? [] : checked.issues.map((i) => i.code), e.kind).toContain(e.kind.slice('refused:'.length));
      expect((await createStudyFromFile(data.store.db, e.json, { actor: 'test' })).ok).toBe(false);
    }
    expect(await data.store.db.selectFrom('study').select('id').execute()).toEqual(before);
  });
});
