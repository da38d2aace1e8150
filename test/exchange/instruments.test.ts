import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InstrumentReport } from '../../model/api/instrument.js';
import { checkQuestionnaire } from '../../model/check-questionnaire.js';
import type { Item } from '../../model/questionnaire-shape.js';
import { main } from '../../server/cli/index.js';
import { readLimeSurvey } from '../../server/exchange/instruments/limesurvey.js';
import { readRedcap } from '../../server/exchange/instruments/redcap.js';
import { buildTestApp, loginAs, tempDir, type LoggedIn, type TestApp } from '../helpers/app.js';
import { createImhStudy } from '../helpers/study.js';

/**
 * Instruments from other tools (issue 19): a LimeSurvey .lss and a REDCap data dictionary,
 * both written for these tests (instruments/), read as rondo questionnaires with a report of
 * every question and every feature rondo lacks; through HTTP and the CLI, a dry run writes
 * nothing, nor does a file that cannot be read.
 */
const DIR = path.join(import.meta.dirname, 'instruments');
const fixture = (name: string) => fs.readFileSync(path.join(DIR, name));
const STUDY = { languages: ['nl', 'en'] as const, roundKeys: ['pre', 'post'] };
const CHECK = { languages: ['nl', 'en'] as const, roundKeys: ['pre', 'post'], partnerCount: 0, toolCount: 0 };

/** What each question of the file became: "id:type" per item, "intro", or the codes of its warnings. */
const became = (r: InstrumentReport) =>
  Object.fromEntries(
    r.questions.map((q) => [
      q.source,
      q.items.length
        ? q.items.map((i) => `${i.id}:${i.type}`).join(' ')
        : q.intro
          ? 'intro'
          : `not imported: ${q.notes.filter((n) => n.severity === 'warning').map((n) => n.code)}`,
    ]),
  );
const notes = (r: InstrumentReport, source: string) => r.questions.find((q) => q.source === source)!.notes.map((n) => n.code);
const itemOf = (r: InstrumentReport, id: string) => r.questionnaire!.sections.flatMap((s) => s.items).find((i) => i.id === id)! as Item;

describe('a LimeSurvey survey structure (.lss)', () => {
  const r = readLimeSurvey(fixture('survey.lss'), 'survey.lss', STUDY);

  it('maps every question type, and reports each one it cannot', () => {
    expect(r.ok).toBe(true);
    expect(became(r)).toEqual({
      Q1: 'q1:single',
      Q2: 'q2:multi',
      Q3: 'q3_sq001:likert q3_sq002:likert',
      Q4: 'q4:number',
      Q5: 'q5:text',
      Q6: 'q6:yesno',
      Q7: 'intro',
      Q8: 'q8:single',
      Q9: 'q9:text',
      Q10: 'q10:rating',
      Q11: 'q11_sq001:rating',
      Q12: 'not imported: UNSUPPORTED_TYPE',
      Q13: 'not imported: UNSUPPORTED_TYPE',
      Q14: 'q14:single',
    });
    expect(r.questions.find((q) => q.source === 'Q12')!.notes[0].message).toMatch(/"R" \(ranking\) has no rondo counterpart/);
    expect(r.questions.find((q) => q.source === 'Q13')!.notes[0].message).toMatch(/"Z" is unknown/);
    expect(r.counts).toEqual({ questions: 14, items: 12, notImported: 2, warnings: expect.any(Number) });
    // The questionnaire passes the builder's own check for a study in nl and en.
    expect(checkQuestionnaire(r.questionnaire, CHECK).ok).toBe(true);
  });

  it('keeps Dutch and English labels, scales and bounds', () => {
    expect(r.languages).toEqual(['nl', 'en']);
    expect(r.questionnaire!.title).toEqual({ nl: 'Evaluatie training & praktijk', en: 'Training & practice evaluation' });
    expect(r.questionnaire!.sections.map((s) => [s.key, s.title.nl, s.title.en])).toEqual([
      ['g_over_u', 'Over u', 'About you'],
      ['g_afsluiting', 'Afsluiting', 'Closing'],
    ]);
    expect(itemOf(r, 'q1')).toMatchObject({
      type: 'single',
      required: true,
      text: { nl: 'Wat is uw functie?', en: 'What is your role?' },
      options: [
        { code: 1, label: { nl: 'Jeugdverpleegkundige', en: 'Youth nurse' } },
        { code: 2, label: { nl: 'Jeugdarts', en: 'Youth doctor' } },
        { code: 3, label: { nl: 'Anders', en: 'Other' } },
      ],
    });
    expect(notes(r, 'Q1')).toContain('CODES_RENUMBERED');
    const likert = itemOf(r, 'q3_sq002');
    expect(likert).toMatchObject({ type: 'likert', text: { nl: 'Hoe eens bent u het met: — ik pas het toe' } });
    expect(likert.type === 'likert' && likert.scale.points.map((p) => [p.code, p.label.en])).toEqual([
      [1, 'Strongly disagree'],
      [2, 'Disagree'],
      [3, 'Neutral'],
      [4, 'Agree'],
      [5, 'Strongly agree'],
    ]);
    expect(itemOf(r, 'q4')).toMatchObject({ type: 'number', min: 0, max: 60, integer: true });
    expect(itemOf(r, 'q11_sq001')).toMatchObject({ type: 'rating', min: 1, max: 5 });
    expect(itemOf(r, 'q9')).toMatchObject({ type: 'text', multiline: true, maxLength: 2000 });
    expect(r.questionnaire!.sections[1].intro).toEqual({ nl: 'Tot slot nog een paar vragen.', en: 'Finally a few more questions.' });
  });

  it('keeps HTML and script in labels as text, and reports piping, conditions, validation, "other" and comments', () => {
    expect(itemOf(r, 'q5').text.nl).toBe('<b>Naam</b> van uw team, {TOKEN:FIRSTNAME}?<script>alert(1)</script>');
    expect(notes(r, 'Q5')).toEqual(['HTML_KEPT_AS_TEXT', 'PIPING']);
    expect(notes(r, 'Q6')).toEqual(['CONDITION']);
    expect(r.questions.find((q) => q.source === 'Q6')!.notes[0].message).toContain('Q1.NAOK == "A1"');
    expect(notes(r, 'Q9')).toEqual(['CONDITION']);
    expect(notes(r, 'Q14')).toEqual(expect.arrayContaining(['VALIDATION', 'COMMENT']));
    expect(notes(r, 'Q2')).toContain('OTHER_OPTION');
    // Nothing dropped silently: every question became something, or says why not.
    for (const q of r.questions) expect(q.items.length > 0 || q.intro || q.notes.some((n) => n.severity === 'warning')).toBe(true);
  });

  it('never resolves an external entity: a DOCTYPE is refused and the local file is not read', () => {
    const dir = tempDir('rondo-xxe-');
    const secret = path.join(dir, 'secret.txt');
    fs.writeFileSync(secret, 'TOP-SECRET-7f3a');
    const xxe = fixture('xxe.lss.template').toString('utf8').replace('SECRET_PATH', secret);
    const report = readLimeSurvey(Buffer.from(xxe), 'xxe.lss', STUDY);
    expect(report.ok).toBe(false);
    expect(report.notes).toMatchObject([{ code: 'DOCTYPE', severity: 'error' }]);
    expect(report.questionnaire).toBeNull();
    expect(JSON.stringify(report)).not.toContain('TOP-SECRET');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads the LimeSurvey 4+ layout too: texts in question_l10ns, answer_l10ns and group_l10ns', () => {
    const row = (fields: Record<string, string | number>) =>
      `<row>${Object.entries(fields)
        .map(([k, v]) => `<${k}><![CDATA[${v}]]></${k}>`)
        .join('')}</row>`;
    const l10n = (rows: Record<string, string | number>[]) => rows.map((r, i) => row({ id: i + 1, ...r })).join('');
    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?><document><LimeSurveyDocType>Survey</LimeSurveyDocType>',
      `<groups><rows>${row({ gid: 5, sid: 1, group_order: 0 })}</rows></groups>`,
      `<group_l10ns><rows>${l10n([
        { gid: 5, group_name: 'Algemeen', language: 'nl' },
        { gid: 5, group_name: 'General', language: 'en' },
      ])}</rows></group_l10ns>`,
      `<questions><rows>${row({ qid: 7, parent_qid: 0, gid: 5, type: 'L', title: 'tevreden', question_order: 1 })}</rows></questions>`,
      `<question_l10ns><rows>${l10n([
        { qid: 7, question: 'Tevreden?', language: 'nl' },
        { qid: 7, question: 'Satisfied?', language: 'en' },
      ])}</rows></question_l10ns>`,
      `<answers><rows>${row({ aid: 70, qid: 7, code: '1', sortorder: 1, scale_id: 0 })}`,
      `${row({ aid: 71, qid: 7, code: '2', sortorder: 2, scale_id: 0 })}</rows></answers>`,
      `<answer_l10ns><rows>${l10n([
        { aid: 70, answer: 'Ja', language: 'nl' },
        { aid: 70, answer: 'Yes', language: 'en' },
        { aid: 71, answer: 'Nee', language: 'nl' },
        { aid: 71, answer: 'No', language: 'en' },
      ])}</rows></answer_l10ns>`,
      '</document>',
    ].join('\n');
    const four = readLimeSurvey(Buffer.from(xml), 'ls5.lss', STUDY);
    expect(four.ok).toBe(true);
    expect(four.questionnaire!.sections[0].title).toEqual({ nl: 'Algemeen', en: 'General' });
    expect(itemOf(four, 'tevreden')).toMatchObject({
      type: 'single',
      text: { nl: 'Tevreden?', en: 'Satisfied?' },
      options: [
        { code: 1, label: { nl: 'Ja', en: 'Yes' } },
        { code: 2, label: { nl: 'Nee', en: 'No' } },
      ],
    });
  });

  it('reports a file that is not XML, not a survey or too large, by code', () => {
    const code = (bytes: Buffer) => readLimeSurvey(bytes, 'x.lss', STUDY).notes.map((n) => n.code);
    expect(code(Buffer.from('<document><questions></document>'))).toEqual(['NOT_XML']);
    expect(code(Buffer.from('<?xml version="1.0"?><html><body/></html>'))).toEqual(['NOT_LIMESURVEY']);
    expect(code(Buffer.alloc(5 * 1024 * 1024 + 1, 32))).toEqual(['TOO_LARGE']);
    expect(code(Buffer.from('<document><questions><rows/></questions></document>'))).toEqual(['NO_QUESTIONS']);
  });
});

describe('a REDCap data dictionary (CSV)', () => {
  const r = readRedcap(fixture('dictionary.csv'), 'dictionary.csv', STUDY);

  it('maps every field type, and reports each one it cannot', () => {
    expect(r.ok).toBe(true);
    expect(became(r)).toEqual({
      record_id: 'record_id:text',
      team_name: 'team_name:text',
      age: 'age:number',
      hours: 'hours:number',
      start_date: 'start_date:text',
      remarks: 'remarks:text',
      role: 'role:single',
      region: 'region:single',
      tools: 'tools:multi',
      trained: 'trained:yesno',
      agree: 'agree:yesno',
      score: 'score:rating',
      intro_text: 'intro',
      bmi: 'not imported: CALCULATION',
      upload: 'not imported: UNSUPPORTED_TYPE',
      lookup: 'not imported: UNSUPPORTED_TYPE',
    });
    expect(checkQuestionnaire(r.questionnaire, CHECK).ok).toBe(true);
    expect(r.notes.map((n) => n.code)).toContain('ONE_LANGUAGE');
  });

  it('keeps codes, bounds and labels, and reports branching, piping, action tags and validation', () => {
    expect(itemOf(r, 'age')).toMatchObject({ type: 'number', min: 18, max: 70, integer: true, help: { nl: 'in jaren', en: 'in jaren' } });
    expect(itemOf(r, 'hours')).toMatchObject({ type: 'number', integer: false });
    expect(itemOf(r, 'role')).toMatchObject({
      required: true,
      options: [
        { code: 1, label: { nl: 'Jeugdverpleegkundige' } },
        { code: 2, label: { nl: 'Jeugdarts' } },
        { code: 3, label: { nl: 'Anders' } },
      ],
    });
    expect(notes(r, 'region')).toEqual(['CODES_RENUMBERED']);
    expect(itemOf(r, 'score')).toMatchObject({
      type: 'rating',
      min: 0,
      max: 100,
      minLabel: { nl: 'Helemaal niet' },
      maxLabel: { en: 'Heel erg' },
    });
    expect(itemOf(r, 'remarks')).toMatchObject({ type: 'text', multiline: true });
    expect(notes(r, 'tools')).toEqual(['PIPING', 'CONDITION']);
    expect(notes(r, 'trained')).toEqual(['ACTION_TAGS']);
    expect(notes(r, 'start_date')).toEqual(['VALIDATION']);
    expect(r.questionnaire!.sections.map((s) => s.key)).toEqual(['intake', 'intake_over_u', 'followup']);
    expect(r.questionnaire!.sections[2].intro?.nl).toBe('<p>Dank voor uw deelname.</p>');
  });

  it('notes a matrix group on each of its fields, and that a ranking matrix loses its ranking', () => {
    const head =
      '"Variable / Field Name","Form Name","Field Type","Field Label","Choices, Calculations, OR Slider Labels",' +
      '"Matrix Group Name","Matrix Ranking?"';
    const scale = '"1, Oneens | 2, Neutraal | 3, Eens"';
    const csv = [
      head,
      `sat_a,evaluatie,radio,"De inhoud",${scale},tevredenheid,`,
      `sat_b,evaluatie,radio,"De trainer",${scale},tevredenheid,`,
      `sat_c,evaluatie,radio,"De locatie",${scale},tevredenheid,`,
      `rank_a,evaluatie,radio,"Theorie","1, Eerst | 2, Tweede",rangorde,y`,
      `rank_b,evaluatie,radio,"Praktijk","1, Eerst | 2, Tweede",rangorde,y`,
      `alone,evaluatie,radio,"Los",${scale},,`,
    ].join('\r\n');
    const report = readRedcap(Buffer.from(csv), 'matrix.csv', STUDY);
    expect(report.ok).toBe(true);
    expect(report.counts).toMatchObject({ questions: 6, items: 6, notImported: 0 });
    const matrix = (q: string) => report.questions.find((x) => x.source === q)!.notes.filter((n) => n.code === 'MATRIX_GROUP');
    expect(matrix('sat_b')).toEqual([
      {
        code: 'MATRIX_GROUP',
        severity: 'info',
        message:
          'Part of matrix group "tevredenheid" (sat_a, sat_b, sat_c): each field becomes a question of its own, one after the other.',
      },
    ]);
    expect(matrix('rank_a')).toMatchObject([
      { severity: 'warning', message: expect.stringContaining('the ranking (each choice used once') },
    ]);
    expect(matrix('alone')).toEqual([]);
    expect(itemOf(report, 'sat_c')).toMatchObject({ type: 'single', options: [{ code: 1 }, { code: 2 }, { code: 3 }] });
  });

  it('reports a file that is not a data dictionary', () => {
    const report = readRedcap(Buffer.from('naam;email\r\nA;a@b.nl\r\n'), 'x.csv', STUDY);
    expect(report.ok).toBe(false);
    expect(report.notes.map((n) => n.code)).toEqual(['MISSING_COLUMNS']);
  });
});

describe('the instrument import through HTTP and the CLI', () => {
  let t: TestApp;
  let researcher: LoggedIn;
  let slug = '';
  let n = 0;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    slug = `instr-${++n}`;
    await createImhStudy(t.data.store.db, slug, { nl: 'Instrument', en: 'Instrument' });
    researcher = await loginAs(t, `i${n}@example.nl`, { role: 'researcher', study: slug });
  });
  const versions = () => t.data.store.sqlite.prepare('select count(*) from questionnaire_version').pluck().get() as number;
  const send = (source: string, bytes: Buffer, apply: boolean) =>
    t.app.inject({
      method: 'POST',
      url: `/api/studies/${slug}/questionnaire/import-instrument`,
      headers: researcher.headers,
      payload: { source, data: bytes.toString('base64'), fileName: source === 'redcap' ? 'dictionary.csv' : 'survey.lss', apply },
    });
  const itemIds = async () =>
    (await t.app.inject({ method: 'GET', url: `/api/studies/${slug}/questionnaire`, headers: researcher.headers }))
      .json()
      .definition.sections.flatMap((s: { items: { id: string }[] }) => s.items.map((i) => i.id));

  it('reports first and writes nothing, then replaces the questionnaire', async () => {
    const before = versions();
    const dry = await send('limesurvey', fixture('survey.lss'), false);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ ok: true, applied: false, counts: { items: 12 } });
    expect(versions()).toBe(before);
    expect(await itemIds()).toContain('know_problems');
    const applied = await send('limesurvey', fixture('survey.lss'), true);
    expect(applied.json()).toMatchObject({ ok: true, applied: true });
    expect(await itemIds()).toEqual(['q1', 'q2', 'q3_sq001', 'q3_sq002', 'q4', 'q5', 'q6', 'q8', 'q9', 'q10', 'q11_sq001', 'q14']);
  });

  it('writes nothing for an entity-laden or broken file, and answers 200 with the report, never 5xx', async () => {
    const before = versions();
    const xxe = fixture('xxe.lss.template').toString('utf8').replace('SECRET_PATH', '/etc/hostname');
    const res = await send('limesurvey', Buffer.from(xxe), true);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: false, applied: false, notes: [{ code: 'DOCTYPE' }] });
    expect((await send('redcap', Buffer.from('\u0000\u0001binary'), true)).json().notes[0].code).toBe('NOT_CSV');
    expect(versions()).toBe(before);
  });

  it('runs from the CLI: --dry-run reports, then the questionnaire is replaced', async () => {
    const dir = tempDir('rondo-instrument-cli-');
    const data = path.join(dir, 'data');
    const run = async (...args: string[]) => {
      let out = '';
      let err = '';
      const code = await main([...args, '--data', data], {
        out: (s) => void (out += s),
        err: (s) => void (err += s),
        env: { RONDO_LOG_LEVEL: 'warn' },
      });
      return { code, out, err };
    };
    expect((await run('demo')).code).toBe(0);
    const dict = path.join(DIR, 'dictionary.csv');
    const dry = await run('questionnaire', 'import', '--from-redcap', dict, '--study', '1000-kansen', '--dry-run');
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toMatch(/^dictionary\.csv: 16 questions → 12 items, 3 not imported, \d+ warnings/);
    expect(dry.out).toContain('bmi [calc] → not imported\n  warning CALCULATION: A calculated field');
    expect(dry.out).toMatch(/dry run: would be new version 2; nothing was written\n$/);
    const done = await run('questionnaire', 'import', '--from-redcap', dict, '--study', '1000-kansen');
    expect(done.code, done.err).toBe(0);
    expect(done.out).toMatch(/questionnaire replaced \(version 2\)\n$/);
    const usage = await run('questionnaire', 'import', 'x.json', '--from-redcap', dict, '--study', '1000-kansen');
    expect(usage.code).not.toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
